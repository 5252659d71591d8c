"""Markdown training notes turned into a catalogue: the stage before ``catalogue``, for runners
who keep their training in a notes page rather than in YAML.

``import_notes(file)`` reads the notes and returns what it found as plain data in the catalogue's
shape, with a :class:`Problem` for every line it could not place, every link it left out and every
guess it made, so nothing the runner wrote disappears unnoticed. ``write_catalogue(imported, folder)``
writes ``exercises.yaml``, ``routines.yaml`` and ``theory.yaml``; ``load_catalogue`` then checks them.

The notes are read the way the bundled catalogue's notes are written:

- Areas are headings (``### Calves`` under ``## By Area``, or ``## Legs`` on their own level).
- Exercises are the list items of an area (``1. Squat``, ``1. [Calf raise](video)``, ``- Squat``),
  each with notes in a list indented below: a dose (``15x3``, ``10-15x3``, ``5-8 each side``),
  ``Optional ...`` (a variation), a line with "avoid" or "if having ... issue" (a caution), or a cue.
- A heading with "Training" or "Routine" holds a routine: a numbered list of what to do, in order.
- A heading with "Theory" holds the theory: its list the aspects, its sub-headings the sections,
  and its links (with every link standing alone on a line anywhere) the further watching.

Text is kept as written, typos and all; only surrounding spaces are trimmed. Nothing is invented:
an exercise without a dose in the notes gets none.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from cardgen.catalogue import FILES, check_web_address
from cardgen.dose import Dose
from cardgen.errors import Problem, UserError
from cardgen.output import write_atomically
from cardgen.qr import start_second, video_link

MAX_NOTES_BYTES = 2 * 1024 * 1024
MAX_ID_LENGTH = 80

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_BARE_URL = re.compile(r"^<?(https?://\S+?)>?$", re.IGNORECASE)
# "Calf walk - can serve as a warmup.": a name, then a remark about it.
_REMARK = re.compile(r"\s+[-–—]\s+|:\s+")
_DOSE_LIKE = re.compile(r"^\d+(\s*[-–]\s*\d+)?\s*(x|×|\*|s\b|secs?\b|seconds?\b|min|reps?\b|each\b|per\b|hold\b|$)", re.IGNORECASE)
_DOSE_LABEL = re.compile(r"^(dose|reps|sets)\s*[:=-]\s*", re.IGNORECASE)
_CAUTION = re.compile(r"\bavoid|\bif (?:you(?:'re| are)? )?(?:having|have|with)\b.*\b(?:issues?|problems?|pain|injur(?:y|ies))\b", re.IGNORECASE)
_FLAG = re.compile(r"\bif (?:you(?:'re| are)? )?(?:having|have|with) (?:an? |any )?(.+?) (?:issues?|problems?|pain|injur(?:y|ies))\b", re.IGNORECASE)

# Checked in this order, so "Rope jump" is swiftness, not explosive.
_KINDS = [
    ("warm-up", re.compile(r"warm", re.IGNORECASE)),
    ("swiftness", re.compile(r"rope|drill|swift|agility", re.IGNORECASE)),
    ("explosive", re.compile(r"jump|plyo|box|explosive|bound", re.IGNORECASE)),
]
_KIND_TITLES = {"warm-up": "Warm-up", "strength": "Strength", "explosive": "Explosive", "swiftness": "Swiftness"}
_AREAS = [
    ("calves", re.compile(r"\bcal(f|ves)\b|\bankles?\b|\bshins?\b|\bfeet\b|\bfoot\b", re.IGNORECASE)),
    ("core", re.compile(r"\bcore\b|\babs\b|\babdominals?\b|\btrunk\b", re.IGNORECASE)),
    ("legs", re.compile(r"quad|hamstring|glute|\blegs?\b|\bhips?\b|\bthighs?\b", re.IGNORECASE)),
]
_ROLES = [
    ("theory", re.compile(r"\btheory\b|\bwhy\b", re.IGNORECASE)),
    ("routine", re.compile(r"training|routine|session|workout", re.IGNORECASE)),
    ("areas", re.compile(r"\bby area\b|\bexercises\b", re.IGNORECASE)),
]


@dataclass
class Imported:
    """What the notes hold, in the catalogue's shape, and what could not be placed."""

    source: Path
    exercises: list[dict[str, Any]]
    routines: list[dict[str, Any]]
    theory: dict[str, Any]
    problems: list[Problem]
    areas: dict[str, str] = field(default_factory=dict)  # exercise id -> the heading it came under


