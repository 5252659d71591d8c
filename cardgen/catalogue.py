"""The exercise catalogue: exercises, routines and theory, read from a folder of YAML files.

``load_catalogue(folder)`` returns a checked :class:`Catalogue` or raises ``ProblemsFound``
listing every problem in every file, each with its file and line.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from cardgen.dose import Dose
from cardgen.errors import Problem, ProblemsFound
from cardgen.pictures import check_picture
from cardgen.qr import start_second
from cardgen.source import Document, read_yaml

Area = Literal["calves", "legs", "core"]
Kind = Literal["warm-up", "strength", "explosive", "swiftness"]
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]

MAX_URL_LENGTH = 2000


class Model(BaseModel):
    """Every catalogue model forbids unknown keys, so a typo is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


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
    area: Area
    kind: Kind
    muscles: list[Text] = []
    terms: dict[str, Text] = Field(default={}, description="A muscle's name in another language, e.g. iliopsoas: 髂腰肌.")
    summary: Text | None = None
    dose: Dose | None = None
    cues: list[Text] = []
    variations: list[Text] = []
    cautions: list[Caution] = []
    equipment: list[Text] = []
    video: Video | None = None
    picture: Text | None = Field(default=None, description="A PNG, JPEG or SVG file in the catalogue's folder.")

    @model_validator(mode="after")
    def _terms_name_muscles(self) -> Exercise:
        stray = [muscle for muscle in self.terms if muscle not in self.muscles]
        if stray:
            raise ValueError(f"terms names {', '.join(map(repr, stray))}, which is not in muscles: add it there, or fix the spelling")
        return self

    def muscles_text(self) -> str:
        """``iliopsoas (髂腰肌)``: the muscles, each with its term where the catalogue gives one."""
        return ", ".join(f"{m} ({self.terms[m]})" if m in self.terms else m for m in self.muscles)


class RoutineItem(Model):
    model_config = ConfigDict(json_schema_extra=_or_a_string(TypeAdapter(Id).json_schema()))

    id: Id
    dose: Dose | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value


class Block(Model):
    title: Text
    note: Text | None = None
    exercises: list[RoutineItem] = Field(min_length=1)


class Routine(Model):
    id: Id
    title: Text
    summary: Text | None = None
    why: Text | None = None
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


def did_you_mean(word: str, choices, most: int = 2) -> str:
    close = difflib.get_close_matches(word, list(choices), n=most, cutoff=0.5)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


FILES = {"exercises": "exercises.yaml", "routines": "routines.yaml", "theory": "theory.yaml"}


