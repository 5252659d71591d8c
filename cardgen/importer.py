"""Markdown training notes turned into a catalogue: the stage before ``catalogue``, for people who
keep their training in a notes page rather than in YAML.

``import_notes(file)`` reads the notes (``notes.py`` reads the Markdown, ``phrases.py`` the doses)
and returns what it found as plain data in the catalogue's shape, with a :class:`Problem` for
every line it could not place, every link it left out and every guess it made, so nothing written
disappears unnoticed. ``write_catalogue(imported, folder)`` writes the catalogue's files;
``load_catalogue`` then checks them.

- A heading with a list of exercises is an area: calves, legs or core when it says so
  (``### Calves``, ``## Quad, Hamstring & Glute``), else an area of its own (``## Upper body``),
  declared in ``areas.yaml``. Each item is an exercise, its dose on the same line ("Step-ups 12x3",
  "Skipping rope, 2 min") or below it, with notes below: ``Optional ...`` (a variation), a line
  with "avoid" or "if having ... issue" (a caution), a link (its video), or a cue.
- A heading with "Training", "Routine", "Session" or "Workout", or any heading whose numbered list
  names only exercises of the notes, is a routine, in the list's order.
- A heading with "Theory" holds the theory: its list the aspects, its sub-headings the sections,
  its links (and every link standing alone anywhere) the further watching.

Text is kept as written, typos and all. Nothing is invented: an exercise without a dose gets none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cardgen.catalogue import FILES
from cardgen.errors import Problem, UserError
from cardgen.guesses import area_of
from cardgen.notes import Section, read_outline
from cardgen.output import imported_folder, write_atomically
from cardgen.phrases import REPS_FIRST, page_habit
from cardgen.placing import Placer
from cardgen.vocabulary import DEFAULT_AREAS, DEFAULT_KINDS

MAX_NOTES_BYTES = 2 * 1024 * 1024
DEFAULT_AREA_IDS = {area.id for area in DEFAULT_AREAS}
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
    declared: list[dict[str, str]] = field(default_factory=list)  # the areas, when not only the default ones


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
    sections = read_outline(text)
    habit, example = page_habit(
        [section.title for section in sections] + [line.text for s in sections for line in s.all_lines()]
    )
    reader = Placer(file, habit)
    roles = _roles(sections)
    # A heading the notes don't name as anything, over a list: an area of its own, unless it numbers
    # exercises of the areas, in order: then a routine.
    unnamed = [index for index, role in enumerate(roles) if role in ("unknown", "title") and sections[index].lists()]
    numbered = [index for index in unnamed if all(block.ordered for block in sections[index].lists())]
    for index in unnamed:
        roles[index] = "area" if index not in numbered else roles[index]
    names = [name for section, role in zip(sections, roles) if role == "area" for name in reader.names_in(section)]
    for index in numbered:
        roles[index] = "routine" if reader.numbers_only(sections[index], names) else "area"
    for section, role in zip(sections, roles):
        if role == "area":
            reader.read_area(section)
    if not reader.exercises:
        raise UserError(
            f"found no exercises in {file}: list them under a heading per area, like '### Calves' then '1. Calf raise'"
        )
    if example:
        reader.note(
            None,
            f"read doses like '{example}' as {'REPS x SETS' if habit == REPS_FIRST else 'SETS x REPS'}, "
            "the way most of this page writes them",
        )
    for section, role in zip(sections, roles):
        if role == "routine":
            reader.read_routine(section)
        elif role in ("theory", "theory-part"):
            reader.read_theory(section, intro=role == "theory")
        elif role in ("unknown", "title"):
            for line in section.all_lines():
                if not reader.only_link(line):
                    reader.unplaced(line)
    declared = [{"id": area, "name": name} for area, name in reader.areas.items()]
    return Imported(
        file,
        reader.exercises,
        reader.routines,
        reader.finish_theory(),
        sorted(reader.problems, key=lambda p: p.line or 0),
        reader.headings,
        declared if any(area not in DEFAULT_AREA_IDS for area in reader.areas) else [],
    )


def _roles(sections: list[Section]) -> list[str]:
    """What each heading holds: an area, routines, theory, or nothing the importer knows (yet)."""

    def own_role(title: str) -> str | None:
        return next((role for role, words in _ROLES if words.search(title)), None) or (
            "area" if area_of(title) else None
        )

    roles = ["unknown"]
    stack: list[tuple[int, str]] = []
    for section in sections[1:]:
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        role = own_role(section.title)
        if parent in ("theory", "theory-part"):
            role = "theory-part"
        elif parent == "areas":
            role = "area"
        elif parent == "routine" and role is None:
            role = "routine"
        roles.append(role or ("title" if section.level == 1 else "unknown"))
        stack.append((section.level, roles[-1]))
    return roles


def write_catalogue(imported: Imported, folder: Path, force: bool = False) -> list[Path]:
    """Write the imported catalogue into ``folder``; refuse to replace its files unless ``force``."""
    folder = Path(folder)
    names = ["exercises", "routines", "theory"] + (["areas"] if imported.declared else [])
    files = {name: folder / FILES[name] for name in names}
    existing = [path for path in files.values() if path.exists()]
    if existing and not force:
        raise UserError(f"{existing[0]} already exists: add --force to replace it, or choose another folder with -o")
    source = imported.source.name
    header = (
        f"# {{what}} imported by `cardgen import` from {source}: check them against the notes, then edit freely.\n"
        f"# `cardgen validate --catalogue {folder}` lists every problem; "
        "the bundled catalogue's files explain the fields.\n"
    )
    exercises, heading = [], None
    for exercise in imported.exercises:
        if imported.areas.get(exercise["id"]) != heading:
            heading = imported.areas.get(exercise["id"])
            exercises.append(f"# {heading}\n")
        exercises.append(_dump([exercise]))
    kinds = [kind.model_dump() for kind in DEFAULT_KINDS]
    texts = {
        "exercises": header.format(what="Exercises") + "\n" + "\n".join(exercises),
        "routines": header.format(what="Routines")
        + "\n"
        + "\n".join(_dump([routine]) for routine in imported.routines),
        "theory": header.format(what="Theory") + "\n" + (_dump(imported.theory) if imported.theory else "{}\n"),
        "areas": header.format(what="Areas and kinds") + "\n" + _dump({"areas": imported.declared, "kinds": kinds}),
    }
    for name, path in files.items():
        write_atomically(path, texts[name])
    return list(files.values())


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def import_catalogue(notes: Path, folder: Path | None = None, force: bool = False) -> tuple[Imported, Path]:
    """``cardgen import``: read ``notes`` and write their catalogue into ``folder`` (default:
    ``catalogue-from-NOTES/``); what was read, and where it went."""
    imported = import_notes(notes)
    folder = folder or imported_folder(Path(notes))
    write_catalogue(imported, folder, force=force)
    return imported, folder
