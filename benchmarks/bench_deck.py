"""Cards as a user makes them, timed from outside as whole processes, against the peer in the same
run (not a test): python benchmarks/bench_deck.py

1. `cardgen card cadence` (A6, fits at once) and `cardgen card sample-training --size wallet
   --duplex` (continued cards with backs): medians of --repeat runs.
2. The team deck: `cardgen batch` of 120 runners, A7 cards with backs, 8-up on A4 with shared
   cuts (`--format card --size a7 --sheet a4 --duplex --gutter 0`), against kibon's ReportLab
   script printing its own 120-card deck (A7, 8-up on landscape A4, backs), run in a temporary
   copy of ../shared/peers/kibon in a venv of its own. The two alternate, --repeat times each;
   the figure is the ratio of the medians, and the size of the sheets file against kibon's PDF.

Every process is started from a shell, start-up included; the machine's load is printed before
and after, since these machines are shared: compare ratios, not seconds. CPU time (user and
system, workers included) is printed beside the wall time: it moves far less with the load.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from bench_print import catalogue_with_videos, cpu_name  # the same catalogue the in-process deck figures use

HERE = Path(__file__).resolve().parent
KIBON = HERE.parent.parent / "shared" / "peers" / "kibon"
NAMES = ["Ann Lee", "Bo Chen", "Zoë Ångström", "Ivan Petrov", "Maya Cruz", "Tom Reid", "李小龙", "Łukasz Wójcik"]


def machine() -> str:
    return f"{cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the process and its workers) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def median(runs: list[tuple[float, float]], which: int) -> float:
    return statistics.median(run[which] for run in runs)


def shown(runs: list[tuple[float, float]]) -> str:
    return (
        f"{median(runs, 0):5.2f} s wall, {median(runs, 1):5.2f} s CPU  "
        f"(runs: {', '.join(f'{wall:.2f}/{cpu:.2f}' for wall, cpu in runs)})"
    )


def deck_workspace(folder: Path, count: int) -> tuple[Path, Path]:
    """The bundled catalogue with a demo video on every exercise (every card has QR codes, as
    kibon's do), and a roster of ``count`` runners on two routines that fit an A7 card."""
    catalogue = catalogue_with_videos(folder)
    runners = [
        {"name": f"{NAMES[i % len(NAMES)]} {i + 1}", "routine": ["cadence", "explosive-swift"][i % 2]}
        for i in range(count)
    ]
    roster = folder / "deck.yaml"
    roster.write_text(
        yaml.safe_dump({"team": "Deck", "runners": runners}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return catalogue, roster


def kibon_copy(folder: Path) -> tuple[Path, Path]:
    """kibon in a folder of its own, with a venv holding what its ABOUT.md asks for."""
    copy = folder / "kibon"
    shutil.copytree(KIBON, copy)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    venv = folder / "kibon-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "pyyaml", "reportlab", "qrcode[pil]", "svglib"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return copy, venv / "bin" / "python"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--runners", type=int, default=120)
    args = parser.parse_args()
    cardgen = shutil.which("cardgen", path=str(Path(sys.executable).parent)) or "cardgen"
    print(f"machine: {machine()}; load {load()}")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)

        print("\n1. Single cards, whole process, median of", args.repeat)
        for command in (["card", "cadence"], ["card", "sample-training", "--size", "wallet", "--duplex"]):
            runs = [timed([cardgen, *command, "-o", "card.pdf"], folder) for _ in range(args.repeat)]
            print(f"   cardgen {' '.join(command):44} {shown(runs)}")

        print(f"\n2. A deck of {args.runners} A7 cards with backs on A4, against kibon's 120-card deck, alternating")
        catalogue, roster = deck_workspace(folder, args.runners)
        kibon, python = kibon_copy(folder)
        ours, theirs = [], []
        deck = [
            "batch",
            str(roster),
            "--catalogue",
            str(catalogue),
            "--format",
            "card",
            "--size",
            "a7",
            "--sheet",
            "a4",
            "--duplex",
            "--gutter",
            "0",
            "-o",
            str(folder / "out"),
        ]
        for _ in range(args.repeat):
            ours.append(timed([cardgen, *deck], folder))
            theirs.append(timed([str(python), "make_pdf_cards.py"], kibon))
        sheets = folder / "out" / "All cards on A4.pdf"
        ours_size, theirs_size = sheets.stat().st_size, (kibon / "kibon.pdf").stat().st_size
        print(f"   cardgen batch: {shown(ours)}, sheets {ours_size / 1024:.0f} KB")
        print(f"   kibon:         {shown(theirs)}, {theirs_size / 1024:.0f} KB")
        ratio = median(ours, 0) / median(theirs, 0)
        print(
            f"   time ratio {ratio:.2f} (target ≤ 1.0: {'PASS' if ratio <= 1 else 'MISS'}); "
            f"CPU ratio {median(ours, 1) / median(theirs, 1):.2f}; "
            f"size ratio {ours_size / theirs_size:.2f} "
            f"(target ≤ 1.5: {'PASS' if ours_size <= 1.5 * theirs_size else 'MISS'})"
        )
    print(f"\nload after: {load()}")


if __name__ == "__main__":
    main()
