"""How an exercise moves up over the weeks, written the way a coach writes it.

``progress: "+1 rep/week"``, ``"+2.5 kg/week"``, ``"+5 s/week"``, ``"+1 set every 2 weeks"`` (linear
steps), ``"double 10-15, +2.5 kg"`` (double progression); ``weeks: [65%, 75%, 85%, deload]`` (a wave
of loads, repeated); ``deload: 4`` or ``[4, 8]`` or ``{every: 4, sets: -1, load: 60%}``; loads as a
number or a percentage of a training max (``75%``); set details: ``tempo``, ``rest``, ``effort``.
Each is read into a small validated model with a clear message when it cannot be, and each has a
JSON Schema for editors. Working out the weeks from them is ``targets.py``'s job.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

_NUMBER = r"\d+(?:\.\d+)?"
_UNITS = {
    "rep": "reps",
    "reps": "reps",
    "s": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "second": "seconds",
    "seconds": "seconds",
    "kg": "kg",
    "lb": "lb",
    "lbs": "lb",
    "set": "sets",
    "sets": "sets",
    "%": "percent",
}
_LINEAR = re.compile(
    rf"^(?P<sign>[+-])?\s*(?P<step>{_NUMBER})\s*(?P<unit>%|[a-z]+)\s*"
    r"(?:(?:/|a|per|each)\s*(?:week|wk)|every\s+(?P<every>\d+)\s*(?:weeks?|wks?))$",
    re.IGNORECASE,
)
_DOUBLE = re.compile(
    rf"^double\s+(?P<low>\d+)\s*[-–]\s*(?P<high>\d+)(?:\s*reps)?\s*,\s*\+?\s*(?P<step>{_NUMBER})\s*(?P<unit>kg|lbs?)$",
    re.IGNORECASE,
)
PROGRESS_EXAMPLES = ["+1 rep/week", "+2.5 kg/week", "+5 s/week", "+1 set every 2 weeks", "double 10-15, +2.5 kg"]


class _Notation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _schema(replacement: dict[str, Any]):
    """Files write these as short text (or numbers): the schema says that, not the fields they are read into."""

    def extra(schema: dict[str, Any]) -> None:
        schema.clear()
        schema.update(replacement)

    return extra


class Progress(_Notation):
    """A linear step (``what`` moves by ``step`` every ``every`` trained weeks) or a double
    progression (reps from ``low`` to ``high``, then ``step`` kg or lb more and back to ``low``)."""

    model_config = ConfigDict(
        json_schema_extra=_schema(
            {
                "title": "Progress",
                "type": "string",
                "examples": PROGRESS_EXAMPLES,
                "description": "How the exercise moves up: '+1 rep/week', '+2.5 kg/week', '+5 s/week' (holds), "
                "'+1 set every 2 weeks', '+2.5%/week' (of the training max), or 'double 10-15, +2.5 kg'.",
            }
        )
    )

    kind: Literal["linear", "double"] = "linear"
    what: Literal["reps", "seconds", "kg", "lb", "sets", "percent"]
    step: float
    every: int = 1
    low: int | None = None
    high: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return parse_progress(value) if isinstance(value, str) else value

    def __str__(self) -> str:
        """The progression as a file would write it: ``+1 rep/week``, ``+1 set every 2 weeks``,
        ``double 10-15, +2.5 kg``."""
        if self.kind == "double":
            return f"double {self.low}-{self.high}, +{self.step:g} {self.what}"
        unit = {"reps": "rep", "seconds": "s", "sets": "set", "percent": "%"}.get(self.what, self.what)
        unit = unit + "s" if unit in ("rep", "set") and abs(self.step) != 1 else unit
        amount = f"{self.step:+g}{'' if unit == '%' else ' '}{unit}"
        return f"{amount}/week" if self.every == 1 else f"{amount} every {self.every} weeks"

    @property
    def moves_load(self) -> bool:
        return self.kind == "double" or self.what in ("kg", "lb", "percent")


def parse_progress(text: str) -> dict[str, Any]:
    written = " ".join(text.split())
    if match := _DOUBLE.match(written):
        low, high = int(match["low"]), int(match["high"])
        if not 0 < low < high:
            raise ValueError(
                f"'{text}': a double progression goes from fewer reps to more, like 'double 10-15, +2.5 kg'"
            )
        return {
            "kind": "double",
            "what": _UNITS[match["unit"].lower()],
            "step": float(match["step"]),
            "low": low,
            "high": high,
        }
    match = _LINEAR.match(written)
    if not match:
        words = re.findall(r"[a-z]+", written.lower())
        close = [
            w
            for word in words
            for w in difflib.get_close_matches(word, [*_UNITS, "week", "weeks", "every", "double"], 1, 0.6)
            if w != word
        ]
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(
            f"cannot read the progression '{text}'{hint}: write it like "
            + ", ".join(f"'{e}'" for e in PROGRESS_EXAMPLES)
        )
    unit = match["unit"].lower()
    if unit not in _UNITS:
        raise ValueError(
            f"'{text}': unknown unit '{match['unit']}'{_did_you_mean(unit, _UNITS)}; use reps, s, kg, lb, sets or %"
        )
    step = float(match["step"]) * (-1 if match["sign"] == "-" else 1)
    every = int(match["every"] or 1)
    if step == 0 or every == 0:
        raise ValueError(f"'{text}' never moves: give a step other than 0, every 1 week or more")
    if _UNITS[unit] in ("reps", "sets") and step != int(step):
        raise ValueError(f"'{text}': {_UNITS[unit]} go up in whole numbers")
    return {"what": _UNITS[unit], "step": step, "every": every}


class Load(_Notation):
    """A load: an amount in the roster's units, or a percentage of the runner's training max."""

    model_config = ConfigDict(
        json_schema_extra=_schema(
            {
                "title": "Load",
                "description": "In the roster's units (20), or a percentage of the training max ('75%').",
                "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"}],
            }
        )
    )

    amount: float = Field(ge=0, allow_inf_nan=False)
    percent: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_number_or_text(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"YAML read this as true or false ({value}): give a number or a percentage like 75%")
        if isinstance(value, (int, float)):
            if not value >= 0 or value == float("inf"):
                raise ValueError(f"must be 0 or more, not {value}")
            return {"amount": value}
        if isinstance(value, str):
            match = re.fullmatch(rf"\s*({_NUMBER})\s*(%?)\s*", value)
            if not match:
                raise ValueError(
                    f"should be a number, or a percentage of the training max like 75%, not text '{value[:40]}'"
                )
            return {"amount": float(match[1]), "percent": bool(match[2])}
        raise ValueError("should be a number, or a percentage of the training max like 75%")

    def __str__(self) -> str:
        return f"{self.amount:g}%" if self.percent else f"{self.amount:g}"


class WaveWeek(_Notation):
    """A week of a wave: a percentage of the training max, a load, or a deload."""

    model_config = ConfigDict(
        json_schema_extra=_schema(
            {
                "title": "Wave week",
                "description": "'65%' (of the training max), a load in the roster's units, or 'deload'.",
                "anyOf": [
                    {"type": "number", "minimum": 0},
                    {"type": "string", "pattern": r"^\s*(\d+(\.\d+)?\s*%|deload)\s*$"},
                ],
            }
        )
    )

    load: Load | None = None
    deload: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() == "deload":
            return {"deload": True}
        if isinstance(value, str) and value.strip().lower() != "deload" and not re.search(r"\d", value):
            raise ValueError(
                f"'{value}' is not a week of a wave{_did_you_mean(value.lower(), ['deload'])}: "
                "write '65%', a load, or deload"
            )
        return value if isinstance(value, dict) else {"load": value}


Wave = Annotated[
    list[WaveWeek],
    Field(min_length=1, max_length=52, description="A wave of weeks, repeated over the plan: [65%, 75%, 85%, deload]."),
]


class Deload(_Notation):
    """Which weeks are lighter, and how: ``sets`` fewer (a negative change) and ``load`` percent
    of the week before's load."""

    model_config = ConfigDict(
        json_schema_extra=_schema(
            {
                "title": "Deload",
                "description": "A lighter week: every Nth week (4), the weeks listed ([4, 8]), or "
                "{every: 4, sets: -1, load: 60%}: one set fewer and 60% of the week before's load.",
                "anyOf": [
                    {"type": "integer", "minimum": 2},
                    {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 1},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "every": {"type": "integer", "minimum": 2},
                            "weeks": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                            "sets": {"type": "integer", "maximum": 0, "default": -1},
                            "load": {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$", "default": "60%"},
                        },
                    },
                ],
            }
        )
    )

    every: int | None = Field(default=None, ge=2, le=52)
    weeks: list[Annotated[int, Field(ge=1, le=52)]] = []
    sets: int = Field(default=-1, le=0)
    load: float = Field(default=60, gt=0, le=100)

    @model_validator(mode="before")
    @classmethod
    def _from_short(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(
                "a deload is a week number like 4 (every 4th week), a list like [4, 8], "
                "or {every: 4, sets: -1, load: 60%}"
            )
        if isinstance(value, int):
            return {"every": value}
        if isinstance(value, list):
            return {"weeks": value}
        if isinstance(value, dict) and isinstance(value.get("load"), str):
            match = re.fullmatch(rf"\s*({_NUMBER})\s*%\s*", value["load"])
            if not match:
                raise ValueError(
                    f"a deload's load is a percentage of the week before's, like 60%, not '{value['load']}'"
                )
            return value | {"load": float(match[1])}
        return value

    @model_validator(mode="after")
    def _some_weeks(self) -> Deload:
        if (self.every is None) == (not self.weeks):
            raise ValueError("say which weeks are deloads: every: 4, or weeks: [4, 8] (one of them)")
        if len(set(self.weeks)) != len(self.weeks):
            raise ValueError(f"a week is listed twice in {self.weeks}")
        return self

    def weeks_within(self, weeks: int) -> list[int]:
        """The deload weeks of a plan of ``weeks`` weeks."""
        return list(range(self.every, weeks + 1, self.every)) if self.every else sorted(self.weeks)


def _written_like(pattern: str, example: str):
    def check(text: str) -> str:
        if not re.fullmatch(pattern, text.strip(), re.IGNORECASE):
            raise ValueError(f"cannot read '{text}': write it like {example}")
        return text.strip()

    return AfterValidator(check)


_TEMPO, _EFFORT = r"[0-9X](-[0-9X]){3}", r"@\s*(10|[1-9](\.5)?)|\d+\s*RIR"
Tempo = Annotated[
    str,
    Field(
        json_schema_extra={"pattern": f"^{_TEMPO}$"},
        description="Seconds down-pause-up-pause, like 3-1-1-0 (X: explosive).",
    ),
    _written_like(_TEMPO, "3-1-1-0 (seconds down, pause, up, pause; X for explosive)"),
]
Effort = Annotated[
    str,
    Field(json_schema_extra={"pattern": f"^({_EFFORT})$"}, description="RPE as '@8', or reps in reserve as '2 RIR'."),
    _written_like(_EFFORT, "'@8' (RPE, 1 to 10) or '2 RIR' (reps in reserve)"),
]


class Rest(_Notation):
    """Rest between sets, in seconds: written ``90 s``, ``2 min`` or ``90``."""

    model_config = ConfigDict(
        json_schema_extra=_schema(
            {
                "title": "Rest",
                "description": "Rest between sets: '90 s', '2 min', or seconds (90).",
                "anyOf": [
                    {"type": "integer", "minimum": 1},
                    {"type": "string", "pattern": r"^\s*\d+\s*(s|sec|min)\s*$"},
                ],
            }
        )
    )

    seconds: int = Field(ge=1, le=3600)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"seconds": value}
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d+)\s*(s|secs?|seconds?|min|mins|minutes?)?\s*", value, re.IGNORECASE)
            if not match:
                raise ValueError(f"cannot read the rest '{value}': write '90 s' or '2 min'")
            return {"seconds": int(match[1]) * (60 if (match[2] or "").lower().startswith("min") else 1)}
        return value

    def __str__(self) -> str:
        """``90 s``, ``2 min``: whole minutes in minutes, the rest in seconds, as coaches say it."""
        return f"{self.seconds // 60} min" if self.seconds % 60 == 0 else f"{self.seconds} s"


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f" (did you mean '{close[0]}'?)" if close else ""
