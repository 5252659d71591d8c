"""Hostile and careless input, through the CLI: each with its exact outcome.

Rosters come from spreadsheets and many hands; nothing in them may read local files, reach the
network, write outside the output folder, or leave a half-written file behind.
"""

import os
from pathlib import Path

import pytest
from pdfread import flat_text

from cardgen.cli import BUG_REPORT
from cardgen.layout import Press, ResourceRefused

# Well-formed, safe SVG the PDF engine still fails to draw.
ENGINE_CANNOT_DRAW = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4" transform="rotate(x)"/></svg>'
)
HOSTILE = [
    '<script>alert("x")</script>',
    '<img src="file:///etc/passwd">',
    "</td></tr><tr><td>",
    "{{ 7 * 7 }}",
    "&amp; ünïcödé",
]


def roster(tmp_path: Path, body: str, name: str = "team.yaml") -> Path:
    file = tmp_path / name
    file.write_text("team: Hostile Harriers\nroutine: sample-training\n" + body, encoding="utf-8")
    return file


def yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_names_and_notes_prints_as_typed(run, tmp_path, text):
    file = roster(tmp_path, f"runners:\n  - name: {yaml_text('Ann ' + text)}\n    notes: {yaml_text(text)}\n")
    for command in (
        ["card", "--roster", file, "--runner", "Ann " + text, "-o", "card.pdf"],
        ["sheet", "--roster", file, "--runner", "Ann " + text, "-o", "sheet.pdf"],
        ["handout", file, "-o", "handout.pdf"],
    ):
        result = run(*command)
        assert result.exit_code == 0, result.stderr
        assert all(line.startswith("note: ") for line in result.stderr.splitlines()), result.stderr
    for pdf in ("card.pdf", "sheet.pdf", "handout.pdf"):
        # Compared without spaces: a narrow table column may wrap the text anywhere.
        assert "".join(text.split()) in "".join(flat_text(Path(pdf)).split()), pdf
    assert "49" not in flat_text(Path("card.pdf"))


def test_markup_is_escaped_in_the_html_preview(run, tmp_path):
    file = roster(tmp_path, f"runners:\n  - name: Ann\n    notes: {yaml_text(HOSTILE[0] + HOSTILE[1])}\n")
    assert run("card", "--roster", file, "--runner", "Ann", "-o", "card.html").exit_code == 0
    html = Path("card.html").read_text(encoding="utf-8")
    assert "<script>" not in html and '<img src="file:' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "http://example.com/x.png", "https://example.com/x.css", "ftp://example.com/x"]
)
def test_rendering_reads_nothing_outside_cardgen(url):
    with pytest.raises(ResourceRefused, match="refused to load"):
        Press().lay_out(f'<link rel="stylesheet" href="{url}"><img src="{url}">')


@pytest.mark.parametrize(
    "picture, message",
    [
        ("/etc/passwd", "must be a file in the same folder as this file"),
        ("../outside.png", "leads out of the folder"),
        ("escape.png", "leads out of the folder"),
        ("https://example.com/squat.png", "must be a file in the same folder as this file"),
        ("missing.png", "no picture 'missing.png'"),
        ("notes.txt", "is not a picture cardgen prints"),
    ],
)
def test_pictures_stay_inside_the_catalogue_folder(run, catalogue_copy, tmp_path, picture, message):
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    (catalogue_copy / "escape.png").symlink_to(tmp_path / "outside.png")
    exercises = catalogue_copy / "exercises.yaml"
    text = exercises.read_text(encoding="utf-8").replace(
        "- id: squat\n", f"- id: squat\n  picture: {yaml_text(picture)}\n", 1
    )
    exercises.write_text(text, encoding="utf-8")
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  picture:"))
    assert result.stderr.splitlines()[0].startswith(f"{exercises}:{line}: squat.picture: ")
    assert message in result.stderr


def test_a_picture_inside_the_folder_prints(run, catalogue_copy):
    (catalogue_copy / "pictures").mkdir()
    (catalogue_copy / "pictures" / "squat.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>',
        encoding="utf-8",
    )
    exercises = catalogue_copy / "exercises.yaml"
    exercises.write_text(
        exercises.read_text(encoding="utf-8").replace(
            "- id: squat\n", "- id: squat\n  picture: pictures/squat.svg\n", 1
        ),
        encoding="utf-8",
    )
    result = run("sheet", "sample-training", "--catalogue", catalogue_copy, "-o", "sheet.html")
    assert result.exit_code == 0, result.stderr
    assert "data:image/svg+xml;base64," in Path("sheet.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "ftp://x.org/v",
        "https://exa mple.com/v",
        "https://x.org/" + "a" * 2100,
    ],
)
def test_video_links_must_be_web_addresses(run, catalogue_copy, url):
    exercises = catalogue_copy / "exercises.yaml"
    exercises.write_text(
        exercises.read_text(encoding="utf-8").replace(
            "url: https://www.youtube.com/watch?v=c5Kv6-fnTj8", f"url: {yaml_text(url)}"
        ),
        encoding="utf-8",
    )
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    (line, summary) = result.stderr.splitlines()
    assert "calf-raise.video.url: " in line and summary == "1 problem found."


