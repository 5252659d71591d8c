"""End to end through the CLI: the real PDFs read back as a printer and a phone would see them."""

from pathlib import Path

import pytest
from pdfread import embedded_fonts, flat_text, pages, qr_codes

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.fonts import FONT_DIR
from cardgen.plan import plan_routine
from cardgen.qr import video_link

CATALOGUE = load_catalogue(bundled("catalogue"))
ROUTINES = list(CATALOGUE.routines)


def expected_links(routine_id: str) -> list[str]:
    plan = plan_routine(CATALOGUE, routine_id)
    return [
        video_link(s_exercise.video.url, s_exercise.video.start)
        for s_exercise in (CATALOGUE.exercises[step.id] for step in plan.steps)
        if s_exercise.video
    ]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """``cardgen demo`` once, in an empty folder, for the tests below to read."""
    from click.testing import CliRunner

    from cardgen.cli import cli

    folder = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "-o", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return folder


def test_demo_makes_a_card_and_a_sheet_per_routine(demo):
    assert sorted(p.name for p in demo.glob("*.pdf")) == sorted(
        f"{r}-{kind}.pdf" for r in ROUTINES for kind in ("card", "sheet")
    )


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_card_is_a6_and_says_what_to_do(demo, routine_id):
    pdf = demo / f"{routine_id}-card.pdf"
    for page in pages(pdf):
        assert (round(page.width_mm), round(page.height_mm)) == (105, 148)
    assert len(pages(pdf)) == 1, "a pocket card of the default catalogue fits one card"
    text = flat_text(pdf)
    plan = plan_routine(CATALOGUE, routine_id)
    assert plan.title in text
    for step in plan.steps:
        assert step.name in text
        if step.dose:
            assert str(step.dose) in text
        for caution in step.cautions:
            assert caution.text in text


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_sheet_is_a4_with_everything_and_a_log(demo, routine_id):
    pdf = demo / f"{routine_id}-sheet.pdf"
    facts = pages(pdf)
    for page in facts:
        assert (round(page.width_mm), round(page.height_mm)) == (210, 297)
    text = flat_text(pdf)
    plan = plan_routine(CATALOGUE, routine_id)
    for block in plan.blocks:
        assert block.title.upper() in text.upper()
    for step in plan.steps:
        for line in [step.name, *step.cues, *step.variations, *(c.text for c in step.cautions)]:
            assert " ".join(line.split()) in text, line
    assert plan.why and " ".join(plan.why.split()) in text
    assert "Training log" in text
    assert all(f"Week {n}" in text for n in range(1, 7)) and "Week 7" not in text


@pytest.mark.parametrize("routine_id", ROUTINES)
@pytest.mark.parametrize("kind", ["card", "sheet"])
def test_every_qr_code_opens_its_video_at_its_second(demo, routine_id, kind):
    found = qr_codes(demo / f"{routine_id}-{kind}.pdf", dpi=150)
    assert sorted(code.text for code in found) == sorted(expected_links(routine_id))
    for code in found:
        # zxing reports the symbol's corners: the symbol itself is 15 mm, its quiet zone comes on top.
        assert code.width_mm >= 14.8, code


def test_lunge_circuit_code_opens_at_227_seconds(demo):
    assert "https://youtu.be/SnNlrFcXjVU?t=227" in [c.text for c in qr_codes(demo / "sample-training-card.pdf")]


def test_fonts_are_the_bundled_ones(demo):
    pdfs = sorted(demo.glob("*.pdf"))
    assert len(pdfs) >= 8, pdfs  # a card and a sheet per routine, at least
    for pdf in pdfs:
        fonts = embedded_fonts(pdf)
        assert fonts, pdf
        assert all(name.startswith(("Cardgen-Sans", "Cardgen-CJK")) for name in fonts), (pdf.name, fonts)


def test_chinese_term_prints_with_the_bundled_cjk_font(demo):
    pdf = demo / "cadence-sheet.pdf"
    assert "髂腰肌" in flat_text(pdf)
    assert any(name.startswith("Cardgen-CJK") for name in embedded_fonts(pdf))


def test_bundled_fonts_ship_with_their_licences():
    assert {p.name for p in FONT_DIR.glob("OFL*.txt")} == {"OFL-Inter.txt", "OFL-NotoSansCJK.txt", "OFL-NotoSans.txt"}
    for licence in FONT_DIR.glob("OFL*.txt"):
        assert "SIL OPEN FONT LICENSE" in licence.read_text(encoding="utf-8").upper()
    # Every font file is named in a licence.
    licences = " ".join(licence.read_text(encoding="utf-8") for licence in FONT_DIR.glob("OFL*.txt"))
    for font in [*FONT_DIR.glob("*.otf"), *FONT_DIR.glob("*.ttf")]:
        assert font.name.split("-")[0] + "-*" in licences, font.name


def test_letter_paper_and_weeks(run):
    result = run("sheet", "cadence", "--paper", "letter", "--weeks", "8", "-o", "cadence.pdf")
    assert result.exit_code == 0, result.stderr
    facts = pages(Path("cadence.pdf"))
    assert all((round(p.width_mm, 1), round(p.height_mm, 1)) == (215.9, 279.4) for p in facts)
    assert "Week 8" in flat_text(Path("cadence.pdf"))


def test_card_default_output_goes_to_output_folder(run):
    result = run("card", "cadence")
    assert result.exit_code == 0, result.stderr
    assert Path("output/cadence-card.pdf").read_bytes().startswith(b"%PDF")


def test_html_preview_is_self_contained(run):
    result = run("sheet", "cadence", "--html", "-o", "cadence.html")
    assert result.exit_code == 0, result.stderr
    html = Path("cadence.html").read_text(encoding="utf-8")
    assert "file:" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert html.count("@font-face") >= 2 and "data:font/" in html
    assert "髂腰肌" in html
    assert run("card", "sample-training", "--html", "-o", "card.html").exit_code == 0
    assert Path("card.html").read_text(encoding="utf-8").count("data:image/png") == len(
        expected_links("sample-training")
    )


def test_unknown_routine_is_a_clear_error(run):
    result = run("card", "sample-trainig")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no routine 'sample-trainig' (did you mean 'sample-training'?)")
    assert not Path("output").exists()


def test_sheet_log_dated_from_starts(run):
    assert run("sheet", "cadence", "--starts", "2027-01-04", "-o", "c.pdf").exit_code == 0
    text = flat_text(Path("c.pdf"))
    assert "4 Jan" in text and "8 Feb" in text


def test_format_follows_the_file_name(run):
    assert run("card", "cadence", "-o", "card.html").exit_code == 0
    assert Path("card.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run("card", "cadence", "--html", "-o", "card.pdf")
    assert result.exit_code == 2 and "--html writes HTML, but card.pdf ends in .pdf" in result.stderr
    assert not Path("card.pdf").exists()


def test_list_routines_and_json(run):
    result = run("list", "--routines")
    assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith("sample-training")
    import json

    exercises = json.loads(run("list", "--json", "--area", "core").stdout)
    assert {e["id"] for e in exercises} == {"plank", "side-plank", "side-plank-abductor-hold"}
    assert all({"id", "name", "area", "kind"} <= set(e) for e in exercises)
