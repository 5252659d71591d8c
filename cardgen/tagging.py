"""Structure trees carried through imposition, so a card file is a tagged PDF as a sheet is.

WeasyPrint writes each card face tagged, on a page of its own; the imposition draws that page as a
form XObject on paper. Each face's structure elements are copied into the new file once per
placement: their marked content is now inside the form, so each MCID becomes a marked-content
reference to it (``/Type /MCR /Stm form /MCID n``), and the form gets ``/StructParents`` with its
row in the ``/ParentTree``.

Speed: the copy a face needs is made once, in its source PDF (a *template*: the face's elements with
their MCIDs pointing at its form, and every ``/Pg`` at a placeholder), and each file takes it with
one ``copy_foreign``, done by qpdf. The placeholder's copy becomes the page the face is drawn on,
so nothing is walked again; a second face drawn on the same page (a runner's name stamped into a
shared front, the other half of a folded card, the other cards of a page) has its ``/Pg`` set
element by element.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

# What an element keeps besides its role and kids (its /P and /Pg are the new file's).
KEPT = ("/Alt", "/ActualText", "/E", "/Lang", "/T", "/ID", "/C")
PX = 0.75  # points per CSS pixel: WeasyPrint's figure boxes are in CSS pixels, from the page's top left


@dataclass
class Template:
    """One face's structure, in its source PDF, ready to be copied into output files."""

    form: pikepdf.Object  # the face drawn as a form XObject
    tops: list[pikepdf.Object]  # its top-level elements (a card face: one section)
    elements: list[pikepdf.Object]  # every element, for setting /Pg when the placeholder can't be the page
    holder: pikepdf.Object  # the placeholder every /Pg points at
    parents: pikepdf.Object  # the form's parent-tree row: the element of each MCID
    figures: list[tuple[pikepdf.Object, tuple[float, float, float, float]]]  # with their boxes in the form


class Templates:
    """The templates of one source PDF's faces, made when first asked for."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.made: dict[tuple[int, int], Template | None] = {}
        self.tops: dict[tuple[int, int], list] = {}  # page objgen -> the top-level elements drawn there
        root = pdf.Root.get("/StructTreeRoot")
        for element in _kids(root.get("/K")) if root is not None else ():
            if element.get("/S") == Name.Document:  # WeasyPrint's: the faces are its kids
                for top in _kids(element.get("/K")):
                    if isinstance(top, Dictionary) and "/Pg" in top:
                        self.tops.setdefault(top.Pg.objgen, []).append(top)

    def template(self, index: int, form: pikepdf.Object, top: float, copy: int = 0) -> Template | None:
        """Page ``index``'s face, drawn as ``form`` (an XObject of this PDF, its ``copy``-th if the
        face is drawn more than once in a file); ``top``: its page's top."""
        if (index, copy) not in self.made:
            page = self.pdf.pages[index].obj
            tops = self.tops.get(page.objgen)
            self.made[index, copy] = self._make(tops, form, top) if tops else None
        return self.made[index, copy]

    def _make(self, tops: list, form: pikepdf.Object, top: float) -> Template:
        pdf = self.pdf
        holder = pdf.make_indirect(Dictionary())
        made = Template(form, [], [], holder, Array(), [])
        mcids: dict[int, pikepdf.Object] = {}

        def build(node: _Node, parent: pikepdf.Object | None) -> pikepdf.Object:
            new = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=node.role, Pg=holder, **node.keys))
            if parent is not None:
                new.P = parent
            made.elements.append(new)
            kids = Array()
            for kid in node.kids:
                if isinstance(kid, int):
                    kids.append(Dictionary(Type=Name.MCR, Stm=form, MCID=kid))
                    mcids[kid] = new
                else:
                    kids.append(build(kid, new))
            new.K = kids
            if node.box is not None:  # CSS pixels from the top left -> points in the form's space
                x1, y1, x2, y2 = node.box
                made.figures.append((new, (x1 * PX, top - y2 * PX, x2 * PX, top - y1 * PX)))
            return new

        made.tops = [build(_read(element), None) for element in tops]
        made.parents = pdf.make_indirect(Array([mcids.get(n) for n in range(max(mcids, default=-1) + 1)]))
        return made


@dataclass
class _Node:
    role: pikepdf.Name
    keys: dict
    kids: list  # MCIDs and _Nodes
    box: tuple[float, ...] | None  # a figure's, as WeasyPrint gives it


