"""How much of an exercise to do, read from the notes' shorthand and printed so nobody misreads it.

The runner's notes write ``15x3`` for 15 reps in each of 3 sets, ``10-15x3`` for a rep range and
``5-8 each side`` for a one-sided exercise. A catalogue may also spell a dose out:
``{sets: 3, reps: "10-15", each_side: true}``, ``{sets: 3, hold: 30}`` (seconds), ``{time: 60}``.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

Unit = Literal["reps", "hold", "time"]

# More sets than this in the shorthand is almost surely reps and sets swapped ("3x15").
MOST_SETS_IN_SHORTHAND = 10

_NUMBER_RANGE = r"(?P<low>\d+)(?:\s*[-–]\s*(?P<high>\d+))?"
_SHORTHAND = re.compile(
    rf"""^{_NUMBER_RANGE}\s*
        (?P<unit>s|sec|secs|seconds?|min|mins|minutes?|reps?)?\s*
        (?P<hold>hold)?\s*
        (?:[x×*]\s*(?P<sets>\d+)(?:\s*sets?)?)?\s*
        (?P<side>(?:each|per|a)\s+(?:side|leg|arm)|/\s*(?:side|leg))?$""",
    re.IGNORECASE | re.VERBOSE,
)
_STRUCTURED_KEYS = {"sets", "reps", "hold", "time", "each_side"}

_AMOUNT_JSON_SCHEMA = {
    "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\s*\d+(\s*[-–]\s*\d+)?\s*$"}]
}
# What a file may say for a dose, for editors: the shorthand, a number of reps, or the mapping
# spelled out. Not the fields it is read into (low, high, unit), which no file writes.
DOSE_JSON_SCHEMA = {
    "title": "Dose",
    "description": "REPSxSETS as in the notes ('15x3', '10-15x3', '5-8 each side', '30 s hold x3', '1 min'), "
    "or spelled out: {sets: 3, reps: '10-15', each_side: true}; hold and time are in seconds.",
    "anyOf": [
        {"type": "string", "minLength": 1, "examples": ["15x3", "10-15x3", "5-8 each side", "30 s hold x3"]},
        {"type": "integer", "minimum": 1, "description": "Reps, in one set."},
        {
            "type": "object",
            "properties": {
                "sets": {"type": "integer", "minimum": 1},
                "reps": _AMOUNT_JSON_SCHEMA | {"description": "Reps in one set: 15, or a range like '10-15'."},
                "hold": _AMOUNT_JSON_SCHEMA | {"description": "Seconds to hold, in one set."},
                "time": _AMOUNT_JSON_SCHEMA | {"description": "Seconds of work, in one set."},
                "each_side": {"type": "boolean", "default": False},
            },
            "additionalProperties": False,
            "oneOf": [{"required": ["reps"]}, {"required": ["hold"]}, {"required": ["time"]}],
        },
    ],
}


def _json_schema(schema: dict[str, Any]) -> None:
    schema.clear()
    schema.update(copy.deepcopy(DOSE_JSON_SCHEMA))


class Dose(BaseModel):
    """Sets of an amount (reps, seconds held, or seconds of work), maybe on each side."""

    model_config = ConfigDict(frozen=True, json_schema_extra=_json_schema)

    sets: int | None = None
    low: int
    high: int | None = None
    unit: Unit = "reps"
    each_side: bool = False

    @classmethod
    def parse(cls, text: str) -> Dose:
        """Read the shorthand: ``15x3``, ``10-15x3``, ``5-8 each side``, ``30 s hold x3``, ``1 min``."""
        match = _SHORTHAND.match(text.strip())
        if not match:
            raise ValueError(
                f"cannot read the dose '{text}': write REPSxSETS like '15x3' or '10-15x3', "
                "'5-8 each side', '30 s hold x3', or spell it out as {sets: 3, reps: 15}"
            )
        unit_word = (match["unit"] or "").lower()
        seconds_per = 60 if unit_word.startswith("min") else 1
        unit: Unit = "hold" if match["hold"] else ("time" if unit_word and not unit_word.startswith("rep") else "reps")
        sets = int(match["sets"]) if match["sets"] else None
        reps = int(match["low"])
        if sets and reps and unit == "reps" and (sets > MOST_SETS_IN_SHORTHAND or (sets > reps and not match["high"])):
            # More sets than reps is what a sets-first habit ("3x10") looks like in REPSxSETS.
            amount = f"{match['low']}-{match['high']}" if match["high"] else match["low"]
            swapped = f" If you meant {reps} sets of {sets}, write '{sets}x{reps}';" if not match["high"] else ""
            raise ValueError(
                f"'{text}' reads as {sets} sets of {amount} reps: "
                f"the shorthand is REPSxSETS ('15x3' is 3 sets of 15 reps).{swapped}"
                f" {'if' if swapped else 'If'} you do mean {sets} sets, write {{sets: {sets}, reps: {amount}}}"
            )
        high = int(match["high"]) * seconds_per if match["high"] else None
        return cls(sets=sets, low=int(match["low"]) * seconds_per, high=high, unit=unit, each_side=bool(match["side"]))

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand_or_mapping(cls, value: Any) -> Any:
        if isinstance(value, Dose):
            return value
        if isinstance(value, bool):
            raise ValueError("a dose is text like '15x3' or a mapping like {sets: 3, reps: 15}")
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, str):
            return cls.parse(value).model_dump()
        if not isinstance(value, dict) or "low" in value:
            return value
        unknown = set(value) - _STRUCTURED_KEYS
        if unknown:
            raise ValueError(
                f"unknown dose key(s) {', '.join(sorted(map(str, unknown)))}; use {', '.join(sorted(_STRUCTURED_KEYS))}"
            )
        amounts = [key for key in ("reps", "hold", "time") if key in value]
        if len(amounts) != 1:
            raise ValueError("a dose needs exactly one of reps, hold (seconds) or time (seconds)")
        low, high = _read_amount(value[amounts[0]])
        return {
            "sets": value.get("sets"),
            "low": low,
            "high": high,
            "unit": amounts[0],
            "each_side": value.get("each_side", False),
        }

    @model_validator(mode="after")
    def _sensible(self) -> Dose:
        if self.sets is not None and self.sets < 1:
            raise ValueError("sets must be 1 or more")
        if self.low < 1:
            raise ValueError("the amount must be 1 or more")
        if self.high is not None and self.high == self.low:
            raise ValueError(f"the range {self.low}-{self.high} has one number: write {self.low}")
        if self.high is not None and self.high < self.low:
            raise ValueError(f"the range {self.low}-{self.high} must go from low to high: write {self.high}-{self.low}")
        return self

    def __str__(self) -> str:
        """``3 sets × 15 reps``, ``3 sets × 10–15 reps each side``, ``3 sets × 30 s hold``, ``5–8 reps each side``:
        in English; :meth:`cardgen.labels.Labels.dose` words it in any language."""
        from cardgen.labels import english

        return english().dose(self)


def _read_amount(value: Any) -> tuple[int, int | None]:
    if isinstance(value, bool):
        raise ValueError("the amount must be a number or a range like 10-15")
    if isinstance(value, int):
        return value, None
    match = re.fullmatch(_NUMBER_RANGE, str(value).strip())
    if not match:
        raise ValueError(f"cannot read the amount '{value}': give a number or a range like 10-15")
    return int(match["low"]), int(match["high"]) if match["high"] else None
