"""Accessible PDFs: tagged, titled and in a language; headings as headings, the log as a table with
header cells, each QR code a figure whose alternative text names the video, decoration left out of
the text. Checked with a PDF/UA-1 checker (page-validation) and by reading the structure tree back.

Sheets, handouts and a batch's sheets: WeasyPrint writes them whole. Cards are put together from
finished faces with pikepdf, which carries their structure over: see test_tagged_cards.py."""

from pathlib import Path

import page
import pypdf
import pytest
from click.testing import CliRunner
from pdfread import flat_text, qr_codes, structure, text_boxes
from pypdf.generic import ContentStream

from cardgen.cli import cli
from cardgen.options import PDF_VARIANTS

TEAM = (
    "team: Harriers\nroutine: sample-training\nrunners:\n  - name: Ann Lee\n    flags: [heel]\n  - name: さくら 田中\n"
)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    """A sheet, a handout and a batch runner's sheet, each once by default and once as PDF/UA-1."""
    folder = tmp_path_factory.mktemp("accessible")
    team = folder / "team.yaml"
    team.write_text(TEAM, encoding="utf-8")
    made = {}
    for variant in ("", "pdf/ua-1"):
        extra = ["--pdf-variant", variant] if variant else []
        suffix = "-ua" if variant else ""
        commands = {
            "sheet": ["sheet", "--roster", team, "--runner", "Ann Lee"],
            "handout": ["handout", team],
        }
        for name, command in commands.items():
            made[name + suffix] = folder / f"{name}{suffix}.pdf"
            result = CliRunner().invoke(cli, [str(a) for a in [*command, "-o", made[name + suffix], *extra]])
            assert result.exit_code == 0, result.output
        result = CliRunner().invoke(
            cli, ["batch", str(team), "-o", str(folder / f"batch{suffix}"), "--jobs", "1", "--format", "sheet", *extra]
        )
        assert result.exit_code == 0, result.output
        made["batch" + suffix] = folder / f"batch{suffix}" / "Ann Lee - sheet.pdf"
    return made


@pytest.mark.parametrize("name", ["sheet", "handout", "batch"])
def test_pdf_ua_files_pass_the_checker(documents, name):
    report = page.validate_pdf(documents[f"{name}-ua"], profile="ua1")
    assert report.is_compliant, [f"{failure.rule_id}: {failure.message}" for failure in report.failures]


@pytest.mark.parametrize("name", ["sheet", "handout", "batch"])
def test_every_pdf_is_tagged_titled_and_in_a_language(documents, name):
    reader = pypdf.PdfReader(documents[name])
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    title = {"handout": "Harriers: team handout"}.get(name, "Ann Lee · Sample training for runners")
    assert reader.metadata.title == title
    # Without --pdf-variant the file doesn't claim PDF/UA (no XMP identification): that is all the checker misses.
    report = page.validate_pdf(documents[name], profile="ua1")
    assert {failure.category for failure in report.failures} == {page.FailureCategory.METADATA}


def test_the_sheet_reads_in_printed_order_with_headings(documents):
    tree = structure(documents["sheet"])
    headings = [(element.role, element.text) for element in tree if element.role in ("H1", "H2", "H3")]
    assert headings[0] == ("H1", "Sample training for runners")
    assert {("H2", "training log"), ("H2", "why this routine")} <= {(role, text.casefold()) for role, text in headings}
    names = [text for role, text in headings if role == "H3"]
    assert names == [
        "Calf walk",
        "Heel walk",
        "Squat",
        "Lunge circuit",
        "Calf raise",
        "Toe raise",
        "Plank",
        "Side plank",
        "Glute bridge",
    ]
    # An exercise's name is read before its dose, as printed: left, then right.
    head = next(
        element.text
        for element in tree
        if element.role == "Div" and element.text.startswith("5") and "Calf raise" in element.text
    )
    assert head.index("Calf raise") < head.index("3 sets × 15 reps")


def test_the_log_is_a_table_with_header_cells(documents):
    tree = structure(documents["sheet"])
    table = next(index for index, element in enumerate(tree) if element.role == "Table")
    cells = [element for element in tree[table + 1 :] if element.role in ("TH", "TD")]
    headers = {element.text for element in cells if element.role == "TH"}
    assert {"Exercise", "Set", "Week 1", "done", "load"} <= headers
    assert any(text.startswith("3 Squat") for text in headers)  # each exercise heads its row
    # Every data cell names its header cells (WeasyPrint's /Headers), so a screen reader can say them.
    data = [element for element in cells if element.role == "TD"]
    assert data and all(element.attributes.get("/Headers") for element in data)


