"""The command group itself: -q and -v, --version, shell completion."""

import re
from pathlib import Path

from click.testing import CliRunner

from cardgen import __version__
from cardgen.cli import cli

LONG_NOTES = (
    "team: T\nroutine: sample-training\nrunners:\n  - name: Ann\n    notes: "
    + "Keep it light and easy this month. " * 8
    + "\n"
)


def test_quiet_prints_nothing_but_errors(run):
    Path("team.yaml").write_text(LONG_NOTES, encoding="utf-8")
    result = run("card", "--roster", "team.yaml", "--runner", "Ann", "--png")
    assert result.exit_code == 0 and "note: " in result.stderr and result.stdout
    result = run("-q", "card", "--roster", "team.yaml", "--runner", "Ann", "--png")
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    for command in (["-q", "validate", "team.yaml"], ["-q", "batch", "team.yaml", "--jobs", "1"], ["-q", "init", "ws"]):
        result = run(*command)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", ""), command
    result = run("-q", "card", "no-such-routine")
    assert result.exit_code == 1 and result.stderr.startswith("Error: no routine 'no-such-routine'")


def test_verbose_says_where_things_come_from_and_how_long_they_took(run, tmp_path):
    (tmp_path / "mine").mkdir()
    result = run("-v", "card", "cadence", "--templates", tmp_path / "mine", "-o", "card.pdf")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "card.pdf\n"
    assert re.fullmatch(
        rf"catalogue: \S+/catalogue\ntemplates: {tmp_path}/mine, then the built-in ones\ndone in \d+\.\d\d s\n",
        result.stderr,
    )


def test_quiet_and_verbose_do_not_go_together(run):
    result = run("-q", "-v", "list")
    assert result.exit_code == 2 and "choose --quiet or --verbose, not both" in result.stderr


def test_version(run):
    assert run("--version").stdout == f"cardgen, version {__version__}\n"


def test_shell_completion_script(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [], prog_name="cardgen", env={"_CARDGEN_COMPLETE": "bash_source"})
    assert result.exit_code == 0
    assert (
        "_cardgen_completion()" in result.stdout
        and "complete -o nosort -F _cardgen_completion cardgen" in result.stdout
    )
    result = CliRunner().invoke(
        cli,
        [],
        prog_name="cardgen",
        env={"_CARDGEN_COMPLETE": "bash_complete", "COMP_WORDS": "cardgen ca", "COMP_CWORD": "1"},
    )
    assert result.stdout.split() == ["plain,card"]
