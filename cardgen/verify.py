"""Reading a finished PDF back as a phone would: every QR code must decode to its video."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cardgen.errors import UserError

if TYPE_CHECKING:
    from cardgen.plan import RoutinePlan

VERIFY_DPI = 150
MIN_PRINTED_MM = 15.0


@dataclass(frozen=True)
class Expected:
    """A QR code that should be on the page: what it opens, and for which exercise."""

    name: str
    link: str


def expected_codes(plans: Iterable[RoutinePlan]) -> list[Expected]:
    """The QR codes ``plans`` print: one for each exercise with a video."""
    return [Expected(step.name, step.watch.link) for plan in plans for step in plan.steps if step.watch]


def verify_codes(pdf: Path, expected: list[Expected]) -> int:
    """Rasterise ``pdf`` at 150 dpi, decode every QR code, and fail naming each exercise whose code
    is missing, doesn't read back to its link, or prints under 15 mm. Returns the codes read."""
    import pypdfium2
    import zxingcpp

    found: list[tuple[str, float]] = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for page in document:
            image = page.render(scale=VERIFY_DPI / 72).to_pil()
            for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)):
                corners = (
                    code.position.top_left,
                    code.position.top_right,
                    code.position.bottom_left,
                    code.position.bottom_right,
                )
                xs = [point.x for point in corners]
                found.append((code.text, (max(xs) - min(xs)) / VERIFY_DPI * 25.4))
    finally:
        document.close()
    texts = [text for text, _ in found]
    failures = [
        f"{item.name}: its code does not read back as {item.link}" for item in expected if item.link not in texts
    ]
    # The symbol, without its quiet zone, measured from the image: allow a pixel of rounding.
    failures += [
        f"a code for {text} prints {width:.1f} mm wide, under {MIN_PRINTED_MM:g} mm"
        for text, width in found
        if width < MIN_PRINTED_MM - 25.4 / VERIFY_DPI
    ]
    if failures:
        raise UserError(f"{pdf} failed --verify:\n  " + "\n  ".join(failures))
    return len(found)
