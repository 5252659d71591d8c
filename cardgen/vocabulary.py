"""The areas and kinds a catalogue sorts its exercises by, declared in its ``areas.yaml``.

Every exercise names one area (the part of the body it trains) and one kind (what sort of
training it is). A catalogue declares its own in ``areas.yaml``, in the order they print, with
the printed name and, for a kind, the colour of its tag. A catalogue without that file, or with
only one of the two lists, uses the defaults below: the vocabulary of the runner's notes cardgen
started from.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator

from cardgen.validation import Id, Model

FILE = "areas.yaml"

Name = Annotated[str, Field(min_length=1, max_length=80)]
Colour = Annotated[
    str, Field(pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", description='A tag colour as "#rrggbb" (or "#rgb").')
]

# Colours given to declared kinds that name none, in turn: they differ in lightness, so the tags
# stay apart on a black-and-white printer (the word on each tag says the kind either way).
PALETTE = ("#f3d27a", "#1e3a5f", "#c2410c", "#6cc3b5", "#7c5cbf", "#d9d9d9", "#4d7c0f", "#9a3412")


class Area(Model):
    id: Id = Field(description="What exercises write as their area, e.g. upper-body.")
    name: Name = Field(description="The group heading it prints under, e.g. Upper body.")


class Kind(Model):
    id: Id = Field(description="What exercises write as their kind, e.g. plyometrics.")
    name: Name = Field(description="The word on its tag, e.g. Plyometrics.")
    colour: Colour | None = Field(
        default=None, description="The tag's colour (default: the next of a set that prints apart in greyscale)."
    )

    @field_validator("colour", mode="before")
    @classmethod
    def _colour_not_lost_to_a_comment(cls, value: Any) -> Any:
        if value is None:  # written, but empty
            raise ValueError(
                'colour is empty: put a colour in quotes, "#1e3a5f" (YAML reads an unquoted # as a comment)'
            )
        return value


DEFAULT_AREAS = (Area(id="calves", name="Calves"), Area(id="legs", name="Legs"), Area(id="core", name="Core"))
DEFAULT_KINDS = (
    Kind(id="warm-up", name="Warm-up", colour="#f3d27a"),
    Kind(id="strength", name="Strength", colour="#1e3a5f"),
    Kind(id="explosive", name="Explosive", colour="#c2410c"),
    Kind(id="swiftness", name="Swiftness", colour="#6cc3b5"),
)


class Vocabulary(Model):
    """What ``areas.yaml`` holds: the areas and the kinds, each list in printing order."""

    areas: list[Area] = Field(
        default=list(DEFAULT_AREAS),
        min_length=1,
        description="The areas, in the order they print (default: calves, legs, core).",
    )
    kinds: list[Kind] = Field(
        default=list(DEFAULT_KINDS),
        min_length=1,
        description="The kinds, in the order they print (default: warm-up, strength, explosive, swiftness).",
    )

    def coloured_kinds(self) -> list[Kind]:
        """The kinds, each with its tag colour: its own, else the palette's in turn."""
        return [
            kind if kind.colour else kind.model_copy(update={"colour": PALETTE[index % len(PALETTE)]})
            for index, kind in enumerate(self.kinds)
        ]


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (by its relative luminance)."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(digit * 2 for digit in hex_digits)
    red, green, blue = (int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    # Contrast with white is (1.05) / (L + 0.05), with near-black (L + 0.05) / 0.056: pick the larger.
    return "#fff" if 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.056 else "#111"
