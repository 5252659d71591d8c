"""Tagged card files: each face's structure carried through the imposition (cardgen/tagging.py), so a
card is read as a sheet is: titled, in its language, the runner's name first, each QR code a figure
naming its video; crop marks, fold lines and guides are artifacts. Checked with the PDF/UA-1 checker
(page-validation) and by reading the structure tree back."""

from pathlib import Path

import page
import pikepdf
import pytest
from click.testing import CliRunner
from pdfread import qr_codes, structure

from cardgen.cli import cli

TEAM = (
    "team: Harriers\nroutine: sample-training\nrunners:\n"
    "  - name: Ann Lee\n  - name: Bo Chen\n  - name: Eva Ruiz\n    lang: es\n"
)
STEPS = ["Calf walk", "Heel walk", "Squat", "Lunge circuit", "Calf raise", "Toe raise", "Plank", "Side plank"]


@pytest.fixture(scope="module")
def cards(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tagged")
    team = folder / "team.yaml"
    team.write_text(TEAM, encoding="utf-8")
    commands = {
        "cadence": ["card", "cadence"],
        "cadence-ua": ["card", "cadence", "--pdf-variant", "pdf/ua-1"],
        "front-codes": ["card", "sample-training", "--pdf-variant", "pdf/ua-1"],
        "wallet": ["card", "sample-training", "--size", "wallet", "--duplex", "--pdf-variant", "pdf/ua-1"],
        "fold": ["card", "sample-training", "--fold", "--pdf-variant", "pdf/ua-1"],
        "sheet": ["card", "sample-training", "--size", "a7", "--sheet", "a4", "--duplex", "--pdf-variant", "pdf/ua-1"],
        "turned": ["card", "sample-training", "--sheet", "a4", "--duplex", "--pdf-variant", "pdf/ua-1"],  # A6 turned
        "cadence-zh": ["card", "cadence", "--lang", "zh-Hans"],
        "sheet-es": ["sheet", "sample-training", "--lang", "es"],
        "card-es": ["card", "sample-training", "--lang", "es"],
    }
    made = {}
    for name, command in commands.items():
        made[name] = folder / f"{name}.pdf"
        result = CliRunner().invoke(cli, [*command, "-o", str(made[name])])
        assert result.exit_code == 0, result.output
    batch = ["batch", str(team), "-o", str(folder / "batch"), "--jobs", "1", "--format", "card"]
    result = CliRunner().invoke(cli, [*batch, "--size", "a7", "--sheet", "a4", "--duplex", "--pdf-variant", "pdf/ua-1"])
    assert result.exit_code == 0, result.output
    made["combined"] = folder / "all.pdf"
    both = ["batch", str(team), "-o", str(folder / "both"), "--jobs", "1", "--combined", str(made["combined"])]
    result = CliRunner().invoke(cli, [*both, "--pdf-variant", "pdf/ua-1"])
    assert result.exit_code == 0, result.output
    for runner in ("Ann Lee", "Bo Chen", "Eva Ruiz"):
        made[runner] = folder / "batch" / f"{runner} - card.pdf"
    made["deck"] = folder / "batch" / "All cards on A4.pdf"
    return made


@pytest.mark.parametrize(
    "name", ["cadence-ua", "front-codes", "wallet", "fold", "sheet", "turned", "Ann Lee", "Eva Ruiz", "combined"]
)
def test_card_files_pass_the_pdf_ua_checker(cards, name):
    report = page.validate_pdf(cards[name], profile="ua1")
    assert report.is_compliant, [f"{failure.rule_id}: {failure.message}" for failure in report.failures]


def test_a_card_made_without_a_variant_misses_only_the_claim(cards):
    report = page.validate_pdf(cards["cadence"], profile="ua1")
    assert {failure.category for failure in report.failures} == {page.FailureCategory.METADATA}


@pytest.mark.parametrize(
    "name, lang, title",
    [
        ("cadence", "en", "Cadence"),
        ("Ann Lee", "en", "Ann Lee · Sample training for runners"),
        ("cadence-zh", "zh-Hans", None),
    ],
)
def test_the_catalog_has_a_language_and_a_title(cards, name, lang, title):
    with pikepdf.open(cards[name]) as pdf:
        assert str(pdf.Root.Lang) == lang
        assert pdf.Root.ViewerPreferences.DisplayDocTitle and pdf.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in pdf.Root
        shown = str(pdf.docinfo.Title)
    assert shown == title if title else shown and not shown.isascii()  # the routine's title in Chinese


@pytest.mark.parametrize("name", ["front-codes", "wallet", "fold", "sheet", "Ann Lee"])
def test_every_qr_code_on_a_card_is_a_figure_naming_its_video(cards, name):
    figures = [element for element in structure(cards[name]) if element.role == "Figure"]
    assert all(figure.alt and figure.alt.startswith("Video: ") for figure in figures), [f.alt for f in figures]
    assert len(figures) == len(qr_codes(cards[name])) > 0
    alts = {figure.alt for figure in figures}
    assert {"Video: Lunge circuit, from 3:47", "Video: Calf raise"} <= alts
    assert all(len(figure.attributes["/BBox"]) == 4 for figure in figures)


def test_a_card_words_its_alt_texts_as_the_sheet_does(cards):
    card = {element.alt for element in structure(cards["card-es"]) if element.role == "Figure"}
    sheet = {element.alt for element in structure(cards["sheet-es"]) if element.role == "Figure"}
    assert card and card <= sheet
    assert all(alt.startswith("Vídeo: ") for alt in card) and "Vídeo: Circuito de zancadas, desde 3:47" in card


@pytest.mark.parametrize("name", ["front-codes", "wallet", "fold", "sheet"])
def test_the_structure_reads_in_printed_order(cards, name):
    tree = structure(cards[name])
    names = [element.text for element in tree if element.role == "H3"]
    assert names == STEPS + ["Glute bridge"]
    # Within an exercise, its number, its name, then its dose, as printed.
    head = next(element.text for element in tree if element.role == "Div" and "Calf raise" in element.text)
    assert head.index("5") < head.index("Calf raise") < head.index("3 sets × 15 reps")
    if name == "fold":  # a folded card's front is read before its back
        sections = [element.text for element in tree if element.role == "Sect" and element.depth == 1]
        assert "Calf walk" in sections[0] and sections[1].startswith("SAMPLE TRAINING FOR RUNNERS")


def test_a_cards_headings_read_as_printed(cards):
    tree = structure(cards["cadence"])
    assert [(element.role, element.text) for element in tree if element.role in ("H1", "H2")][:2] == [
        ("H1", "Cadence"),
        ("H2", "HAMSTRINGS STRENGTH"),
    ]


def test_each_runners_card_holds_their_own_name_first(cards):
    for runner, other in (("Ann Lee", "Bo Chen"), ("Bo Chen", "Ann Lee"), ("Eva Ruiz", "Ann Lee")):
        tree = structure(cards[runner])
        fronts = [element for element in tree if element.role == "Sect" and element.depth == 1]
        assert fronts[0].text.startswith(runner + " "), fronts[0].text[:40]
        assert not any(other in element.text for element in tree)
    with pikepdf.open(cards["Eva Ruiz"]) as pdf:
        assert str(pdf.Root.Lang) == "es"


def test_a_deck_whose_faces_repeat_is_untagged_but_titled(cards):
    """The deck prints the team's shared fronts and backs many times: tagging every placement would
    copy each face's content once per runner (the README says why it is left untagged)."""
    with pikepdf.open(cards["deck"]) as pdf:
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
        assert str(pdf.Root.Lang) == "en" and str(pdf.docinfo.Title) == "Routines"


@pytest.mark.parametrize("name", ["sheet", "fold"])
def test_marks_and_fold_lines_are_artifacts(cards, name):
    with pikepdf.open(cards[name]) as pdf:
        for sheet in pdf.pages:
            marked, drawn, placed = [], [], []
            for operands, operator in pikepdf.parse_content_stream(sheet):
                if str(operator) in ("BDC", "BMC"):
                    marked.append(str(operands[0]))
                elif str(operator) == "EMC":
                    marked.pop()
                elif str(operator) == "S":
                    drawn.append(marked[-1] if marked else None)
                elif str(operator) == "Do":
                    placed.append(marked[-1] if marked else None)
            assert drawn and set(drawn) == {"/Artifact"}
            assert placed and set(placed) == {None}  # the faces: their own content is tagged


def test_the_combined_file_keeps_every_parts_structure(cards):
    """Each runner's sheet and card, a Part of the combined file in their own language, its
    bookmarks kept."""
    tree = structure(cards["combined"])
    parts = [element for element in tree if element.role == "Part"]
    names = ["Ann Lee", "Ann Lee", "Bo Chen", "Bo Chen", "Eva Ruiz", "Eva Ruiz"]  # each runner's card, then sheet
    assert len(parts) == len(names) and all(part.text.startswith(name) for part, name in zip(parts, names))
    with pikepdf.open(cards["combined"]) as pdf:
        langs = [str(element.get("/Lang")) for element in pdf.Root.StructTreeRoot.K[0].K]
        assert langs == ["en", "en", "en", "en", "es", "es"] and str(pdf.Root.Lang) == "en"
        assert str(pdf.docinfo.Title) == "Harriers"
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root][:3] == ["Sample training for runners"] * 2 + [
                "Entrenamiento modelo para corredores"
            ]
    figures = [element for element in tree if element.role == "Figure"]
    assert figures and all(figure.alt for figure in figures)


