"""Print production through the CLI, read back from the PDFs: sizes, sheets of cards with crop
marks, backs that line up, the fit guarantee, every script, same bytes every time, --verify."""

from pathlib import Path

import pypdfium2
import pytest
from pdfread import char_fonts, flat_text, pages, qr_codes, text_boxes

from cardgen.imposition import n_up

SIZES = {"a6": (105, 148), "a7": (74, 105), "index-3x5": (127, 76.2), "index-4x6": (152.4, 101.6), "wallet": (85.6, 54)}


@pytest.mark.parametrize("size", SIZES)
def test_card_sizes(run, size):
    result = run("card", "sample-training", "--size", size, "-o", "card.pdf")
    assert result.exit_code == 0, result.stderr
    for page in pages(Path("card.pdf")):
        assert (round(page.width_mm, 1), round(page.height_mm, 1)) == SIZES[size]
    text = flat_text(Path("card.pdf"))
    for name in [
        "Calf walk",
        "Squat",
        "Lunge circuit",
        "Calf raise",
        "Toe raise",
        "Plank",
        "Side plank",
        "Glute bridge",
    ]:
        assert name in text, (size, name)


def dark(image, x_mm: float, y_mm: float, dpi: int) -> bool:
    """Is something drawn within a pixel or two of this point?"""
    x, y = round(x_mm / 25.4 * dpi), round(y_mm / 25.4 * dpi)
    return min(image.getpixel((x + dx, y + dy)) for dx in range(-2, 3) for dy in range(-2, 3)) < 220