def load_catalogue(folder: Path) -> Catalogue:
    """Read and check ``exercises.yaml``, ``routines.yaml`` and ``theory.yaml`` in ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ProblemsFound([Problem(folder, None, "", "no such catalogue folder")])
    problems: list[Problem] = []

    def read(name: str, model: Any, default: Any) -> tuple[Any, Document | None]:
        file = folder / FILES[name]
        if name == "theory" and not file.exists():
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
        return validate(document, model, problems, default), document

    exercises, exercises_doc = read("exercises", list[Exercise], [])
    routines, routines_doc = read("routines", list[Routine], [])
    theory, _ = read("theory", Theory, Theory())

    exercise_ids = _unique_ids(exercises, exercises_doc, "exercise", problems)
    routine_ids = _unique_ids(routines, routines_doc, "routine", problems)
    # An exercise that is declared but broken has its own problem already; don't report it twice.
    declared_ids = {item["id"] for item in (exercises_doc.data if exercises_doc else []) if isinstance(item, dict) and isinstance(item.get("id"), str)}
    for r, routine in enumerate(routines if exercises_doc else []):  # nothing to check against without exercises
        for b, block in enumerate(routine.blocks):
            for i, item in enumerate(block.exercises):
                if item.id not in exercise_ids and item.id not in declared_ids:
                    path = (r, "blocks", b, "exercises", i)
                    problems.append(routines_doc.problem(path, f"unknown exercise '{item.id}'{did_you_mean(item.id, declared_ids)}"))
    raw_index = {item.get("id"): i for i, item in enumerate(exercises_doc.data) if isinstance(item, dict)} if exercises_doc else {}
    for exercise in exercises:
        if exercise.picture and (why_not := check_picture(exercise.picture, folder)):
            problems.append(exercises_doc.problem((raw_index[exercise.id], "picture"), why_not))
    if problems:
        raise ProblemsFound(sorted(problems, key=lambda p: (str(p.file), p.line or 0)))
    return Catalogue(exercises=exercise_ids, routines=routine_ids, theory=theory, folder=folder)


def _unique_ids(items: list, document: Document | None, what: str, problems: list[Problem]) -> dict:
    by_id: dict[str, Any] = {}
    for index, item in enumerate(items):
        if item.id in by_id:
            first = document.line_of((items.index(by_id[item.id]),))
            problems.append(document.problem((index, "id"), f"duplicate {what} id '{item.id}' (first used on line {first})"))
        else:
            by_id[item.id] = item
    return by_id


def validate(document: Document, model: Any, problems: list[Problem], default: Any) -> Any:
    """Validate a document against a model, adding a readable problem per error to ``problems``.

    Items of a top-level list are validated one by one, so the good ones survive for later
    cross-checks (routines naming exercises) even when another item is broken.
    """
    adapter = TypeAdapter(model)
    if isinstance(document.data, list) and getattr(model, "__origin__", None) is list:
        item_adapter = TypeAdapter(model.__args__[0])
        good = []
        for index, item in enumerate(document.data):
            try:
                good.append(item_adapter.validate_python(item))
            except ValidationError as error:
                problems.extend(_explain(error, document, (index,), model.__args__[0]))
        return good
    try:
        return adapter.validate_python(document.data)
    except ValidationError as error:
        problems.extend(_explain(error, document, (), model))
        return default


def _explain(error: ValidationError, document: Document, prefix: tuple, model: Any) -> list[Problem]:
    found = []
    for detail in error.errors(include_url=False):
        # Pydantic names the union branch or validator in the location ("function-after[...]"); drop it.
        loc = tuple(step for step in detail["loc"] if not (isinstance(step, str) and "[" in step))
        path = prefix + loc
        # A missing key has no line of its own: point at the mapping that lacks it.
        where = path[:-1] if detail["type"] == "missing" else path
        found.append(document.problem(where, friendly_message(detail, path, _model_at(model, loc[:-1]))))
    return found


def _model_at(model: Any, loc: tuple) -> Any:
    """The model that holds the value at ``loc`` inside ``model`` (for suggesting its keys)."""

    def unwrap(kind: Any) -> Any:
        while get_origin(kind) in (list, dict, Union, UnionType, Annotated):
            args = [a for a in get_args(kind) if a is not type(None)]
            kind = args[0] if get_origin(kind) is Annotated else args[-1]
        return kind

    for step in loc:
        model = unwrap(model)
        if isinstance(step, str):
            fields = getattr(model, "model_fields", {})
            model = fields[step].annotation if step in fields else None
    return unwrap(model)


def friendly_message(detail: dict, path: tuple, model: Any = None) -> str:
    """Pydantic's messages, said the way a catalogue editor would understand them."""
    kind, message, value = detail["type"], detail["msg"], detail.get("input")
    key = path[-1] if path else ""
    if kind == "extra_forbidden":
        keys = getattr(model, "model_fields", None)
        hint = did_you_mean(str(key), keys or _known_keys(), most=1)
        if not hint and keys:
            hint = f" (the keys here are: {', '.join(keys)})"
        return f"unknown key '{key}'{hint}"
    if kind == "missing":
        return f"missing required key '{key}'"
    wanted = {"string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
              "float_type": "a number", "float_parsing": "a number", "finite_number": "a number",
              "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping", "bool_type": "true or false",
              "bool_parsing": "true or false", "date_type": "a date like 2026-12-07", "date_parsing": "a date like 2026-12-07",
              "date_from_datetime_parsing": "a date like 2026-12-07"}.get(kind)
    if isinstance(value, (bool, date)) and kind not in ("bool_type", "date_type"):
        # YAML turns yes/no/on/off into true/false and 2024-01-01 into a date, unasked.
        read_as = "true or false" if isinstance(value, bool) else "a date"
        return f"YAML read this as {read_as} ({value}): put the text in quotes"
    if kind == "int_from_float":
        return f"should be a whole number, not {value}"
    if wanted:
        return f"should be {wanted}, not {_describe(value)}"
    if kind == "literal_error":
        return f"'{value}' is not allowed: {message.removeprefix('Input should be ')}"
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid id: use lowercase letters, digits and dashes, like 'calf-raise'"
    if kind == "too_short" and isinstance(value, (list, dict)):
        return "must not be empty"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be {detail['ctx'].get('ge', detail['ctx'].get('gt')):g} or more, not {value}"
    return message.removeprefix("Value error, ")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__ if not isinstance(value, str) else 'text'} {value!r}"[:80]


def _known_keys() -> set[str]:
    # Suggestions come from every key cardgen knows: a typo is usually close to the one meant.
    def keys(model: type[Model]) -> set[str]:
        return set(model.model_fields).union(*(keys(sub) for sub in model.__subclasses__()))

    return keys(Model)
