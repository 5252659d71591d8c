"""What each card and sheet shows: finished, print-ready facts for the templates.

Templates never decide anything: which exercises come in what order, how a dose reads, which
caution stands out and what a QR code opens are all settled here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cardgen.catalogue import Catalogue, Exercise, Theory
from cardgen.dose import Dose
from cardgen.qr import QUIET_ZONE_MODULES, qr_modules, qr_svg_data_uri, video_link, watch_label

# A phone reads a code from about ten times its width; 15 mm reads from a hand-held card.
MIN_QR_MM = 15

KIND_LABELS = {"warm-up": "Warm-up", "strength": "Strength", "explosive": "Explosive", "swiftness": "Swiftness"}


@dataclass(frozen=True)
class Watch:
    """A demo video: what the QR code encodes and the label printed beside it."""

    link: str
    start_label: str
    qr: str
    modules: int

    def width_mm(self, at_least: float) -> float:
        """The printed width of the code, quiet zone included: ``at_least``, or more when needed
        for the symbol itself to be MIN_QR_MM wide."""
        symbol = self.modules - 2 * QUIET_ZONE_MODULES
        return round(max(at_least, MIN_QR_MM * self.modules / symbol), 2)


@dataclass(frozen=True)
class CautionLine:
    text: str
    stands_out: bool = False


@dataclass(frozen=True)
class Step:
    """One exercise as a card or sheet prints it."""

    number: int
    id: str
    name: str
    kind: str
    kind_label: str
    muscles: str
    summary: str | None
    dose: Dose | None
    cues: list[str]
    variations: list[str]
    cautions: list[CautionLine]
    equipment: list[str]
    watch: Watch | None
    load: str | None = None

    @property
    def dose_text(self) -> str | None:
        return str(self.dose) if self.dose else None


@dataclass(frozen=True)
class StepBlock:
    title: str
    note: str | None
    steps: list[Step]


@dataclass(frozen=True)
class LogRow:
    step: Step
    set_number: int
    sets: int


@dataclass(frozen=True)
class RoutinePlan:
    """A routine ready to print: its blocks of numbered steps, and the theory behind it."""

    id: str
    title: str
    summary: str | None
    why: str | None
    blocks: list[StepBlock]
    theory: Theory
    runner: str | None = None
    notes: str | None = None
    videos: list[Watch] = field(default_factory=list)

    @property
    def steps(self) -> list[Step]:
        return [step for block in self.blocks for step in block.steps]


@dataclass(frozen=True)
class LogGrid:
    """Weeks across, sets down: a box per set and week to write reps and load."""

    weeks: list[str]
    dates: list[str]
    rows: list[LogRow]


def plan_routine(catalogue: Catalogue, routine_id: str) -> RoutinePlan:
    """The routine ``routine_id`` of ``catalogue``, as a card or sheet prints it."""
    routine = catalogue.routine(routine_id)
    number = 0
    blocks = []
    for block in routine.blocks:
        steps = []
        for item in block.exercises:
            number += 1
            steps.append(plan_step(number, catalogue.exercise(item.id), item.dose))
        blocks.append(StepBlock(block.title, block.note, steps))
    return RoutinePlan(routine.id, routine.title, routine.summary, routine.why, blocks, catalogue.theory)


def plan_step(number: int, exercise: Exercise, dose: Dose | None = None, flags: frozenset[str] = frozenset()) -> Step:
    """``exercise`` as step ``number``; ``dose`` overrides the catalogue's, ``flags`` pick the cautions that stand out."""
    watch = None
    if exercise.video:
        link = video_link(exercise.video.url, exercise.video.start)
        watch = Watch(link, watch_label(exercise.video.start), qr_svg_data_uri(link), qr_modules(link))
    return Step(
        number=number,
        id=exercise.id,
        name=exercise.name,
        kind=exercise.kind,
        kind_label=KIND_LABELS[exercise.kind],
        muscles=exercise.muscles_text(),
        summary=exercise.summary,
        dose=dose or exercise.dose,
        cues=list(exercise.cues),
        variations=list(exercise.variations),
        cautions=[CautionLine(c.text, bool(flags & set(c.flags))) for c in exercise.cautions],
        equipment=list(exercise.equipment),
        watch=watch,
    )


# Rows to write in when the dose names no sets: three is what most routines do.
UNSTATED_SETS = 3


def plan_log(plan: RoutinePlan, weeks: int, starts: date | None = None) -> LogGrid:
    """A log grid for ``weeks`` weeks: a row per set of every exercise but the warm-ups."""
    rows = []
    for step in plan.steps:
        if step.kind == "warm-up":
            continue
        sets = step.dose.sets if step.dose and step.dose.sets else UNSTATED_SETS
        rows.extend(LogRow(step, n, sets) for n in range(1, sets + 1))
    week_labels = [f"Week {n}" for n in range(1, weeks + 1)]
    dates = [(starts + timedelta(weeks=n)).strftime("%-d %b") for n in range(weeks)] if starts else []
    return LogGrid(week_labels, dates, rows)
