"""The documents cardgen makes, from plans to files: pocket cards and routine sheets.

This is where the stages meet: plan → render → lay out → write. The Jinja environment and
WeasyPrint's fonts are made once (a :class:`Maker`) and used for every document of a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from cardgen.catalogue import Catalogue
from cardgen.fonts import embedded_font_face_css
from cardgen.output import write_atomically
from cardgen.plan import RoutinePlan, Sheet, plan_handout, plan_log, plan_routine
from cardgen.render import Page, Renderer, card_page, paper_page
from cardgen.roster import Roster, Runner

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

    @cached_property
    def renderer(self) -> Renderer:
        return Renderer()

    @cached_property
    def press(self):
        from cardgen.layout import Press

        return Press(self.strict)

    def plan(self, routine_id: str, runner: Runner | None = None, roster: Roster | None = None) -> RoutinePlan:
        return plan_routine(self.catalogue, routine_id, runner, roster.units if roster else "kg")

    def sheet_of(self, plan: RoutinePlan, roster: Roster | None = None) -> Sheet:
        return Sheet(plan, plan_log(plan, self.weeks, roster.starts if roster and roster.starts else self.starts))

    def html(self, kind: str, plans: list[RoutinePlan], roster: Roster | None = None, fonts_css: str = "") -> str:
        """The HTML of ``plans`` as cards or sheets, one after another."""
        if kind == "card":
            return self.renderer.cards(plans, self.page(kind), fonts_css)
        return self.renderer.sheets([self.sheet_of(plan, roster) for plan in plans], self.page(kind), fonts_css)

    def page(self, kind: str) -> Page:
        return card_page(self.card_size) if kind == "card" else paper_page(self.paper)

    def write(self, kind: str, plan: RoutinePlan, out: Path, roster: Roster | None = None, html: bool = False) -> Path:
        """Write one card or sheet to ``out``: a PDF, or with ``html`` a self-contained preview."""
        if html:
            # A preview that opens anywhere: the fonts it needs travel inside it, cut to its characters.
            fonts = embedded_font_face_css(self.html(kind, [plan], roster))
            write_atomically(out, self.html(kind, [plan], roster, fonts))
        else:
            write_atomically(out, self.press.pdf(self.html(kind, [plan], roster)))
        return out

    def lay_out(self, kind: str, plans: list[RoutinePlan], roster: Roster | None = None) -> list[tuple[bytes, int]]:
        """Lay out many cards or sheets in one pass; return each one's PDF and page count."""
        document = self.press.lay_out(self.html(kind, plans, roster))
        return [(self.press.pdf_of(document, pages), len(pages)) for pages in self.press.split(document, len(plans))]

    def handout(self, roster: Roster, out: Path, html: bool = False) -> Path:
        """The team handout for ``roster``."""
        handout = plan_handout(self.catalogue, roster)
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
