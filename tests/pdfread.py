"""Reading finished PDFs back, as a printer or a phone would see them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2
import zxingcpp

POINTS_PER_MM = 72 / 25.4


@dataclass
class PageFacts:
    width_mm: float
    height_mm: float
    text: str


def pages(pdf: Path) -> list[PageFacts]:
    reader = pypdf.PdfReader(pdf)
    return [
        PageFacts(float(p.mediabox.width) / POINTS_PER_MM, float(p.mediabox.height) / POINTS_PER_MM, p.extract_text())
        for p in reader.pages
    ]


_CJK = "\u3000-\u9fff\uac00-\ud7af\uff00-\uffef"


def flat_text(pdf: Path) -> str:
    """All the text of the PDF, whitespace collapsed, so a phrase wrapped over two lines still matches
    (CJK text wraps between any two characters, with no space to keep)."""
    text = " ".join(" ".join(p.text for p in pages(pdf)).split())
    return re.sub(f"(?<=[{_CJK}]) (?=[{_CJK}])", "", text)


def embedded_fonts(pdf: Path) -> set[str]:
    """The PostScript names of every font embedded in the PDF, subset prefixes removed."""
    names: set[str] = set()

    def walk(resources) -> None:  # a card placed on a sheet is a form XObject with fonts of its own
        resources = resources.get_object() if resources is not None else {}
        for font in resources.get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
        for xobject in resources.get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in pypdf.PdfReader(pdf).pages:
        walk(page.get("/Resources"))
    return names


@dataclass
class FoundCode:
    page: int
    text: str
    width_mm: float


def qr_codes(pdf: Path, dpi: int = 150) -> list[FoundCode]:
    """Every QR code zxing-cpp reads on a rendering of each page at ``dpi``, with its printed width."""
    found = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
                xs = [
                    code.position.top_left.x,
                    code.position.top_right.x,
                    code.position.bottom_left.x,
                    code.position.bottom_right.x,
                ]
                found.append(FoundCode(index + 1, code.text, (max(xs) - min(xs)) / dpi * 25.4))
    finally:
        document.close()
    return found


def render_png(pdf: Path, out: Path, page: int = 0, dpi: int = 150) -> Path:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        document[page].render(scale=dpi / 72).to_pil().save(out)
    finally:
        document.close()
    return out


def char_fonts(pdf: Path) -> list[tuple[str, str]]:
    """Every character on every page with the name of the font it is drawn in."""
    import ctypes

    import pypdfium2.raw as raw

    found = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for page in document:
            text = page.get_textpage()
            buffer, flags = ctypes.create_string_buffer(256), ctypes.c_int()
            for index in range(text.count_chars()):
                raw.FPDFText_GetFontInfo(text.raw, index, buffer, 256, ctypes.byref(flags))
                found.append((text.get_text_range(index, 1), buffer.value.decode("latin-1").split("+", 1)[-1]))
    finally:
        document.close()
    return found


def text_boxes(pdf: Path, needle: str) -> list[tuple[int, float, float]]:
    """Where ``needle`` is printed: (page, x, y) of its first character, in mm from the top left."""
    found = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document):
            height = page.get_height()
            text = page.get_textpage()
            search = text.search(needle)
            while (hit := search.get_next()) is not None:
                left, bottom, right, top = text.get_charbox(hit[0])
                found.append((number, left / POINTS_PER_MM, (height - top) / POINTS_PER_MM))
    finally:
        document.close()
    return found


@dataclass
class DrawnGlyph:
    page: int
    font: str  # the font's /BaseFont, subset prefix removed
    gid: int
    text: str  # what the font's /ToUnicode says the glyph stands for


def glyph_runs(pdf: Path) -> list[list[DrawnGlyph]]:
    """Every run of glyphs the pages draw (one a text-showing operator), in the order drawn: which
    font, which glyph id, and the text each glyph stands for. cardgen's PDFs use Identity-H
    fonts, so each two bytes of a string are a glyph id."""
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(pdf)
    runs: list[list[DrawnGlyph]] = []

    def read(number: int, contents, resources) -> None:  # a form XObject (a placed card) is read where it is drawn
        resources = resources.get_object() if resources is not None else {}
        fonts, forms = resources.get("/Font", {}), resources.get("/XObject", {})
        maps, font = {}, None
        for operands, operator in ContentStream(contents, reader).operations:
            if operator == b"Tf":
                font = fonts[operands[0]].get_object()
                maps.setdefault(operands[0], _to_unicode(font))
                name, to_unicode = str(font["/BaseFont"]).split("+", 1)[-1], maps[operands[0]]
            elif operator in (b"TJ", b"Tj"):
                assert font["/Encoding"] == "/Identity-H", font["/Encoding"]
                parts = operands[0] if operator == b"TJ" else [operands[0]]
                data = b"".join(_raw(part) for part in parts if not isinstance(part, (int, float)))
                gids = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
                runs.append([DrawnGlyph(number, name, gid, to_unicode.get(gid, "")) for gid in gids])
            elif operator == b"Do" and operands[0] in forms:
                form = forms[operands[0]].get_object()
                if form.get("/Subtype") == "/Form":
                    read(number, form, form.get("/Resources"))

    for number, page in enumerate(reader.pages):
        read(number, page.get_contents(), page.get("/Resources"))
    return runs


def _raw(string) -> bytes:
    return string.original_bytes if hasattr(string, "original_bytes") else bytes(string)


def _to_unicode(font) -> dict[int, str]:
    """A /ToUnicode CMap's bfchar and bfrange entries: glyph id -> text."""
    mapping: dict[int, str] = {}
    if "/ToUnicode" not in font:
        return mapping
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    text = lambda hex_: bytes.fromhex(hex_).decode("utf-16-be")  # noqa: E731
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(code, 16)] = text(value)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(value, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def font_programs(pdf: Path) -> dict[str, bytes]:
    """The font files embedded in the PDF, by /BaseFont (subset prefix removed)."""
    programs = {}
    for page in pypdf.PdfReader(pdf).pages:
        for resources in _all_resources(page.get("/Resources")):
            for font in resources.get("/Font", {}).values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                file = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                programs[str(font["/BaseFont"]).split("+", 1)[-1]] = file.get_object().get_data()
    return programs


def _all_resources(resources):
    """A page's resources and those of every form XObject it draws (a card placed on a sheet)."""
    resources = resources.get_object() if resources is not None else {}
    yield resources
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _all_resources(xobject.get("/Resources"))


def text_in(pdf: Path, page: int, left: float, top: float, right: float, bottom: float) -> str:
    """The text printed inside a rectangle of ``page`` (0-based), in mm from the top left, whitespace collapsed."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        sheet = document[page]
        height = sheet.get_height()
        text = sheet.get_textpage().get_text_bounded(
            left * POINTS_PER_MM, height - bottom * POINTS_PER_MM, right * POINTS_PER_MM, height - top * POINTS_PER_MM
        )
    finally:
        document.close()
    return " ".join(text.split())


def font_sizes(pdf: Path) -> list[tuple[str, float]]:
    """Every visible character of the PDF with the size it is printed at, in points."""
    found = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            text = page.get_textpage()
            for index in range(text.count_chars()):
                char = chr(pypdfium2.raw.FPDFText_GetUnicode(text, index))
                if not char.isspace():
                    found.append((char, round(pypdfium2.raw.FPDFText_GetFontSize(text, index), 2)))
    finally:
        document.close()
    return found


@dataclass
class Tagged:
    """One element of a tagged PDF's structure tree, as a screen reader meets it."""

    role: str  # /S without the slash: H1, P, Table, TH, TD, Figure...
    text: str  # the text of its marked content, its children's included, pieces a space apart
    alt: str | None
    attributes: dict
    depth: int


def structure(pdf: Path) -> list[Tagged]:
    """The structure tree of a tagged PDF, depth first in reading order, each element with the
    text its marked content draws (read through the fonts' /ToUnicode maps), on a page or inside a
    form XObject (a placed card face: a marked-content reference with /Stm)."""
    reader = pypdf.PdfReader(pdf)
    page_numbers = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    texts: dict[tuple[int, int], str] = {}  # (page, MCID) -> text
    for number, page in enumerate(reader.pages):
        for mcid, text in _marked_texts(page.get_contents(), page["/Resources"], reader).items():
            texts[number, mcid] = text
    forms: dict[int, dict[int, str]] = {}  # a form XObject's object number -> its MCIDs' texts

    def form_text(reference, mcid: int) -> str:
        if reference.idnum not in forms:
            form = reference.get_object()
            forms[reference.idnum] = _marked_texts(form, form.get("/Resources", {}), reader)
        return forms[reference.idnum].get(mcid, "")

    found: list[Tagged] = []

    def walk(element, depth: int, page: int | None) -> str:
        element = element.get_object()
        if "/Pg" in element:
            page = page_numbers[element.raw_get("/Pg").idnum]
        node = Tagged(
            str(element.get("/S", "/?"))[1:],
            "",
            str(element["/Alt"]) if "/Alt" in element else None,
            dict(element.get("/A", {})),
            depth,
        )
        found.append(node)
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        parts = []
        for kid in kids:
            if isinstance(kid, int):
                parts.append(texts.get((page, kid), ""))
            elif kid.get_object().get("/Type") == "/MCR" and "/Stm" in kid.get_object():
                parts.append(form_text(kid.get_object().raw_get("/Stm"), kid.get_object()["/MCID"]))
            elif "/S" in kid.get_object():
                parts.append(walk(kid, depth + 1, page))
        # Pieces of marked content are read apart (a line break ends one), as a reader speaks them.
        node.text = " ".join(" ".join(parts).split())
        return node.text

    root = reader.trailer["/Root"]["/StructTreeRoot"]
    for kid in root["/K"] if isinstance(root["/K"], list) else [root["/K"]]:
        walk(kid, 0, None)
    return found


def _marked_texts(contents, resources, reader) -> dict[int, str]:
    """The text each MCID of a content stream draws."""
    from pypdf.generic import ContentStream

    fonts = resources.get("/Font", {})
    texts: dict[int, str] = {}
    maps, font, marks = {}, None, []
    for operands, operator in ContentStream(contents, reader).operations:
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else {}
            marks.append(properties.get("/MCID") if hasattr(properties, "get") else None)
        elif operator == b"BMC":
            marks.append(None)
        elif operator == b"EMC":
            marks.pop()
        elif operator == b"Tf":
            font = operands[0]
            maps.setdefault(font, _to_unicode(fonts[font].get_object()))
        elif operator in (b"TJ", b"Tj") and marks and marks[-1] is not None:
            parts = operands[0] if operator == b"TJ" else [operands[0]]
            data = b"".join(_raw(part) for part in parts if not isinstance(part, (int, float)))
            text = "".join(maps[font].get(int.from_bytes(data[i : i + 2], "big"), "") for i in range(0, len(data), 2))
            texts[marks[-1]] = texts.get(marks[-1], "") + text
    return texts


def smallest_type(pdf: Path) -> float:
    """The smallest font size, in points, of any character printed in the PDF."""
    return min(size for _, size in font_sizes(pdf))
