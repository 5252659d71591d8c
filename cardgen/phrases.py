"""Doses as people write them in their notes, read into what a catalogue says.

``read_dose("3 x 10 @ 16 kg", habit)`` and ``split_item("Step-ups 12x3")`` understand the common
ways of writing how much to do: ``15x3``, ``3 x 10``, ``10-15x3``, ``10 each side``, ``2 min``,
``30 s hold x3``, ``10 each side, 3 rounds``, ``3 sets of 8``, with a load (``@ 16 kg``) kept apart.

Whether ``3 x 10`` is 3 sets of 10 or 10 sets of 3 is a habit of the writer: :func:`page_habit`
decides it from every such dose on the page, so one page reads one way throughout.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from cardgen.dose import MOST_SETS_IN_SHORTHAND, Dose

REPS_FIRST, SETS_FIRST = "reps-first", "sets-first"
MAX_ID_LENGTH = 80

# "Calf walk - can serve as a warmup.": a name, then a remark about it.
_REMARK = re.compile(r"\s+[-–—]\s+|:\s+")

_RANGE = r"\d+(?:\s*(?:-|–|to)\s*\d+)?"
_LOAD = re.compile(
    r"(?:@|\bat\b|\bwith\b)\s*(\d+(?:[.,]\d+)?)\s*(kg|kgs|kilos?|lbs?|pounds?|%)(?:\s|$|\b)\.?", re.IGNORECASE
)
_EFFORT = re.compile(r"\s*@\s*([^@]+)$")  # "@ RPE 8", "@ easy pace": how hard, said as a cue
_SIDE = re.compile(
    r"\b(?:each|per|a)\s+(?:side|leg|arm|way|direction)s?\b|/\s*(?:side|leg|arm)\b|\beach$", re.IGNORECASE
)
_SETS_WORD = re.compile(r"(?:[x×*]\s*)?\b(\d+)\s*(?:sets?|rounds?)\b(?:\s+of\b)?", re.IGNORECASE)
_UNIT = r"(?:s|secs?|seconds?|min|mins|minutes?|reps?)\b"
_AMOUNT = re.compile(rf"^(?P<amount>{_RANGE})\s*(?P<unit>{_UNIT})?\s*(?P<hold>hold\b)?$", re.IGNORECASE)
_TIMES = re.compile(
    rf"^(?P<left>{_RANGE}\s*(?:{_UNIT})?\s*(?:hold\b)?)\s*[x×*]\s*(?P<right>{_RANGE}\s*(?:{_UNIT})?\s*(?:hold\b)?)$",
    re.IGNORECASE,
)
_EQUIPMENT = re.compile(
    r"^(?:with (?:a |an )?)?(band|bands|box|wall|rope|bench|mat|step|kettlebell|dumbbells?|barbell|weights?|"
    r"resistance band|mini band|loop band|cable|ball|medicine ball|chair|sliders?|foam roller)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """What a dose phrase says: the dose as the catalogue writes it, and a load kept apart."""

    dose: str | dict
    load: str | None = None  # "16 kg", "35 lb", "75 %"
    effort: str | None = None  # what followed an "@" that isn't a load: "RPE 8"
    against: str | None = None  # how a pair was read against the page's habit, to say so


def page_habit(texts: list[str]) -> tuple[str, str | None]:
    """REPS_FIRST or SETS_FIRST for the page's ``A x B`` doses, and an example of the deciding kind.
    A pair whose first number is larger (15x3) is written reps first; smaller (3 x 10), sets first;
    a range says which side the reps are on (10-15x3). Most votes win; a tie is the shorthand's
    own REPSxSETS."""
    votes: dict[str, list[str]] = {REPS_FIRST: [], SETS_FIRST: []}
    for text in texts:
        for match in re.finditer(rf"(?<![\w.])({_RANGE})\s*[x×*]\s*({_RANGE})(?![\w.])", text, re.IGNORECASE):
            left, right = match[1], match[2]
            if _is_range(left) != _is_range(right):
                votes[REPS_FIRST if _is_range(left) else SETS_FIRST].append(match[0])
            elif not _is_range(left) and int(left) != int(right):
                votes[REPS_FIRST if int(left) > int(right) else SETS_FIRST].append(match[0])
    habit = SETS_FIRST if len(votes[SETS_FIRST]) > len(votes[REPS_FIRST]) else REPS_FIRST
    return habit, votes[habit][0] if votes[habit] else None


def read_dose(phrase: str, habit: str = REPS_FIRST) -> Reading | None:
    """The dose ``phrase`` says, or None when it isn't a dose; ValueError when it is one that
    can't be right (more sets than anyone does, say)."""
    text = phrase.strip().strip(".;")
    load = against = None
    found = _LOAD.search(text)
    if found:
        load = f"{found[1]} {found[2]}"
        text = text[: found.start()] + text[found.end() :]
    effort = _EFFORT.search(text)
    if effort:
        text = text[: effort.start()]
    each_side = bool(_SIDE.search(text))
    text = _SIDE.sub(" ", text)
    sets = None
    found = _SETS_WORD.search(text)
    if found:
        sets = int(found[1])
        text = text[: found.start()] + " " + text[found.end() :]
    text = " ".join(re.sub(r"^(?:[\s,:;(\-–—]|[x×*]\s)+|[\s,:;)\-–—]+$", "", text).split())
    text = re.sub(r"\s*,\s*", " ", text)
    amount = _AMOUNT.match(text)
    pair = _TIMES.match(text)
    if amount:
        low, high, unit = _amount(amount["amount"], amount["unit"], amount["hold"])
    elif pair and sets is None:
        left, right = pair["left"].strip(), pair["right"].strip()
        # The side with a unit or a range is the amount; else the page's habit says.
        if not (_has_unit(left) or _is_range(left) or _has_unit(right) or _is_range(right)):
            # Only the habit says which is which; a pair that can't be right that way (3 x 10 as 10
            # sets of 3, 12x3 as 12 sets) but can the other way is read the other way, and said so.
            first, second = int(left), int(right)
            reps, sets = (first, second) if habit == REPS_FIRST else (second, first)
            if not _plausible(sets, reps, habit) and _plausible(reps, sets, _other(habit)):
                reps, sets = sets, reps
                first_named = "sets" if habit == REPS_FIRST else "reps"
                against = f"{sets} sets of {reps} reps ({first_named} first, unlike most of the page)"
            low, high, unit = reps, None, "reps"
        else:
            amount_text, sets_text = (
                (left, right) if _has_unit(left) or (_is_range(left) and not _has_unit(right)) else (right, left)
            )
            if _is_range(sets_text) or _has_unit(sets_text):
                return None
            sets = int(sets_text)
            parts = _AMOUNT.match(amount_text)
            assert parts, amount_text  # _TIMES matched it as an amount
            low, high, unit = _amount(parts["amount"], parts["unit"], parts["hold"])
    elif not text and each_side and sets:  # "each side, 3 rounds" names no amount
        return None
    else:
        return None
    if sets is not None and sets > MOST_SETS_IN_SHORTHAND:
        raise ValueError(
            f"'{phrase.strip()}' reads as {sets} sets, more than anyone does: write the sets and reps "
            f"the other way round ({'REPS x SETS' if habit == REPS_FIRST else 'SETS x REPS'}, "
            "as on the rest of the page)"
        )
    if sets is not None and unit == "reps" and habit == REPS_FIRST and sets > low and not high and not against:
        raise ValueError(
            f"'{phrase.strip()}' reads as {sets} sets of {low} reps: "
            f"write it as {low}x{sets} or as {sets} sets of {low}"
        )
    return Reading(_written(sets, low, high, unit, each_side), load, effort[1].strip() if effort else None, against)


