"""The documents cardgen makes, each from a catalogue to a file: pocket card, routine sheet, demo set.

This is where the stages meet: plan → render → lay out → write. The Jinja environment and
WeasyPrint's fonts are made once (a :class:`Maker`) and used for every document of a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cardgen.catalogue import Catalogue
from cardgen.fonts import embedded_font_face_css
from cardgen.output import write_atomically
from cardgen.plan import RoutinePlan, plan_log, plan_routine
from cardgen.render import Page, Renderer, card_page, paper_page

DEFAULT_WEEKS = 6


@dataclass
class Maker:
    """Makes cards and sheets from one catalogue, reusing what is expensive to set up."""

    catalogue: Catalogue

    @cached_property
    def renderer(self) -> Renderer:
        return Renderer()

    @cached_property
    def press(self):
        from cardgen.layout import Press

        return Press()

    def card_html(self, routine_id: str, page: Page, fonts_css: str = "") -> str:
        return self.renderer.card(self.plan(routine_id), page, fonts_css)

    def sheet_html(self, routine_id: str, page: Page, weeks: int = DEFAULT_WEEKS, fonts_css: str = "") -> str:
        plan = self.plan(routine_id)
        return self.renderer.sheet(plan, plan_log(plan, weeks), page, fonts_css)

    def plan(self, routine_id: str) -> RoutinePlan:
        return plan_routine(self.catalogue, routine_id)

    def card(self, routine_id: str, out: Path, size: str = "a6", html: bool = False) -> Path:
        return self._write(lambda fonts: self.card_html(routine_id, card_page(size), fonts), out, html)

    def sheet(self, routine_id: str, out: Path, paper: str = "a4", weeks: int = DEFAULT_WEEKS, html: bool = False) -> Path:
        return self._write(lambda fonts: self.sheet_html(routine_id, paper_page(paper), weeks, fonts), out, html)

    def demo(self, folder: Path) -> list[Path]:
        """Every routine of the catalogue as a card and a sheet, into ``folder``."""
        written = []
        for routine_id in self.catalogue.routines:
            written.append(self.card(routine_id, folder / f"{routine_id}-card.pdf"))
            written.append(self.sheet(routine_id, folder / f"{routine_id}-sheet.pdf"))
        return written

    def _write(self, make_html, out: Path, html: bool) -> Path:
        if html:
            # A preview that opens anywhere: the fonts it needs travel inside it, cut to its characters.
            document = make_html(embedded_font_face_css(make_html("")))
            write_atomically(out, document)
        else:
            write_atomically(out, self.press.pdf(make_html("")))
        return out