@pytest.mark.parametrize("name", ["wallet", "fold", "sheet", "turned"])
def test_each_figures_box_holds_its_qr_code(cards, name):
    """A figure's /BBox is where it is printed on the page (the face's box moved, turned and
    mirrored with the card), so a reader that shows it highlights the QR code."""
    import pypdfium2
    import zxingcpp

    with pikepdf.open(cards[name]) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        heights = [float(page.mediabox[3]) for page in pdf.pages]
        figures = []

        def walk(element):
            if element.get("/S") == "/Figure":
                figures.append((pages[element.Pg.objgen], [float(v) for v in element.A.BBox], str(element.Alt)))
            for kid in element.get("/K", []) if isinstance(element.get("/K"), pikepdf.Array) else []:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot.K[0])
    assert figures
    document = pypdfium2.PdfDocument(str(cards[name]))
    scale = 150 / 72
    try:
        for number, (x1, y1, x2, y2), alt in figures:
            picture = document[number].render(scale=scale).to_pil()
            top = heights[number]
            box = (x1 - 3, top - y2 - 3, x2 + 3, top - y1 + 3)  # 3 pt around it, from the page's top left
            crop = picture.crop(tuple(round(v * scale) for v in box))
            codes = zxingcpp.read_barcodes(crop, formats=zxingcpp.BarcodeFormat.QRCode)
            assert len(codes) == 1, (alt, box)
            assert x2 - x1 < 80 and y2 - y1 < 80  # the code's box, not the card's
    finally:
        document.close()
