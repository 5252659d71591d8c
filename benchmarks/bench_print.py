"""Print production figures, measured in one run (not a test): python benchmarks/bench_print.py

1. A whole deck: 120 A7 cards, each with QR codes, laid out N-up on A4 with crop marks and their
   backs (long-edge duplex), by cardgen, and by a ReportLab script that draws the same deck the
   way a quick peer tool would (no fitting, no shaping, no font subsetting of CJK): the ratio.
2. A CJK name must not make a card slow or heavy: the same card with a Chinese name and with a
   Latin name, interleaved runs, median time and file size: the ratios (targets 1.5× and 2×).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.documents import Maker
from cardgen.options import PrintOptions
from cardgen.roster import load_roster

VIDEOS = ["c5Kv6-fnTj8", "VzIcGAgBiaM", "SnNlrFcXjVU", "GcZJhNi2yOM"]


def cpu_name() -> str:
    return next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )


def machine() -> str:
    cpu = cpu_name()
    subset = (
        "yes"
        if "harfbuzz-subset" in subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
        else "no"
    )
    import weasyprint

    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
        f"libharfbuzz-subset: {subset}"
    )


def catalogue_with_videos(folder: Path) -> Path:
    """The bundled catalogue with a demo video on every exercise, so every card carries QR codes."""
    target = folder / "catalogue"
    shutil.copytree(bundled("catalogue"), target)
    exercises = yaml.safe_load((target / "exercises.yaml").read_text(encoding="utf-8"))
    for index, exercise in enumerate(exercises):
        exercise["video"] = {"url": f"https://youtu.be/{VIDEOS[index % len(VIDEOS)]}", "start": 30 * index}
    (target / "exercises.yaml").write_text(
        yaml.safe_dump(exercises, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


def deck_roster(folder: Path, count: int) -> Path:
    names = ["Ann Lee", "Bo Chen", "Zoë Ångström", "Ivan Petrov", "Maya Cruz", "Tom Reid"]
    runners = [
        {"name": f"{names[i % len(names)]} {i + 1}", "routine": ["cadence", "explosive-swift"][i % 2]}
        for i in range(count)
    ]
    file = folder / "deck.yaml"
    file.write_text(
        yaml.safe_dump({"team": "Deck", "runners": runners}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return file


def cardgen_deck(catalogue_dir: Path, roster_file: Path, out: Path) -> tuple[float, int, int]:
    """cardgen's whole job for the deck, timed from reading the files to the written PDF."""
    start = time.perf_counter()
    catalogue = load_catalogue(catalogue_dir)
    roster = load_roster(roster_file, catalogue)
    maker = Maker(catalogue, PrintOptions(card_size="a7", card_paper="a4", backs="duplex"))
    plans = [maker.plan(roster.routine_of(runner), runner, roster) for runner in roster.runners]
    laid = maker.lay_out_cards(plans)
    out.write_bytes(maker.cards_pdf(laid))
    return (
        time.perf_counter() - start,
        sum(len(cards) for cards in laid.cards),
        maker.card_pages_count(sum(len(c) for c in laid.cards)),
    )