@pytest.mark.parametrize(
    "name, file",
    [
        ("../../escape", "escape - card.pdf"),
        ("/etc/cron.d/x", "etc-cron.d-x - card.pdf"),
        ("nul\\0byte", "nul-byte - card.pdf"),
        ("tab\\tand\\nnewline", "tab-and-newline - card.pdf"),
        ("CON", "CON_ - card.pdf"),
        ("x" * 300, "x" * 120 + " - card.pdf"),
    ],
)
def test_file_names_from_runner_names_stay_in_the_folder(run, tmp_path, name, file):
    team = roster(tmp_path, f'runners:\n  - name: "{name}"\n')
    result = run("batch", team, "-o", "out", "--format", "card", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir("out")) == sorted([file, "manifest.csv"])
    assert not Path("escape - card.pdf").exists() and not (tmp_path.parent / "escape - card.pdf").exists()


@pytest.mark.allow_warnings("Failed to render SVG image")
def test_failure_mid_batch_leaves_no_half_written_file(run, catalogue_copy, tmp_path):
    # An SVG that passes the checks but the engine can't draw; with --strict its warning stops the batch.
    (catalogue_copy / "broken.svg").write_text(ENGINE_CANNOT_DRAW, encoding="utf-8")
    exercises = catalogue_copy / "exercises.yaml"
    exercises.write_text(
        exercises.read_text(encoding="utf-8").replace(
            "- id: rope-jump\n", "- id: rope-jump\n  picture: broken.svg\n", 1
        ),
        encoding="utf-8",
    )
    team = roster(tmp_path, "runners:\n  - name: Ann\n  - name: Bob\n    add: [rope-jump]\n")
    out = Path("out")
    out.mkdir()
    (out / "Ann - card.pdf").write_bytes(b"yesterday's good card")
    result = run("batch", team, "--catalogue", catalogue_copy, "-o", out, "--format", "card", "--jobs", "1", "--strict")
    assert result.exit_code == 1
    assert "\nError: the PDF engine warned (and --strict makes that an error):" in "\n" + result.stderr
    # Bob's card failed: no file for him, no temporary left; Ann's is yesterday's or a whole new one.
    assert sorted(os.listdir(out)) == ["Ann - card.pdf"]
    ann = (out / "Ann - card.pdf").read_bytes()
    assert ann == b"yesterday's good card" or (ann.startswith(b"%PDF-") and ann.rstrip().endswith(b"%%EOF"))
    # Without --strict the same batch prints, and says what it could not draw.
    result = run("batch", team, "--catalogue", catalogue_copy, "-o", out, "--format", "card", "--jobs", "1")
    assert result.exit_code == 0
    line = next(n for n, row in enumerate(exercises.read_text(encoding="utf-8").splitlines(), 1) if "broken.svg" in row)
    assert [row for row in result.stderr.splitlines() if not row.startswith("note: ")] == [
        "warning: PDF engine: Failed to render SVG image the picture broken.svg "
        f"({exercises}:{line}: rope-jump.picture)"
    ]


def test_unwritable_output_is_an_error_before_any_work(run, tmp_path):
    team = roster(tmp_path, "runners:\n  - name: Ann\n")
    Path("out").write_text("a file where the folder should be")
    result = run("batch", team, "-o", "out/team")
    assert result.exit_code == 1
    assert result.stderr == "Error: cannot write to the folder out/team: Not a directory\n"


def test_internal_errors_say_they_are_bugs(run, monkeypatch):
    import cardgen.documents

    monkeypatch.setattr(cardgen.documents, "plan_log", lambda *a, **k: 1 / 0)
    result = run("sheet", "cadence")
    assert result.exit_code == 2
    assert result.stderr == f"Internal error: ZeroDivisionError: division by zero\n{BUG_REPORT}\n"


def test_verbose_shows_where_an_internal_error_happened(run, monkeypatch):
    import cardgen.documents

    monkeypatch.setattr(cardgen.documents, "plan_log", lambda *a, **k: 1 / 0)
    result = run("-v", "sheet", "cadence")
    assert result.exit_code == 2
    traceback, message = result.stderr.split("\nInternal error: ")
    assert "Traceback (most recent call last):\n" in traceback
    assert "lambda *a, **k: 1 / 0" in traceback and traceback.endswith("\nZeroDivisionError: division by zero")
    assert message == f"ZeroDivisionError: division by zero\n{BUG_REPORT}\n"


LAUGHS = (
    "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]" for previous, name in zip("abcdefgh", "bcdefghi")]
    )
    + "\n"
)


@pytest.mark.parametrize(
    "content, message",
    [
        (
            "!!python/object/apply:os.system ['touch pwned']\n",
            "not valid YAML: could not determine a constructor for the tag",
        ),
        (LAUGHS, "the file expands to more than 200,000 values (too many aliases?)"),
        (
            "team: A\nteam: B\nroutine: cadence\nrunners:\n  - name: Ann\n",
            ":2: team: duplicate key 'team' (first given on line 1)",
        ),
        ("team: T\x1f\n", "not valid YAML: unacceptable character #x001f"),
    ],
)
def test_hostile_yaml_fails_fast_and_clearly(run, tmp_path, content, message):
    file = tmp_path / "team.yaml"
    file.write_text(content, encoding="utf-8")
    result = run("validate", file)
    assert result.exit_code == 1
    (line, summary) = result.stderr.splitlines()
    assert message in line and summary == "1 problem found."
    assert not Path("pwned").exists()


def test_not_utf8_and_oversized_files(run, tmp_path):
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("team: Caf\xe9\nroutine: cadence\nrunners:\n  - name: Ann\n".encode("latin-1"))
    big = tmp_path / "big.yaml"
    big.write_text("team: T\n# " + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")
    result = run("validate", latin1, big)
    assert result.exit_code == 1
    assert f"{latin1}: not UTF-8 text (invalid continuation byte at byte 9)" in result.stderr
    assert f"{big}: the file is larger than 5 MB" in result.stderr
