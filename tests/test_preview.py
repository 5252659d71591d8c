"""--png: a picture of every page beside the PDF, at 100 dpi."""

from pathlib import Path

import pytest
from pdfread import pages
from PIL import Image

ROSTER = Path(__file__).parent / "data" / "roster.yaml"


def size_at_100_dpi(page) -> tuple[int, int]:
    return round(page.width_mm / 25.4 * 100), round(page.height_mm / 25.4 * 100)


@pytest.mark.parametrize(
    "command, pdf",
    [
        (["card", "cadence", "--duplex", "-o", "out/card.pdf"], "out/card.pdf"),
        (["sheet", "cadence", "-o", "sheet.pdf"], "sheet.pdf"),
        (["handout", ROSTER, "-o", "team handout.pdf"], "team handout.pdf"),
    ],
)
def test_a_png_of_each_page_beside_the_pdf(run, command, pdf):
    result = run(*command, "--png")
    assert result.exit_code == 0, result.stderr
    pdf = Path(pdf)
    facts = pages(pdf)
    pictures = [pdf.with_name(f"{pdf.stem}-{n}.png") for n in range(1, len(facts) + 1)]
    assert result.stdout.splitlines() == [str(pdf), *map(str, pictures)]
    assert sorted(pdf.parent.glob("*.png")) == sorted(pictures)
    for picture, page in zip(pictures, facts):
        with Image.open(picture) as image:
            assert image.format == "PNG"
            assert all(abs(got - want) <= 1 for got, want in zip(image.size, size_at_100_dpi(page)))


def test_png_is_for_pdfs(run):
    result = run("card", "cadence", "--png", "-o", "card.html")
    assert result.exit_code == 2 and "--png draws the pages of the PDF" in result.stderr
    assert not Path("card.html").exists()
