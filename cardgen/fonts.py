"""The fonts cardgen prints with, shipped inside the package so every machine prints the same.

Cardgen Sans (Inter, subset) sets Latin, Greek and Cyrillic; Cardgen CJK (Noto Sans CJK SC,
subset) sets Chinese, Japanese and Korean, and Cardgen CJK JP the Japanese forms of the kanji
that differ (for text marked ``lang="ja"``); Cardgen Arabic, Hebrew, Devanagari and Thai (Noto
Sans) set those scripts. All are OFL; their licences sit beside them (see fonts/README.md).
"""

from __future__ import annotations

import base64
import bisect
import functools
import io
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from cardgen.errors import Problem

FONT_DIR = Path(__file__).parent / "fonts"


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: int
    file: str
    style: str = "normal"

    @property
    def path(self) -> Path:
        return FONT_DIR / self.file


FACES = (
    FontFace("Cardgen Sans", 400, "Inter-Regular.otf"),
    FontFace("Cardgen Sans", 400, "Inter-Italic.otf", "italic"),
    FontFace("Cardgen Sans", 600, "Inter-SemiBold.otf"),
    FontFace("Cardgen Sans", 800, "Inter-ExtraBold.otf"),
    FontFace("Cardgen CJK", 400, "NotoSansCJK-Regular.otf"),
    FontFace("Cardgen CJK", 700, "NotoSansCJK-Bold.otf"),
    FontFace("Cardgen CJK JP", 400, "NotoSansCJKjp-Regular.otf"),
    FontFace("Cardgen CJK JP", 700, "NotoSansCJKjp-Bold.otf"),
    *(
        FontFace(f"Cardgen {script}", weight, f"NotoSans{script}-{style}.ttf")
        for script in ("Arabic", "Hebrew", "Devanagari", "Thai")
        for weight, style in ((400, "Regular"), (700, "Bold"))
    ),
)

# The script a name is written in, where it says the language: a screen reader then reads the
# name in that language's voice, and Japanese (any kana) prints with Japanese kanji forms.
# Kanji alone (田中), Cyrillic or Latin say nothing certain, so they get no language of their own.
SCRIPT_LANGUAGES = (
    ("ja", ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))),  # hiragana, katakana
    ("ko", ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F))),  # Hangul
    ("ar", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))),
    ("he", ((0x0590, 0x05FF),)),
    ("hi", ((0x0900, 0x097F),)),  # Devanagari: Hindi by far the most often (also Marathi, Nepali)
    ("th", ((0x0E00, 0x0E7F),)),
)


def script_language(text: str) -> str | None:
    """The language ``text``'s script tells (``"ja"`` for さくら 田中), or None."""
    for language, ranges in SCRIPT_LANGUAGES:
        if any(low <= ord(character) <= high for character in text for low, high in ranges):
            return language
    return None


# Which characters each bundled family draws, as ranges of code points under the family's name:
# written by tools/make_fonts.py (or `python -m cardgen.fonts`) when the fonts change, and read at
# every run instead of opening the fonts (a test checks it against them).
COVERAGE = FONT_DIR / "coverage.txt"


class Ranges:
    """Code points as sorted, disjoint ranges: ``point in ranges`` is a binary search."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.firsts = [first for first, _ in ranges]
        self.lasts = [last for _, last in ranges]

    def __contains__(self, point: int) -> bool:
        index = bisect.bisect_right(self.firsts, point) - 1
        return index >= 0 and point <= self.lasts[index]


@functools.cache
def coverage() -> dict[str, Ranges]:
    """For each bundled family, the characters it draws."""
    return {family: Ranges(ranges) for family, ranges in _coverage_ranges().items()}


@functools.cache
def covered() -> Ranges:
    """Every character some bundled font draws."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(r for ranges in _coverage_ranges().values() for r in ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return Ranges(merged)


@functools.cache
def _coverage_ranges() -> dict[str, list[tuple[int, int]]]:
    families: dict[str, list[tuple[int, int]]] = {}
    for line in COVERAGE.read_text(encoding="ascii").splitlines():
        if line.startswith("# "):
            ranges = families.setdefault(line[2:], [])
        elif line:
            start, _, end = line.partition("-")
            ranges.append((int(start, 16), int(end or start, 16)))
    return families


# The order the families are tried in, for each character, as templates/style/common.css names
# them: --font for every text, --font-ja for text in Japanese.
STACKS = (
    ("Cardgen Sans", "Cardgen CJK", "Cardgen Arabic", "Cardgen Hebrew", "Cardgen Devanagari", "Cardgen Thai"),
    ("Cardgen Sans", "Cardgen CJK JP", "Cardgen CJK"),
)


def families_drawing(text: str) -> set[str]:
    """The bundled families that would draw some character of ``text``: for each character, the
    first family of a stack that has it (Cardgen Sans always)."""
    families = coverage()
    needed = {"Cardgen Sans"}
    for point in {ord(character) for character in set(text)}:
        for stack in STACKS:
            first = next((family for family in stack if point in families[family]), None)
            if first:
                needed.add(first)
    return needed


