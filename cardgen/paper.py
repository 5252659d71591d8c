"""Sizes of what cardgen prints on: cards (trimmed to size) and the paper pages are printed on."""

from __future__ import annotations

from dataclasses import dataclass

# Trim sizes in millimetres, as the card is read (index cards and the wallet card lie landscape).
CARD_SIZES = {
    "a6": (105, 148),
    "a7": (74, 105),
    "index-3x5": (127, 76.2),
    "index-4x6": (152.4, 101.6),
    "wallet": (85.6, 54),
}
PAPER_SIZES = {"a4": (210, 297), "letter": (215.9, 279.4)}


@dataclass(frozen=True)
class CardSize:
    """A card's trim size and its safe zone: text and codes keep inside it, where cutting drifts."""

    name: str
    width: float
    height: float

    @property
    def safe(self) -> float:
        return 5.0 if min(self.width, self.height) >= 100 else 4.0


def card_size(name: str = "a6") -> CardSize:
    return CardSize(name, *CARD_SIZES[name])


@dataclass(frozen=True)
class Page:
    """The page a document is laid out on."""

    name: str
    width_mm: float
    height_mm: float

    @property
    def css_size(self) -> str:
        return f"{self.width_mm}mm {self.height_mm}mm"


def paper_page(paper: str = "a4") -> Page:
    return Page(paper, *PAPER_SIZES[paper])