@dataclass
class _Line:
    number: int
    indent: int
    marker: str | None  # "-", "*", "+", "1." for a list item; None for a line of a paragraph
    text: str

    @property
    def blank(self) -> bool:
        return self.marker is None and not self.text


@dataclass
class _Section:
    level: int
    title: str
    number: int
    lines: list[_Line] = field(default_factory=list)
    role: str = "unknown"
    area: str | None = None


@dataclass
class _Draft:
    """An exercise being read: its item line and the notes indented below it."""

    number: int
    text: str
    heading: str
    area: str
    notes: list[_Line] = field(default_factory=list)


class _Reader:
    def __init__(self, file: Path):
        self.file = file
        self.problems: list[Problem] = []
        self.exercises: list[dict[str, Any]] = []
        self.headings: dict[str, str] = {}
        self.routines: list[dict[str, Any]] = []
        self.watching: list[dict[str, str]] = []
        self.theory: dict[str, Any] = {}

    # Reporting: every line ends up somewhere, or here.

    def unplaced(self, line: _Line, why: str = "") -> None:
        marker = f"{line.marker} " if line.marker else ""
        self.note(line.number, f"could not place: {marker}{line.text}" + (f" ({why})" if why else ""))

    def note(self, number: int, message: str) -> None:
        self.problems.append(Problem(self.file, number, "", message))

    def plain(self, line_number: int, text: str) -> tuple[str, list[tuple[str, str]]]:
        """``text`` with its Markdown links replaced by their words, and the web links it held;
        a link that is not a web address is reported as left out."""
        links = []
        for title, url in _LINK.findall(text):
            if _web_address(url):
                links.append((title.strip(), url))
            else:
                self.note(line_number, f"left out the link '{url}' of '{title}': not a web address")
        return " ".join(_LINK.sub(lambda m: m[1], text).split()), links

    def watch(self, title: str, url: str) -> None:
        url = video_link(url)
        if all(link["url"] != url for link in self.watching):
            self.watching.append({"title": title or url, "url": url})

    def only_link(self, line: _Line) -> bool:
        """Place a line that is nothing but a link (or a bare address) in further watching."""
        link = _only_link(line.text)
        if link and _web_address(link[1]):
            self.watch(*link)
            return True
        return False

    # Areas and their exercises.

    def read_exercises(self, section: _Section) -> None:
        drafts: list[_Draft] = []
        base = None
        for line in section.lines:
            if line.blank:
                continue
            if line.marker and (base is None or line.indent <= base):
                base = line.indent if base is None else base
                drafts.append(_Draft(line.number, line.text, section.title, section.area or "legs"))
            elif drafts and line.indent > base:
                if line.marker or not drafts[-1].notes:
                    drafts[-1].notes.append(line)
                else:  # a note's text going on over the next line
                    drafts[-1].notes[-1].text += " " + line.text
            elif not self.only_link(line):
                self.unplaced(line)
        if drafts and section.area is None:
            self.note(section.number, f"'{section.title}' is not calves, legs or core: its exercises are filed under legs")
        exercises = [self.exercise(draft) for draft in drafts]
        self.exercises.extend(exercises)
        if exercises:
            self.routines.append(self.area_routine(section, exercises))

    def exercise(self, draft: _Draft) -> dict[str, Any]:
        text, links = self.plain(draft.number, draft.text)
        name, remark = _name_and_remark(text)
        found: dict[str, Any] = {"summary": None, "dose": None, "cues": [], "variations": [], "cautions": [], "video": None}
        for title, url in links:
            self.use_video(found, draft.number, title, url)
        if remark:
            self.place_note(found, draft.number, remark, remark=True)
        for line in draft.notes:
            link = _only_link(line.text)
            if link and _web_address(link[1]):
                self.use_video(found, line.number, *link)
                continue
            note, links = self.plain(line.number, line.text)
            for _, url in links:
                self.note(line.number, f"left out the link '{url}': only an exercise's own video is kept")
            self.place_note(found, line.number, note)
        exercise_id = _unique(_kebab(name) or "exercise", {e["id"] for e in self.exercises})
        self.headings[exercise_id] = draft.heading
        kind = next((kind for kind, words in _KINDS if words.search(" ".join([text, *found["cues"]]))), "strength")
        exercise = {"id": exercise_id, "name": name, "area": draft.area, "kind": kind} | found
        return {key: value for key, value in exercise.items() if value}

    def place_note(self, found: dict[str, Any], number: int, note: str, remark: bool = False) -> None:
        """File one note of an exercise as its dose, a variation, a caution or a cue."""
        if not note:
            return
        dose = _DOSE_LABEL.sub("", note)
        if _DOSE_LIKE.match(dose):
            try:
                Dose.parse(dose)
            except ValueError as error:
                self.note(number, f"could not place: {note} ({error})")
                return
            if not found["dose"]:
                found["dose"] = dose
                return
        if note.casefold().startswith("optional"):
            found["variations"].append(note)
        elif _CAUTION.search(note):
            flag = _FLAG.search(note)
            caution = {"text": note} | ({"flags": [_kebab(flag[1])]} if flag and _kebab(flag[1]) else {})
            found["cautions"].append(caution)
        elif remark and not found["summary"]:
            found["summary"] = note
        else:
            found["cues"].append(note)

    def use_video(self, found: dict[str, Any], number: int, title: str, url: str) -> None:
        if found["video"]:
            self.watch(title, url)
            self.note(number, f"a second video for one exercise: '{title}' is in further watching")
            return
        found["video"] = _video(url)

    def area_routine(self, section: _Section, exercises: list[dict[str, Any]]) -> dict[str, Any]:
        """Every exercise of an area, the warm-ups first: a routine to print straight away."""
        kinds = sorted({e["kind"] for e in exercises}, key=list(_KIND_TITLES).index)
        blocks = [{"title": _KIND_TITLES[kind], "exercises": [e["id"] for e in exercises if e["kind"] == kind]} for kind in kinds]
        return {"id": self.routine_id(section.title), "title": section.title, "blocks": blocks}

    def routine_id(self, title: str) -> str:
        return _unique(_kebab(title) or "routine", {r["id"] for r in self.routines})

    # Routines written as a numbered list.

    def read_routine(self, section: _Section) -> None:
        routine: dict[str, Any] = {"id": None, "title": section.title}
        blocks: list[dict[str, Any]] = []
        base = None
        for line in section.lines:
            if line.blank:
                continue
            if line.marker and (base is None or line.indent <= base):
                base = line.indent if base is None else base
                block = self.block(line)
                if block:
                    blocks.append(block)
            elif blocks and base is not None and line.indent > base:
                self.block_detail(blocks[-1], line)
            elif self.only_link(line):
                continue
            elif base is None and not line.marker and "summary" not in routine:
                routine["summary"] = self.plain(line.number, line.text)[0]
            elif base is None and not line.marker:
                routine["summary"] += " " + self.plain(line.number, line.text)[0]
            else:
                self.unplaced(line)
        if not blocks:
            self.note(section.number, f"'{section.title}' names no exercise of the notes: no routine made of it")
            return
        routine["id"] = self.routine_id(section.title)
        self.routines.append(routine | {"blocks": blocks})

    def block(self, line: _Line) -> dict[str, Any] | None:
        text, links = self.plain(line.number, line.text)
        for title, url in links:
            self.watch(title, url)
        leading = re.match(r"^\((.+?)\)\s*(.*)$", text)
        note, title = (leading[1], leading[2]) if leading else (None, text)
        ids = _exercises_named(title, self.exercises)
        if not ids and re.search(r"warm", text, re.IGNORECASE):
            ids = [e["id"] for e in self.exercises if e["kind"] == "warm-up"]
            note, title = text, "Warm-up"
        if not ids:
            self.unplaced(line, "no exercise of the notes has that name")
            return None
        return {"title": title or text} | ({"note": note} if note else {}) | {"exercises": ids}

    def block_detail(self, block: dict[str, Any], line: _Line) -> None:
        """A line indented under a routine's step: a dose for its exercises, or a note."""
        text = self.plain(line.number, line.text)[0]
        dose = _DOSE_LABEL.sub("", text)
        if _DOSE_LIKE.match(dose) and all(isinstance(item, str) for item in block["exercises"]):
            try:
                Dose.parse(dose)
            except ValueError as error:
                self.unplaced(line, str(error))
                return
            block["exercises"] = [{"id": item, "dose": dose} for item in block["exercises"]]
            return
        block["note"] = f"{block['note']} {text}" if block.get("note") else text
        block["exercises"] = block.pop("exercises")  # back to the end: title, note, exercises, as in the catalogue

    # Theory.

    def read_theory(self, section: _Section, intro: bool) -> None:
        if intro:
            self.theory.setdefault("title", section.title)
        paragraphs = _paragraphs(section.lines)
        texts = []
        for number, kind, parts in paragraphs:
            if kind == "list" and intro and "aspects" not in self.theory:
                self.theory["aspects"] = [self.plain(n, t)[0] for n, t in parts]
                continue
            words = []
            for part_number, part in parts:
                link = _only_link(part)
                if link and _web_address(link[1]):
                    self.watch(*link)
                    continue
                text, links = self.plain(part_number, part)
                for title, url in links:
                    self.watch(title, url)
                    if intro and "source" not in self.theory:
                        self.theory["source"] = {"title": title, "url": video_link(url)}
                if text:
                    words.append(text)
            if words:
                texts.append((kind, words))
        if intro and "aspects" in self.theory:
            # The paragraph that introduces the aspects is what the theory page says with them.
            texts = [(kind, words) for kind, words in texts if not (kind == "text" and words[-1].endswith(":"))]
        text = _prose(texts)
        if text:
            self.theory.setdefault("sections", []).append({"title": section.title, "text": text})

    def finish_theory(self) -> dict[str, Any]:
        theory = dict(self.theory)
        if self.watching:
            theory["further_watching"] = self.watching
        order = ["title", "source", "aspects", "sections", "further_watching"]
        return {key: theory[key] for key in order if key in theory}


