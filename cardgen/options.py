"""How a run prints: one frozen options object that the commands build and every stage reads.

It is plain data (it pickles), so a batch's worker processes get it whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from cardgen.paper import CARD_SIZES, PAPER_SIZES

DEFAULT_WEEKS = 6
MAX_WEEKS = 52

# The documents made for a routine or a runner: a pocket card, a full-page routine sheet.
FORMATS = ("card", "sheet")

# What prints on the back of a card: nothing; each card's back on the next page, lined up for a
# duplex printer; or front and back side by side on one page, to fold.
Backs = Literal["none", "duplex", "fold"]
BACKS: tuple[Backs, ...] = ("none", "duplex", "fold")

# WeasyPrint's PDF/UA and PDF/A variants, for what WeasyPrint writes whole (sheets, handouts): they are
# tagged for screen readers anyway; a variant also declares the standard in the file's metadata.
# Card files claim PDF/UA-1 only (their imposition carries the tags, and the XMP that claims it; see the README).
PDF_VARIANTS = (
    "pdf/ua-1",
    "pdf/ua-2",
    "pdf/a-1a",
    "pdf/a-1b",
    "pdf/a-2a",
    "pdf/a-2b",
    "pdf/a-2u",
    "pdf/a-3a",
    "pdf/a-3b",
    "pdf/a-3u",
    "pdf/a-4e",
    "pdf/a-4f",
    "pdf/a-4u",
)


@dataclass(frozen=True)
class PrintOptions:
    """How cards, sheets and handouts are printed, for everyone in a run."""

    card_size: str = "a6"  # a key of paper.CARD_SIZES
    paper: str = "a4"  # what sheets and handouts print on: a key of paper.PAPER_SIZES
    card_paper: str | None = None  # lay cards N-up on this paper, with crop marks; None: one card a page
    bleed: float = 0  # mm around each card on card_paper
    gutter: float | None = None  # mm between cards on card_paper; None: butted inside a margin for crop marks
    backs: Backs = "none"
    weeks: int = DEFAULT_WEEKS  # the plan's length: the log's weeks, where progressions and deloads fall
    starts: date | None = None  # the first day of week 1, to date the log (a roster's starts: wins)
    strict: bool = False  # fail when the PDF engine warns
    templates: Path | None = None  # the user's templates folder, looked in before cardgen's own
    locale: Path | None = None  # the user's locale folder (locale/CODE.yaml), over cardgen's own phrases
    pdf_variant: str | None = None  # one of PDF_VARIANTS: a PDF/UA or PDF/A file (always tagged)
    lang: str | None = None  # for whoever has no language of their own (roster, runner)
    also: str | None = None  # print each exercise's name in this language too, under the first
    large: bool = False  # large print for everyone

    def __post_init__(self) -> None:
        if self.card_size not in CARD_SIZES:
            raise ValueError(f"no card size {self.card_size!r}; the sizes are {', '.join(CARD_SIZES)}")
        for paper in filter(None, (self.paper, self.card_paper)):
            if paper not in PAPER_SIZES:
                raise ValueError(f"no paper {paper!r}; the papers are {', '.join(PAPER_SIZES)}")
        if self.backs not in BACKS:
            raise ValueError(f"no backs {self.backs!r}; they are {', '.join(BACKS)}")

    @property
    def duplex(self) -> bool:
        return self.backs == "duplex"

    @property
    def fold(self) -> bool:
        return self.backs == "fold"

    @property
    def has_backs(self) -> bool:
        """Whether each card has a back to lay out (its QR codes, large, and the notes)."""
        return self.backs != "none"
