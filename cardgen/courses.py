"""Which progression each exercise of a plan follows, and where in which file it was written.

A routine item's ``progress``, ``weeks`` (a wave) and ``load`` are the defaults; a runner's own
(in the roster, keyed by exercise id) replace them, and the runner's ``deload`` replaces the
routine's. A problem with a progression (a step in the wrong unit, a percentage without a
training max, reps driven below zero…) is reported in the file and on the line that said it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cardgen.catalogue import FILES, Catalogue, RoutineItem
from cardgen.dose import Dose
from cardgen.errors import Problem, ProblemsFound
from cardgen.loads import Units
from cardgen.roster import Roster, Runner
from cardgen.source import Document, read_yaml
from cardgen.targets import WORDS, Course, CourseProblem

logger = logging.getLogger(__name__)
_warned: set[str] = set()


def units_of(roster: Roster | None, for_plates: bool = False, units: str = "kg") -> Units:
    """How ``roster`` writes loads (without one, in ``units``); with ``for_plates``, with its bar and plates."""
    unit, _, also = (roster.units if roster else units).partition("+")
    if roster is None:
        return Units(unit, also or None)
    plates = roster.plates if for_plates else None
    bar = (plates.bar or {"kg": 20.0, "lb": 45.0}[unit]) if plates else None
    return Units(unit, also or None, roster.round, bar, tuple(plates.sizes) if plates else ())


@dataclass(frozen=True)
class Where:
    """The routine item and the runner a step comes from, to find the line of a field."""

    catalogue: Catalogue
    routine_id: str
    item_path: tuple | None  # (block, item) in the routine; None for an exercise the runner adds
    roster: Roster | None = None
    runner: Runner | None = None
    units: str = "kg"  # the loads' units when there is no roster to say

    def problem(self, field: str, exercise_id: str, message: str) -> Problem:
        """``message`` at ``field`` of the runner when they set it (a missing max is theirs too),
        else of the routine."""
        runner = self.runner
        own = runner is not None and (
            field == "max"
            or (field == "deload" and runner.deload is not None)
            or (field in ("progress", "weeks", "load") and exercise_id in getattr(runner, field))
        )
        if own and runner and self.roster and self.roster.file:
            document = _document(self.roster.file)
            name = runner.name.casefold()
            index = _index(document, "runners", lambda r: str(r.get("name", "")).strip().casefold() == name)
            if field == "max":  # a percentage without a max: point at the percentage the runner wrote, if they did
                field = next((f for f in ("load", "weeks") if exercise_id in getattr(runner, f)), "max")
            path = ("runners", index, field) if field in ("deload", "max") else ("runners", index, field, exercise_id)
            return document.problem(path, message)
        document = _document(self.catalogue.folder / FILES["routines"])
        index = _index(document, None, lambda r: r.get("id") == self.routine_id)
        if field == "deload" or self.item_path is None:
            return document.problem((index, "deload"), message)
        block, item = self.item_path
        return document.problem((index, "blocks", block, "exercises", item, field), message)


def plan_course(
    exercise_id: str,
    equipment: list[str],
    dose: Dose | None,
    item: RoutineItem | None,
    deload,
    where: Where,
    weeks: int,
    problems: list[Problem],
    words: dict = WORDS,
) -> Course | None:
    """The course ``exercise_id`` follows in this plan, or None when it doesn't move; problems go to ``problems``."""
    runner, roster = where.runner, where.roster
    progress = (
        runner.progress.get(exercise_id)
        if runner and exercise_id in runner.progress
        else (item.progress if item else None)
    )
    wave = runner.weeks.get(exercise_id) if runner and exercise_id in runner.weeks else (item.weeks if item else None)
    load = runner.load.get(exercise_id) if runner and exercise_id in runner.load else (item.load if item else None)
    deload = runner.deload if runner and runner.deload else deload
    training_max = runner.max.get(exercise_id) if runner else None
    plates = (
        roster is not None
        and roster.plates is not None
        and (
            exercise_id in roster.plates.exercises
            if roster.plates.exercises
            else any("barbell" in e.lower() for e in equipment)
        )
    )
    try:
        if (
            runner
            and training_max is None
            and ((load and load.percent) or any(w.load and w.load.percent for w in wave or []))
        ):
            raise CourseProblem(
                "max",
                f"the load of {exercise_id} is a percentage of a training max, and {runner.name} has none: "
                f"add max: {{{exercise_id}: …}}",
            )
        if progress and progress.kind == "linear" and progress.what in ("kg", "lb") and load is None and not wave:
            raise CourseProblem(
                "progress", f"'{progress}' moves the load, but {exercise_id} has none to start from: give it a load"
            )
        course = Course(
            dose, load, training_max, progress, tuple(wave or ()), deload, units_of(roster, plates, where.units), words
        )
        course.targets(weeks)  # problems over the plan's length show now, not in the middle of a layout
    except CourseProblem as problem:
        inherited = (
            runner is not None
            and exercise_id in runner.dose
            and exercise_id not in runner.progress
            and exercise_id not in runner.weeks
        )
        if inherited and runner and problem.field in ("progress", "weeks"):
            # The runner's own dose is in other terms than the routine's progression (a hold for reps,
            # say): the coach changed the exercise for them, so the routine's default no longer applies.
            note = (
                f"{runner.name}'s own dose of {exercise_id} ({dose}) leaves out the routine's "
                f"{'progression' if problem.field == 'progress' else 'wave'}: {problem}"
            )
            if note not in _warned:
                _warned.add(note)
                logger.info("%s", note)
            plain = item.model_copy(update={"progress": None, "weeks": None}) if item else None
            return plan_course(exercise_id, equipment, dose, plain, deload, where, weeks, problems)
        problems.append(where.problem(problem.field, exercise_id, str(problem)))
        return None
    if wave and weeks % len(wave):
        cut = where.problem(
            "weeks",
            exercise_id,
            f"the {len(wave)}-week wave doesn't divide the {weeks}-week plan: "
            f"it starts again in week {weeks - weeks % len(wave) + 1} and stops part-way",
        )
        if str(cut) not in _warned:
            _warned.add(str(cut))
            logger.warning("%s", cut)
    return course


