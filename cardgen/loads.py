"""How loads are written and made up: in the roster's units (kg, lb, or both), rounded to a
step the plates can make, and as the plates a side of a bar."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

KG_IN_LB = 0.45359237
DEFAULT_ROUND = {"kg": 2.5, "lb": 5.0}
DEFAULT_PLATES = {"kg": (25, 20, 15, 10, 5, 2.5, 1.25), "lb": (45, 35, 25, 10, 5, 2.5)}


@dataclass(frozen=True)
class Units:
    """How loads are written: in ``unit``, rounded to ``round``, maybe also in ``also``, maybe as plates a side."""

    unit: str = "kg"
    also: str | None = None
    round: float | None = None
    bar: float | None = None  # plates a side are worked out when a bar is given
    plates: tuple[float, ...] = ()

    @property
    def step(self) -> float:
        return self.round or DEFAULT_ROUND[self.unit]

    def in_other_unit(self, load: float) -> float | None:
        """With ``kg+lb``, ``load`` in the other unit, to the pound or the half kilo."""
        if not self.also:
            return None
        other = load / KG_IN_LB if self.also == "lb" else load * KG_IN_LB
        return round_to(other, 1 if self.also == "lb" else 0.5)

    def plates_a_side(self, load: float) -> list[float]:
        """Plates on each side of the bar for ``load``, heaviest first (none without a bar)."""
        if not self.bar or load <= self.bar:
            return []
        left, chosen = Decimal(str((load - self.bar) / 2)), []
        for plate in sorted(self.plates or DEFAULT_PLATES[self.unit], reverse=True):
            while left >= Decimal(str(plate)):
                chosen.append(plate)
                left -= Decimal(str(plate))
        return chosen


def round_to(value: float, step: float) -> float:
    """``value`` to the nearest multiple of ``step`` (halves up), as a plain number: 66.625 by 2.5 is 67.5."""
    units = (Decimal(str(value)) / Decimal(str(step))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(units * Decimal(str(step)))
