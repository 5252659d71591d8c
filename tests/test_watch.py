"""--watch: the loop, driven by a fake clock, and the commands that use it."""

import os
from pathlib import Path

import pytest

from cardgen.errors import UserError
from cardgen.watch import changed, snapshot, watch


def touch(file: Path, text: str) -> None:
    file.write_text(text, encoding="utf-8")
    stamp = file.stat().st_mtime_ns + 1_000_000_000  # a clear step, whatever the file system's clock grain
    os.utime(file, ns=(stamp, stamp))


class Clock:
    """A fake ``sleep`` that does something to the files at given looks."""

    def __init__(self, at: dict):
        self.at, self.looks = at, 0

    def __call__(self, seconds: float) -> None:
        assert seconds == 0.5
        self.looks += 1
        if self.looks in self.at:
            self.at[self.looks]()


def test_runs_again_after_each_change_and_only_then(tmp_path):
    (tmp_path / "catalogue").mkdir()
    routines, roster = tmp_path / "catalogue/routines.yaml", tmp_path / "team.yaml"
    touch(routines, "one")
    touch(roster, "one")
    runs, seen = [], []
    clock = Clock(
        {
            2: lambda: touch(routines, "two"),
            5: lambda: touch(roster, "two"),
            6: lambda: touch(tmp_path / "catalogue/.routines.yaml.swp", "x"),
        }
    )
    count = watch(
        lambda: [tmp_path / "catalogue", roster],
        lambda: runs.append(1),
        seen.append,
        pytest.fail,
        stop_after=9,
        sleep=clock,
    )
    assert count == len(runs) == 3
    assert seen == [[routines], [roster]]
    assert clock.looks == 9


def test_a_new_or_removed_file_is_a_change(tmp_path):
    before = snapshot([tmp_path])
    touch(tmp_path / "picture.png", "x")
    middle = snapshot([tmp_path])
    assert changed(before, middle) == [tmp_path / "picture.png"]
    (tmp_path / "picture.png").unlink()
    assert changed(middle, snapshot([tmp_path])) == [tmp_path / "picture.png"]
    assert snapshot([tmp_path / "missing.yaml"]) == {}


def test_a_failing_run_is_reported_and_the_watching_goes_on(tmp_path):
    file = tmp_path / "team.yaml"
    touch(file, "bad")
    errors, runs = [], []

    def action():
        runs.append(file.read_text())
        if file.read_text() == "bad":
            raise UserError("the roster is bad")

    count = watch(
        lambda: [file],
        action,
        lambda files: None,
        errors.append,
        stop_after=3,
        sleep=Clock({1: lambda: touch(file, "good")}),
    )
    assert count == 2 and runs == ["bad", "good"]
    assert [str(e) for e in errors] == ["the roster is bad"]


def test_ctrl_c_stops_cleanly(tmp_path):
    assert watch(lambda: [tmp_path], lambda: None, pytest.fail, pytest.fail, sleep=Clock({1: ctrl_c})) == 1


def ctrl_c() -> None:
    raise KeyboardInterrupt


@pytest.fixture
def clock(monkeypatch):
    """Replaces time.sleep for the command: changes the files as the given steps say, then Ctrl-C."""

    def install(steps: dict):
        clock = Clock(steps | {max(steps, default=0) + 1: ctrl_c})
        monkeypatch.setattr("time.sleep", clock)
        return clock

    return install


def test_card_watch_remakes_the_card_and_keeps_going_after_a_mistake(run, catalogue_copy, clock):
    routines = catalogue_copy / "routines.yaml"
    good = routines.read_text(encoding="utf-8")
    clock(
        {
            1: lambda: touch(routines, good.replace("title: Cadence\n", "title: Cadence!\n  tilte: x\n")),
            2: lambda: touch(routines, good.replace("title: Cadence\n", "title: Quick feet\n")),
        }
    )
    result = run("card", "cadence", "--catalogue", catalogue_copy, "-o", "card.pdf", "--watch")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "card.pdf\ncard.pdf\n"
    lines = result.stderr.splitlines()
    assert lines[0] == f"watching {catalogue_copy}, cardgen's own templates (Ctrl-C to stop)"
    assert lines[1] == f"changed: {routines}"
    assert "unknown key 'tilte'" in lines[2] and lines[3] == "1 problem found."
    assert lines[4:] == [f"changed: {routines}", "stopped watching after 3 runs"]
    from pdfread import flat_text

    assert "Quick feet" in flat_text(Path("card.pdf"))


@pytest.mark.parametrize(
    "command",
    [
        ["sheet", "--roster", "team.yaml", "--runner", "Ann", "-o", "x.pdf"],
        ["handout", "team.yaml", "-o", "x.pdf"],
        ["batch", "team.yaml", "--format", "card", "--jobs", "1"],
    ],
)
def test_every_document_command_watches_the_roster_too(run, clock, command):
    Path("team.yaml").write_text("team: T\nroutine: cadence\nrunners:\n  - name: Ann\n", encoding="utf-8")
    clock({1: lambda: touch(Path("team.yaml"), "team: T\nroutine: cadence\nrunners:\n  - name: Ann\n  - name: Bob\n")})
    result = run(*command, "--watch")
    assert result.exit_code == 0, result.stderr
    assert "changed: team.yaml" in result.stderr and result.stderr.endswith("stopped watching after 2 runs\n")