def check_plans(catalogue: Catalogue, roster: Roster | None, weeks: int) -> list[Problem]:
    """Every problem with the progressions of the catalogue's routines (or, with ``roster``, of each of its
    runners' plans) over ``weeks`` weeks, each once."""
    from cardgen.plan import plan_routine  # the plan is made of courses: here, it checks them

    found: dict[str, Problem] = {}
    plans = (
        [(routine_id, None) for routine_id in catalogue.routines]
        if roster is None
        else [(roster.routine_of(runner), runner) for runner in roster.runners]
    )
    for routine_id, runner in plans:
        try:
            plan_routine(catalogue, routine_id, runner, roster=roster, weeks=weeks)
        except ProblemsFound as problems:
            found.update((str(p), p) for p in problems.problems)
    return list(found.values())


def set_details(item: RoutineItem | None, words: dict = WORDS) -> str | None:
    """``tempo 3-1-1-0 · rest 90 s · @8``: how to do each set, compactly."""
    if not item:
        return None
    parts = [
        words["tempo"].format(tempo=item.tempo) if item.tempo else None,
        words["rest"].format(rest=item.rest) if item.rest else None,
        item.effort,
    ]
    return " · ".join(filter(None, parts)) or None


@lru_cache(maxsize=16)
def _read(file: Path, stamp: float) -> Document:
    return read_yaml(file)


def _document(file: Path) -> Document:
    return _read(Path(file), Path(file).stat().st_mtime)


def _index(document: Document, key: str | None, matches) -> int:
    items = document.data.get(key) if key and isinstance(document.data, dict) else document.data
    return next((i for i, entry in enumerate(items or []) if isinstance(entry, dict) and matches(entry)), 0)
