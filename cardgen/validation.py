"""Checking what people write against the models, and saying what is wrong the way they'd say it.

Every file type (catalogue, roster, workspace settings) brings its models, built on :class:`Model`;
``validate(document, model, problems, default, context)`` turns pydantic's errors into located
problems (``FILE:LINE: where: message``) with a suggestion where one helps. Checks against other
files (a roster's exercise ids against the catalogue, a picture against its folder) are validators
too: they read what they check against from the :class:`Context` given to ``validate``, and
check nothing without one (a model built in code, or the JSON Schema).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, ValidationInfo
from pydantic_core import ErrorDetails

from cardgen.errors import Problem
from cardgen.source import Document, Path_

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Model(BaseModel):
    """Every model forbids unknown keys, so a typo is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


def did_you_mean(word: str, choices: Iterable[str], most: int = 2) -> str:
    close = difflib.get_close_matches(word, list(choices), n=most, cutoff=0.5)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


@dataclass(frozen=True)
class Context:
    """What validators check a file against beyond the file itself: ``known`` (the catalogue's
    exercise ids, the languages cardgen prints, the file's folder…), and where in ``document``
    the value being validated sits (``at``, the path of the list item being validated)."""

    document: Document
    known: dict[str, Any]
    at: Path_ = field(default=())

    def place(self, *path: str | int) -> str:
        """``FILE:LINE: where`` of a value in the item being validated."""
        return self.document.problem((*self.at, *path), "").place


def context_of(info: ValidationInfo) -> Context | None:
    return info.context if isinstance(info.context, Context) else None


def one_of(what: str, key: str, hint: Callable[[Collection[str]], str] | None = None) -> AfterValidator:
    """For ``Annotated``: the value must be one of the context's ``known[key]`` (when the context
    has it): ``unknown exercise 'calf-raze' (did you mean 'calf-raise'?)``."""

    def check(value: str, info: ValidationInfo) -> str:
        context = context_of(info)
        if context is None or key not in context.known:
            return value
        choices = context.known[key]
        if value not in choices:
            raise ValueError(f"unknown {what} '{value}'{did_you_mean(value, choices)}{hint(choices) if hint else ''}")
        return value

    return AfterValidator(check)


def validate(
    document: Document, model: Any, problems: list[Problem], default: Any, known: dict[str, Any] | None = None
) -> Any:
    """Validate a document against a model, adding a readable problem per error to ``problems``;
    ``known`` is what the validators check other files' names against (see :class:`Context`).

    Items of a top-level list are validated one by one, so the good ones survive for later
    cross-checks (routines naming exercises) even when another item is broken.
    """

    def context(at: Path_) -> Context | None:
        return Context(document, known, at) if known is not None else None

    if isinstance(document.data, list) and getattr(model, "__origin__", None) is list:
        item_adapter = TypeAdapter(model.__args__[0])
        good = []
        for index, item in enumerate(document.data):
            try:
                good.append(item_adapter.validate_python(item, context=context((index,))))
            except ValidationError as error:
                problems.extend(_explain(error, document, (index,), model.__args__[0]))
        return good
    try:
        return TypeAdapter(model).validate_python(document.data, context=context(()))
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


def friendly_message(detail: ErrorDetails, path: tuple, model: Any = None) -> str:
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
    wanted = {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "finite_number": "a number",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "date_type": "a date like 2026-12-07",
        "date_parsing": "a date like 2026-12-07",
        "date_from_datetime_parsing": "a date like 2026-12-07",
    }.get(kind)
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
    if kind == "string_pattern_mismatch" and detail["ctx"]["pattern"].startswith("^#"):
        return f'\'{value}\' is not a colour: write it as "#rrggbb", like "#1e3a5f" (in quotes: # starts a comment)'
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
