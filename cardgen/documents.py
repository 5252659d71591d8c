"""The documents cardgen makes, from plans to files: pocket cards, routine sheets, the handout.

This is where the stages meet: plan → render → lay out → write. The Jinja environment and
WeasyPrint's fonts are made once (a :class:`Maker`) and used for every document of a run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from cardgen.catalogue import Catalogue
from cardgen.errors import UserError
from cardgen.fonts import embedded_font_face_css
from cardgen.imposition import PageLayout, one_a_page, on_sheets
from cardgen.output import write_atomically
from cardgen.log import plan_log
from cardgen.plan import CardFace, RoutinePlan, Sheet, fitting_options, plan_handout, plan_routine
from cardgen.render import Renderer, card_size, paper_page
from cardgen.roster import Roster, Runner

# What the user may like to know but need not act on (a card set in smaller type); the CLI prints it.
notes = logging.getLogger(__name__)

DEFAULT_WEEKS = 6
FORMATS = ("card", "sheet")


@dataclass
class Maker:
    """Makes cards and sheets from one catalogue, reusing what is expensive to set up."""

    catalogue: Catalogue
    card_size: str = "a6"
    paper: str = "a4"
    weeks: int = DEFAULT_WEEKS
    starts: date | None = None
    strict: bool = False
    sheet: str | None = None  # lay cards N-up on this paper, with crop marks
    bleed: float = 0
    duplex: bool = False
    fold: bool = False
    templates: Path | None = None  # the user's templates folder, looked in before cardgen's own

    @cached_property
    def renderer(self) -> Renderer:
        return Renderer(self.templates)

    @cached_property
    def press(self):
        from cardgen.layout import Press

        return Press(self.strict, self.templates)

    def plan(self, routine_id: str, runner: Runner | None = None, roster: Roster | None = None) -> RoutinePlan:
        return plan_routine(self.catalogue, routine_id, runner, roster=roster, weeks=self.weeks)

    def sheet_of(self, plan: RoutinePlan, roster: Roster | None = None) -> Sheet:
        return Sheet(plan, plan_log(plan, self.weeks, roster.starts if roster and roster.starts else self.starts))

    # Cards -----------------------------------------------------------------------------------

    def card_pages(self, count: int) -> list[PageLayout]:
        """Where ``count`` cards go: one a page, or N-up on sheets; fronts and backs."""
        size = card_size(self.card_size)
        width = size.width * (2 if self.fold else 1)
        if self.sheet:
            sheet = paper_page(self.sheet)
            return on_sheets(count, width, size.height, sheet.width_mm, sheet.height_mm, self.bleed, self.duplex)
        return one_a_page(count, width, size.height, self.duplex)

    def card_html(self, cards: list[CardFace], first_of: dict[int, int], fonts_css: str = "") -> str:
        return self.renderer.cards(cards, first_of, self.card_pages(len(cards)), card_size(self.card_size),
                                   fold=self.fold, backs=self.duplex or self.fold, fonts_css=fonts_css)

    def fit_cards(self, plans: list[RoutinePlan]):
        """Lay out the cards of ``plans``, shrinking the type of a card that doesn't fit down to
        6.5 pt, then continuing it on more cards; say so on stderr. Returns the laid-out document,
        the cards, and which card starts each plan."""
        options = [fitting_options(plan) for plan in plans]
        chosen = [next(option) for option in options]
        while True:
            cards, owner, first_of = [], [], {}
            for index, faces in enumerate(chosen):
                first_of[len(cards)] = index
                cards.extend(faces)
                owner.extend([index] * len(faces))
            document = self.press.lay_out(self.card_html(cards, first_of))
            overflowing = {owner[card] for card in self.press.overflowing(document)}
            if not overflowing:
                break
            for index in overflowing:
                chosen[index] = next(options[index], None)
                if chosen[index] is None:
                    raise UserError(f"{_describe(plans[index])} cannot fit a {self.card_size} card even one exercise a card at 6.5 pt; "
                                    "try a bigger --size or shorter cues")
        for index, faces in enumerate(chosen):
            if len(faces) > 1 or faces[0].type_step:
                how = f"continues on {len(faces)} cards" if len(faces) > 1 else f"set in {faces[0].body_pt:g} pt type"
                notes.info("%s did not fit one %s card at full size: %s", _describe(plans[index]), self.card_size, how)
        return document, cards, first_of

    # Writing ------------------------------------------------------------------------------------

    def html(self, kind: str, plans: list[RoutinePlan], roster: Roster | None = None, fonts_css: str = "") -> str:
        """The HTML of ``plans`` as sheets, one after another (cards go through ``fit_cards``)."""
        if kind == "card":
            raise ValueError("cards are laid out by fit_cards, which decides how many there are")
        return self.renderer.sheets([self.sheet_of(plan, roster) for plan in plans], paper_page(self.paper), fonts_css)

    def lay_out(self, kind: str, plans: list[RoutinePlan], roster: Roster | None = None):
        if kind == "card":
            return self.fit_cards(plans)[0]
        return self.press.lay_out(self.html(kind, plans, roster))

    def write(self, kind: str, plan: RoutinePlan, out: Path, roster: Roster | None = None, html: bool = False) -> Path:
        """Write one card or sheet to ``out``: a PDF, or with ``html`` a self-contained preview."""
        if html:
            if kind == "card":
                _, cards, first_of = self.fit_cards([plan])
                make = lambda fonts: self.card_html(cards, first_of, fonts)  # noqa: E731
            else:
                make = lambda fonts: self.html(kind, [plan], roster, fonts)  # noqa: E731
            # A preview that opens anywhere: the fonts it needs travel inside it, cut to its characters.
            write_atomically(out, make(embedded_font_face_css(make(""))))
        else:
            write_atomically(out, self.press.write(self.lay_out(kind, [plan], roster)))
        return out

    def each(self, kind: str, plans: list[RoutinePlan], roster: Roster | None = None) -> list[tuple[bytes, int]]:
        """Lay out many cards or sheets in one pass; return each plan's own PDF and page count."""
        document = self.lay_out(kind, plans, roster)
        return [(self.press.pdf_of(document, pages), len(pages)) for pages in self.press.split(document, len(plans))]

    def handout(self, roster: Roster, out: Path, html: bool = False) -> Path:
        """The team handout for ``roster``."""
        handout = plan_handout(self.catalogue, roster, self.weeks)
        page = paper_page(self.paper)
        if html:
            fonts = embedded_font_face_css(self.renderer.handout(handout, page))
            write_atomically(out, self.renderer.handout(handout, page, fonts))
        else:
            write_atomically(out, self.press.pdf(self.renderer.handout(handout, page)))
        return out

    def demo(self, folder: Path) -> list[Path]:
        """Every routine of the catalogue as a card and a sheet, into ``folder``."""
        return [self.write(kind, self.plan(routine_id), folder / f"{routine_id}-{kind}.pdf")
                for routine_id in self.catalogue.routines for kind in FORMATS]


def _describe(plan: RoutinePlan) -> str:
    return f"{plan.runner}'s card ({plan.title})" if plan.runner else f"the card for {plan.title}"
