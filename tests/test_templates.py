"""Your own templates: overrides before the built-in ones, default/ to extend them, theme.css last,
and the files of your templates folder (and nothing else) for the PDF engine to read."""

import re
from pathlib import Path

import pytest
from pdfread import flat_text
from PIL import Image

from cardgen import bundled

ROSTER = Path(__file__).parent / "data" / "roster.yaml"


def templates(folder: Path, **files: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def solid_png(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (40, 40), colour).save(path)
    return path


def pixels_near(png: Path, colour: tuple[int, int, int], tolerance: int = 40) -> int:
    data = Image.open(png).convert("RGB").tobytes()
    return sum(
        1
        for pixel in zip(data[0::3], data[1::3], data[2::3])
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))
    )


def without_fonts(html: Path) -> str:
    """The HTML preview without its embedded fonts (their compressed bytes vary from run to run)."""
    return re.sub(r"@font-face \{[^}]*\}", "", html.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "command",
    [
        ["card", "cadence"],
        ["card", "cadence", "--fold"],
        ["sheet", "--roster", ROSTER, "--runner", "Runner One"],
        ["handout", ROSTER],
    ],
)
def test_an_override_that_changes_nothing_prints_what_the_built_in_template_does(run, tmp_path, command):
    """The named blocks and the template search path leave the output as it was."""
    name = "handout" if command[0] == "handout" else command[0]
    mine = templates(tmp_path / "mine", **{f"{name}__html": f'{{% extends "default/{name}.html" %}}\n'})
    assert run(*command, "-o", "plain.html").exit_code == 0
    assert run(*command, "--templates", mine, "-o", "mine.html").exit_code == 0
    assert without_fonts(Path("mine.html")) == without_fonts(Path("plain.html"))


def test_an_override_changes_one_block_of_the_card(run, tmp_path):
    mine = templates(
        tmp_path / "mine",
        card__html="""{% extends "default/card.html" %}
{% block card_step %}{{ super() -}}
<p>Done {{ step.number }} of {{ plan.steps | length }}: {{ m.kind_tag(step) }}</p>{% endblock %}
{% block card_header %}<header><h1>Club card: {{ plan.title }}</h1></header>{% endblock %}
""",
    )
    result = run("card", "cadence", "--templates", mine, "-o", "card.pdf")
    assert result.exit_code == 0, result.stderr
    text = flat_text(Path("card.pdf"))
    assert "Club card: Cadence" in text and "4 EXERCISES" not in text.upper()
    assert [n for n in range(1, 6) if f"Done {n} of 4" in text] == [1, 2, 3, 4]
    assert "Nordic hamstring curl" in text, "the rest of the card is the built-in one"


def test_sheet_and_handout_blocks(run, tmp_path):
    mine = templates(
        tmp_path / "mine",
        sheet__html='{% extends "default/sheet.html" %}'
        '{% block why %}<aside class="why"><h2>Why we lift</h2></aside>{% endblock %}'
        "{% block log %}{% endblock %}",
        handout__html='{% extends "default/handout.html" %}'
        "{% block cover %}{{ super() }}<p>Club motto here</p>{% endblock %}"
        "{% block who %}{% endblock %}",
    )
    assert run("sheet", "cadence", "--templates", mine, "-o", "sheet.pdf").exit_code == 0
    text = flat_text(Path("sheet.pdf"))
    assert "WHY WE LIFT" in text and "WHY THIS ROUTINE" not in text and "Training log" not in text and "Cadence" in text
    assert run("handout", ROSTER, "--templates", mine, "-o", "handout.pdf").exit_code == 0
    text = flat_text(Path("handout.pdf"))
    assert "Club motto here" in text and "Riverside Harriers" in text and "Who does what" not in text


def test_default_always_reaches_the_built_in_template(run, tmp_path):
    mine = templates(
        tmp_path / "mine",
        card__html='{% extends "default/card.html" %}{% block card_header %}<h1>Mine</h1>{% endblock %}',
    )
    templates(mine / "default", card__html="a user's own default/ folder must not shadow the built-in card")
    assert run("card", "cadence", "--templates", mine, "-o", "card.pdf").exit_code == 0
    assert "Mine" in flat_text(Path("card.pdf")) and "shadow" not in flat_text(Path("card.pdf"))