def _plausible(sets: int, reps: int, habit: str) -> bool:
    """Whether ``sets`` of ``reps`` is a dose people do, read with ``habit``: never more than 10
    sets, and in REPSxSETS never more sets than reps (that is the sets-first habit's look)."""
    return sets <= MOST_SETS_IN_SHORTHAND and (habit == SETS_FIRST or sets <= reps)


def _other(habit: str) -> str:
    return SETS_FIRST if habit == REPS_FIRST else REPS_FIRST


@dataclass(frozen=True)
class ItemParts:
    """An item as written, "Clamshells 15x3 (band)", in parts: the name ("Clamshells"), the dose
    (15x3), the parentheses after the dose (["band"]), and why a dose-like ending could not be read."""

    name: str
    reading: Reading | None = None
    asides: tuple[str, ...] = ()
    problem: str | None = None


def split_item(text: str, habit: str = REPS_FIRST) -> ItemParts:
    """The name, dose and asides of an item; a name with no dose comes back whole."""
    asides: list[str] = []
    rest = text.strip()
    while (found := re.search(r"\s*\(([^()]*)\)\s*$", rest)) and _dose_at_end(rest[: found.start()], habit):
        asides.insert(0, found[1].strip())
        rest = rest[: found.start()]
    ending = _dose_at_end(rest, habit)
    if not ending:
        return ItemParts(text.strip())
    start, reading, problem = ending
    name = re.sub(r"(?:\s*[,:;\-–—]+|\s+[x×])$", "", rest[:start].strip())
    return ItemParts(name, reading, tuple(asides), problem)


def is_equipment(text: str) -> bool:
    return bool(_EQUIPMENT.match(text.strip()))


def _dose_at_end(text: str, habit: str) -> tuple[int, Reading | None, str | None] | None:
    """Where the longest dose ending ``text`` starts, after a name: (start, reading, None), or
    (start, None, why) for a dose that can't be right."""
    for start in _split_points(text):
        if not re.search(r"[^\W\d_]", text[:start]):
            continue
        try:
            reading = read_dose(text[start:], habit)
        except ValueError as error:
            return start, None, str(error)
        if reading:
            return start, reading, None
    return None


