"""Every script from the bundled fonts: Arabic and Hebrew right to left and joined, Devanagari and
Thai shaped, Japanese in its own glyph forms, every Hangul syllable; read back from the PDFs by
the glyphs drawn and the font programs embedded, not only the text layer."""

import io
import re
from pathlib import Path

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from pdfread import font_programs, glyph_runs

from cardgen import bundled
from cardgen.fonts import (
    COVERAGE,
    FACES,
    FONT_DIR,
    STACKS,
    coverage,
    coverage_from_fonts,
    covered,
    families_drawing,
    script_language,
)

NAMES = {"Arabic": "محمد الأحمد", "Hebrew": "דוד כהן", "Devanagari": "अर्जुन शर्मा", "Thai": "สมชาย ใจดี"}
BUNDLED = {TTFont(face.path, lazy=True)["name"].getDebugName(6) for face in FACES}


def roster(tmp_path, names, routine="cadence") -> Path:
    team = tmp_path / "team.yaml"
    team.write_text(
        f"team: World\nroutine: {routine}\nrunners:\n" + "".join(f"  - name: {name}\n" for name in names),
        encoding="utf-8",
    )
    return team


def postscript_name(program: bytes) -> str:
    font = TTFont(io.BytesIO(program), lazy=True)
    return font["CFF "].cff.fontNames[0] if "CFF " in font else font["name"].getDebugName(6)


def outline(font: TTFont, glyph: str | int):
    """What a glyph draws (pen commands) and its advance: equal outlines look the same."""
    name = font.getGlyphOrder()[glyph] if isinstance(glyph, int) else glyph
    pen = RecordingPen()
    font.getGlyphSet()[name].draw(pen)
    return pen.value, font["hmtx"][name][0]


def bundled_font(file: str) -> TTFont:
    return TTFont(FONT_DIR / file)


@pytest.fixture(scope="module")
def script_cards(tmp_path_factory):
    from click.testing import CliRunner

    from cardgen.cli import cli

    folder = tmp_path_factory.mktemp("scripts")
    result = CliRunner().invoke(
        cli,
        ["batch", str(roster(folder, NAMES.values())), "-o", str(folder / "out"), "--format", "card", "--jobs", "1"],
    )
    assert result.exit_code == 0, result.stderr
    return result.stderr, {script: folder / "out" / f"{name} - card.pdf" for script, name in NAMES.items()}


def test_names_in_four_scripts_warn_about_nothing(script_cards):
    stderr, _ = script_cards
    assert "warning" not in stderr, stderr


@pytest.mark.parametrize("script", NAMES)
def test_a_name_prints_from_the_bundled_font_of_its_script(script_cards, script):
    _, cards = script_cards
    pdf = cards[script]
    programs = font_programs(pdf)
    # The embedded fonts are cardgen's own (renamed, so no installed Noto or DejaVu passes for them).
    assert {postscript_name(program) for program in programs.values()} <= BUNDLED, programs.keys()
    assert any(name.startswith(f"Cardgen-{script}") for name in programs)
    # The name is drawn by the script's font. (WeasyPrint gives a glyph one text however many
    # clusters use it, so the text layer of a Devanagari name with two conjuncts is not exact.)
    runs = [run for run in glyph_runs(pdf) if run and run[0].font.startswith(f"Cardgen-{script}")]
    assert runs and all(glyph.font.startswith(f"Cardgen-{script}") for run in runs for glyph in run)
    if script != "Devanagari":
        assert set(NAMES[script]) <= set("".join(glyph.text for run in runs for glyph in run))
    # No glyph of any run is .notdef (glyph 0, the box).
    assert all(glyph.gid != 0 for run in glyph_runs(pdf) for glyph in run)


@pytest.mark.parametrize("script", ["Arabic", "Hebrew"])
def test_a_right_to_left_name_is_drawn_right_to_left(script_cards, script):
    _, cards = script_cards
    runs = [run for run in glyph_runs(cards[script]) if run and run[0].font.startswith(f"Cardgen-{script}")]
    assert runs
    # Glyphs are drawn left to right across the page: read back to front, they spell the name.
    for run in runs:
        assert "".join(glyph.text for glyph in reversed(run)).strip() == NAMES[script]


@pytest.mark.parametrize("script", ["Arabic", "Devanagari"])
def test_a_name_is_shaped(script_cards, script):
    """Joining forms (Arabic) and conjuncts and reph (Devanagari) are other glyphs than the ones
    the characters map to on their own: with no shaping, every glyph would be its character's own."""
    _, cards = script_cards
    font = bundled_font(f"NotoSans{script}-Bold.ttf")
    cmap, order = font.getBestCmap(), font.getGlyphOrder()
    run = next(run for run in glyph_runs(cards[script]) if run and run[0].font.startswith(f"Cardgen-{script}"))
    own = [glyph for glyph in run if len(glyph.text) == 1 and order[glyph.gid] == cmap[ord(glyph.text)]]
    assert len(own) < len([glyph for glyph in run if glyph.text != " "]), [
        (glyph.text, order[glyph.gid]) for glyph in run
    ]
    if script == "Arabic":  # the letters that join are all in their joining forms
        assert all(glyph.text in (" ", "ا") for glyph in own), [(glyph.text, order[glyph.gid]) for glyph in own]


