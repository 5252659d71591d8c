"""Finished card faces placed on paper with pikepdf, where ``imposition`` says, as a print shop
imposes finished pages: the faces come laid out, one a page, in PDFs the engine wrote, and are
drawn as form XObjects (a face used twice is one object, unless a tagged file needs it twice: see
``tagging``).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from cardgen.imposition import PageLayout, Placed

if TYPE_CHECKING:  # pikepdf is imported when something is imposed, not when the CLI starts
    from cardgen.tagging import Tagger

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
        self.forms: dict[tuple[FacePage, int], tuple] = {}  # each face (and its copies) as a form XObject of its source
        self.templates: dict = {}  # source -> tagging.Templates
        for pdf in sources:
            self.add(pdf)

    def add(self, pdf: bytes) -> int:
        import pikepdf

        self.opened.append(pikepdf.open(io.BytesIO(pdf)))
        return len(self.opened) - 1

    def form(self, face: FacePage, copy: int = 0):
        """The face cut to the trim as a form XObject of its source PDF, where its box starts, and
        its structure (a Template, or None when its source is untagged); ``copy`` n > 0: another
        form with the same content, for a face drawn n + 1 times in a tagged file."""
        if (face, copy) not in self.forms:
            import pikepdf

            from cardgen.tagging import Templates, twin

            source = self.opened[face.source]
            page = source.pages[face.page]
            top = float(page.mediabox[3])
            if copy:
                xobject = twin(source, self.form(face)[0])
            else:
                width, height = self.trim
                box = pikepdf.Array([0, top - height * POINTS_PER_MM, width * POINTS_PER_MM, top])
                page.mediabox = page.trimbox = box
                xobject = page.as_form_xobject()
            if face.source not in self.templates:
                self.templates[face.source] = Templates(source)
            template = self.templates[face.source].template(face.page, xobject, top, copy)
            self.forms[face, copy] = xobject, (float(xobject.BBox[0]), float(xobject.BBox[1])), template
        return self.forms[face, copy]

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
        over, marks and guides artifacts) unless it is a page of many cards whose faces repeat (a
        deck's shared backs: see the README); with ``ua`` it claims PDF/UA-1."""
        import pikepdf

        from cardgen.tagging import Tagger, describe

        out = pikepdf.new()
        sides = {
            (placed.card, side): face_at(placed.card, side)  # asked once: the faces are looked at twice
            for layout in pages
            for placed in layout.placed
            for side in (("back", "front") if fold else (placed.side,))
        }
        layers = [layer for faces in sides.values() for layer in faces]
        # A face drawn twice in a tagged file is drawn from a second form (a form's marked content
        # belongs to one place in the tree): a runner's name stamped on each of their cards. A page of
        # many cards whose faces repeat (a team's deck) is left untagged: see the README.
        repeats = len(set(layers)) < len(layers)
        tagger = None
        if not (repeats and any(len(layout.placed) > 1 for layout in pages)):
            if all(self.form(layer)[2] for layer in layers):
                tagger = Tagger(out)
        drawn: Counter = Counter()

        def take(layer: FacePage):
            copy = drawn[layer] if tagger else 0
            drawn[layer] += 1
            return self.form(layer, copy)

        for layout in pages:
            _impose_page(take, self.trim, out, tagger, layout, lambda card, side: sides[card, side], fold, guides)
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


def _impose_page(take, trim, out, tagger: Tagger | None, layout: PageLayout, face_at, fold, guides) -> None:
    """Draw ``layout`` as a new page of ``out``, each face from the form ``take(face)`` gives."""
    import pikepdf

    width, height = trim
    names: dict[tuple[int, int], tuple[str, object]] = {}
    content: list[str] = []
    page = None  # tagged, the page is the first face's placeholder (see tagging.py)
    page_h = layout.height
    for placed in layout.placed:
        matrix = _placement(placed, page_h, fold, width)
        sides = [("back", 0.0), ("front", width)] if fold else [(placed.side, 0.0)]
        read: dict[str, list] = {}  # each side's structure elements
        for side, shift in sides:
            for layer in face_at(placed.card, side):  # a face, and a name stamped into it
                source_form, (ox, oy), template = take(layer)
                shift_x, shift_y = shift * POINTS_PER_MM - ox, -oy
                if tagger:
                    page, tops = tagger.place(template, page, _then(shift_x, shift_y, matrix))
                    if side in read:  # a stamp: the name is read first, as it is printed at the card's top
                        for top in tops:
                            top.S = pikepdf.Name.NonStruct  # a group in the card's section, not one of its own
                        tagger.add(tops, into=read[side][0], first=True)
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
            content.append(f"{PRINTERS_MARK} {_guides(placed, page_h)} EMC")
    if layout.marks:
        lines = " ".join(
            f"{_n(m.x1 * POINTS_PER_MM)} {_n((page_h - m.y1) * POINTS_PER_MM)} m "
            f"{_n(m.x2 * POINTS_PER_MM)} {_n((page_h - m.y2) * POINTS_PER_MM)} l"
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


def _placement(placed: Placed, page_h: float, fold: bool, width: float) -> tuple[float, ...]:
    """The matrix taking a card's own frame (points, origin at its bottom left, upright) to where
    ``placed`` puts it on the page, turned as it says."""
    x = placed.x * POINTS_PER_MM
    bottom = (page_h - placed.y - placed.height) * POINTS_PER_MM
    if placed.rotation == 90:  # clockwise: the card's top goes to the right
        return (0, -1, 1, 0, x, bottom + placed.height * POINTS_PER_MM)
    if placed.rotation == -90:  # anticlockwise: the card's top goes to the left
        return (0, 1, -1, 0, x + placed.width * POINTS_PER_MM, bottom)
    return (1, 0, 0, 1, x, bottom)


def _guides(placed: Placed, page_h: float) -> str:
    """Grey cut guides along the trim at each corner of a card, 4 mm long, as DIY card sheets have."""
    x0, x1 = placed.x * POINTS_PER_MM, (placed.x + placed.width) * POINTS_PER_MM
    y0, y1 = (page_h - placed.y - placed.height) * POINTS_PER_MM, (page_h - placed.y) * POINTS_PER_MM
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
