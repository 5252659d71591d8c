"""A team's roster: who runs which routine, with their own doses, loads, skips, adds and cautions.

``load_roster(file, catalogue)`` returns a checked :class:`Roster` or raises ``ProblemsFound``
with every problem, each with its file and line, including ids the catalogue doesn't know: the
models check those against the catalogue given as validation context.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from cardgen.catalogue import Catalogue
from cardgen.dose import Dose
from cardgen.errors import Problem, ProblemsFound
from cardgen.labels import LANG_PATTERN, languages
from cardgen.pictures import check_picture
from cardgen.progression import Deload, Load, Progress, Wave
from cardgen.source import Document, read_yaml
from cardgen.validation import Id, Model, Text, context_of, did_you_mean, one_of, validate

Lang = Annotated[
    str,
    Field(
        pattern=LANG_PATTERN,
        description="A language cardgen prints in: en, es, fr, de, pt, it, zh-Hans, ja, ko, ru, "
        "or one the workspace adds in locale/.",
    ),
    one_of("language", "languages"),
]
# Names the catalogue must know (checked against it when a roster is loaded: see load_roster).
ExerciseId = Annotated[Id, one_of("exercise", "exercises")]
RoutineId = Annotated[Id, one_of("routine", "routines")]
Flag = Annotated[
    Id,
    one_of(
        "flag", "flags", hint=lambda flags: f"; the catalogue's cautions carry: {', '.join(sorted(flags)) or 'none'}"
    ),
]


# A team, not a city marathon: far more than any club has, few enough that a batch or the handout
# finishes in minutes (a 10,000-runner handout took WeasyPrint 8 minutes and 1.7 GB).
MAX_RUNNERS = 2000


class Runner(Model):
    name: Text
    routine: RoutineId | None = None
    dose: dict[ExerciseId, Dose] = {}
    load: dict[ExerciseId, Load] = Field(
        default={}, description="Load per exercise, in the roster's units, or a percentage of the training max (75%)."
    )
    progress: dict[ExerciseId, Progress] = Field(
        default={}, description="How each exercise moves up: '+1 rep/week', 'double 10-15, +2.5 kg'…"
    )
    weeks: dict[ExerciseId, Wave] = Field(
        default={}, description="A wave per exercise, repeated: [65%, 75%, 85%, deload]."
    )
    max: dict[ExerciseId, Annotated[float, Field(gt=0, allow_inf_nan=False)]] = Field(
        default={}, description="Training max per exercise, in the roster's units."
    )
    deload: Deload | None = Field(
        default=None, description="The runner's deload weeks, for their whole plan (instead of the routine's)."
    )
    skip: list[ExerciseId] = []
    add: list[ExerciseId] = []
    flags: list[Flag] = Field(default=[], description="Conditions whose cautions stand out, e.g. heel.")
    notes: Text | None = None
    lang: Lang | None = Field(
        default=None, description="The language of this runner's card and sheet (default: the team's)."
    )
    large: bool = Field(default=False, description="Large print: sheets at 14 pt and more, cards never under 9 pt.")


def _true_or_mapping(schema: dict) -> None:
    mapping = dict(schema)
    schema.clear()
    schema.update(title=mapping.pop("title"), description=mapping.pop("description"), anyOf=[{"const": True}, mapping])


class Plates(Model):
    """Plates a side of a barbell, for the exercises named (default: those whose equipment names a barbell)."""

    model_config = ConfigDict(json_schema_extra=_true_or_mapping)

    bar: float = Field(default=0, ge=0, description="The bar's weight (default 20 kg or 45 lb).")
    sizes: list[Annotated[float, Field(gt=0)]] = Field(
        default=[], description="The plates the gym has (default 25 … 1.25 kg or 45 … 2.5 lb)."
    )
    exercises: list[Id] = []

    @model_validator(mode="before")
    @classmethod
    def _from_true(cls, value):
        if value is True:
            return {}
        if value is False:
            raise ValueError("leave plates out to print no plates; plates: true prints them")
        return value


class Roster(Model):
    team: Text
    coach: Text | None = None
    starts: date | None = None
    routine: RoutineId | None = None
    units: Literal["kg", "lb", "kg+lb", "lb+kg"] = Field(
        default="kg", description="kg or lb; kg+lb prints both (60 kg / 132 lb)."
    )
    round: float | None = Field(
        default=None, gt=0, le=50, description="Loads are rounded to this step (default 2.5 kg or 5 lb)."
    )
    plates: Plates | None = None
    lang: Lang | None = Field(
        default=None,
        description="The team's language: its handout, and every runner's card and sheet unless they give their own.",
    )
    logo: Text | None = Field(default=None, description="A PNG, JPEG or SVG file in the roster's folder.")
    runners: list[Runner] = Field(min_length=1)

    @field_validator("runners", mode="before")
    @classmethod
    def _a_team(cls, runners):
        if isinstance(runners, list) and len(runners) > MAX_RUNNERS:
            raise ValueError(
                f"{len(runners):,} runners: a roster holds at most {MAX_RUNNERS:,}; split the team into several rosters"
            )
        return runners

    @field_validator("logo")
    @classmethod
    def _a_picture(cls, logo: str | None, info: ValidationInfo) -> str | None:
        context = context_of(info)
        if logo and context and (why_not := check_picture(logo, context.known["folder"], context.place("logo"))):
            raise ValueError(why_not)
        return logo

    # Where it was read from: cardgen's to set, so a roster saying ``file:`` is an unknown key.
    _file: Path | None = PrivateAttr(default=None)

    @property
    def file(self) -> Path | None:
        return self._file

    def runner(self, name: str) -> Runner:
        """The runner called ``name`` (case and surrounding spaces ignored)."""
        wanted = name.strip().casefold()
        for runner in self.runners:
            if runner.name.casefold() == wanted:
                return runner
        raise LookupError(
            f"no runner '{name}' in {self.file or 'the roster'}{did_you_mean(name, [r.name for r in self.runners])}"
        )

    def routine_of(self, runner: Runner) -> str:
        routine = runner.routine or self.routine
        assert routine, runner.name  # a roster without a default routine gives every runner theirs
        return routine


def load_roster(file: Path, catalogue: Catalogue, locale: Path | None = None) -> Roster:
    """Read ``file`` and check it against ``catalogue`` (and its languages against cardgen's and
    those of ``locale``, a workspace's locale folder): every problem at once."""
    document = read_yaml(file)
    problems: list[Problem] = list(document.problems)
    known = {
        "exercises": catalogue.exercises,
        "routines": catalogue.routines,
        "flags": {flag for exercise in catalogue.exercises.values() for c in exercise.cautions for flag in c.flags},
        "languages": languages(locale),
        "folder": document.file.parent,
    }
    roster = validate(document, Roster, problems, None, known)
    problems.extend(_runners_apart(document))
    if problems:
        raise ProblemsFound(sorted(problems, key=lambda p: p.line or 0))
    roster._file = Path(file)
    return roster


def _runners_apart(document: Document) -> list[Problem]:
    """Runners named twice, and runners without a routine when the roster has no default one.
    Read from the file as written, so they are found even where a runner has another mistake."""
    data = document.data if isinstance(document.data, dict) else {}
    runners = data.get("runners") if isinstance(data.get("runners"), list) else []
    problems = []
    first: dict[str, int] = {}
    for index, runner in enumerate(runners or []):
        if not isinstance(runner, dict):
            continue
        name = runner.get("name")
        if isinstance(name, str) and name.strip():
            key = name.strip().casefold()
            if key in first:
                line = document.line_of(("runners", first[key]))
                message = f"duplicate runner name '{name}' (first on line {line})"
                problems.append(document.problem(("runners", index, "name"), message))
            first.setdefault(key, index)
        if not runner.get("routine") and not data.get("routine"):
            message = "no routine: give the runner a routine, or the roster a default one"
            problems.append(document.problem(("runners", index), message))
    return problems
