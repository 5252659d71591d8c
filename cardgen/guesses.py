"""The importer's guesses from words: an exercise's kind and area, what a note under it is (a
dose, a caution and what it is for, a variation, a cue), and whether a line is only a link.

Rules of thumb for English notes, used by ``placing``; anything they get wrong, the importer's
report and the catalogue's own checks let people put right.
"""

from __future__ import annotations

import re
from typing import Any

from cardgen.catalogue import check_web_address
from cardgen.phrases import kebab, read_dose
from cardgen.vocabulary import DEFAULT_AREAS, DEFAULT_KINDS

_DOSE_LABEL = re.compile(r"^(dose|reps|sets)\s*[:=-]\s*", re.IGNORECASE)
_CAUTION = re.compile(
    r"\bavoid|\bif (?:you(?:'re| are)? )?(?:having|have|with)\b.*\b(?:issues?|problems?|pain|injur(?:y|ies))\b",
    re.IGNORECASE,
)
_FLAG = re.compile(
    r"\bif (?:you(?:'re| are)? )?(?:having|have|with) (?:an? |any )?(.+?) (?:issues?|problems?|pain|injur(?:y|ies))\b",
    re.IGNORECASE,
)

# Checked in this order, so "Rope jump" is swiftness, not explosive.
_KINDS = [
    ("warm-up", re.compile(r"warm", re.IGNORECASE)),
    ("swiftness", re.compile(r"rope|drill|swift|agility", re.IGNORECASE)),
    ("explosive", re.compile(r"jump|plyo|box|explosive|bound|\bhops?\b", re.IGNORECASE)),
]
KIND_TITLES = {kind.id: kind.name for kind in DEFAULT_KINDS}
AREA_NAMES = {area.id: area.name for area in DEFAULT_AREAS}
_AREAS = [
    ("calves", re.compile(r"\bcal(f|ves)\b", re.IGNORECASE)),
    ("core", re.compile(r"\bcore\b|\babs\b|\babdominals?\b|\btrunk\b", re.IGNORECASE)),
    ("legs", re.compile(r"quad|hamstring|glute|\blegs?\b|\bthighs?\b", re.IGNORECASE)),
]


def kind_of(words: str) -> str:
    """The kind the words of an exercise (its name, cues and heading) suggest; strength by default."""
    return next((kind for kind, pattern in _KINDS if pattern.search(words)), "strength")


def area_of(title: str) -> str | None:
    """The default area a heading names ("Calf work", "Core"), if any."""
    return next((area for area, words in _AREAS if words.search(title)), None)


def without_label(note: str) -> str:
    """``Dose: 3x10`` as ``3x10``."""
    return _DOSE_LABEL.sub("", note)


def caution_in(note: str) -> dict[str, Any] | None:
    """A note that warns ("avoid…", "if you have knee pain…") as a caution, flagged for what it is
    about when it says; None for any other note."""
    if not _CAUTION.search(note):
        return None
    flag = _FLAG.search(note)
    return {"text": note} | ({"flags": [kebab(flag[1])]} if flag and kebab(flag[1]) else {})


def quiet_dose(text: str, habit: str) -> bool:
    """Whether ``text`` is a dose, even one that can't be right (the problem is told where it is read)."""
    try:
        return bool(read_dose(text, habit))
    except ValueError:
        return True


def only_a_link(text: str, title: str) -> bool:
    """Whether a line says nothing but its link: "[Demo](url)", "<url>", "see https://…", "Video: url"."""
    return text in ("", title) or bool(re.fullmatch(r"(?:see|watch|video|demo|link|here)\W*", text, re.IGNORECASE))


def web_address(url: str) -> bool:
    try:
        check_web_address(url)
    except ValueError:
        return False
    return True