def coverage_from_fonts() -> str:
    """The text of COVERAGE, read from the fonts themselves."""
    from fontTools.ttLib import TTFont

    families: dict[str, set[int]] = {}
    for face in FACES:
        families.setdefault(face.family, set()).update(TTFont(face.path, lazy=True).getBestCmap())
    lines = []
    for family, drawn in families.items():
        points = sorted(drawn)
        lines.append(f"# {family}")
        start = None
        for index, point in enumerate(points):
            start = point if start is None else start
            if index + 1 == len(points) or points[index + 1] != point + 1:
                lines.append(f"{start:04X}" if start == point else f"{start:04X}-{point:04X}")
                start = None
    return "\n".join(lines) + "\n"


def glyph_warnings(document, within: tuple = ()) -> list[Problem]:
    """A warning for each text of a YAML document (a ``source.Document``), or of the part of it at
    path ``within``, that has characters no bundled font draws: they would print as boxes, or in
    whatever font the machine has. One a text, naming the scripts (or the characters) missing."""
    warnings = []
    for path, text in document.strings():
        if tuple(path[: len(within)]) != tuple(within):
            continue
        missing = [
            character
            for character in dict.fromkeys(text)
            if not character.isspace()
            and unicodedata.category(character) not in ("Cc", "Cf")
            and ord(character) not in covered()
        ]
        if missing:
            problem = document.problem(path, f"no bundled font draws {_missing(missing)}; it would print as boxes")
            # The whole text when it is short enough for the warning line to stay under 300 characters.
            room = max(20, 290 - len(f"warning: {problem}") - 4)
            shown = text if len(text) <= room else text[: room - 1] + "…"
            warnings.append(replace(problem, message=f"'{shown}': {problem.message}"))
    return warnings


def _missing(characters: list[str]) -> str:
    """``Devanagari``, ``Ethiopic or Tibetan``, ``'🏃' (U+1F3C3 RUNNER)``: scripts by name, symbols one by one."""
    from fontTools.unicodedata import script, script_name

    scripts = list(
        dict.fromkeys(script_name(script(c)) for c in characters if script(c) not in ("Zyyy", "Zinh", "Zzzz"))
    )
    others = [c for c in characters if script(c) in ("Zyyy", "Zinh", "Zzzz")]
    named = [f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})" for c in others[:3]]
    if len(others) > 3:
        named.append(f"{len(others) - 3} more")
    return " or ".join([", ".join(scripts[:4])] * bool(scripts) + [", ".join(named)] * bool(named))


def glyph_warnings_in(files, runner: str | None = None) -> list[Problem]:
    """``glyph_warnings`` for each of the YAML ``files`` that exists (already checked, so readable);
    with ``runner``, a roster's only for that runner (what their card or sheet prints)."""
    from cardgen.errors import ProblemsFound
    from cardgen.source import read_yaml

    warnings = []
    for file in files:
        try:
            document = read_yaml(Path(file))
        except ProblemsFound:
            continue  # an unreadable file has its own problems to report
        runners = document.data.get("runners") if isinstance(document.data, dict) else None
        within: tuple = ()
        if runner is not None and isinstance(runners, list):
            wanted = runner.strip().casefold()
            index = next(
                (
                    i
                    for i, r in enumerate(runners)
                    if isinstance(r, dict) and str(r.get("name", "")).strip().casefold() == wanted
                ),
                None,
            )
            within = ("runners", index)
        warnings.extend(glyph_warnings(document, within))
    return warnings


def font_face_css(families: set[str] | None = None) -> str:
    """``@font-face`` rules that load the bundled fonts (of ``families``, else all) from the package."""
    return "\n".join(_rule(face, face.path.as_uri()) for face in FACES if families is None or face.family in families)


def embedded_font_face_css(text: str) -> str:
    """``@font-face`` rules with each font cut down to the characters of ``text`` and inlined,
    for an HTML preview that opens anywhere without the package beside it."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    characters = {ord(c) for c in text} | set(range(0x20, 0x7F))
    rules = []
    latin: set[int] = set()
    for face in FACES:
        font = TTFont(face.path, recalcTimestamp=False)  # the same text gives the same preview
        available = characters & set(font.getBestCmap())
        if face.family == "Cardgen Sans":
            latin |= available
        else:
            available -= latin  # the CJK faces only for what the Latin ones lack
        if not available:
            continue
        options = subset.Options()
        options.layout_features = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=available)
        subsetter.subset(font)
        font.flavor = "woff2" if _has_brotli() else None
        buffer = io.BytesIO()
        font.save(buffer)
        mime = "font/woff2" if font.flavor else "font/otf"
        rules.append(_rule(face, f"data:{mime};base64,{base64.b64encode(buffer.getvalue()).decode()}"))
    return "\n".join(rules)


def _rule(face: FontFace, url: str) -> str:
    return (
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
        f'font-style: {face.style}; src: url("{url}"); }}'
    )


def _has_brotli() -> bool:
    try:
        import brotli  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":  # python -m cardgen.fonts: write the coverage table again
    COVERAGE.write_text(coverage_from_fonts(), encoding="ascii")