def import_notes(file: Path) -> Imported:
    """Read the Markdown notes in ``file``: exercises, routines and theory, and what didn't fit."""
    file = Path(file)
    try:
        if file.stat().st_size > MAX_NOTES_BYTES:
            raise UserError(f"{file} is larger than {MAX_NOTES_BYTES // (1024 * 1024)} MB; is it the right file?")
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"no notes file {file}") from None
    except IsADirectoryError:
        raise UserError(f"{file} is a folder; give the Markdown file of the notes") from None
    except UnicodeDecodeError as error:
        raise UserError(f"{file} is not UTF-8 text ({error.reason} at byte {error.start})") from None
    reader = _Reader(file)
    sections = _sections(_lines(text))
    _assign_roles(sections, reader)
    for section in sections:
        if section.role in ("area", "areas"):
            reader.read_exercises(section)
    if not reader.exercises:
        raise UserError(f"found no exercises in {file}: list them under a heading per area, like '### Calves' then '1. Calf raise'")
    for section in sections:
        if section.role == "routine":
            reader.read_routine(section)
        elif section.role in ("theory", "theory-part"):
            reader.read_theory(section, intro=section.role == "theory")
        elif section.role in ("unknown", "title"):
            for line in section.lines:
                if not line.blank and not reader.only_link(line):
                    reader.unplaced(line)
    return Imported(file, reader.exercises, reader.routines, reader.finish_theory(),
                    sorted(reader.problems, key=lambda p: p.line or 0), reader.headings)


