"""The catalogue told in the terminal: its exercises (or routines) listed, one described in full."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cardgen.errors import UserError
from cardgen.validation import did_you_mean

if TYPE_CHECKING:
    from cardgen.catalogue import Catalogue, Exercise


def routine_lines(catalogue: Catalogue) -> list[str]:
    """A line for each routine: its id, title and how many exercises it has."""
    width = max(len(routine_id) for routine_id in catalogue.routines)
    return [
        f"{routine.id:<{width}}  {routine.title}  ({sum(len(block.exercises) for block in routine.blocks)} exercises)"
        for routine in catalogue.routines.values()
    ]


def chosen_exercises(catalogue: Catalogue, area: str | None = None, kind: str | None = None) -> list[Exercise]:
    """The exercises of ``area`` and ``kind`` (each, when given, one the catalogue declares)."""
    for option, value, declared in (("--area", area, catalogue.areas), ("--kind", kind, catalogue.kinds)):
        if value and value not in declared:
            raise UserError(
                f"{option}: the catalogue has no {option[2:]} '{value}'{did_you_mean(value, declared)}; "
                f"its {option[2:]}s are {', '.join(declared)}"
            )
    return [e for e in catalogue.exercises.values() if (not area or e.area == area) and (not kind or e.kind == kind)]


def exercise_lines(exercises: list[Exercise]) -> list[str]:
    """A line for each exercise: id, name, area and kind, and its dose."""
    width = max((len(e.id) for e in exercises), default=0)
    return [f"{e.id:<{width}}  {e.name}  [{e.area}, {e.kind}]" + (f"  {e.dose}" if e.dose else "") for e in exercises]


def exercises_json(exercises: list[Exercise]) -> str:
    return json.dumps(
        [e.model_dump(mode="json") | {"dose": str(e.dose) if e.dose else None} for e in exercises],
        ensure_ascii=False,
        indent=2,
    )


def described(catalogue: Catalogue, item_id: str) -> list[str]:
    """One exercise or routine in full, a line at a time."""
    if item_id in catalogue.routines:
        return _routine(catalogue, item_id)
    if item_id not in catalogue.exercises:
        raise UserError(
            f"no exercise or routine '{item_id}'{did_you_mean(item_id, [*catalogue.exercises, *catalogue.routines])}"
        )
    e = catalogue.exercises[item_id]
    lines = [f"{e.name}  ({e.id})"]
    fields = [
        ("Area", catalogue.areas[e.area].name),
        ("Kind", catalogue.kinds[e.kind].name),
        ("Muscles", e.muscles_text()),
        ("About", e.summary),
        ("Dose", str(e.dose) if e.dose else None),
        ("Equipment", ", ".join(e.equipment)),
        ("Video", f"{e.video.url} from {e.video.start} s" if e.video else None),
    ]
    lines += [f"  {label + ':':<11}{value}" for label, value in fields if value]
    for label, items in [("Cues", e.cues), ("Variations", e.variations), ("Cautions", [c.text for c in e.cautions])]:
        if items:
            lines += [f"  {label}:", *(f"    - {item}" for item in items)]
    return lines


def _routine(catalogue: Catalogue, routine_id: str) -> list[str]:
    routine = catalogue.routines[routine_id]
    lines = [
        f"{routine.title}  ({routine.id})",
        *(f"  {text}" for text in filter(None, [routine.summary, routine.why])),
    ]
    for block in routine.blocks:
        lines.append(f"\n  {block.title}" + (f": {block.note}" if block.note else ""))
        for item in block.exercises:
            exercise = catalogue.exercises[item.id]
            dose = item.dose or exercise.dose
            lines.append(f"    - {exercise.name}" + (f"  {dose}" if dose else ""))
    return lines
