"""Where cards go on paper: one a page at their own size, or many a page (N-up) with crop marks,
with their backs placed so a long-edge duplex print lines up card for card.

Pure geometry in millimetres, origin at the top left of the page.
"""

from __future__ import annotations

from dataclasses import dataclass

# Crop marks: thin lines starting this far outside the trim, this long (the README, "Printing").
MARK_OFFSET = 3.0
MARK_LENGTH = 5.0
# Cards and their marks keep this far from the paper's edge: printers can't reach the outer 4–6 mm.
PAPER_MARGIN = 12.0


@dataclass(frozen=True)
class Placed:
    """One card side on a page: its footprint, and how it is turned."""

    card: int
    side: str  # "front" or "back"
    x: float
    y: float
    width: float  # of the footprint on the page, after turning
    height: float
    rotation: int  # 0, 90 (clockwise) or -90


@dataclass(frozen=True)
class Mark:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class PageLayout:
    width: float
    height: float
    placed: list[Placed]
    marks: list[Mark]


@dataclass(frozen=True)
class Grid:
    columns: int
    rows: int
    rotated: bool

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


def one_a_page(count: int, width: float, height: float, duplex: bool) -> list[PageLayout]:
    """Each card on a page of its own size; with ``duplex`` its back on the following page."""
    pages = []
    for card in range(count):
        for side in ("front", "back") if duplex else ("front",):
            pages.append(PageLayout(width, height, [Placed(card, side, 0, 0, width, height, 0)], []))
    return pages


def grid_for(
    width: float, height: float, paper_width: float, paper_height: float, bleed: float = 0, gutter: float | None = None
) -> Grid:
    """As many cards as fit the paper, turned a quarter if that fits more: inside a margin that
    leaves room for crop marks, or with a ``gutter`` (mm between cards, 0: butted, one cut for two)
    edge to edge, where a printer's unprintable rim falls in the cards' safe zone."""
    margin = PAPER_MARGIN if gutter is None else 0
    gap = gutter or 0
    room_w, room_h = paper_width - 2 * margin + gap, paper_height - 2 * margin + gap
    upright = Grid(int(room_w // (width + 2 * bleed + gap)), int(room_h // (height + 2 * bleed + gap)), False)
    turned = Grid(int(room_w // (height + 2 * bleed + gap)), int(room_h // (width + 2 * bleed + gap)), True)
    best = turned if turned.per_page > upright.per_page else upright
    if best.per_page == 0:
        raise ValueError(
            f"a {width:g} × {height:g} mm card does not fit on a {paper_width:g} × {paper_height:g} mm sheet"
            + (" with its crop marks" if gutter is None else "")
        )
    return best


def paper_for(
    width: float, height: float, paper_width: float, paper_height: float, bleed: float = 0, gutter: float | None = None
) -> tuple[float, float]:
    """The paper upright, or with a ``gutter`` turned landscape when that holds more cards, or as
    many with the cards upright on it (A7 on A4: 8-up either way, upright on landscape)."""
    if gutter is None:
        return paper_width, paper_height
    upright = grid_for(width, height, paper_width, paper_height, bleed, gutter)
    turned = grid_for(width, height, paper_height, paper_width, bleed, gutter)
    if (turned.per_page, not turned.rotated) > (upright.per_page, not upright.rotated):
        return paper_height, paper_width
    return paper_width, paper_height


def n_up(
    count: int,
    width: float,
    height: float,
    paper_width: float,
    paper_height: float,
    bleed: float = 0,
    duplex: bool = False,
    gutter: float | None = None,
) -> list[PageLayout]:
    """Cards N-up on pages of paper, centred, with crop marks outside them; with ``duplex`` each
    page of fronts is followed by one of backs, mirrored left to right for a long-edge flip
    (short-edge on landscape paper)."""
    paper_width, paper_height = paper_for(width, height, paper_width, paper_height, bleed, gutter)
    grid = grid_for(width, height, paper_width, paper_height, bleed, gutter)
    gap = gutter or 0
    cell_w, cell_h = (height, width) if grid.rotated else (width, height)
    box_w, box_h = cell_w + 2 * bleed + gap, cell_h + 2 * bleed + gap
    left = (paper_width - grid.columns * box_w + gap) / 2
    top = (paper_height - grid.rows * box_h + gap) / 2
    rotation = 90 if grid.rotated else 0
    pages = []
    for first in range(0, count, grid.per_page):
        cards = range(first, min(first + grid.per_page, count))
        fronts, backs = [], []
        for slot, card in enumerate(cards):
            row, column = divmod(slot, grid.columns)
            x, y = left + column * box_w + bleed, top + row * box_h + bleed
            fronts.append(Placed(card, "front", x, y, cell_w, cell_h, rotation))
            # A long-edge flip mirrors left and right: column c comes back at column (columns - 1 - c).
            backs.append(Placed(card, "back", paper_width - x - cell_w, y, cell_w, cell_h, -rotation))
        used_rows = (len(cards) + grid.columns - 1) // grid.columns
        used_columns = min(len(cards), grid.columns)
        marks = []
        if min(left, top) + bleed >= max(MARK_OFFSET, bleed + 1) + MARK_LENGTH:  # room for marks outside the block
            marks = crop_marks(left + bleed, top + bleed, cell_w, cell_h, box_w, box_h, used_columns, used_rows, bleed)
        pages.append(PageLayout(paper_width, paper_height, fronts, marks))
        if duplex:
            mirrored = [Mark(paper_width - m.x1, m.y1, paper_width - m.x2, m.y2) for m in marks]
            pages.append(PageLayout(paper_width, paper_height, backs, mirrored))
    return pages


def crop_marks(
    x0: float,
    y0: float,
    cell_w: float,
    cell_h: float,
    box_w: float,
    box_h: float,
    columns: int,
    rows: int,
    bleed: float,
) -> list[Mark]:
    """Marks along every cut line, outside the block of cards (and its bleed) so they never touch one.

    ``x0, y0`` is the trim corner of the first card; cards sit ``box_w`` by ``box_h`` apart."""
    start = max(MARK_OFFSET, bleed + 1)
    xs = sorted({round(x0 + column * box_w + dx, 3) for column in range(columns) for dx in (0, cell_w)})
    ys = sorted({round(y0 + row * box_h + dy, 3) for row in range(rows) for dy in (0, cell_h)})
    marks = []
    for x in xs:
        marks.append(Mark(x, ys[0] - start - MARK_LENGTH, x, ys[0] - start))
        marks.append(Mark(x, ys[-1] + start, x, ys[-1] + start + MARK_LENGTH))
    for y in ys:
        marks.append(Mark(xs[0] - start - MARK_LENGTH, y, xs[0] - start, y))
        marks.append(Mark(xs[-1] + start, y, xs[-1] + start + MARK_LENGTH, y))
    return marks