def kanji_outline(pdf: Path, kanji: str):
    """The outline of the glyph the PDF draws for ``kanji``, read from the embedded font program,
    and the name of the font it is drawn in."""
    glyph = next(glyph for run in glyph_runs(pdf) for glyph in run if glyph.text == kanji)
    embedded = TTFont(io.BytesIO(font_programs(pdf)[glyph.font]))
    return glyph.font, outline(embedded, glyph.gid)


def test_a_japanese_name_prints_in_japanese_glyph_forms(run, tmp_path):
    """直 and 骨 are drawn differently in Japan and China; さくら makes the name Japanese."""
    names = {"ja": "直子 さくら 骨川", "zh": "直树 骨李"}
    result = run("batch", roster(tmp_path, names.values()), "-o", "out", "--format", "card", "--jobs", "1")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    japanese, chinese = bundled_font("NotoSansCJKjp-Bold.otf"), bundled_font("NotoSansCJK-Bold.otf")
    for kanji in "直骨":
        jp_form = outline(japanese, japanese.getBestCmap()[ord(kanji)])
        sc_form = outline(chinese, chinese.getBestCmap()[ord(kanji)])
        assert jp_form != sc_form
        font, drawn = kanji_outline(Path("out") / f"{names['ja']} - card.pdf", kanji)
        assert font.startswith("Cardgen-CJK-JP") and drawn == jp_form, kanji
        font, drawn = kanji_outline(Path("out") / f"{names['zh']} - card.pdf", kanji)
        assert drawn == sc_form, kanji


def test_every_modern_hangul_syllable_is_covered(run, tmp_path):
    assert all(code in covered() for code in range(0xAC00, 0xD7A4))
    team = roster(tmp_path, ["박똠이"])
    assert "warning" not in run("validate", team).stderr
    result = run("card", "--roster", team, "--runner", "박똠이", "-o", "card.pdf")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    drawn = [glyph for run_ in glyph_runs(Path("card.pdf")) for glyph in run_ if glyph.text == "똠"]
    assert drawn and all(glyph.font.startswith("Cardgen-CJK") and glyph.gid != 0 for glyph in drawn)


def test_the_glyph_check_knows_every_bundled_script():
    for name in NAMES.values():
        assert all(ord(character) in covered() for character in name.replace(" ", ""))
    assert ord("\U0001f3c3") not in covered()


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("さくら 田中", "ja"),
        ("김민준", "ko"),
        ("محمد الأحمد", "ar"),
        ("דוד כהן", "he"),
        ("अर्जुन शर्मा", "hi"),
        ("สมชาย ใจดี", "th"),
        ("李小龙", None),
        ("Ann Lee", None),
    ],
)
def test_a_names_script_tells_its_language_only_when_it_can(name, language):
    assert script_language(name) == language


def test_the_coverage_table_is_the_fonts_own():
    assert COVERAGE.read_text(encoding="ascii") == coverage_from_fonts(), "run: python -m cardgen.fonts"


def test_coverage_reads_back_as_characters():
    assert all(ord(character) in covered() for character in "aЖ李김ש")
    assert ord("🏃") not in covered()
    assert ord("李") in coverage()["Cardgen CJK"] and ord("李") not in coverage()["Cardgen Sans"]


def test_the_font_stacks_are_the_stylesheets_own():
    css = (bundled("templates") / "style" / "common.css").read_text(encoding="utf-8")
    for variable, stack in (("--font", STACKS[0]), ("--font-ja", STACKS[1])):
        named = re.search(rf"{variable}: ([^;]*);", css).group(1)
        assert [family.strip(' "') for family in named.split(",")][:-1] == list(stack)


@pytest.mark.parametrize(
    "text, families",
    [
        ("Calf raise 3 × 15 — 22,5 kg", {"Cardgen Sans"}),
        ("李雷 髂腰肌", {"Cardgen Sans", "Cardgen CJK", "Cardgen CJK JP"}),
        ("محمد الأحمد, 12", {"Cardgen Sans", "Cardgen Arabic"}),
        ("דוד כהן अर्जुन สมชาย", {"Cardgen Sans", "Cardgen Hebrew", "Cardgen Devanagari", "Cardgen Thai"}),
    ],
)
def test_only_the_fonts_a_text_needs_are_registered(text, families):
    """Registering a font costs time (the CJK ones most): a run registers those its text needs."""
    assert families_drawing(text) == families


def test_every_font_file_that_ships_is_one_cardgen_prints_with():
    assert {p.name for p in [*FONT_DIR.glob("*.otf"), *FONT_DIR.glob("*.ttf")]} == {face.file for face in FACES}
