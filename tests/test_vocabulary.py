"""A catalogue's own areas and kinds (``areas.yaml``): checked, listed, printed, and the defaults
for a catalogue that declares none.

``data/club/`` is a club's catalogue with upper-body, mobility and hips areas and a plyometrics kind.
"""

import os
import re
from pathlib import Path

import pytest
from pdfread import flat_text, pages

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.vocabulary import ink_on

CLUB = Path(__file__).parent / "data" / "club"


@pytest.fixture
def club(tmp_path) -> Path:
    """A private copy of the club's catalogue, to break on purpose."""
    folder = tmp_path / "club"
    folder.mkdir()
    for file in CLUB.glob("*.yaml"):
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def line_of(file: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


def test_a_club_s_own_areas_and_kinds_validate(run):
    result = run("validate", "--catalogue", CLUB)
    assert result.exit_code == 0, result.output
    catalogue = load_catalogue(CLUB)
    assert [(a.id, a.name) for a in catalogue.areas.values()] == [
        ("upper-body", "Upper body"),
        ("mobility", "Mobility"),
        ("hips", "Hips"),
    ]
    # A kind without a colour gets one that prints apart from the others in greyscale.
    assert [(k.id, k.colour) for k in catalogue.kinds.values()] == [
        ("warm-up", "#f3d27a"),
        ("strength", "#1e3a5f"),
        ("plyometrics", "#c2410c"),
    ]


def test_list_takes_the_catalogue_s_areas_and_kinds(run):
    result = run("list", "--catalogue", CLUB, "--area", "mobility")
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["leg-swings", "worlds-greatest-stretch"]
    result = run("list", "--catalogue", CLUB, "--kind", "plyometrics")
    assert result.stdout.split()[0] == "skater-hop" and len(result.stdout.splitlines()) == 1


def test_list_refuses_an_area_the_catalogue_lacks_with_a_suggestion(run):
    result = run("list", "--catalogue", CLUB, "--area", "mobilty")
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: --area: the catalogue has no area 'mobilty' (did you mean 'mobility'?); "
        "its areas are upper-body, mobility, hips\n"
    )
    result = run("list", "--area", "hips")  # the bundled catalogue has no hips
    assert result.exit_code == 1 and "its areas are calves, legs, core" in result.stderr


def test_tab_completion_offers_the_catalogue_s_areas(run, monkeypatch):
    monkeypatch.setitem(os.environ, "_CARDGEN_COMPLETE", "bash_complete")
    monkeypatch.setitem(os.environ, "COMP_WORDS", f"cardgen list --catalogue {CLUB} --area ")
    monkeypatch.setitem(os.environ, "COMP_CWORD", "5")
    from click.testing import CliRunner

    from cardgen.cli import cli

    result = CliRunner().invoke(cli, [], prog_name="cardgen")
    assert result.stdout.split() == ["plain,upper-body", "plain,mobility", "plain,hips"]


def test_an_undeclared_area_is_a_located_error_with_a_suggestion(run, club):
    exercises = club / "exercises.yaml"
    exercises.write_text(
        exercises.read_text(encoding="utf-8").replace("area: mobility", "area: mobilty", 1), encoding="utf-8"
    )
    exercises.write_text(
        exercises.read_text(encoding="utf-8").replace("kind: plyometrics", "kind: explosive"), encoding="utf-8"
    )
    result = run("validate", "--catalogue", club)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{exercises}:{line_of(exercises, 'mobilty')}: leg-swings.area: "
        "unknown area 'mobilty' (did you mean 'mobility'?): "
        "areas.yaml declares upper-body, mobility, hips; add it there to use it",
        f"{exercises}:{line_of(exercises, 'explosive')}: skater-hop.kind: unknown kind 'explosive': "
        "areas.yaml declares warm-up, strength, plyometrics; add it there to use it",
        "2 problems found.",
    ]


