"""Where cards go on paper: one a page at their own size, or many on a sheet with crop marks,
with their backs placed so a long-edge duplex print lines up card for card.

Pure geometry in millimetres, origin at the top left of the page.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pikepdf is imported when something is imposed, not when the CLI starts
    from cardgen.tagging import Tagger

# Crop marks: thin lines starting this far outside the trim, this long (the README, "Printing").
MARK_OFFSET = 3.0
MARK_LENGTH = 5.0
# Cards and their marks keep this far from the sheet's edge: printers can't reach the outer 4–6 mm.
SHEET_MARGIN = 12.0


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
    def per_sheet(self) -> int:
        return self.columns * self.rows


def one_a_page(count: int, width: float, height: float, duplex: bool) -> list[PageLayout]:
    """Each card on a page of its own size; with ``duplex`` its back on the following page."""
    pages = []
    for card in range(count):
        for side in ("front", "back") if duplex else ("front",):
            pages.append(PageLayout(width, height, [Placed(card, side, 0, 0, width, height, 0)], []))
    return pages


def grid_for(
    width: float, height: float, sheet_width: float, sheet_height: float, bleed: float = 0, gutter: float | None = None
) -> Grid:
    """As many cards as fit the sheet, turned a quarter if that fits more: inside a margin that
    leaves room for crop marks, or with a ``gutter`` (mm between cards, 0: butted, one cut for two)
    edge to edge, where a printer's unprintable rim falls in the cards' safe zone."""
    margin = SHEET_MARGIN if gutter is None else 0
    gap = gutter or 0
    room_w, room_h = sheet_width - 2 * margin + gap, sheet_height - 2 * margin + gap
    upright = Grid(int(room_w // (width + 2 * bleed + gap)), int(room_h // (height + 2 * bleed + gap)), False)
    turned = Grid(int(room_w // (height + 2 * bleed + gap)), int(room_h // (width + 2 * bleed + gap)), True)
    best = turned if turned.per_sheet > upright.per_sheet else upright
    if best.per_sheet == 0:
        raise ValueError(
            f"a {width:g} × {height:g} mm card does not fit on a {sheet_width:g} × {sheet_height:g} mm sheet"
            + (" with its crop marks" if gutter is None else "")
        )
    return best


def sheet_for(
    width: float, height: float, sheet_width: float, sheet_height: float, bleed: float = 0, gutter: float | None = None
) -> tuple[float, float]:
    """The sheet upright, or with a ``gutter`` turned landscape when that holds more cards, or as
    many with the cards upright on it (A7 on A4: 8-up either way, upright on landscape)."""
    if gutter is None:
        return sheet_width, sheet_height
    upright = grid_for(width, height, sheet_width, sheet_height, bleed, gutter)
    turned = grid_for(width, height, sheet_height, sheet_width, bleed, gutter)
    if (turned.per_sheet, not turned.rotated) > (upright.per_sheet, not upright.rotated):
        return sheet_height, sheet_width
    return sheet_width, sheet_height


def on_sheets(
    count: int,
    width: float,
    height: float,
    sheet_width: float,
    sheet_height: float,
    bleed: float = 0,
    duplex: bool = False,
    gutter: float | None = None,
) -> list[PageLayout]:
    """Cards N-up on sheets, centred, with crop marks outside them; with ``duplex`` each sheet of
    fronts is followed by one of backs, mirrored left to right for a long-edge flip (short-edge
    on a landscape sheet)."""
    sheet_width, sheet_height = sheet_for(width, height, sheet_width, sheet_height, bleed, gutter)
    grid = grid_for(width, height, sheet_width, sheet_height, bleed, gutter)
    gap = gutter or 0
    cell_w, cell_h = (height, width) if grid.rotated else (width, height)
    box_w, box_h = cell_w + 2 * bleed + gap, cell_h + 2 * bleed + gap
    left = (sheet_width - grid.columns * box_w + gap) / 2
    top = (sheet_height - grid.rows * box_h + gap) / 2
    rotation = 90 if grid.rotated else 0
    pages = []
    for first in range(0, count, grid.per_sheet):
        cards = range(first, min(first + grid.per_sheet, count))
        fronts, backs = [], []
        for slot, card in enumerate(cards):
            row, column = divmod(slot, grid.columns)
            x, y = left + column * box_w + bleed, top + row * box_h + bleed
            fronts.append(Placed(card, "front", x, y, cell_w, cell_h, rotation))
            # A long-edge flip mirrors left and right: column c comes back at column (columns - 1 - c).
            backs.append(Placed(card, "back", sheet_width - x - cell_w, y, cell_w, cell_h, -rotation))
        used_rows = (len(cards) + grid.columns - 1) // grid.columns
        used_columns = min(len(cards), grid.columns)
        marks = []
        if min(left, top) + bleed >= max(MARK_OFFSET, bleed + 1) + MARK_LENGTH:  # room for marks outside the block
            marks = crop_marks(left + bleed, top + bleed, cell_w, cell_h, box_w, box_h, used_columns, used_rows, bleed)
        pages.append(PageLayout(sheet_width, sheet_height, fronts, marks))
        if duplex:
            mirrored = [Mark(sheet_width - m.x1, m.y1, sheet_width - m.x2, m.y2) for m in marks]
            pages.append(PageLayout(sheet_width, sheet_height, backs, mirrored))
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


# Placing finished pages --------------------------------------------------------------------------
# The faces come laid out, one a page, in PDFs the engine wrote; they are placed on paper as form
# XObjects (a face used twice is one object), as a print shop imposes finished pages.

POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class FacePage:
    """Where a laid-out face is: page ``page`` of source PDF ``source``, the face at its top."""

    source: int
    page: int


class Imposer:
    """Places laid-out faces, from the PDFs the engine wrote (``sources``), onto pages."""

    def __init__(self, sources: list[bytes], trim: tuple[float, float]) -> None:
        self.opened: list = []
        self.trim = trim
        self.forms: dict[FacePage, tuple] = {}  # each face as a form XObject of its source, made once
        self.templates: dict = {}  # source -> tagging.Templates
        for pdf in sources:
            self.add(pdf)

    def add(self, pdf: bytes) -> int:
        import pikepdf

        self.opened.append(pikepdf.open(io.BytesIO(pdf)))
        return len(self.opened) - 1

    def form(self, face: FacePage):
        """The face cut to the trim as a form XObject of its source PDF, where its box starts, and
        its structure (a Template, or None when its source is untagged)."""
        if face not in self.forms:
            import pikepdf

            source = self.opened[face.source]
            page = source.pages[face.page]
            width, height = self.trim
            top = float(page.mediabox[3])
            page.mediabox = page.trimbox = pikepdf.Array([0, top - height * POINTS_PER_MM, width * POINTS_PER_MM, top])
            xobject = page.as_form_xobject()
            if face.source not in self.templates:
                from cardgen.tagging import Templates

                self.templates[face.source] = Templates(source)
            template = self.templates[face.source].template(face.page, xobject, top)
            self.forms[face] = xobject, (float(xobject.BBox[0]), float(xobject.BBox[1])), template
        return self.forms[face]

    def pdf(
        self,
        pages: list[PageLayout],
        face_at,
        fold: bool = False,
        guides: bool = False,
        title: str = "",
        lang: str = "",
        ua: bool = False,
    ) -> bytes:
        """One PDF of ``pages``: each placed card side drawn from the faces ``face_at(card, side)``
        (FacePages, drawn one over the other) cut to the trim; crop marks; with ``fold`` each card is its back and its
        front side by side with a dashed fold line between; with ``guides``, short cut guides
        on each card's corners (where cards butt and no mark fits outside them).

        The file is titled ``title``, in language ``lang``, and tagged (the faces' structure carried
        over, marks and guides artifacts) unless a face is drawn twice in it (a deck's shared backs: see
        the README); with ``ua`` it claims PDF/UA-1."""
        import pikepdf

        from cardgen.tagging import Tagger, describe

        out = pikepdf.new()
        layers = [
            layer
            for layout in pages
            for placed in layout.placed
            for side in (("back", "front") if fold else (placed.side,))
            for layer in face_at(placed.card, side)
        ]
        tagger = None
        if len(set(layers)) == len(layers) and all(self.form(layer)[2] for layer in layers):
            tagger = Tagger(out)
        for layout in pages:
            _impose_page(self, out, tagger, layout, face_at, fold, guides)
        if tagger:
            tagger.finish()
        describe(out, title, lang, ua and tagger is not None)
        out.docinfo["/Creator"] = "cardgen"
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():  # same inputs, same bytes: no clock unless SOURCE_DATE_EPOCH names the moment
            moment = datetime.fromtimestamp(int(epoch), timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
            out.docinfo["/CreationDate"] = out.docinfo["/ModDate"] = moment
        buffer = io.BytesIO()
        # Objects in compressed object streams: a structure tree is many small objects.
        out.save(
            buffer, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate
        )
        return buffer.getvalue()


# Crop marks and cut guides are a printer's marks, the fold line a layout mark: artifacts, never read.
PRINTERS_MARK = "/Artifact <</Type /Page>> BDC"
LAYOUT_MARK = "/Artifact <</Type /Layout>> BDC"


def _impose_page(imposer: Imposer, out, tagger: Tagger | None, layout: PageLayout, face_at, fold, guides) -> None:
    import pikepdf

    width, height = imposer.trim
    names, content = {}, []
    page = None  # tagged, the page is the first face's placeholder (see tagging.py)
    sheet_h = layout.height
    for placed in layout.placed:
        matrix = _placement(placed, sheet_h, fold, width)
        sides = [("back", 0.0), ("front", width)] if fold else [(placed.side, 0.0)]
        read: dict[str, list] = {}  # each side's structure elements
        for side, shift in sides:
            for layer in face_at(placed.card, side):  # a face, and a name stamped into it
                source_form, (ox, oy), template = imposer.form(layer)
                shift_x, shift_y = shift * POINTS_PER_MM - ox, -oy
                if tagger:
                    page, tops = tagger.place(template, page, _then(shift_x, shift_y, matrix))
                    if side in read:  # a stamp: the name is read first, as it is printed at the card's top
                        tagger.add([kid for top in tops for kid in top.K], into=read[side][0], first=True)
                    else:
                        read[side] = tops
                xobject = out.copy_foreign(source_form)
                name = names.setdefault(xobject.objgen, (f"/F{len(names)}", xobject))[0]
                content.append(f"q {_cm(matrix)} cm 1 0 0 1 {_n(shift_x)} {_n(shift_y)} cm {name} Do Q")
        if tagger:  # a folded card's front is read first, then its back
            tagger.add([element for side in ("front", "back") for element in read.get(side, [])])
        if fold:  # the fold: a thin grey dashed line where the pair folds
            content.append(
                f"{LAYOUT_MARK} q {_cm(matrix)} cm 0.5 G 0.25 w [2 2] 0 d {_n(width * POINTS_PER_MM)} 0 m "
                f"{_n(width * POINTS_PER_MM)} {_n(height * POINTS_PER_MM)} l S Q EMC"
            )
        if guides:
            content.append(f"{PRINTERS_MARK} {_guides(placed, sheet_h)} EMC")
    if layout.marks:
        lines = " ".join(
            f"{_n(m.x1 * POINTS_PER_MM)} {_n((sheet_h - m.y1) * POINTS_PER_MM)} m "
            f"{_n(m.x2 * POINTS_PER_MM)} {_n((sheet_h - m.y2) * POINTS_PER_MM)} l"
            for m in layout.marks
        )
        content.append(f"{PRINTERS_MARK} q 0 G 0.25 w {lines} S Q EMC")
    if page is None:
        page = out.make_indirect(pikepdf.Dictionary())
    page.Type = pikepdf.Name.Page
    page.MediaBox = pikepdf.Array([0, 0, layout.width * POINTS_PER_MM, layout.height * POINTS_PER_MM])
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary({name: x for name, x in names.values()}))
    page.Contents = out.make_stream("\n".join(content).encode())
    out.pages.append(pikepdf.Page(page))


def _then(x: float, y: float, matrix) -> tuple[float, ...]:
    """A move by (x, y), then ``matrix``: the matrix of ``1 0 0 1 x y cm`` drawn inside ``matrix cm``."""
    a, b, c, d, e, f = matrix
    return (a, b, c, d, x * a + y * c + e, x * b + y * d + f)


def _placement(placed: Placed, sheet_h: float, fold: bool, width: float) -> tuple[float, ...]:
    """The matrix taking a card's own frame (points, origin at its bottom left, upright) to where
    ``placed`` puts it on the page, turned as it says."""
    x = placed.x * POINTS_PER_MM
    bottom = (sheet_h - placed.y - placed.height) * POINTS_PER_MM
    if placed.rotation == 90:  # clockwise: the card's top goes to the right
        return (0, -1, 1, 0, x, bottom + placed.height * POINTS_PER_MM)
    if placed.rotation == -90:  # anticlockwise: the card's top goes to the left
        return (0, 1, -1, 0, x + placed.width * POINTS_PER_MM, bottom)
    return (1, 0, 0, 1, x, bottom)


def _guides(placed: Placed, sheet_h: float) -> str:
    """Grey cut guides along the trim at each corner of a card, 4 mm long, as DIY card sheets have."""
    x0, x1 = placed.x * POINTS_PER_MM, (placed.x + placed.width) * POINTS_PER_MM
    y0, y1 = (sheet_h - placed.y - placed.height) * POINTS_PER_MM, (sheet_h - placed.y) * POINTS_PER_MM
    g = 4 * POINTS_PER_MM
    paths = []
    for x, dx in ((x0, g), (x1, -g)):
        for y, dy in ((y0, g), (y1, -g)):
            paths.append(f"{_n(x + dx)} {_n(y)} m {_n(x)} {_n(y)} l {_n(x)} {_n(y + dy)} l")
    return f"q 0.6 G 0.25 w {' '.join(paths)} S Q"


def _cm(matrix) -> str:
    return " ".join(_n(v) for v in matrix)


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"
