"""A workspace from someone else, through the CLI: every trap in it is a clear message and exit 1,
runs nothing, writes nothing outside the output folder and replaces no earlier output."""

import hashlib
import os
from pathlib import Path

import pytest
from test_pictures import XXE, huge_png, small_png

from cardgen import sandbox

YESTERDAY = b"%PDF-1.7 yesterday's good card"


def snapshot(root: Path) -> dict[str, str]:
    """Every file below ``root`` (links as links) and a digest of what it holds."""
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = (
                os.readlink(path) if path.is_symlink() else hashlib.sha1(path.read_bytes()).hexdigest()
            )
    return found


@pytest.fixture
def workspace(run, tmp_path, monkeypatch) -> Path:
    """A fresh workspace, as current folder, with yesterday's card already in output/."""
    assert run("init", "ws").exit_code == 0
    ws = tmp_path / "ws"
    monkeypatch.chdir(ws)
    (ws / "output").mkdir()
    (ws / "output" / "sample-training-card.pdf").write_bytes(YESTERDAY)
    return ws


def with_picture(ws: Path, name: str) -> None:
    exercises = ws / "catalogue" / "exercises.yaml"
    exercises.write_text(
        exercises.read_text(encoding="utf-8").replace("- id: squat\n", f"- id: squat\n  picture: {name}\n", 1),
        encoding="utf-8",
    )


def card_override(ws: Path, line_3: str) -> None:
    (ws / "templates" / "card.html").write_text(
        '{% extends "default/card.html" %}\n{% block card_header %}\n' + line_3 + "\n{% endblock %}\n", encoding="utf-8"
    )


def ssti(ws: Path) -> None:
    card_override(ws, "{{ cycler.__init__.__globals__.os.popen('touch ../escaped').read() }}")


def endless_loop(ws: Path) -> None:
    card_override(
        ws,
        "{% for a in range(99999) %}{% for b in range(99999) %}{% for c in range(99999) %}"
        "{% endfor %}{% endfor %}{% endfor %}",
    )


def includes_itself(ws: Path) -> None:
    card_override(ws, '{% include "card.html" %}')


def picture_linked_out(ws: Path) -> None:
    (ws.parent / "secret.png").write_bytes(small_png())
    (ws / "catalogue" / "squat.png").symlink_to(ws.parent / "secret.png")
    with_picture(ws, "squat.png")


def png_claiming_svg(ws: Path) -> None:
    (ws / "catalogue" / "squat.svg").write_bytes(small_png())
    with_picture(ws, "squat.svg")


def xxe_svg(ws: Path) -> None:
    (ws / "catalogue" / "squat.svg").write_text(XXE, encoding="utf-8")
    with_picture(ws, "squat.svg")


def huge_picture(ws: Path) -> None:
    huge_png(ws / "catalogue" / "squat.png")
    with_picture(ws, "squat.png")


def theme_linked_out(ws: Path) -> None:
    (ws.parent / "elsewhere.css").write_text("h1 { color: red }", encoding="utf-8")
    (ws / "templates" / "theme.css").unlink()
    (ws / "templates" / "theme.css").symlink_to(ws.parent / "elsewhere.css")


def template_linked_out(ws: Path) -> None:
    (ws.parent / "secret.txt").write_text("the secret", encoding="utf-8")
    (ws / "templates" / "notes.html").symlink_to(ws.parent / "secret.txt")
    card_override(ws, '{% include "notes.html" %}')


def roster_names_its_file(ws: Path) -> None:
    team = ws / "team.yaml"
    team.write_text(
        team.read_text(encoding="utf-8").replace("runners:", "file: /etc/passwd\nrunners:", 1), encoding="utf-8"
    )


@pytest.mark.parametrize(
    "trap, command, message",
    [
        (ssti, ["card", "sample-training"], "templates/card.html:3: not allowed in a template: "),
        (
            endless_loop,
            ["card", "sample-training"],
            "templates/card.html:3: the template ran for more than 1 s and was stopped",
        ),
        (
            includes_itself,
            ["card", "sample-training"],
            "templates/card.html:1: templates include or extend each other without end",
        ),
        (
            template_linked_out,
            ["card", "sample-training"],
            "templates/card.html:3: template problem (TemplateNotFound): notes.html",
        ),
        (picture_linked_out, ["card", "sample-training"], "squat.picture: 'squat.png' leads out of the folder"),
        (png_claiming_svg, ["card", "sample-training"], "squat.picture: 'squat.svg' is a PNG picture, not SVG"),
        (xxe_svg, ["validate"], "squat.picture: 'squat.svg': an SVG with a DTD or entities is refused"),
        (xxe_svg, ["card", "sample-training"], "squat.picture: 'squat.svg': an SVG with a DTD or entities is refused"),
        (
            huge_picture,
            ["card", "sample-training"],
            "squat.picture: 'squat.png': 30,000 × 30,000 pixels (900 megapixels)",
        ),
        (theme_linked_out, ["card", "sample-training"], "theme.css must be a file in templates"),
        (roster_names_its_file, ["batch"], "team.yaml:9: file: unknown key 'file'"),
        (roster_names_its_file, ["card", "--runner", "Alex Example"], "team.yaml:9: file: unknown key 'file'"),
    ],
)
def test_a_trap_in_the_workspace_is_a_clear_message_and_nothing_changes(
    run, workspace, tmp_path, monkeypatch, trap, command, message
):
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 1.0)
    trap(workspace)
    before = snapshot(tmp_path)
    result = run(*command)
    assert result.exit_code == 1, result.output
    assert message in result.stderr, result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) <= 300
    assert snapshot(tmp_path) == before, "nothing written, nothing replaced"
    assert (workspace / "output" / "sample-training-card.pdf").read_bytes() == YESTERDAY
    assert not (tmp_path / "escaped").exists()


def test_a_theme_with_template_tags_prints_and_writes_only_into_output(run, workspace, tmp_path):
    (workspace / "templates" / "theme.css").write_text(
        "/* {{ cycler.__init__.__globals__.os.popen('touch ../escaped') }} */\n/* {% include 'card.html' %} */\n",
        encoding="utf-8",
    )
    before = snapshot(tmp_path)
    result = run("card", "sample-training")
    assert result.exit_code == 0, result.output
    changed = {
        name for name in set(before) | set(snapshot(tmp_path)) if before.get(name) != snapshot(tmp_path).get(name)
    }
    assert changed == {"ws/output/sample-training-card.pdf"}
    assert not (tmp_path / "escaped").exists()


def test_a_ten_thousand_runner_roster_is_refused_at_once(run, workspace, tmp_path):
    """A roster is a team: 10,000 runners is refused in seconds with what to do, by every command,
    instead of a batch of hours or a handout of gigabytes."""
    import time

    (workspace / "team.yaml").write_text(
        "team: Everyone\nroutine: sample-training\nrunners:\n"
        + "".join(f"  - name: Runner {n}\n    notes: Runner {n}'s notes 🏃\n" for n in range(10_000)),
        encoding="utf-8",
    )
    before = snapshot(tmp_path)
    for command in (["validate"], ["card", "--runner", "Runner 9999"], ["batch"], ["handout"]):
        started = time.perf_counter()
        result = run("-q", *command)
        assert result.exit_code == 1, result.output
        assert (
            "team.yaml:3: runners: 10,000 runners: a roster holds at most 2,000; split the team into several rosters"
            in result.stderr.splitlines()
        )
        assert time.perf_counter() - started < 60
    assert snapshot(tmp_path) == before
