"""The team handout's plan: the routines its runners use, week by week, every exercise they do
in full (by area), the theory and its videos, and what each runner changes.

Planned from the same steps as the cards and sheets (``plan``), in the team's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cardgen.catalogue import Catalogue, Theory
from cardgen.labels import Labels, english
from cardgen.log import WeekPlan, plan_weeks
from cardgen.pictures import picture_data_uri
from cardgen.plan import DEFAULT_WEEKS, RoutinePlan, Step, Watch, plan_routine, plan_step, plan_watch
from cardgen.roster import Roster, Runner


@dataclass(frozen=True)
class FurtherVideo:
    """A video to watch further, with its QR code."""

    title: str
    watch: Watch


@dataclass(frozen=True)
class RunnerRow:
    """What one runner does differently, for the handout's who-does-what table."""

    name: str
    routine: str
    doses: list[str]
    loads: list[str]
    skips: list[str]
    adds: list[str]
    flags: list[str]
    notes: str | None
    progress: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AreaGroup:
    """Exercises of one area, under the name the catalogue gives it."""

    title: str
    steps: list[Step]


@dataclass(frozen=True)
class Handout:
    """The coach's handout: cover, routines in use, every exercise in full, the theory, who does what."""

    team: str
    coach: str | None
    starts: str | None
    runner_count: int
    routines: list[RoutinePlan]
    reference: list[AreaGroup]  # every exercise in use, by area in the catalogue's order
    theory: Theory
    further_watching: list[FurtherVideo]
    rows: list[RunnerRow]
    logo: str | None = None
    weeks: list[WeekPlan] = field(default_factory=list)  # each routine's targets, week by week
    labels: Labels = field(default_factory=english)

    @property
    def lang(self) -> str:
        return self.labels.code


def plan_handout(
    catalogue: Catalogue, roster: Roster, weeks: int = DEFAULT_WEEKS, labels: Labels | None = None
) -> Handout:
    """The handout for ``roster``: the routines its runners use, week by week, and what each runner changes;
    in the language of ``labels``."""
    labels = labels or english()
    routine_ids = list(dict.fromkeys(roster.routine_of(runner) for runner in roster.runners))
    routines = [
        plan_routine(catalogue, routine_id, roster=roster, weeks=weeks, labels=labels) for routine_id in routine_ids
    ]
    used = [step.id for plan in routines for step in plan.steps] + [i for runner in roster.runners for i in runner.add]
    steps = [
        plan_step(0, catalogue.exercise(exercise_id), catalogue, labels=labels) for exercise_id in dict.fromkeys(used)
    ]
    reference = [
        AreaGroup(area.name, [step for step in steps if step.area == area_id])
        for area_id, area in catalogue.areas.items()
    ]
    reference = [group for group in reference if group.steps]
    name = {exercise_id: exercise.name for exercise_id, exercise in catalogue.exercises.items()}
    rows = [
        RunnerRow(
            name=runner.name,
            routine=catalogue.routine(roster.routine_of(runner)).title,
            doses=[labels("exercise.pair", name=name[i], value=labels.dose(dose)) for i, dose in runner.dose.items()],
            loads=[
                labels(
                    "exercise.pair",
                    name=name[i],
                    value=f"{load}" + ("" if load.percent else f" {roster.units.partition('+')[0]}"),
                )
                for i, load in runner.load.items()
            ],
            skips=[name[i] for i in runner.skip],
            adds=[name[i] for i in runner.add],
            flags=list(runner.flags),
            notes=runner.notes,
            progress=_own_progress(catalogue, roster, runner, weeks),
        )
        for runner in roster.runners
    ]
    links = [
        FurtherVideo(link.title, plan_watch(link.url, 0, labels, link.title))
        for link in catalogue.theory.further_watching
    ]
    starts = labels.long_date(roster.starts) if roster.starts else None
    logo = picture_data_uri((roster.file.parent / roster.logo).resolve()) if roster.logo and roster.file else None
    return Handout(
        roster.team,
        roster.coach,
        starts,
        len(roster.runners),
        routines,
        reference,
        catalogue.theory,
        links,
        rows,
        logo,
        [plan_weeks(plan, weeks) for plan in routines],
        labels,
    )


def _own_progress(catalogue: Catalogue, roster: Roster, runner: Runner, weeks: int) -> list[str]:
    """How the runner's own progressions, waves, maxes and deloads work out: a line an exercise."""
    own = {*runner.progress, *runner.weeks, *runner.max}
    if not own and not runner.deload:
        return []
    plan = plan_routine(catalogue, roster.routine_of(runner), runner, roster=roster, weeks=weeks)
    return [
        f"{step.name}: {step.progression}"
        for step in plan.steps
        if step.progression and (step.id in own or runner.deload)
    ]
