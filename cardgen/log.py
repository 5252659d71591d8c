"""The training log: weeks across, exercises and their sets down, each week's target in its cell.

A box per set and week to write what was done and the load; above the boxes, what that week asks
for ("13", "12 × 22.5 kg", "40 s"), worked out by the exercise's course. Deload weeks are marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cardgen.targets import WORDS, Target

if TYPE_CHECKING:  # plan imports this module
    from cardgen.plan import Step

# Rows to write in when the dose names no sets: three is what most routines do.
UNSTATED_SETS = 3
# Six weeks of two 9 mm boxes fit beside the exercise names on A4 and Letter alike; in large
# print, four weeks of 14 mm boxes.
WEEKS_PER_TABLE = 6
LARGE_WEEKS_PER_TABLE = 4


@dataclass(frozen=True)
class LogWeek:
    number: int
    label: str
    date: str | None
    deload: bool = False  # every exercise that moves is lighter this week


@dataclass(frozen=True)
class LogCell:
    """One exercise in one week: its target, how many of the row's set boxes it uses, deload or not."""

    text: str
    sets: int
    deload: bool = False
    plates: str | None = None
    parts: tuple[str, ...] = ()  # the text in pieces that must not break: "12 ×", "22.5 kg"
    also: str | None = None  # the load in the other unit, on a line of its own


@dataclass(frozen=True)
class LogEntry:
    """An exercise in the log: a row per set, a cell per week."""

    step: Step
    sets: int
    cells: list[LogCell]

    def cell(self, week: LogWeek) -> LogCell:
        return self.cells[week.number - 1]


@dataclass(frozen=True)
class LogGrid:
    """Weeks across, sets down. Weeks come in tables of WEEKS_PER_TABLE, so the boxes stay big enough to write in."""

    tables: list[list[LogWeek]]
    entries: list[LogEntry]


def plan_log(plan, weeks: int, starts: date | None = None) -> LogGrid:
    """A log grid for ``weeks`` weeks, dated from ``starts`` when known: every exercise but the warm-ups."""
    entries = [_entry(step, weeks, plan.labels) for step in plan.steps if step.kind != "warm-up"]
    moving = [
        entry
        for entry in entries
        if entry.step.course and (entry.step.course.progress or entry.step.course.wave or entry.step.course.deload)
    ]
    labels = plan.labels
    all_weeks = [
        LogWeek(
            n + 1,
            labels("log.week", number=n + 1),
            labels.short_date(starts + timedelta(weeks=n)) if starts else None,
            bool(moving) and all(entry.cells[n].deload for entry in moving),
        )
        for n in range(weeks)
    ]
    per_table = LARGE_WEEKS_PER_TABLE if plan.large else WEEKS_PER_TABLE
    tables = [all_weeks[i : i + per_table] for i in range(0, weeks, per_table)]
    return LogGrid(tables, entries)


def _entry(step, weeks: int, labels) -> LogEntry:
    stated = step.dose.sets if step.dose and step.dose.sets else None
    if step.course:
        targets = step.course.targets(weeks)
    else:
        dose = step.dose
        targets = [
            Target(
                n + 1,
                stated,
                dose.low if dose else None,
                dose.high if dose else None,
                dose.unit if dose else "reps",
                words=labels.progress_words(),
            )
            for n in range(weeks)
        ]
    rows = max([t.sets for t in targets if t.sets] or [stated or UNSTATED_SETS])
    number = labels.decimals  # the targets' numbers with the language's decimal sign
    cells = [
        LogCell(
            number(t.text),
            t.sets or rows,
            t.deload,
            number(t.plates_text),
            tuple(map(number, _parts(t))),
            number(t.other_load_text),
        )
        for t in targets
    ]
    return LogEntry(step, rows, cells)


@dataclass(frozen=True)
class WeekPlan:
    """A routine's targets week by week, for the handout: an exercise a row, WEEKS_PER_TABLE weeks a table."""

    title: str
    tables: list[list[int]]
    rows: list[tuple[str, str, list[LogCell]]]  # label, name, a cell a week


def plan_weeks(plan, weeks: int) -> WeekPlan:
    rows = [
        (step.label, step.name, [LogCell(t.text, t.sets or 0, t.deload) for t in targets])
        for step, targets in _with_targets(plan, weeks)
    ]
    return WeekPlan(
        plan.title,
        [list(range(i + 1, min(weeks, i + WEEKS_PER_TABLE) + 1)) for i in range(0, weeks, WEEKS_PER_TABLE)],
        rows,
    )


def _parts(target: Target) -> tuple[str, ...]:
    amount, load = target.amount_text, target.main_load_text
    return tuple(filter(None, [f"{amount} ×" if amount and load else amount, load, target.note]))


def week_targets(plan, weeks: int) -> list[dict]:
    """Every exercise's target, week by week, as plain data (``cardgen plan --json``): exercise, week,
    sets, reps or seconds, load and unit, deload, and the text the log prints."""
    rows = []
    for step, targets in _with_targets(plan, weeks):
        for target in targets:
            seconds = target.unit != "reps"
            rows.append(
                {
                    "exercise": step.id,
                    "name": step.name,
                    "week": target.week,
                    "sets": target.sets,
                    "reps": None if seconds else target.low,
                    "reps_max": None if seconds else target.high,
                    "seconds": target.low if seconds else None,
                    "seconds_max": target.high if seconds else None,
                    "each_side": target.each_side,
                    "load": target.load,
                    "unit": target.units.unit if target.load is not None else None,
                    "other_load": target.other_load,
                    "other_unit": target.units.also if target.other_load is not None else None,
                    "percent_of_max": target.percent,
                    "plates_per_side": target.plates or None,
                    "deload": target.deload,
                    "target": target.text,
                    "rule": step.rule,
                }
            )
    return rows


def targets_table(plan, weeks: int) -> str:
    """The targets as a terminal table: an exercise a row, a week a column, WEEKS_PER_TABLE weeks at a time."""
    entries = [
        (
            f"{step.label} {step.name}",
            [("*" if t.deload else "") + (f"{t.sets}×" if t.sets else "") + t.text for t in targets],
        )
        for step, targets in _with_targets(plan, weeks)
    ]
    if not entries:
        return ""
    name_width = max(len(name) for name, _ in entries)
    chunks = []
    for start in range(0, weeks, WEEKS_PER_TABLE):
        span = range(start, min(weeks, start + WEEKS_PER_TABLE))
        widths = [max(len(f"wk {n + 1}"), *(len(cells[n]) for _, cells in entries)) for n in span]
        lines = ["  ".join([" " * name_width, *(f"wk {n + 1}".ljust(w) for n, w in zip(span, widths))]).rstrip()]
        lines += [
            "  ".join([name.ljust(name_width), *(cells[n].ljust(w) for n, w in zip(span, widths))]).rstrip()
            for name, cells in entries
        ]
        chunks.append("\n".join(lines))
    rules = [f"{step.label} {step.name}: {step.rule}" for step in plan.steps if step.rule]
    return "\n\n".join(chunks) + ("\n\n" + "\n".join(rules) if rules else "") + f"\n\n* {WORDS['deload'].lower()}"


def _with_targets(plan, weeks: int):
    """The steps that have something to aim for (a dose or a load), with their targets."""
    for step in plan.steps:
        targets = step.course.targets(weeks) if step.course else []
        if any(t.text for t in targets):
            yield step, targets
