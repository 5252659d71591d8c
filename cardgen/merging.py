"""PDFs joined into one, their structure trees kept: the combined file of a batch.

Each part's pages are copied with pikepdf, and its structure tree with them: its document element
becomes a ``Part`` of the new document, in the part's own language and titled as the part was, its
parent-tree keys (on pages, forms and annotations) moved past the parts before it, its element ids
made unique, and its bookmarks kept. A part without a structure tree (the
deck's sheets of cards) is joined as it is.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem


def merged(parts: list[Path], title: str = "", lang: str = "", ua: bool = False) -> bytes:
    """One PDF of ``parts``, in order, titled ``title`` in language ``lang``; tagged when they are,
    and with ``ua`` claiming PDF/UA-1 when every part is tagged."""
    from cardgen.tagging import describe

    out = pikepdf.new()
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    nums = Array()
    tagged = []
    outline: list[OutlineItem] = []
    for number, part in enumerate(parts):
        source = pikepdf.open(part)
        first = len(out.pages)
        out.pages.extend(source.pages)
        outline.extend(_bookmarks(source, out, first))
        root = source.Root.get("/StructTreeRoot")
        tagged.append(root is not None)
        if root is None:
            continue
        offset = max([int(key) for key in nums[::2]], default=-1) + 1
        _move_keys(out.pages[first:], offset)
        _unique_ids(source, f"p{number}-")
        pairs = list(root.ParentTree.get("/Nums", []))
        for key, value in zip(pairs[::2], pairs[1::2]):
            if not value.is_indirect:  # a page's row: its MCIDs' elements
                value = Array([out.copy_foreign(kid) if kid.is_indirect else kid for kid in value])
            row: list = [int(key) + offset, out.copy_foreign(value) if value.is_indirect else value]
            nums.extend(row)
        for top in _kids(root.get("/K")):
            del top["/P"]  # not the part's root: the new document
            element = out.copy_foreign(top)
            element.P = document
            element.S = Name.Part
            if "/Lang" in source.Root:
                element.Lang = source.Root.Lang
            if "/Title" in source.docinfo:
                element.T = source.docinfo.Title
            document.K.append(element)
    if any(tagged):
        out.Root.StructTreeRoot = out.make_indirect(
            Dictionary(
                Type=Name.StructTreeRoot,
                K=Array([document]),
                ParentTree=out.make_indirect(Dictionary(Nums=nums)),
                ParentTreeNextKey=max([int(key) for key in nums[::2]], default=-1) + 1,
            )
        )
        document.P = out.Root.StructTreeRoot
        out.Root.MarkInfo = Dictionary(Marked=True)
    if outline:
        with out.open_outline() as tree:
            tree.root.extend(outline)
    describe(out, title, lang, ua and all(tagged))
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def _move_keys(pages, offset: int) -> None:
    """Parent-tree keys of the copied ``pages``, their forms and annotations, moved by ``offset``."""
    moved: set[tuple[int, int]] = set()

    def move(holder, key: str) -> None:
        if key in holder and (not holder.is_indirect or holder.objgen not in moved):
            holder[key] = int(holder[key]) + offset
            if holder.is_indirect:
                moved.add(holder.objgen)

    for page in pages:
        move(page.obj, "/StructParents")
        for annotation in page.obj.get("/Annots", []):
            move(annotation, "/StructParent")
        for xobject in page.obj.get("/Resources", {}).get("/XObject", {}).values():
            move(xobject, "/StructParents")


def _unique_ids(source: pikepdf.Pdf, prefix: str) -> None:
    """Element ids (a table's header cells) and the references to them, made unique in the new file."""
    for element in source.objects:
        if not isinstance(element, Dictionary) or element.get("/Type") != Name.StructElem:
            continue
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        attributes = element.get("/A")
        headers = attributes.get("/Headers") if isinstance(attributes, Dictionary) else None
        if isinstance(headers, Array):
            element.A.Headers = Array([pikepdf.String(prefix + str(header)) for header in headers])


def _bookmarks(source: pikepdf.Pdf, out: pikepdf.Pdf, first: int) -> list[OutlineItem]:
    """The part's bookmarks, pointing at its pages in the new file."""
    pages: dict[tuple[int, int], int] = {page.obj.objgen: first + number for number, page in enumerate(source.pages)}

    def copy(item: OutlineItem) -> OutlineItem:
        where: list[Any] = list(item.destination) if isinstance(item.destination, Array) else []
        page = pages.get(where[0].objgen) if where and isinstance(where[0], Dictionary) else None
        if page is not None and len(where) == 5 and where[1] == Name.XYZ:  # WeasyPrint's: a page, left, top
            new = OutlineItem(item.title, page, "XYZ", left=float(where[2]), top=float(where[3]))
        else:
            new = OutlineItem(item.title, page if page is not None else first)
        new.children.extend(copy(child) for child in item.children)
        return new

    with source.open_outline() as tree:
        return [copy(item) for item in tree.root]


def _kids(k) -> list:
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]
