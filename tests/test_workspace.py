"""cardgen init, and commands run inside a workspace: its catalogue, templates and roster, without flags."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from pdfread import flat_text, pages

from cardgen import bundled
from cardgen.errors import ProblemsFound
from cardgen.workspace import find_workspace


@pytest.fixture
def workspace(run, monkeypatch) -> Path:
    """A fresh workspace made by ``cardgen init``, and the current folder."""
    result = run("init", "ws")
    assert result.exit_code == 0, result.stderr
    monkeypatch.chdir("ws")
    return Path.cwd()


def test_init_makes_an_editable_workspace(run):
    result = run("init", "ws")
    assert result.exit_code == 0, result.stderr
    assert "cd ws" in result.output and "cardgen validate" in result.output
    ws = Path("ws")
    files = sorted(str(p.relative_to(ws)) for p in ws.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "cardgen.yaml",
        "catalogue/areas.yaml",
        "catalogue/exercises.yaml",
        "catalogue/routines.yaml",
        "catalogue/theory.yaml",
        "catalogue/translations/es.yaml",
        "catalogue/translations/zh-Hans.yaml",
        "locale/en.yaml",
        "schema/areas.schema.json",
        "schema/exercises.schema.json",
        "schema/locale.schema.json",
        "schema/roster.schema.json",
        "schema/routines.schema.json",
        "schema/theory.schema.json",
        "schema/translation.schema.json",
        "team.yaml",
        "templates/card.html",
        "templates/theme.css",
    ]
    for name in ("exercises.yaml", "routines.yaml", "theory.yaml"):
        ours, theirs = (
            (ws / "catalogue" / name).read_text(encoding="utf-8"),
            (bundled("catalogue") / name).read_text(encoding="utf-8"),
        )
        assert ours.split("\n", 1)[1] == theirs.split("\n", 1)[1], "the catalogue is the bundled one"
    assert '{% extends "default/card.html" %}' in (ws / "templates/card.html").read_text(encoding="utf-8")
    assert "--accent" in (ws / "templates/theme.css").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "file", ["catalogue/exercises.yaml", "catalogue/routines.yaml", "catalogue/theory.yaml", "team.yaml"]
)
def test_workspace_files_name_a_schema_in_the_workspace_that_they_meet(run, file):
    assert run("init", "ws").exit_code == 0
    path = Path("ws") / file
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    schema = (path.parent / match.group(1)).resolve()
    assert schema.is_file() and schema.is_relative_to(Path("ws").resolve())
    data = json.loads(
        json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=lambda v: v.isoformat())
    )  # dates as written
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))


def test_init_refuses_a_folder_that_is_not_empty_unless_forced(run):
    Path("ws").mkdir()
    Path("ws/notes.txt").write_text("mine")
    result = run("init", "ws")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: ws is not empty: choose a new folder, or add --force to write the workspace's files into it\n"
    )
    assert sorted(p.name for p in Path("ws").iterdir()) == ["notes.txt"]
    assert run("init", "ws", "--force").exit_code == 0
    assert Path("ws/notes.txt").read_text() == "mine" and Path("ws/cardgen.yaml").is_file()
    Path("file").write_text("x")
    result = run("init", "file")
    assert result.exit_code == 2 and "'file' is a file" in result.stderr


def test_the_example_roster_validates_and_every_runner_prints(workspace, run):
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert (
        result.output == "catalogue: OK, 18 exercises, 4 routines\n"
        "catalogue/translations/es.yaml: OK\n"
        "catalogue/translations/zh-Hans.yaml: OK\n"
        "locale/en.yaml: OK\n"
        "team.yaml: OK, 3 runners\n"
    )
    result = run("batch", "--format", "card", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    made = sorted(p.name for p in Path("output/Example Harriers").glob("*.pdf"))
    assert made == ["Alex Example - card.pdf", "Jo Example - card.pdf", "Sam Example - card.pdf"]
    alex = flat_text(Path("output/Example Harriers/Alex Example - card.pdf"))
    assert "4 sets × 12 reps" in alex and "8 kg" in alex and "Calf raise" in alex
    assert "Lunge circuit" not in flat_text(Path("output/Example Harriers/Jo Example - card.pdf"))


def test_commands_inside_a_workspace_use_its_catalogue_templates_and_roster(workspace, run):
    routines = workspace / "catalogue/routines.yaml"
    routines.write_text(
        routines.read_text(encoding="utf-8").replace("title: Cadence\n", "title: Quick feet\n"), encoding="utf-8"
    )
    result = run("card", "cadence")
    assert result.exit_code == 0, result.stderr
    text = flat_text(Path("output/cadence-card.pdf"))
    assert "Quick feet" in text, "the workspace's catalogue"
    assert "EXAMPLE HARRIERS · 4 EXERCISES" in text.upper(), "the workspace's card.html"
    result = run("card", "--runner", "Alex Example", "-o", "alex.pdf")
    assert result.exit_code == 0, result.stderr
    assert "Alex Example" in flat_text(Path("alex.pdf")), "the workspace's roster"
    result = run("handout", "-o", "handout.pdf")
    assert result.exit_code == 0, result.stderr
    assert "Example Harriers" in pages(Path("handout.pdf"))[0].text


def test_a_folder_below_the_workspace_finds_it(workspace, run, monkeypatch):
    (workspace / "prints").mkdir()
    monkeypatch.chdir("prints")
    result = run("-v", "list", "--routines")
    assert result.exit_code == 0, result.stderr
    assert f"workspace: {workspace}\ncatalogue: ../catalogue\n" in result.stderr
    assert find_workspace(Path(".")).roster == Path("../team.yaml")
    assert find_workspace(workspace / "prints").root == workspace
    assert find_workspace(workspace.parent) is None


def test_flags_beat_the_workspace(workspace, run, tmp_path):
    (workspace / "catalogue/routines.yaml").write_text("not: [valid", encoding="utf-8")
    assert run("list").exit_code == 1
    result = run("list", "--routines", "--catalogue", bundled("catalogue"))
    assert result.exit_code == 0 and "cadence" in result.output
    plain = tmp_path / "plain"
    plain.mkdir()
    result = run("card", "cadence", "--catalogue", bundled("catalogue"), "--templates", plain, "-o", "card.pdf")
    assert result.exit_code == 0, result.stderr
    assert "EXAMPLE HARRIERS" not in flat_text(Path("card.pdf")).upper()


def test_cardgen_yaml_is_checked(workspace, run):
    Path("cardgen.yaml").write_text("catalogue: catalogue\nrooster: team.yaml\ntemplates: nowhere\n", encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "cardgen.yaml:2: rooster: unknown key 'rooster' (did you mean 'roster'?)",
        "cardgen.yaml:3: templates: no such folder: nowhere",
        "2 problems found.",
    ]
    with pytest.raises(ProblemsFound):
        find_workspace(Path("."))


def test_an_empty_cardgen_yaml_means_the_usual_folders(workspace, run):
    Path("cardgen.yaml").write_text("# a workspace\n", encoding="utf-8")
    found = find_workspace(Path("."))
    assert (found.catalogue, found.templates, found.roster) == (Path("catalogue"), Path("templates"), None)
    result = run("batch")
    assert result.exit_code == 2 and "name a ROSTER file" in result.stderr


def test_roster_commands_outside_a_workspace_ask_for_one(run):
    for command in ("batch", "handout"):
        result = run(command)
        assert result.exit_code == 2 and "name a ROSTER file" in result.stderr, command
