"""The exercise catalogue: exercises, routines and theory, read from a folder of YAML files.

``load_catalogue(folder)`` returns a checked :class:`Catalogue` or raises ``ProblemsFound``
listing every problem in every file, each with its file and line. What one file names in another
(a routine's exercises, an exercise's area, kind and picture) is checked by the models' validators
against what was read before them, given as validation context.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import ConfigDict, Field, TypeAdapter, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from cardgen.dose import Dose
from cardgen.errors import Problem, ProblemsFound
from cardgen.pictures import check_picture
from cardgen.progression import Deload, Effort, Load, Progress, Rest, Tempo, Wave
from cardgen.qr import start_second
from cardgen.source import Document, read_yaml
from cardgen.validation import Id, Model, Text, context_of, did_you_mean, one_of, validate
from cardgen.vocabulary import FILE as AREAS_FILE
from cardgen.vocabulary import Area, Kind, Vocabulary

MAX_URL_LENGTH = 2000


class Video(Model):
    url: str
    start: int = Field(default=0, ge=0, description="Second of the video to open at.")

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str) -> str:
        return check_web_address(url)

    @model_validator(mode="before")
    @classmethod
    def _start_from_address(cls, value: Any) -> Any:
        # A pasted link often carries its start (t=227); use it when no start is given.
        if isinstance(value, dict) and isinstance(value.get("url"), str):
            in_link = start_second(value["url"])
            if "start" not in value:
                return value | {"start": in_link or 0}
            if in_link is not None and in_link != value["start"]:
                raise ValueError(f"the link opens at {in_link} s but start says {value['start']}: keep one of them")
        return value


def _or_a_string(string_schema: dict[str, Any]):
    """The JSON Schema of a model that a bare string also stands for (its "before" validator reads
    the string), so an editor accepts ``- calf-raise`` as well as ``- {id: calf-raise}``."""

    def extra(schema: dict[str, Any]) -> None:
        mapping = dict(schema)
        schema.clear()
        schema.update(title=mapping.pop("title"), anyOf=[string_schema, mapping])

    return extra


class Caution(Model):
    model_config = ConfigDict(json_schema_extra=_or_a_string(TypeAdapter(Text).json_schema()))

    text: Text
    flags: list[Id] = []

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Exercise(Model):
    id: Id
    name: Text
    area: Id = Field(description="One of the catalogue's areas: those areas.yaml declares, else calves, legs or core.")
    kind: Id = Field(
        description="One of the catalogue's kinds: those areas.yaml declares, "
        "else warm-up, strength, explosive or swiftness."
    )
    muscles: list[Text] = []
    terms: dict[str, Text] = Field(
        default={}, description="A muscle's name in another language, e.g. iliopsoas: 髂腰肌."
    )
    summary: Text | None = None
    dose: Dose | None = None
    cues: list[Text] = []
    variations: list[Text] = []
    cautions: list[Caution] = []
    equipment: list[Text] = []
    video: Video | None = None
    picture: Text | None = Field(default=None, description="A PNG, JPEG or SVG file in the catalogue's folder.")

    @field_validator("area", "kind")
    @classmethod
    def _declared(cls, value: str, info: ValidationInfo) -> str:
        context = context_of(info)
        field = info.field_name or ""
        declared = context.known.get(f"{field}s") if context else None
        if context and declared is not None and value not in declared:
            raise ValueError(_undeclared(field, value, declared, f"{field}s" in context.known["declared in file"]))
        return value

    @field_validator("picture")
    @classmethod
    def _a_picture(cls, picture: str | None, info: ValidationInfo) -> str | None:
        context = context_of(info)
        if (
            picture
            and context
            and (why_not := check_picture(picture, context.known["folder"], context.place("picture")))
        ):
            raise ValueError(why_not)
        return picture

    @model_validator(mode="after")
    def _terms_name_muscles(self) -> Exercise:
        stray = [muscle for muscle in self.terms if muscle not in self.muscles]
        if stray:
            raise ValueError(
                f"terms names {', '.join(map(repr, stray))}, which is not in muscles: add it there, or fix the spelling"
            )
        return self

    def muscles_text(self) -> str:
        """``iliopsoas (髂腰肌)``: the muscles, each with its term where the catalogue gives one."""
        return ", ".join(f"{m} ({self.terms[m]})" if m in self.terms else m for m in self.muscles)


class RoutineItem(Model):
    model_config = ConfigDict(json_schema_extra=_or_a_string(TypeAdapter(Id).json_schema()))

    id: Annotated[Id, one_of("exercise", "exercises")]
    dose: Dose | None = None
    load: Load | None = Field(
        default=None,
        description="A load in the roster's units (20), or a percentage of the runner's training max ('75%').",
    )
    progress: Progress | None = None
    weeks: Wave | None = None
    tempo: Tempo | None = None
    rest: Rest | None = None
    effort: Effort | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value


class Block(Model):
    title: Text
    note: Text | None = None
    superset: bool = Field(default=False, description="Done back to back, numbered A1, A2…")
    exercises: list[RoutineItem] = Field(min_length=1)


class Routine(Model):
    id: Id
    title: Text
    summary: Text | None = None
    why: Text | None = None
    deload: Deload | None = None
    blocks: list[Block] = Field(min_length=1)


class Link(Model):
    title: Text
    url: str

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str) -> str:
        return check_web_address(url)


class Section(Model):
    title: Text
    text: Text


class Theory(Model):
    title: Text = "Why strength training"
    source: Link | None = None
    aspects: list[Text] = []
    sections: list[Section] = []
    further_watching: list[Link] = []


class Catalogue(Model):
    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    theory: Theory
    folder: SkipJsonSchema[Path]  # where it was read from, not something a file says
    areas: dict[str, Area] = {area.id: area for area in Vocabulary().areas}  # in printing order
    kinds: dict[str, Kind] = {kind.id: kind for kind in Vocabulary().kinds}

    def routine(self, routine_id: str) -> Routine:
        """The routine with this id; LookupError with the closest ids when there is none."""
        if routine_id not in self.routines:
            raise LookupError(f"no routine '{routine_id}'{did_you_mean(routine_id, self.routines)}")
        return self.routines[routine_id]

    def exercise(self, exercise_id: str) -> Exercise:
        if exercise_id not in self.exercises:
            raise LookupError(f"no exercise '{exercise_id}'{did_you_mean(exercise_id, self.exercises)}")
        return self.exercises[exercise_id]


def check_web_address(url: str) -> str:
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"the address is longer than {MAX_URL_LENGTH} characters")
    if not re.match(r"^https?://[^\s/?#]+", url, re.IGNORECASE):
        raise ValueError(f"'{url[:80]}' is not a web address: it must start with http:// or https://")
    if re.search(r"\s", url):
        raise ValueError(f"'{url[:80]}' has a space in it: a web address has none")
    return url


FILES = {"exercises": "exercises.yaml", "routines": "routines.yaml", "theory": "theory.yaml", "areas": AREAS_FILE}
OPTIONAL = ("theory", "areas")


def load_catalogue(folder: Path) -> Catalogue:
    """Read and check ``exercises.yaml``, ``routines.yaml`` and ``theory.yaml`` in ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ProblemsFound([Problem(folder, None, "", "no such catalogue folder")])
    problems: list[Problem] = []

    def read(name: str, model: Any, default: Any, known: dict | None = None) -> tuple[Any, Document | None]:
        file = folder / FILES[name]
        if name in OPTIONAL and not file.exists():
            return default, None
        try:
            document = read_yaml(file)
        except ProblemsFound as found:
            problems.extend(found.problems)
            return default, None
        problems.extend(document.problems)
        if document.data is None and isinstance(default, list):
            problems.append(Problem(file, None, "", f"no {name} in this file"))
            return default, None
        if document.data is None:
            document.data = {}
        return validate(document, model, problems, default, known), document

    vocabulary, vocabulary_doc = read("areas", Vocabulary, Vocabulary())
    vocabulary_read = not problems  # else the exercises have nothing to be checked against
    areas = _unique_ids(vocabulary.areas, vocabulary_doc, "area", problems, within="areas")
    kinds = _unique_ids(vocabulary.coloured_kinds(), vocabulary_doc, "kind", problems, within="kinds")
    declared_in_file = set(vocabulary_doc.data) if vocabulary_doc and isinstance(vocabulary_doc.data, dict) else set()
    exercises, exercises_doc = read(
        "exercises",
        list[Exercise],
        [],
        {"folder": folder, "declared in file": declared_in_file}
        | ({"areas": areas, "kinds": kinds} if vocabulary_read else {}),
    )
    # A routine's exercises are checked against every exercise the file declares: one that is
    # declared but broken has its own problem already; don't report it twice. Without the file,
    # there is nothing to check against.
    declared_ids = {
        item["id"]
        for item in (exercises_doc.data if exercises_doc else [])
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }
    routines, routines_doc = read("routines", list[Routine], [], {"exercises": declared_ids} if exercises_doc else {})
    theory, _ = read("theory", Theory, Theory())
    exercise_ids = _unique_ids(exercises, exercises_doc, "exercise", problems)
    routine_ids = _unique_ids(routines, routines_doc, "routine", problems)
    if problems:
        raise ProblemsFound(sorted(problems, key=lambda p: (str(p.file), p.line or 0)))
    return Catalogue(
        exercises=exercise_ids, routines=routine_ids, theory=theory, folder=folder, areas=areas, kinds=kinds
    )


def _undeclared(field: str, value: str, declared: dict, declared_in_file: bool) -> str:
    unknown, names = f"unknown {field} '{value}'{did_you_mean(value, declared)}", ", ".join(declared)
    if declared_in_file:
        return f"{unknown}: {AREAS_FILE} declares {names}; add it there to use it"
    return f"{unknown}: the {field}s are {names}; declare your own in {AREAS_FILE} to use others"


def _unique_ids(
    items: list, document: Document | None, what: str, problems: list[Problem], within: str | None = None
) -> dict:
    by_id: dict[str, Any] = {}
    prefix = (within,) if within else ()
    for index, item in enumerate(items):
        if item.id in by_id:
            assert document is not None  # items come from a document
            first = document.line_of((*prefix, items.index(by_id[item.id])))
            problems.append(
                document.problem(
                    (*prefix, index, "id"), f"duplicate {what} id '{item.id}' (first used on line {first})"
                )
            )
        else:
            by_id[item.id] = item
    return by_id
