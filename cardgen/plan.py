"""What each card and sheet shows: finished, print-ready facts for the templates.

Templates never decide anything: which exercises come in what order, how a dose reads, which
caution stands out and what a QR code opens are all settled here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cardgen.catalogue import Block, Catalogue, Exercise, RoutineItem, Theory
from cardgen.courses import Where, plan_course, set_details
from cardgen.dose import Dose
from cardgen.errors import Problem, ProblemsFound
from cardgen.labels import Labels, english
from cardgen.log import LogGrid
from cardgen.pictures import picture_data_uri
from cardgen.qr import QUIET_ZONE_MODULES, qr_data_uri, qr_modules, video_link, watch_label
from cardgen.roster import Roster, Runner
from cardgen.targets import Course
from cardgen.vocabulary import ink_on

# Weeks a plan runs when nobody says: a card's progression line and the sheet's log.
DEFAULT_WEEKS = 6
# A phone reads a code from about ten times its width; 15 mm reads from a hand-held card.
MIN_QR_MM = 15


@dataclass(frozen=True)
class Watch:
    """A demo video: what the QR code encodes and the label printed beside it."""

    link: str
    start_label: str
    qr: str
    modules: int
    text: str = ""  # "Watch: Calf raise, 0:30", in the reader's language
    alt: str = ""  # what a screen reader says for the code: "Video: Calf raise, from 0:30"

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
    kind_colour: str  # the tag's background; kind_ink, its text, reads on it
    kind_ink: str
    area: str
    area_name: str
    muscles: str
    summary: str | None
    dose: Dose | None
    cues: list[str]
    variations: list[str]
    cautions: list[CautionLine]
    equipment: list[str]
    watch: Watch | None
    load: str | None = None
    own_dose: bool = False
    picture: str | None = None
    label: str = ""  # "3", or "A1" in a superset
    details: str | None = None  # tempo, rest, effort
    course: Course | None = None  # how it moves up over the weeks
    rule: str | None = None  # the rule for moving up, under the name in the log
    progression: str | None = None  # the course in one line, for a card
    dose_text: str | None = None  # the dose in words, in the reader's language
    also_name: str | None = None  # the name in a second language (--also), printed under the first


@dataclass(frozen=True)
class StepBlock:
    title: str
    note: str | None
    steps: list[Step]

    @property
    def mixed_kinds(self) -> bool:
        """Do its exercises differ in kind? Only then does a card tag each one with its kind."""
        return len({step.kind for step in self.steps}) > 1


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
    labels: Labels = field(default_factory=english)  # the fixed words, in the reader's language
    large: bool = False  # large print

    @property
    def lang(self) -> str:
        return self.labels.code

    @property
    def steps(self) -> list[Step]:
        return [step for block in self.blocks for step in block.steps]


def plan_routine(
    catalogue: Catalogue,
    routine_id: str,
    runner: Runner | None = None,
    units: str = "kg",
    *,
    roster: Roster | None = None,
    weeks: int = DEFAULT_WEEKS,
    labels: Labels | None = None,
    large: bool = False,
    also: Catalogue | None = None,
) -> RoutinePlan:
    """The routine ``routine_id`` as a card or sheet prints it, over ``weeks`` weeks; for ``runner`` (of ``roster``),
    with their own doses, loads and progressions, without their skips, with their adds, their cautions standing out;
    its words in the language of ``labels``, in large print with ``large``, and each exercise's name in ``also``
    (the catalogue in a second language) under its own."""
    labels = labels or english()
    words = labels.progress_words()
    routine = catalogue.routine(routine_id)
    skip = set(runner.skip) if runner else set()
    flags = frozenset(runner.flags) if runner else frozenset()
    # Each block's exercises with where the routine has them; the runner's added ones are in no block.
    chosen: list[tuple[Block | None, list[tuple[RoutineItem, tuple[int, int] | None]]]] = [
        (block, [(item, (b, i)) for i, item in enumerate(block.exercises) if item.id not in skip])
        for b, block in enumerate(routine.blocks)
    ]
    in_routine = {item.id for block in routine.blocks for item in block.exercises}
    added: list[tuple[RoutineItem, tuple[int, int] | None]] = [
        (RoutineItem(id=exercise_id), None)
        for exercise_id in (runner.add if runner else [])
        if exercise_id not in in_routine
    ]
    if added:
        chosen.append((None, added))
    number, supersets, blocks = 0, 0, []
    problems: list[Problem] = []
    for block, items in chosen:
        steps = []
        supersets += bool(block and block.superset and items)
        for position, (item, item_path) in enumerate(items):
            number += 1
            exercise = catalogue.exercise(item.id)
            own_dose = runner.dose.get(item.id) if runner else None
            dose = own_dose or item.dose or exercise.dose
            where = Where(catalogue, routine.id, item_path, roster, runner, units)
            course = plan_course(item.id, exercise.equipment, dose, item, routine.deload, where, weeks, problems, words)
            load = labels.decimals(course.targets(weeks)[0].load_text) if course else None
            step = plan_step(
                number,
                exercise,
                catalogue,
                dose,
                flags,
                load=load or None,
                own_dose=own_dose is not None,
                labels=labels,
                also_name=also.exercise(item.id).name if also else None,
            )
            label = f"{chr(ord('A') + supersets - 1)}{position + 1}" if block and block.superset else str(number)
            steps.append(
                replace(
                    step,
                    label=label,
                    details=set_details(item_path and item, words),
                    course=course,
                    rule=course.rule if course else None,
                    progression=course.summary(weeks) if course else None,
                )
            )
        if steps:
            blocks.append(
                StepBlock(
                    block.title if block else labels("exercise.added_for_you"), block.note if block else None, steps
                )
            )
    if problems:  # a problem of the runner's or the routine's own (a deload week, say) is told once
        raise ProblemsFound(list({str(problem): problem for problem in problems}.values()))
    return RoutinePlan(
        routine.id,
        routine.title,
        routine.summary,
        routine.why,
        blocks,
        catalogue.theory,
        runner=runner.name if runner else None,
        notes=runner.notes if runner else None,
        labels=labels,
        large=large,
    )


def plan_step(
    number: int,
    exercise: Exercise,
    catalogue: Catalogue,
    dose: Dose | None = None,
    flags: frozenset[str] = frozenset(),
    load: str | None = None,
    own_dose: bool = False,
    labels: Labels | None = None,
    also_name: str | None = None,
) -> Step:
    """``exercise`` of ``catalogue`` as step ``number``: ``dose`` overrides the catalogue's, ``flags`` pick the
    cautions that stand out; its fixed words in the language of ``labels``."""
    labels = labels or english()
    watch = plan_watch(exercise.video.url, exercise.video.start, labels, exercise.name) if exercise.video else None
    kind = catalogue.kinds[exercise.kind]
    assert kind.colour, kind.id  # the catalogue's kinds all have one (Vocabulary.coloured_kinds)
    dose = dose or exercise.dose
    return Step(
        number=number,
        id=exercise.id,
        name=exercise.name,
        kind=exercise.kind,
        kind_label=kind.name,
        kind_colour=kind.colour,
        kind_ink=ink_on(kind.colour),
        area=exercise.area,
        area_name=catalogue.areas[exercise.area].name,
        muscles=exercise.muscles_text(),
        summary=exercise.summary,
        dose=dose,
        cues=list(exercise.cues),
        variations=list(exercise.variations),
        cautions=[CautionLine(c.text, bool(flags & set(c.flags))) for c in exercise.cautions],
        equipment=list(exercise.equipment),
        watch=watch,
        load=load,
        own_dose=own_dose,
        picture=picture_data_uri((catalogue.folder / exercise.picture).resolve()) if exercise.picture else None,
        dose_text=labels.dose(dose) if dose else None,
        also_name=also_name if also_name != exercise.name else None,
    )


def plan_watch(url: str, start: int = 0, labels: Labels | None = None, name: str = "") -> Watch:
    """The QR code and label for the video of ``name`` opened at second ``start``."""
    link = video_link(url, start)
    labels = labels or english()
    # A video that starts at the start needs no time printed beside it.
    at = watch_label(start) if start else ""
    text = labels("exercise.watch_from", name=name, start=at) if at else labels("exercise.watch", name=name)
    # what a screen reader says for the code: "Video: Calf raise, from 0:30", or "Video: Calf raise" from the start
    alt = (
        labels("exercise.video_alt", name=name, start=at)
        if at
        else labels.phrases["exercise.video_alt"].split("{name}")[0] + name
    )
    return Watch(link, at, qr_data_uri(link), qr_modules(link), text, alt)


@dataclass(frozen=True)
class Sheet:
    """What a full-page routine prints: the routine, and the log grid to fill in."""

    plan: RoutinePlan
    log: LogGrid
