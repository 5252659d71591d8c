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
    names = set()
    for page in pypdf.PdfReader(pdf).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            name = str(font.get_object()["/BaseFont"]).lstrip("/")
            names.add(name.split("+", 1)[-1])
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
                xs = [code.position.top_left.x, code.position.top_right.x, code.position.bottom_left.x, code.position.bottom_right.x]
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
