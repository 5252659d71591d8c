"""A whole team through ``cardgen batch``: every runner's own files, read back."""

import csv
from pathlib import Path

import pytest
from pdfread import flat_text, pages, qr_codes

ROSTER = Path(__file__).parent / "data" / "roster.yaml"


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from cardgen.cli import cli

    folder = tmp_path_factory.mktemp("team")
    result = CliRunner().invoke(
        cli,
        ["batch", str(ROSTER), "-o", str(folder / "out"), "--combined", str(folder / "all.pdf"), "--jobs", "2"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output + result.stderr
    assert "10 files for 5 runners" in result.stdout
    return folder


def manifest(team: Path) -> list[dict]:
    with open(team / "out" / "manifest.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_a_file_per_runner_and_format_named_after_the_runner(team):
    rows = manifest(team)
    assert [(r["runner"], r["format"]) for r in rows] == [
        (name, kind)
        for name in ["Runner One", "李小龙", "Zoë Ångström", "A/B Test", "a-b test"]
        for kind in ("card", "sheet")
    ]
    files = [r["file"] for r in rows]
    assert files[:6] == [
        "Runner One - card.pdf",
        "Runner One - sheet.pdf",
        "李小龙 - card.pdf",
        "李小龙 - sheet.pdf",
        "Zoë Ångström - card.pdf",
        "Zoë Ångström - sheet.pdf",
    ]
    # A path separator never makes a folder; names that clash on a case-blind disk never overwrite each other.
    assert files[6:] == [
        "A-B Test - card.pdf",
        "A-B Test - sheet.pdf",
        "a-b test (2) - card.pdf",
        "a-b test (2) - sheet.pdf",
    ]
    assert sorted(p.name for p in (team / "out").iterdir()) == sorted(files + ["manifest.csv"])
    for row in rows:
        assert int(row["pages"]) == len(pages(team / "out" / row["file"]))


def test_each_runner_gets_their_own_routine(team):
    out = team / "out"
    for kind in ("card", "sheet"):
        one = flat_text(out / f"Runner One - {kind}.pdf")
        assert "Runner One" in one and "Keep the cadence drills light this month." in one
        assert "Cadence" in one and "4 sets × 12" in one and "20 kg" in one and "Rope jump" in one
        assert "Nordic hamstring curl" not in one
        bruce = flat_text(out / f"李小龙 - {kind}.pdf")
        assert "李小龙" in bruce and "30 kg" in bruce and "12.5 kg" in bruce and "Nordic" not in bruce
        zoe = flat_text(out / f"Zoë Ångström - {kind}.pdf")
        assert "Zoë Ångström" in zoe and "4 sets × 8–10" in zoe
        assert "Lunge circuit" not in zoe and "Toe raise" not in zoe


def test_skipped_exercises_have_no_qr_code(team):
    codes = [c.text for c in qr_codes(team / "out" / "Zoë Ångström - card.pdf")]
    assert codes == ["https://youtu.be/c5Kv6-fnTj8"]


def test_sheet_log_is_dated_from_the_roster_start(team):
    text = flat_text(team / "out" / "李小龙 - sheet.pdf")
    assert "7 Dec" in text and "14 Dec" in text and "11 Jan" in text


def test_combined_pdf_has_every_page_in_order(team):
    rows = manifest(team)
    combined = pages(team / "all.pdf")
    assert len(combined) == sum(int(r["pages"]) for r in rows)
    assert "Runner One" in combined[0].text and (round(combined[0].width_mm), round(combined[0].height_mm)) == (
        105,
        148,
    )


def test_batch_cards_match_a_single_card(team, run):
    result = run("card", "--roster", ROSTER, "--runner", "Zoë Ångström", "-o", "zoe.pdf")
    assert result.exit_code == 0, result.stderr
    assert flat_text(Path("zoe.pdf")) == flat_text(team / "out" / "Zoë Ångström - card.pdf")


def test_batch_to_an_unwritable_folder_fails_before_any_work(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("batch", ROSTER, "-o", blocker / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write to the folder {blocker / 'out'}")


def test_default_folder_is_named_after_the_team(run):
    result = run("batch", ROSTER, "--format", "card", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert len(list(Path("output/Riverside Harriers").glob("*.pdf"))) == 5


def cardgen_processes(token: str) -> list[int]:
    """Processes whose command line holds ``token`` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and token in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            pass  # gone meanwhile
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="finds processes through /proc")
def test_workers_end_when_the_batch_is_killed(tmp_path):
    """SIGKILL the main process of a running batch: its workers are gone within 10 s, and every
    PDF it left is complete."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from pypdf import PdfReader

    team = tmp_path / "killed-team.yaml"
    team.write_text(
        "team: K\nroutine: sample-training\nrunners:\n" + "".join(f"  - name: Runner {n}\n" for n in range(60)),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    batch = subprocess.Popen(
        [sys.executable, "-m", "cardgen", "batch", str(team), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob("*.pdf")) and time.monotonic() < deadline and batch.poll() is None:
            time.sleep(0.2)
        workers = [pid for pid in cardgen_processes(str(team)) if pid != batch.pid]
        assert batch.poll() is None and len(workers) == 2, "the batch should be running, with its two workers"
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait()
        time.sleep(10)
        assert cardgen_processes(str(team)) == [], "no worker outlives its batch"
    finally:
        for pid in cardgen_processes(str(team)):
            os.kill(pid, signal.SIGKILL)
    pdfs = sorted(out.glob("*.pdf"))
    assert pdfs and len(pdfs) < 120, "killed mid-way"
    assert [file.name for file in out.iterdir() if not file.name.startswith(".")] == [
        file.name for file in out.iterdir() if file.suffix == ".pdf"
    ]
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) >= 1, pdf


def test_a_batch_leaves_nothing_in_the_temporary_folder(tmp_path):
    """WeasyPrint copies every font it registers to a temporary folder it removes only when the
    font set-up is garbage-collected, which a worker never does: 14 MB left in /tmp per worker
    and run, until the run got a scratch folder of its own. Run as a user does, in a process."""
    import os
    import subprocess
    import sys

    team = tmp_path / "team.yaml"
    team.write_text(
        "team: T\nroutine: cadence\nrunners:\n" + "".join(f"  - name: Runner {n}\n" for n in range(4)),
        encoding="utf-8",
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [sys.executable, "-m", "cardgen", "batch", str(team), "--format", "both", "--sheet", "a4"]
    subprocess.run(
        [*command, "--jobs", "2", "-o", str(tmp_path / "out")],
        check=True,
        capture_output=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 9, "4 cards, 4 sheets and the deck"
    assert list(scratch.iterdir()) == []