def write_catalogue(imported: Imported, folder: Path, force: bool = False) -> list[Path]:
    """Write the imported catalogue into ``folder``; refuse to replace its files unless ``force``."""
    folder = Path(folder)
    files = {name: folder / file_name for name, file_name in FILES.items() if name != "areas"}
    existing = [path for path in files.values() if path.exists()]
    if existing and not force:
        raise UserError(f"{existing[0]} already exists: add --force to replace it, or choose another folder with -o")
    source = imported.source.name
    header = (f"# {{what}} imported by `cardgen import` from {source}: check them against the notes, then edit freely.\n"
              f"# `cardgen validate --catalogue {folder}` lists every problem; the bundled catalogue's files explain the fields.\n")
    exercises, heading = [], None
    for exercise in imported.exercises:
        if imported.areas.get(exercise["id"]) != heading:
            heading = imported.areas.get(exercise["id"])
            exercises.append(f"# {heading}\n")
        exercises.append(_dump([exercise]))
    texts = {
        "exercises": header.format(what="Exercises") + "\n" + "\n".join(exercises),
        "routines": header.format(what="Routines") + "\n" + "\n".join(_dump([routine]) for routine in imported.routines),
        "theory": header.format(what="Theory") + "\n" + (_dump(imported.theory) if imported.theory else "{}\n"),
    }
    for name, path in files.items():
        write_atomically(path, texts[name])
    return list(files.values())


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