def test_theme_css_comes_after_the_built_in_styles(run, tmp_path):
    mine = templates(tmp_path / "mine", theme__css=":root { --accent: #ff0000; }\n")
    assert run("card", "sample-training", "--templates", mine, "-o", "card.html").exit_code == 0
    html = Path("card.html").read_text(encoding="utf-8")
    assert html.index("--accent: #1e3a5f") < html.index("--accent: #ff0000") < html.index("</style>")
    assert run("card", "sample-training", "--templates", mine, "-o", "card.pdf", "--png").exit_code == 0
    assert run("card", "sample-training", "-o", "plain.pdf", "--png").exit_code == 0
    assert pixels_near(Path("card-1.png"), (255, 0, 0)) > 200, "the block headings are in the theme's accent"
    assert pixels_near(Path("plain-1.png"), (255, 0, 0)) == 0


def test_files_in_the_templates_folder_may_be_used(run, tmp_path):
    mine = templates(tmp_path / "mine", theme__css=".cards h1 { background: url(logo.png); }\n")
    solid_png(mine / "logo.png", (0, 200, 0))
    result = run("card", "cadence", "--templates", mine, "-o", "card.pdf", "--png")
    assert result.exit_code == 0, result.stderr
    assert pixels_near(Path("card-1.png"), (0, 200, 0), 10) > 100


@pytest.mark.parametrize("address", ["../outside.png", "sneaky.png", "/etc/passwd", "https://example.com/logo.png"])
def test_nothing_outside_the_templates_folder_may(run, tmp_path, address):
    solid_png(tmp_path / "outside.png", (0, 200, 0))
    mine = templates(tmp_path / "mine", theme__css=f".cards h1 {{ background: url({address}); }}\n")
    (mine / "sneaky.png").symlink_to(tmp_path / "outside.png")
    result = run("card", "cadence", "--templates", mine, "-o", "card.pdf")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: refused to load ") and f"and the files in {mine}" in result.stderr
    assert not Path("card.pdf").exists()


def test_a_template_mistake_is_reported(run, tmp_path):
    mine = templates(
        tmp_path / "mine",
        card__html='{% extends "default/card.html" %}{% block card_header %}{{ plan.nope }}{% endblock %}',
    )
    result = run("card", "cadence", "--templates", mine)
    assert result.exit_code == 1 and "template problem (UndefinedError)" in result.stderr and "nope" in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_cardgen_ships_no_theme_css():
    assert not (bundled("templates") / "theme.css").exists(), (
        "theme.css is the user's; the built-in styles live in style/"
    )


@pytest.mark.allow_warnings("^Parse error at ")  # the hostile theme's HTML is not CSS
def test_theme_css_is_css_not_a_template(run, tmp_path):
    """Nothing in a theme runs: template tags stay text, and it cannot end the <style> of a preview."""
    marker = tmp_path / "escaped"
    mine = templates(
        tmp_path / "mine",
        theme__css=(
            ".cards h1 { color: #ff0000; }\n"
            f"/* {{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}} "
            "{% include 'card.html' %} */\n"
            "</style><script>alert(1)</script><style>\n"
        ),
    )
    assert run("card", "sample-training", "--templates", mine, "-o", "card.html").exit_code == 0
    html = Path("card.html").read_text(encoding="utf-8")
    assert "{{ cycler.__init__" in html and "{% include 'card.html' %}" in html
    assert html.count("</style>") == 1 and "<script>" not in html.split("</style>")[1], (
        "the theme stays inside its <style>"
    )
    result = run("card", "sample-training", "--templates", mine, "-o", "card.pdf", "--png")
    assert result.exit_code == 0, result.stderr
    assert pixels_near(Path("card-1.png"), (255, 0, 0)) > 200, "the theme still applies"
    assert not marker.exists()


def test_a_theme_linked_from_outside_is_refused(run, tmp_path):
    (tmp_path / "elsewhere.css").write_text("h1 { color: red }", encoding="utf-8")
    mine = templates(tmp_path / "mine")
    (mine / "theme.css").symlink_to(tmp_path / "elsewhere.css")
    result = run("card", "sample-training", "--templates", mine, "-o", "card.pdf")
    assert result.exit_code == 1 and "theme.css must be a file in" in result.stderr
    assert not Path("card.pdf").exists()