@pytest.mark.parametrize("name", ["sheet", "handout"])
def test_each_qr_code_is_a_figure_naming_its_video(documents, name):
    figures = [element.alt for element in structure(documents[name]) if element.role == "Figure"]
    videos = [alt for alt in figures if alt and alt.startswith("Video: ")]
    assert all(figures), figures  # every picture has its alternative text
    assert len(videos) == len(qr_codes(documents[name])) > 0
    if name == "sheet":
        assert "Video: Lunge circuit, from 3:47" in videos and "Video: Calf raise" in videos  # it opens at the start


def test_icons_and_rules_are_decoration(run, documents):
    assert (
        run(
            "card", "--roster", documents["sheet"].parent / "team.yaml", "--runner", "Ann Lee", "-o", "card.pdf"
        ).exit_code
        == 0
    )
    for pdf in (Path("card.pdf"), documents["sheet"], documents["handout"]):
        text = flat_text(pdf)
        assert "⚠" not in text and "▶" not in text, pdf
    # Every line, box and picture drawn outside the text and the QR codes is an artifact.
    reader = pypdf.PdfReader(documents["sheet"])
    for sheet in reader.pages:
        marked, drawn = [], []
        for operands, operator in ContentStream(sheet.get_contents(), reader).operations:
            if operator in (b"BDC", b"BMC"):
                marked.append(str(operands[0]))
            elif operator == b"EMC":
                marked.pop()
            elif operator in (b"f", b"f*", b"S", b"B", b"Do"):
                drawn.append(marked[-1] if marked else None)
        assert drawn and set(drawn) <= {"/Artifact", "/Figure"}, set(drawn)


def test_the_caution_icon_is_still_drawn(documents):
    import pypdfium2

    (page_index, x, y), *_ = text_boxes(documents["handout"], "With heel issues")
    document = pypdfium2.PdfDocument(str(documents["handout"]))
    picture = document[page_index].render(scale=200 / 72).to_pil().convert("L")
    document.close()
    dots = lambda mm: round(mm / 25.4 * 200)  # noqa: E731
    # The triangle sits in the 4 mm before the caution's first letter.
    icon = picture.crop((dots(x - 4), dots(y), dots(x) - 2, dots(y + 3)))
    assert icon.getextrema()[0] < 80


def test_a_japanese_name_is_marked_japanese(documents):
    tree = structure(documents["handout"])
    assert any("さくら 田中" in element.text for element in tree)


def test_pdf_variants_are_weasyprints_own(run):
    from weasyprint.pdf import VARIANTS

    assert set(PDF_VARIANTS) <= set(VARIANTS)
    assert {"pdf/ua-1", "pdf/a-2b"} <= set(PDF_VARIANTS)
    result = run("sheet", "cadence", "--pdf-variant", "pdf/a-2b", "-o", "sheet.pdf")
    assert result.exit_code == 0, result.stderr
    metadata = pypdf.PdfReader("sheet.pdf").trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in metadata or 'pdfaid:part="2"' in metadata
    result = run("sheet", "cadence", "--pdf-variant", "pdf/z-9", "-o", "sheet.pdf")
    assert result.exit_code == 2 and "pdf/z-9" in result.stderr


@pytest.mark.parametrize(
    ("variant", "profile"), [("pdf/a-2b", "PDF_A_2B"), ("pdf/a-3a", "PDF_A_3A"), ("pdf/a-2u", "PDF_A_2U")]
)
def test_pdf_a_sheets_pass_the_checker(run, variant, profile):
    """WeasyPrint compresses the XMP metadata, which PDF/A-2 and -3 forbid: cardgen writes it plain."""
    result = run("sheet", "sample-training", "--pdf-variant", variant, "-o", "sheet.pdf")
    assert result.exit_code == 0, result.stderr
    assert "/Filter" not in pypdf.PdfReader("sheet.pdf").trailer["/Root"]["/Metadata"].get_object()
    report = page.validate_pdf("sheet.pdf", profile=getattr(page.ValidationProfile, profile))
    assert report.is_compliant, [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