# Reading Markdown, line by line: enough of it for notes pages, and every line keeps its number.

def _lines(text: str) -> list[_Line]:
    raw = text.splitlines()
    start = 0
    if raw and raw[0].strip() == "---":  # front matter: the page's settings, not its notes
        end = next((n for n in range(1, len(raw)) if raw[n].strip() in ("---", "...")), None)
        start = end + 1 if end is not None else 0
    lines = []
    for number, line in enumerate(raw[start:], start + 1):
        line = line.expandtabs(4).rstrip()
        if _RULE.match(line):
            continue
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        if heading:
            lines.append(_Line(number, 0, heading[1], heading[2].strip()))
        elif item:
            lines.append(_Line(number, len(item[1]), item[2], item[3].strip()))
        else:
            lines.append(_Line(number, len(line) - len(line.lstrip()), None, line.strip()))
    return lines


def _sections(lines: list[_Line]) -> list[_Section]:
    sections = [_Section(0, "", 0)]
    for line in lines:
        if line.marker and line.marker.startswith("#"):
            sections.append(_Section(len(line.marker), line.text, line.number))
        else:
            sections[-1].lines.append(line)
    return sections


def _assign_roles(sections: list[_Section], reader: _Reader) -> None:
    """What each heading holds: an area, routines, theory, or nothing the importer knows."""
    def own_role(title: str) -> str | None:
        return next((role for role, words in _ROLES if words.search(title)), None) or ("area" if _area_of(title) else None)

    area_levels = {s.level for s in sections if s.level and own_role(s.title) == "area"}
    stack: list[_Section] = []
    for section in sections[1:]:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        parent = stack[-1].role if stack else None
        role = own_role(section.title)
        if parent in ("theory", "theory-part"):
            role = "theory-part"
        elif parent == "areas" or (role is None and section.level in area_levels):
            role = "area"
        elif parent == "routine" and role is None:
            role = "routine"
        section.role = role or ("title" if section.level == 1 else "unknown")
        section.area = _area_of(section.title) if section.role == "area" else None
        stack.append(section)
    sections[0].role = "unknown"


def _paragraphs(lines: list[_Line]) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """Runs of text lines and of list items, each as (first line, "text" or "list", [(line, text)])."""
    runs: list[tuple[int, str, list[tuple[int, str]]]] = []
    previous_blank = True
    for line in lines:
        if line.blank:
            previous_blank = True
            continue
        kind = "list" if line.marker else "text"
        if runs and runs[-1][1] == kind and not (kind == "text" and previous_blank):
            runs[-1][2].append((line.number, line.text))
        elif runs and runs[-1][1] == "list" and kind == "text" and not previous_blank:
            number, text = runs[-1][2][-1]  # a list item going on over the next line
            runs[-1][2][-1] = (number, f"{text} {line.text}")
        else:
            runs.append((line.number, kind, [(line.number, line.text)]))
        previous_blank = False
    return runs