def test_sheet_of_cards_with_crop_marks(run):
    result = run("card", "sample-training", "--size", "a7", "--sheet", "a4", "--verify", "-o", "sheet.pdf")
    assert result.exit_code == 0, result.stderr
    assert "continues on 2 cards" in result.stderr
    (page,) = pages(Path("sheet.pdf"))
    assert (round(page.width_mm), round(page.height_mm)) == (210, 297)
    assert [box[0] for box in text_boxes(Path("sheet.pdf"), "card 1/2")] == [0]
    assert [box[0] for box in text_boxes(Path("sheet.pdf"), "card 2/2")] == [0]
    # Every mark of the layout is drawn on the page.
    dpi = 300
    image = pypdfium2.PdfDocument("sheet.pdf")[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    layout = n_up(2, 74, 105, 210, 297)[0]
    assert len(layout.marks) == 10  # two cards side by side share their middle cut
    for mark in layout.marks:
        middle = ((mark.x1 + mark.x2) / 2, (mark.y1 + mark.y2) / 2)
        assert dark(image, *middle, dpi), mark


def test_duplex_backs_line_up_card_for_card(run):
    result = run("card", "sample-training", "--size", "a7", "--sheet", "a4", "--duplex", "-o", "duplex.pdf")
    assert result.exit_code == 0, result.stderr
    pdf = Path("duplex.pdf")
    assert len(pages(pdf)) == 2
    for part in ("1/2", "2/2"):
        boxes = text_boxes(pdf, f"card {part}")
        (front,) = [b for b in boxes if b[0] == 0]
        (back,) = [b for b in boxes if b[0] == 1]
        # The card whose back shows "card 1/2" is where the card whose front shows it lands after a
        # long-edge flip: x mirrored, y unchanged.
        fronts, backs = n_up(2, 74, 105, 210, 297, duplex=True)
        card = next(p for p in fronts.placed if p.x < front[1] < p.x + p.width and p.y < front[2] < p.y + p.height)
        flipped = next(p for p in backs.placed if p.x < back[1] < p.x + p.width and p.y < back[2] < p.y + p.height)
        assert flipped.card == card.card
        assert (flipped.x, flipped.y) == (pytest.approx(210 - card.x - card.width), card.y)
    # The back carries every video, large and labelled.
    assert sorted(code.text for code in qr_codes(pdf) if code.page == 2) == sorted(
        ["https://youtu.be/SnNlrFcXjVU?t=227", "https://youtu.be/c5Kv6-fnTj8", "https://youtu.be/VzIcGAgBiaM"]
    )
    assert "Watch the moves" in pages(pdf)[1].text


def test_fold_puts_front_and_back_side_by_side(run):
    result = run("card", "cadence", "--fold", "-o", "fold.pdf")
    assert result.exit_code == 0, result.stderr
    (page,) = pages(Path("fold.pdf"))
    assert (round(page.width_mm), round(page.height_mm)) == (210, 148)
    (title,) = [b for b in text_boxes(Path("fold.pdf"), "Cadence") if b[1] > 105]
    assert "Why this routine" in page.text


LONG_CUE = "Keep the hips level and the knee over the second toe, breathe out on the way up, " * 3


def test_fit_guarantee_never_drops_text(run, catalogue_copy):
    routines = catalogue_copy / "routines.yaml"
    every = [
        "calf-walk",
        "heel-walk",
        "calf-raise",
        "toe-raise",
        "rope-jump",
        "squat",
        "bulgarian-split-squat",
        "single-leg-deadlift",
        "lunge-circuit",
        "glute-bridge",
        "box-jump",
        "nordic-hamstring-curl",
        "banded-hip-flexion",
        "plank",
    ]
    routines.write_text(
        routines.read_text(encoding="utf-8")
        + "\n- id: everything\n  title: A very long routine title that goes on and on for the wallet\n"
        "  blocks:\n    - title: All of it\n      exercises: [" + ", ".join(every) + "]\n",
        encoding="utf-8",
    )
    exercises = catalogue_copy / "exercises.yaml"
    exercises.write_text(
        exercises.read_text(encoding="utf-8").replace(
            "    - Down slowly, up quickly.", f"    - Down slowly, up quickly.\n    - {LONG_CUE.strip()}"
        ),
        encoding="utf-8",
    )
    team = Path("team.yaml")
    team.write_text(
        "team: T\nroutine: everything\nrunners:\n  - name: Maximiliana Alexandrovna Konstantinopolskaya-Smythe\n"
        "    notes: Long notes about pacing, recovery and the fact that we meet at the track on Thursdays.\n",
        encoding="utf-8",
    )
    for size in ("wallet", "a7", "a6"):
        result = run(
            "card",
            "--catalogue",
            catalogue_copy,
            "--roster",
            team,
            "--runner",
            "Maximiliana Alexandrovna Konstantinopolskaya-Smythe",
            "--size",
            size,
            "-o",
            f"{size}.pdf",
        )
        assert result.exit_code == 0, result.stderr
        facts = pages(Path(f"{size}.pdf"))
        text = "".join(flat_text(Path(f"{size}.pdf")).split()).casefold()
        for name in [
            "Calf walk",
            "Heel walk",
            "Calf raise",
            "Toe raise",
            "Rope jump",
            "Squat",
            "Bulgarian split squat",
            "Single-leg deadlift",
            "Lunge circuit",
            "Glute bridge",
            "Box jump",
            "Nordic hamstring curl",
            "Hip flexion with band",
            "Plank",
        ]:
            assert "".join(name.split()).casefold() in text, (size, name)
        assert "".join(LONG_CUE.split()).casefold() in text, size
        assert "maximiliana" in text
        if len(facts) > 1:
            assert f"continues on {len(facts)} cards" in result.stderr
            assert f"card1/{len(facts)}" in text and f"card{len(facts)}/{len(facts)}" in text


SCRIPTS = {
    "Chinese": "李小龙",
    "Japanese": "さくら山田",
    "Korean": "김민준",
    "Cyrillic": "Иван Петров",
    "Greek": "Νίκος Παπαδόπουλος",
    "Latin": "Zoë Ångström-Øster",
    "Vietnamese": "Nguyễn Thị Ánh",
}


def test_every_script_prints_in_the_bundled_fonts(run, tmp_path):
    team = tmp_path / "team.yaml"
    team.write_text(
        "team: World\nroutine: cadence\nrunners:\n"
        + "".join(f"  - name: {n}\n    notes: {n} {n}\n" for n in SCRIPTS.values()),
        encoding="utf-8",
    )
    result = run("batch", team, "-o", "out", "--format", "card", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    for script, name in SCRIPTS.items():
        fonts = dict(char_fonts(Path("out") / f"{name} - card.pdf"))
        for character in name.replace(" ", ""):
            wanted = "Cardgen-CJK" if script in ("Chinese", "Japanese", "Korean") else "Cardgen-Sans"
            assert fonts.get(character, "").startswith(wanted), (script, character, fonts.get(character))


@pytest.mark.allow_warnings(r"^\.notdef glyph rendered")
def test_a_character_no_font_has_is_named(run, tmp_path):
    team = tmp_path / "team.yaml"
    team.write_text("team: T\nroutine: cadence\nrunners:\n  - name: Ann\n    notes: Run 🏃 fast\n", encoding="utf-8")
    result = run("validate", team)
    assert result.exit_code == 0
    assert (
        f"warning: {team}:5: runners[Ann].notes: 'Run 🏃 fast': "
        "no bundled font draws '🏃' (U+1F3C3 RUNNER); it would print as boxes" in result.stderr.splitlines()
    )
    result = run("card", "--roster", team, "--runner", "Ann", "-o", "ann.pdf")
    assert result.exit_code == 0 and "U+1F3C3" in result.stderr


# Scripts no bundled font draws (checked below, as the bundled fonts may grow): Ethiopic and Tibetan.
UNDRAWN = {"Ethiopic": "አበበ ቢቂላ", "Tibetan": "བསྟན་འཛིན"}


@pytest.mark.allow_warnings(r"^\.notdef glyph rendered")
def test_text_no_font_draws_is_warned_once_a_field_and_only_for_what_is_printed(run, tmp_path):
    from cardgen.fonts import covered

    assert not any(ord(c) in covered() for text in UNDRAWN.values() for c in text if not c.isspace()), (
        "pick another script"
    )
    team = tmp_path / "team.yaml"
    team.write_text(
        "team: T\nroutine: cadence\nrunners:\n  - name: Ann\n"
        + "".join(f"  - name: {text}\n    notes: {text} {text}\n" for text in UNDRAWN.values()),
        encoding="utf-8",
    )
    result = run("card", "--roster", team, "--runner", "Ann", "-o", "ann.pdf")
    assert result.exit_code == 0 and result.stderr == "", "Ann's card prints none of the others"
    result = run("card", "--roster", team, "--runner", UNDRAWN["Ethiopic"], "-o", "abebe.pdf")
    assert result.exit_code == 0
    text = UNDRAWN["Ethiopic"]
    assert result.stderr.splitlines() == [
        f"warning: {team}:5: runners[{text}].name: '{text}': no bundled font draws Ethiopic; it would print as boxes",
        f"warning: {team}:6: runners[{text}].notes: '{text} {text}': "
        "no bundled font draws Ethiopic; it would print as boxes",
        "warning: PDF engine: drew a box for 5 characters no font has: አ በ ቢ ቂ ላ",
    ]
    result = run("validate", team)
    assert result.exit_code == 0
    assert [line.split(": '")[0].rsplit(": ", 1)[1] for line in result.stderr.splitlines()] == [
        f"runners[{t}].{field}" for t in UNDRAWN.values() for field in ("name", "notes")
    ]
    assert "Tibetan; it would" in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) <= 300


def test_same_inputs_same_bytes(run, monkeypatch):
    for name in ("one.pdf", "two.pdf"):
        assert run("card", "sample-training", "--sheet", "a4", "--duplex", "-o", name).exit_code == 0
    assert Path("one.pdf").read_bytes() == Path("two.pdf").read_bytes()
    import pypdf

    assert "/CreationDate" not in pypdf.PdfReader("one.pdf").metadata
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert run("card", "sample-training", "-o", "dated.pdf").exit_code == 0

    assert pypdf.PdfReader("dated.pdf").metadata["/CreationDate"] == "D:20260101000000Z"


def test_verify_names_the_exercise_whose_code_does_not_read(run, monkeypatch):
    import cardgen.plan
    from cardgen.qr import qr_data_uri

    real = cardgen.plan.qr_data_uri
    monkeypatch.setattr(
        cardgen.plan,
        "qr_data_uri",
        lambda link: real("https://example.org/wrong") if "VzIcGAgBiaM" in link else real(link),
    )
    result = run("card", "sample-training", "--verify", "-o", "card.pdf")
    assert result.exit_code == 1
    assert (
        "failed --verify" in result.stderr
        and "Toe raise: its code does not read back as https://youtu.be/VzIcGAgBiaM" in result.stderr
    )
    del qr_data_uri


def test_a_team_deck_gangs_up_8_a7_cards_on_landscape_a4_with_backs_that_line_up(run, tmp_path):
    team = tmp_path / "team.yaml"
    runners = [
        ("Ann Lee", "cadence"),
        ("李小龙", "explosive-swift"),
        ("Zoë Ångström", "cadence"),
        ("Ivan Petrov", "explosive-swift"),
        ("Maya Cruz", "cadence"),
        ("Tom Reid", "cadence"),
        ("Bo Chen", "explosive-swift"),
        ("Cy Dunn", "cadence"),
        ("Di Eyre", "explosive-swift"),
        ("Ed Fox", "cadence"),
    ]
    team.write_text(
        "team: Deck\nrunners:\n" + "".join(f"  - name: {n}\n    routine: {r}\n" for n, r in runners), encoding="utf-8"
    )
    result = run(
        "batch",
        team,
        "-o",
        "out",
        "--format",
        "card",
        "--size",
        "a7",
        "--sheet",
        "a4",
        "--duplex",
        "--gutter",
        "0",
        "--combined",
        "all.pdf",
        "--verify",
    )
    assert result.exit_code == 0, result.stderr
    deck = Path("out") / "All cards on A4.pdf"
    sheets = pages(deck)
    assert [(round(p.width_mm), round(p.height_mm)) for p in sheets] == [
        (297, 210)
    ] * 4  # 10 cards: two sheets, each with its backs
    # The combined file is the print-ready sheets, nothing else.
    assert [(round(p.width_mm), round(p.height_mm)) for p in pages(Path("all.pdf"))] == [(297, 210)] * 4
    placed = {name: text_boxes(deck, name) for name, _ in runners}
    assert (
        sorted(len(found) for found in placed.values()) == [1] * 10
        and sum(1 for f in placed.values() if f[0][0] == 0) == 8
    )
    # Each card's back sits where a flip puts it: column c comes back at column 3 - c, same row.
    for name, routine in runners:
        ((page, x, y),) = placed[name]
        column, row = int(x // 74.25), int(y // 105)
        titles = {"cadence": "CADENCE", "explosive-swift": "EXPLOSIVE AND SWIFT"}
        backs = [(bx, by) for p, bx, by in text_boxes(deck, titles[routine]) if p == page + 1]
        assert any(int(bx // 74.25) == 3 - column and int(by // 105) == row for bx, by in backs), (
            name,
            column,
            row,
            backs,
        )
    assert "verified" in result.stderr
    # Cut guides on the card corners, where cards butt and no mark fits outside them.
    image = pypdfium2.PdfDocument(str(deck))[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    assert dark(image, 74.25 + 2, 105, 300) and dark(image, 74.25, 105 + 2, 300)


def test_the_fold_line_is_on_the_page(run):
    result = run("card", "cadence", "--size", "a7", "--fold", "-o", "fold.pdf")
    assert result.exit_code == 0, result.stderr
    dpi = 300
    image = pypdfium2.PdfDocument("fold.pdf")[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    x = round(74 / 25.4 * dpi)
    marked = [y for y in range(image.height) if min(image.getpixel((x + dx, y)) for dx in (-1, 0, 1)) < 200]
    assert len(marked) > image.height * 0.3, len(marked)  # a dashed line down the whole fold
    beside = [y for y in range(image.height) if min(image.getpixel((x + dx, y)) for dx in (-12, -11, -10)) < 200]
    assert len(beside) < image.height * 0.05  # and not just any ink


def test_a_long_text_no_font_draws_keeps_the_warning_short(run, tmp_path):
    team = tmp_path / "team.yaml"
    long_text = " ".join([UNDRAWN["Tibetan"]] * 40)
    team.write_text(f"team: T\nroutine: cadence\nrunners:\n  - name: Ann\n    notes: {long_text}\n", encoding="utf-8")
    result = run("validate", team)
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert len(line) <= 300 and line.endswith("…': no bundled font draws Tibetan; it would print as boxes"), line
