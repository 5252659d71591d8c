"""The documents cardgen makes, from plans to files: pocket cards, routine sheets, the handout.

This is where the stages meet: plan → render → lay out → write. The Jinja environment and
WeasyPrint's fonts are made once (a :class:`Maker`) and used for every document of a run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from cardgen.catalogue import Catalogue
from cardgen.errors import UserError
from cardgen.fitting import CardFace, Face, Measure, faces_of, first_cards, refits, room_of, type_steps
from cardgen.fonts import embedded_font_face_css
from cardgen.handout import plan_handout
from cardgen.imposer import FacePage, Imposer
from cardgen.imposition import PageLayout, n_up, one_a_page
from cardgen.labels import DEFAULT, Labels, labels_for
from cardgen.log import plan_log
from cardgen.options import FORMATS, PrintOptions
from cardgen.output import document_name, write_atomically
from cardgen.paper import CardSize, card_size, paper_page
from cardgen.plan import RoutinePlan, Sheet, plan_routine
from cardgen.render import Renderer, document_title
from cardgen.roster import Roster, Runner

# What the user may like to know but need not act on (a card set in smaller type); the CLI prints it.
logger = logging.getLogger(__name__)

# A card face is laid out on a page this tall, so it never breaks: its height is then measured.
TALL_PAGE_MM = 2000


@dataclass
class Maker:
    """Makes cards and sheets from one catalogue, reusing what is expensive to set up."""

    catalogue: Catalogue
    options: PrintOptions = PrintOptions()
    _translated: dict = field(default_factory=dict, repr=False)  # the catalogue in each language asked for

    @cached_property
    def renderer(self) -> Renderer:
        return Renderer(self.options.templates)

    @cached_property
    def press(self):
        from cardgen.layout import Press

        return Press(self.options.strict, self.options.templates, self.options.pdf_variant)

    def catalogue_in(self, code: str) -> Catalogue:
        """The catalogue with its ``translations/CODE.yaml`` texts (as it is, without one); made once a language."""
        from cardgen.translations import translated

        if code not in self._translated:
            self._translated[code] = translated(self.catalogue, code)
        return self._translated[code]

    def labels(self, code: str) -> Labels:
        try:
            return labels_for(code, self.options.locale)
        except LookupError as error:
            raise UserError(str(error)) from None

    def language_of(self, runner: Runner | None = None, roster: Roster | None = None) -> str:
        """A runner's own language, else --lang, else the team's, else English."""
        return (runner.lang if runner else None) or self.options.lang or (roster.lang if roster else None) or DEFAULT

    def plan(self, routine_id: str, runner: Runner | None = None, roster: Roster | None = None) -> RoutinePlan:
        code = self.language_of(runner, roster)
        large = self.options.large or bool(runner and runner.large)
        also = self.catalogue_in(self.options.also) if self.options.also and self.options.also != code else None
        return plan_routine(
            self.catalogue_in(code),
            routine_id,
            runner,
            roster=roster,
            weeks=self.options.weeks,
            labels=self.labels(code),
            large=large,
            also=also,
        )

    def sheet_of(self, plan: RoutinePlan, roster: Roster | None = None) -> Sheet:
        starts = roster.starts if roster and roster.starts else self.options.starts
        return Sheet(plan, plan_log(plan, self.options.weeks, starts))

    # Cards -----------------------------------------------------------------------------------

    def card_pages(self, count: int) -> list[PageLayout]:
        """Where ``count`` cards go: one a page, or N-up on sheets; fronts and backs."""
        options = self.options
        size = card_size(options.card_size)
        width = size.width * (2 if options.fold else 1)
        if options.card_paper:
            paper = paper_page(options.card_paper)
            return n_up(
                count,
                width,
                size.height,
                paper.width_mm,
                paper.height_mm,
                options.bleed,
                options.duplex,
                options.gutter,
            )
        return one_a_page(count, width, size.height, options.duplex)

    def card_pages_count(self, count: int) -> int:
        return len(self.card_pages(count))

    def lay_out_cards(self, plans: list[RoutinePlan]) -> LaidOutCards:
        """Every plan's cards, each distinct face laid out once. A plan whose face doesn't fit its
        card is measured, and laid out once more as the fewest cards at the largest type that
        likely hold it, beside the way that surely should, in the same pass; the first that fits
        is kept, and said on stderr. Runners' fronts that differ only by the name are one face
        with the names printed into it, unless a name needs more than its line, or the user's
        own templates are in play (they may place the name anywhere)."""
        size = card_size(self.options.card_size)
        stamped = self.options.templates is None
        laid = LaidOutCards(
            [first_cards(plan, size) for plan in plans], [], {}, {}, [0] * len(plans), [stamped] * len(plans)
        )
        trying = {index: [((1, 0), cards)] for index, cards in enumerate(laid.cards)}
        measured: dict[int, Measure] = {}
        while trying:
            faces = {
                face.key: face
                for index, tries in trying.items()
                for _, cards in tries
                for face in laid.faces_of(cards, self.options.has_backs, index)
                if face.key not in laid.at
            }
            self._lay_out_faces(list(faces.values()), laid)
            again = {}
            for index, tries in trying.items():
                laid.passes[index] += 1
                fitting = [cards for _, cards in tries if laid.fit(cards, self.options.has_backs, index, size)]
                if fitting:
                    laid.cards[index] = fitting[0]
                    continue
                if laid.stamped[index] and any(
                    laid.fit(cards, self.options.has_backs, index, size, names=False) for _, cards in tries
                ):
                    laid.stamped[index] = False  # the name needs more than its line: the front in full
                    again[index] = tries
                    continue
                # How the routine measured on one card at full size (the first try): what refits go by.
                if index not in measured:
                    measured[index] = laid.measures[
                        laid.faces_of(laid.cards[index], self.options.has_backs, index)[0].key
                    ]
                again[index] = refits(plans[index], measured[index], size, self.options.has_backs, after=tries[-1][0])
                if not again[index]:
                    raise UserError(
                        f"{_describe(plans[index])} cannot fit a {self.options.card_size} card "
                        "even one exercise a card "
                        f"at {type_steps(plans[index].large)[-1]:g} pt; "
                        "try a bigger --size or shorter cues"
                    )
            trying = again
        for plan, chosen in zip(plans, laid.cards):
            if len(chosen) > 1 or chosen[0].type_step:
                how = (
                    f"continues on {len(chosen)} cards" if len(chosen) > 1 else f"set in {chosen[0].body_pt:g} pt type"
                )
                logger.info("%s did not fit one %s card at full size: %s", _describe(plan), self.options.card_size, how)
        return laid

    def _lay_out_faces(self, faces: list[Face], laid: LaidOutCards) -> None:
        """Lay ``faces`` out in one pass, each on a page as tall as it needs; keep where each one
        is and how it measured."""
        if not faces:
            return
        document = self.press.lay_out(self.card_html(faces))
        source = len(laid.sources)
        laid.sources.append(self.press.write(document, faces=True))
        for face, (page, measure) in zip(faces, self.press.measure(document, len(faces))):
            laid.at[face.key] = FacePage(source, page)
            laid.measures[face.key] = measure

    def card_html(self, faces: list[Face], fonts_css: str = "", preview: bool = False) -> str:
        size = card_size(self.options.card_size)
        return self.renderer.cards(
            faces, size, size.height if preview else TALL_PAGE_MM, backs=self.options.has_backs, fonts_css=fonts_css
        )

    def cards_pdf(self, laid: LaidOutCards, which: list[int] | None = None, imposer: Imposer | None = None) -> bytes:
        """The PDF of the laid-out cards of the plans ``which`` (default all), placed as this
        Maker prints: one a page or N-up, with backs or folded."""
        size = card_size(self.options.card_size)
        imposer = imposer or Imposer(laid.sources, (size.width, size.height))
        chosen = [
            (index, card)
            for index in (range(len(laid.cards)) if which is None else which)
            for card in laid.cards[index]
        ]

        def face_at(card: int, side: str) -> list[FacePage]:
            index, card_face = chosen[card]
            return [laid.at[f.key] for f in laid.faces_of([card_face], self.options.has_backs, index) if f.side == side]

        guides = self.options.card_paper is not None and self.options.gutter is not None
        plans = [card.plan for _, card in chosen]
        return imposer.pdf(
            self.card_pages(len(chosen)),
            face_at,
            fold=self.options.fold,
            guides=guides,
            title=document_title(plans),
            lang=plans[0].lang,
            ua=self.options.pdf_variant == "pdf/ua-1",
        )

    # Writing ------------------------------------------------------------------------------------

    def sheets_html(self, plans: list[RoutinePlan], roster: Roster | None = None, fonts_css: str = "") -> str:
        """The HTML of ``plans`` as sheets, one after another (cards go through ``lay_out_cards``,
        which decides how many there are)."""
        paper = paper_page(self.options.paper)
        return self.renderer.sheets([self.sheet_of(plan, roster) for plan in plans], paper, fonts_css)

    def pdf(self, format: str, plan: RoutinePlan, roster: Roster | None = None) -> bytes:
        """One card or sheet (``format``) as PDF bytes."""
        if format == "card":
            return self.cards_pdf(self.lay_out_cards([plan]))
        return self.press.pdf(self.sheets_html([plan], roster))

    def write(
        self, format: str, plan: RoutinePlan, out: Path, roster: Roster | None = None, html: bool = False
    ) -> Path:
        """Write one card or sheet (``format``) to ``out``: a PDF, or with ``html`` a self-contained preview."""
        if html:
            if format == "card":
                laid = self.lay_out_cards([plan])
                faces = faces_of(laid.cards[0], self.options.has_backs)
                make = lambda fonts: self.card_html(faces, fonts, preview=True)  # noqa: E731
            else:
                make = lambda fonts: self.sheets_html([plan], roster, fonts)  # noqa: E731
            # A preview that opens anywhere: the fonts it needs travel inside it, cut to its characters.
            write_atomically(out, make(embedded_font_face_css(make(""))))
        else:
            write_atomically(out, self.pdf(format, plan, roster))
        return out

    def handout(self, roster: Roster, out: Path, html: bool = False) -> Path:
        """The team handout for ``roster``."""
        code = self.options.lang or roster.lang or DEFAULT
        handout = plan_handout(self.catalogue_in(code), roster, self.options.weeks, self.labels(code))
        page = paper_page(self.options.paper)
        if html:
            fonts = embedded_font_face_css(self.renderer.handout(handout, page))
            write_atomically(out, self.renderer.handout(handout, page, fonts))
        else:
            write_atomically(out, self.press.pdf(self.renderer.handout(handout, page)))
        return out

    def demo(self, folder: Path) -> list[Path]:
        """Every routine of the catalogue as a card and a sheet, into ``folder``."""
        return [
            self.write(format, self.plan(routine_id), folder / document_name(format, routine_id))
            for routine_id in self.catalogue.routines
            for format in FORMATS
        ]


@dataclass
class LaidOutCards:
    """Cards laid out: each plan's cards, the PDFs the engine wrote, where each face (by key) is
    in them and how it measured, and how many layout passes each plan took."""

    cards: list[list[CardFace]]
    sources: list[bytes]
    at: dict[str, FacePage]
    measures: dict[str, Measure]
    passes: list[int]
    stamped: list[bool]  # whether each plan's fronts have their runner's name printed into them
    _faces: dict = field(default_factory=dict, repr=False)

    def faces_of(self, cards: list[CardFace], backs: bool, index: int) -> list[Face]:
        """``fitting.faces_of`` for the cards of plan ``index``, each card's faces made once (their
        keys are worth keeping)."""
        faces: list[Face] = []
        for card in cards:
            kept = self._faces.get((id(card), backs, self.stamped[index]))
            if kept is None or kept[0] is not card:
                kept = self._faces[id(card), backs, self.stamped[index]] = (
                    card,
                    faces_of([card], backs, self.stamped[index]),
                )
            faces.extend(kept[1])
        return faces

    def fit(self, cards: list[CardFace], backs: bool, index: int, size: CardSize, names: bool = True) -> bool:
        """Do the laid-out faces of ``cards`` (of plan ``index``) fit their card, and (``names``)
        does each name stamped into a front fit its line?"""
        faces = self.faces_of(cards, backs, index)
        for before, face in zip([None, *faces], faces):
            height = self.measures[face.key].height
            if face.stamp and before is not None:
                if names and height > self.measures[before.key].slot + 0.5:
                    return False
            elif height > room_of(size):
                return False
        return True


def _describe(plan: RoutinePlan) -> str:
    return f"{plan.runner}'s card ({plan.title})" if plan.runner else f"the card for {plan.title}"