def _prose(texts: list[tuple[str, list[str]]]) -> str:
    """Paragraphs and lists as one paragraph: a list reads as its items in a row."""
    out: list[str] = []
    for kind, words in texts:
        if kind == "text":
            out.append(" ".join(words))
        else:
            joiner = "; " if any(re.search(r"[,;]|\s[-–—]\s", w) for w in words) else ", "
            items = joiner.join(w.rstrip(".;,") for w in words)
            out.append(items if items.endswith((".", "!", "?")) else items + ".")
    return " ".join(out)


def _only_link(text: str) -> tuple[str, str] | None:
    """(title, url) when ``text`` is nothing but one link or one bare web address."""
    match = _LINK.fullmatch(text.strip())
    if match:
        return match[1].strip(), match[2]
    bare = _BARE_URL.match(text.strip())
    return (bare[1], bare[1]) if bare else None


def _video(url: str) -> dict[str, Any]:
    """``{url, start}`` with the start second taken out of the address, as the catalogue asks."""
    parts = urlsplit(video_link(url))
    in_fragment = dict(parse_qsl(parts.fragment))
    if "t" in in_fragment:  # Vimeo's #t=30s
        parts = parts._replace(fragment=urlencode({k: v for k, v in in_fragment.items() if k != "t"}))
    return {"url": urlunsplit(parts), "start": start_second(url) or 0}


def _web_address(url: str) -> bool:
    try:
        check_web_address(url)
    except ValueError:
        return False
    return True


def _name_and_remark(text: str) -> tuple[str, str]:
    parts = _REMARK.split(text, maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 and parts[0].strip() else (text.strip(), "")


def _area_of(title: str) -> str | None:
    return next((area for area, words in _AREAS if words.search(title)), None)


def _kebab(name: str) -> str:
    """``calf-raise`` from "Calf raise": lowercase ASCII words joined by dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    text = ""
    for word in words:
        if len(text) + len(word) + 1 > MAX_ID_LENGTH - 4:  # room for a "-2" to keep ids unique
            break
        text = f"{text}-{word}" if text else word
    return text


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, count = wanted, 1
    while candidate in taken:
        count += 1
        candidate = f"{wanted}-{count}"
    return candidate


def _exercises_named(text: str, exercises: list[dict[str, Any]]) -> list[str]:
    """The ids of the exercises a routine's step names: "Squat/lounge", "Calf/Toe raise", "Plank - flat/side"."""
    head = _name_and_remark(text)[0]
    parts = [p for p in re.split(r"\s*(?:/|&|\+|,|\band\b|\bthen\b)\s*", head) if p.strip()]
    shared_tail = parts[-1].split()[1:] if parts else []
    found: list[str] = []
    for part in parts:
        # "Calf/Toe raise" is "Calf raise" and "Toe raise".
        candidates = [f"{part} {' '.join(shared_tail)}", part] if len(part.split()) == 1 and shared_tail else [part]
        match = next((m for m in map(lambda c: _best_match(c, exercises), candidates) if m), None)
        if match and match not in found:
            found.append(match)
    return found


def _best_match(wanted: str, exercises: list[dict[str, Any]]) -> str | None:
    wanted = " ".join(wanted.casefold().split())
    names = {e["id"]: " ".join(e["name"].casefold().split()) for e in exercises}
    for test in (lambda name: name == wanted,
                 lambda name: name.startswith(wanted + " "),
                 lambda name: re.search(rf"\b{re.escape(wanted)}\b", name)):
        match = next((exercise_id for exercise_id, name in names.items() if test(name)), None)
        if match:
            return match
    close = difflib.get_close_matches(wanted, list(names.values()), n=1, cutoff=0.85)
    return next((exercise_id for exercise_id, name in names.items() if close and name == close[0]), None)