def _split_points(text: str) -> list[int]:
    """Where a dose may start: after a separator, or at a word beginning with a digit."""
    points = [m.end() for m in re.finditer(r"\s+[-–—]\s+|[,:;]\s*", text)]
    points += [m.start() for m in re.finditer(r"(?<=\s)\d", text)]
    return sorted(set(point for point in points if 0 < point < len(text)))


def _is_range(text: str) -> bool:
    return bool(re.search(r"\d\s*(?:-|–|to)\s*\d", text))


def _has_unit(text: str) -> bool:
    return bool(re.search(rf"\d\s*{_UNIT}|hold", text, re.IGNORECASE))


def _amount(amount: str, unit: str | None, hold: str | None) -> tuple[int, int | None, str]:
    numbers = [int(n) for n in re.findall(r"\d+", amount)]
    unit = (unit or "").lower()
    per = 60 if unit.startswith("min") else 1
    kind = "hold" if hold else ("time" if unit and not unit.startswith("rep") else "reps")
    return numbers[0] * per, numbers[1] * per if len(numbers) > 1 else None, kind


def _written(sets: int | None, low: int, high: int | None, unit: str, each_side: bool) -> str | dict:
    """The dose as the catalogue writes it: the REPSxSETS shorthand where it reads back the same,
    else spelled out."""
    spelled = {"sets": sets, unit: f"{low}-{high}" if high else low, "each_side": each_side}
    spelled = {key: value for key, value in spelled.items() if value not in (None, False)}
    wanted = Dose.model_validate(spelled)
    if unit == "reps":
        amount = f"{low}-{high}" if high else f"{low}"
    else:
        minutes = low % 60 == 0 and (high or 0) % 60 == 0
        amount = (
            (f"{low // 60}-{high // 60}" if high else f"{low // 60}") + " min"
            if minutes
            else (f"{low}-{high}" if high else f"{low}") + " s"
        )
        amount += " hold" if unit == "hold" else ""
    shorthand = (
        amount + ((" " if unit != "reps" else "") + f"x{sets}" if sets else "") + (" each side" if each_side else "")
    )
    try:
        if Dose.parse(shorthand) == wanted:
            return shorthand
    except ValueError:
        pass
    return spelled


# Names: ids made of them, and the exercises a routine's step names.


def name_and_remark(text: str) -> tuple[str, str]:
    parts = _REMARK.split(text, maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 and parts[0].strip() else (text.strip(), "")


def kebab(name: str) -> str:
    """``calf-raise`` from "Calf raise": lowercase ASCII words joined by dashes."""
    ascii_name = (
        unicodedata.normalize("NFKD", re.sub(r"['’]", "", name)).encode("ascii", "ignore").decode()
    )  # World's: worlds
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    text = ""
    for word in words:
        if len(text) + len(word) + 1 > MAX_ID_LENGTH - 4:  # room for a "-2" to keep ids unique
            break
        text = f"{text}-{word}" if text else word
    return text


def unique_id(wanted: str, taken: set[str]) -> str:
    candidate, count = wanted, 1
    while candidate in taken:
        count += 1
        candidate = f"{wanted}-{count}"
    return candidate


def exercises_named(text: str, exercises: list[dict[str, Any]]) -> list[str]:
    """The ids of the exercises a routine's step names: "Squat/lounge", "Calf/Toe raise", "Plank - flat/side"."""
    head = name_and_remark(text)[0]
    parts = [p for p in re.split(r"\s*(?:/|&|\+|,|\band\b|\bthen\b)\s*", head) if p.strip()]
    shared_tail = parts[-1].split()[1:] if parts else []
    found: list[str] = []
    for part in parts:
        # "Calf/Toe raise" is "Calf raise" and "Toe raise".
        candidates = [f"{part} {' '.join(shared_tail)}", part] if len(part.split()) == 1 and shared_tail else [part]
        match = next((m for m in map(lambda c: best_match(c, exercises), candidates) if m), None)
        if match and match not in found:
            found.append(match)
    return found


def best_match(wanted: str, exercises: list[dict[str, Any]]) -> str | None:
    wanted = " ".join(wanted.casefold().split())
    names = {e["id"]: " ".join(e["name"].casefold().split()) for e in exercises}
    for test in (
        lambda name: name == wanted,
        lambda name: name.startswith(wanted + " "),
        lambda name: re.search(rf"\b{re.escape(wanted)}\b", name),
    ):
        match = next((exercise_id for exercise_id, name in names.items() if test(name)), None)
        if match:
            return match
    close = difflib.get_close_matches(wanted, list(names.values()), n=1, cutoff=0.85)
    return next((exercise_id for exercise_id, name in names.items() if close and name == close[0]), None)