# Roles that only group (WeasyPrint makes one for each HTML box): one holding a single kid, or none,
# and nothing else, is left out and its kid put in its place. The tree says the same, a third the size.
GROUPING = {Name.Div, Name.Span, Name.NonStruct}


def _read(element: Dictionary) -> _Node:
    kept = {key[1:]: element[key] for key in KEPT if key in element}
    attributes = element.get("/A")
    box = attributes.get("/BBox") if element.S == Name.Figure and isinstance(attributes, Dictionary) else None
    node = _Node(Name(str(element.S)), kept, [], tuple(float(v) for v in box) if box is not None else None)
    for kid in _kids(element.get("/K")):
        if isinstance(kid, int):
            node.kids.append(int(kid))
        elif isinstance(kid, Dictionary) and "/S" in kid:
            inner = _read(kid)
            if inner.role in GROUPING and not inner.keys and len(inner.kids) <= 1:
                node.kids.extend(inner.kids)
            else:
                node.kids.append(inner)
        # anything else (an annotation's /OBJR) stays behind: the form carries no annotations
    return node


class Tagger:
    """The structure tree of one output file, filled a placed face at a time."""

    def __init__(self, out: pikepdf.Pdf) -> None:
        self.out = out
        self.document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
        self.nums = Array()

    def place(self, template: Template, page: pikepdf.Object | None, matrix) -> tuple[pikepdf.Object, list]:
        """Copy ``template`` into the file, drawn on ``page`` (None: the placeholder's copy becomes the
        page) with ``matrix`` from the form's space to the page's. Returns the page and the face's
        top-level elements (not yet in the tree: see ``add``)."""
        out = self.out
        tops = [out.copy_foreign(element) for element in template.tops]
        form = out.copy_foreign(template.form)
        if page is None:
            page = out.copy_foreign(template.holder)
        else:
            for element in template.elements:
                out.copy_foreign(element).Pg = page
        form.StructParents = len(self.nums) // 2
        row: list[Any] = [len(self.nums) // 2, out.copy_foreign(template.parents)]  # the key, the form's row
        self.nums.extend(row)
        for figure, box in template.figures:
            out.copy_foreign(figure).A = Dictionary(O=Name.Layout, BBox=Array(_box(matrix, box)))
        return page, tops

    def add(self, elements: list, into: pikepdf.Object | None = None, first: bool = False) -> None:
        """Put top-level ``elements`` in the tree: at the document's end, or ``first`` inside ``into``."""
        parent = into if into is not None else self.document
        for element in elements:
            element.P = parent
        parent.K = Array([*elements, *parent.K]) if first else Array([*parent.K, *elements])

    def finish(self) -> None:
        out = self.out
        root = out.make_indirect(
            Dictionary(
                Type=Name.StructTreeRoot,
                K=Array([self.document]),
                ParentTree=out.make_indirect(Dictionary(Nums=self.nums)),
                ParentTreeNextKey=len(self.nums) // 2,
            )
        )
        self.document.P = root
        out.Root.StructTreeRoot = root
        out.Root.MarkInfo = Dictionary(Marked=True)


def describe(out: pikepdf.Pdf, title: str, lang: str, ua: bool) -> None:
    """The document's title (shown by readers instead of the file name) and language; with ``ua``,
    the XMP metadata that claims PDF/UA-1."""
    out.docinfo["/Title"] = title
    if lang:
        out.Root.Lang = pikepdf.String(lang)
    out.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    if ua:
        with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = title
            meta["pdfuaid:part"] = "1"


def twin(pdf: pikepdf.Pdf, form: pikepdf.Stream) -> pikepdf.Stream:
    """A second form XObject drawing what ``form`` draws (its content's bytes, its resources shared)."""
    copy = pikepdf.Stream(pdf, b"")
    copy.write(form.read_raw_bytes(), filter=form.get("/Filter"), decode_parms=form.get("/DecodeParms"))  # type: ignore[arg-type]
    for key, value in form.items():
        if key not in ("/Length", "/Filter", "/DecodeParms"):
            copy[key] = value
    return copy


def _kids(k) -> list:
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _box(matrix, box: tuple[float, float, float, float]) -> list[float]:
    """``box`` through ``matrix`` (a, b, c, d, e, f): the smallest upright box holding its corners."""
    a, b, c, d, e, f = matrix
    x1, y1, x2, y2 = box
    xs, ys = [], []
    for x, y in ((x1, y1), (x1, y2), (x2, y1), (x2, y2)):
        xs.append(round(a * x + c * y + e, 2))
        ys.append(round(b * x + d * y + f, 2))
    return [min(xs), min(ys), max(xs), max(ys)]
