"""From a plan to HTML, through the Jinja templates in ``templates/``."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from cardgen import bundled
from cardgen.plan import Handout, RoutinePlan, Sheet

# Trim sizes in millimetres, portrait.
CARD_SIZES = {"a6": (105, 148)}
PAPER_SIZES = {"a4": (210, 297), "letter": (215.9, 279.4)}


@dataclass(frozen=True)
class Page:
    """The page a document is laid out on."""

    name: str
    width_mm: float
    height_mm: float

    @property
    def css_size(self) -> str:
        return f"{self.width_mm}mm {self.height_mm}mm"


def card_page(size: str = "a6") -> Page:
    return Page(size, *CARD_SIZES[size])


def paper_page(paper: str = "a4") -> Page:
    return Page(paper, *PAPER_SIZES[paper])


class Renderer:
    """The Jinja environment, made once per run and used for every document."""

    def __init__(self) -> None:
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(bundled("templates")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def cards(self, plans: list[RoutinePlan], page: Page, fonts_css: str = "") -> str:
        """Pocket cards, one after another; card ``i`` starts at the element ``#doc-i``."""
        return self._render("card.html", plans=plans, page=page, fonts_css=fonts_css, title=_title(p.title for p in plans))

    def sheets(self, sheets: list[Sheet], page: Page, fonts_css: str = "") -> str:
        """Routine sheets, each starting on a new page at the element ``#doc-i``."""
        return self._render("sheet.html", sheets=sheets, page=page, fonts_css=fonts_css, title=_title(s.plan.title for s in sheets))

    def handout(self, handout: Handout, page: Page, fonts_css: str = "") -> str:
        return self._render("handout.html", handout=handout, page=page, fonts_css=fonts_css, title=f"{handout.team}: team handout")

    def _render(self, name: str, **context) -> str:
        return self.environment.get_template(name).render(**context)


def _title(titles) -> str:
    unique = list(dict.fromkeys(titles))
    return unique[0] if len(unique) == 1 else "Routines"