@pytest.mark.parametrize(
    "old, new, fragment, message",
    [
        (
            "  - id: hips\n",
            "  - id: mobility\n",
            "id: mobility\n",
            "areas[mobility].id: duplicate area id 'mobility' (first used on line 5)",
        ),
        (
            'colour: "#c2410c"',
            'colour: "orange"',
            "orange",
            "kinds[plyometrics].colour: 'orange' is not a colour: write it as \"#rrggbb\"",
        ),
        (
            'colour: "#c2410c"',
            "colour: #c2410c",
            "colour:",
            "kinds[plyometrics].colour: colour is empty: put a colour in quotes",
        ),
        (
            'colour: "#c2410c"',
            'color: "#c2410c"',
            "color:",
            "kinds[plyometrics].color: unknown key 'color' (did you mean 'colour'?)",
        ),
        ("    name: Hips\n", "", "id: hips", "areas[hips]: missing required key 'name'"),
    ],
)
def test_mistakes_in_areas_yaml_are_located(run, club, old, new, fragment, message):
    areas = club / "areas.yaml"
    text = areas.read_text(encoding="utf-8")
    assert old in text
    areas.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("validate", "--catalogue", club)
    assert result.exit_code == 1
    lines = areas.read_text(encoding="utf-8").splitlines()
    line = max(n for n, text in enumerate(lines, 1) if fragment.strip() in text)
    assert result.stderr.splitlines()[0].startswith(f"{areas}:{line}: {message}"), result.stderr
    if "duplicate" not in message:  # (there, hips is no longer declared: its exercises are reported too)
        assert result.stderr.endswith(
            "\n1 problem found.\n"
        )  # the exercises are not checked against a broken areas.yaml


def test_a_catalogue_without_areas_yaml_uses_today_s_vocabulary(run, catalogue_copy):
    (catalogue_copy / "areas.yaml").unlink()
    assert run("validate", "--catalogue", catalogue_copy).exit_code == 0
    catalogue = load_catalogue(catalogue_copy)
    assert list(catalogue.areas) == ["calves", "legs", "core"]
    assert list(catalogue.kinds) == ["warm-up", "strength", "explosive", "swiftness"]
    assert catalogue.kinds == load_catalogue(bundled("catalogue")).kinds  # the bundled file declares the same
    exercises = catalogue_copy / "exercises.yaml"
    exercises.write_text(
        exercises.read_text(encoding="utf-8").replace("area: calves", "area: shoulders", 1), encoding="utf-8"
    )
    result = run("validate", "--catalogue", catalogue_copy)
    assert (
        f"{exercises}:{line_of(exercises, 'shoulders')}: calf-walk.area: unknown area 'shoulders': "
        "the areas are calves, legs, core; declare your own in areas.yaml to use others"
    ) in result.stderr


def test_the_handout_groups_every_exercise_under_the_catalogue_s_areas(run):
    result = run("handout", CLUB / "roster.yaml", "--catalogue", CLUB, "-o", "handout.pdf")
    assert result.exit_code == 0, result.output
    reference = next(page.text for page in pages(Path("handout.pdf")) if "Every exercise in full" in page.text)
    words = " ".join(reference.split())
    order = [
        words.index(heading)
        for heading in (
            "Upper body",
            "Band pull-apart",
            "Push-up",
            "Mobility",
            "Leg swings",
            "World's greatest stretch",
            "Hips",
            "Clamshell",
            "Skater hop",
        )
    ]
    assert order == sorted(order), words
    assert "PLYOMETRICS" in words


def test_card_and_sheet_print_the_catalogue_s_kinds_in_their_colours(run):
    assert run("card", "club-night", "--catalogue", CLUB, "-o", "card.pdf").exit_code == 0
    assert run("sheet", "club-night", "--catalogue", CLUB, "-o", "sheet.pdf").exit_code == 0
    for pdf in ("card.pdf", "sheet.pdf"):
        text = flat_text(Path(pdf))
        assert all(word in text for word in ("PLYOMETRICS", "WARM-UP", "STRENGTH", "Skater hop")), pdf
    assert run("card", "club-night", "--catalogue", CLUB, "--html", "-o", "card.html").exit_code == 0
    html = Path("card.html").read_text(encoding="utf-8")
    tag = re.search(r'<span class="kind kind-plyometrics" style="([^"]*)">Plyometrics</span>', html)
    assert tag and tag[1] == "background: #c2410c; color: #fff"
    assert 'style="background: #f3d27a; color: #111">Warm-up<' in html


@pytest.mark.parametrize(
    "colour, ink",
    [
        ("#f3d27a", "#111"),
        ("#1e3a5f", "#fff"),
        ("#c2410c", "#fff"),
        ("#6cc3b5", "#111"),
        ("#fff", "#111"),
        ("#000", "#fff"),
    ],
)
def test_a_tag_s_word_is_black_or_white_whichever_reads_on_its_colour(colour, ink):
    assert ink_on(colour) == ink