def reportlab_deck(catalogue_dir: Path, roster_file: Path, out: Path, per_sheet: int) -> float:
    """The peer: a ReportLab script drawing the same 120 cards and backs, N-up with crop marks."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    start = time.perf_counter()
    catalogue = load_catalogue(catalogue_dir)
    roster = load_roster(roster_file, catalogue)
    page = canvas.Canvas(str(out), pagesize=A4)
    card_w, card_h = 74 * mm, 105 * mm
    columns = 2
    left, top = (A4[0] - columns * card_w) / 2, A4[1] - (A4[1] - 2 * card_h) / 2
    runners = roster.runners
    for first in range(0, len(runners), per_sheet):
        group = runners[first : first + per_sheet]
        for side in ("front", "back"):
            for slot, runner in enumerate(group):
                row, column = divmod(slot, columns)
                if side == "back":
                    column = columns - 1 - column
                x, y = left + column * card_w, top - (row + 1) * card_h
                routine = catalogue.routines[roster.routine_of(runner)]
                items = [catalogue.exercises[item.id] for block in routine.blocks for item in block.exercises]
                if side == "front":
                    page.setFont("Helvetica-Bold", 12)
                    page.drawString(x + 5 * mm, y + card_h - 10 * mm, routine.title)
                    page.setFont("Helvetica", 8)
                    page.drawString(x + 5 * mm, y + card_h - 15 * mm, runner.name)
                    for n, exercise in enumerate(items):
                        page.setFont("Helvetica-Bold", 9)
                        page.drawString(x + 5 * mm, y + card_h - (24 + 12 * n) * mm, exercise.name)
                        page.setFont("Helvetica", 7)
                        page.drawString(x + 5 * mm, y + card_h - (28 + 12 * n) * mm, (exercise.cues or [""])[0][:60])
                else:
                    for n, exercise in enumerate(items):
                        link = f"{exercise.video.url}?t={exercise.video.start}"
                        widget = QrCodeWidget(link, barLevel="M")
                        bounds = widget.getBounds()
                        size = 22 * mm
                        drawing = Drawing(
                            size,
                            size,
                            transform=[size / (bounds[2] - bounds[0]), 0, 0, size / (bounds[3] - bounds[1]), 0, 0],
                        )
                        drawing.add(widget)
                        renderPDF.draw(
                            drawing, page, x + (5 + (n % 2) * 32) * mm, y + card_h - (35 + (n // 2) * 32) * mm
                        )
                # Crop marks at the card's corners, outside it.
                page.setLineWidth(0.25)
                for cx, cy in ((x, y), (x + card_w, y), (x, y + card_h), (x + card_w, y + card_h)):
                    page.line(cx, cy - 8 * mm if cy == y else cy + 3 * mm, cx, cy - 3 * mm if cy == y else cy + 8 * mm)
            page.showPage()
    page.save()
    return time.perf_counter() - start


def one_card(maker: Maker, roster, name: str) -> tuple[float, int]:
    runner = roster.runner(name)
    start = time.perf_counter()
    pdf = maker.pdf("card", maker.plan(roster.routine_of(runner), runner, roster))
    return time.perf_counter() - start, len(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=7, help="runs of each single card, interleaved")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        catalogue_dir = catalogue_with_videos(folder)
        roster_file = deck_roster(folder, args.cards)

        print(
            f"\n1. A deck of {args.cards} A7 cards with their backs, N-up on A4 with crop marks, "
            "a QR code on every card"
        )
        ours, cards, pages = cardgen_deck(catalogue_dir, roster_file, folder / "deck.pdf")
        per_sheet = 4  # cardgen's count for A7 on A4 with marks and 12 mm margins; the peer is given the same
        theirs = reportlab_deck(catalogue_dir, roster_file, folder / "peer.pdf", per_sheet)
        print(
            f"   cardgen:   {ours:6.2f} s  ({cards} cards, {pages} pages, "
            f"{(folder / 'deck.pdf').stat().st_size / 1024:.0f} KB)"
        )
        print(
            f"   ReportLab: {theirs:6.2f} s  (same cards, {per_sheet}-up, no text shaping or fitting; "
            f"{(folder / 'peer.pdf').stat().st_size / 1024:.0f} KB)"
        )
        print(
            f"   cardgen ÷ ReportLab = {ours / theirs:.2f}   (target: cardgen no slower than the ~2.5 s peer: "
            f"{'PASS' if ours <= 2.5 else 'MISS'} at {ours:.2f} s)"
        )

        print("\n2. The same card with a Chinese name and with a Latin name")
        team = folder / "names.yaml"
        team.write_text(
            "team: T\nroutine: sample-training\nrunners:\n  - name: Bruce Lee\n    notes: Keep it light.\n"
            "  - name: 李小龙\n    notes: Keep it light.\n",
            encoding="utf-8",
        )
        catalogue = load_catalogue(catalogue_dir)
        roster = load_roster(team, catalogue)
        maker = Maker(catalogue)
        one_card(maker, roster, "Bruce Lee")  # warm up: fonts, templates
        latin, cjk = [], []
        for _ in range(args.repeat):
            latin.append(one_card(maker, roster, "Bruce Lee"))
            cjk.append(one_card(maker, roster, "李小龙"))
        latin_time, cjk_time = statistics.median(t for t, _ in latin), statistics.median(t for t, _ in cjk)
        latin_size, cjk_size = latin[0][1], cjk[0][1]
        print(f"   Latin name: {latin_time * 1000:7.0f} ms, {latin_size / 1024:6.1f} KB")
        print(f"   CJK name:   {cjk_time * 1000:7.0f} ms, {cjk_size / 1024:6.1f} KB")
        print(
            f"   time ratio {cjk_time / latin_time:.2f} "
            f"(target ≤ 1.5: {'PASS' if cjk_time / latin_time <= 1.5 else 'MISS'}), "
            f"size ratio {cjk_size / latin_size:.2f} (target ≤ 2: {'PASS' if cjk_size / latin_size <= 2 else 'MISS'})"
        )


if __name__ == "__main__":
    main()
