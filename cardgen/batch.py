"""A whole team at once: a card and/or sheet per runner, a manifest, and one combined PDF.

Runners are laid out many at a time (one WeasyPrint pass over a chunk of runners, then each
runner's pages copied into their own file), in parallel worker processes, each of which sets up
its fonts, stylesheets and templates once.
"""

from __future__ import annotations

import atexit
import csv
import io
import logging
import math
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from cardgen.catalogue import Catalogue
from cardgen.documents import FORMATS, Maker
from cardgen.errors import UserError
from cardgen.output import unique_stems, write_atomically
from cardgen.roster import Roster

# Runners laid out in one pass. Measured on 100 runners (benchmarks/), more runners a pass made
# each one slower (502 ms at 1, 533 at 5, 568 at 20, CPU per runner) and the workers bigger
# (131, 148, 264 MB): the shared Press, not a shared layout, is what saves the time.
RUNNERS_PER_PASS = 1
# A worker's memory creeps up by a fraction of a megabyte a runner and is never given back, so
# each worker is replaced after this many passes; a fresh one costs about a second.
PASSES_PER_WORKER = 100


@dataclass(frozen=True)
class Written:
    """One row of the manifest."""

    runner: str
    format: str
    file: Path
    pages: int


@dataclass(frozen=True)
class Settings:
    """How every runner's documents are made (the Maker's settings), and whether to lay all the
    cards out N-up on ``deck_sheet`` paper too."""

    maker: dict = field(default_factory=dict)
    deck_sheet: str | None = None


def run_batch(catalogue: Catalogue, roster: Roster, folder: Path, formats: tuple[str, ...] = FORMATS,
              jobs: int | None = None, combined: Path | None = None, settings: Settings = Settings(),
              on_progress: Callable[[int], None] = lambda done: None) -> list[Written]:
    """Make every runner's files in ``folder``, write ``manifest.csv`` and, if asked, ``combined``."""
    check_writable(folder)
    if combined:
        check_writable(combined.parent)
    stems = unique_stems([runner.name for runner in roster.runners])
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(roster.runners)))
    per_pass = max(1, min(RUNNERS_PER_PASS, math.ceil(len(roster.runners) / jobs)))
    tasks = [(kind, list(range(start, min(start + per_pass, len(roster.runners)))))
             for kind in formats for start in range(0, len(roster.runners), per_pass)]
    written: dict[tuple[int, str], Written] = {}

    def collect(kind: str, indices: list[int], results: list[tuple[bytes, int]]) -> None:
        for index, (pdf, pages) in zip(indices, results):
            file = folder / f"{stems[index]} - {kind}.pdf"
            write_atomically(file, pdf)
            written[index, kind] = Written(roster.runners[index].name, kind, file, pages)
        on_progress(len(indices))

    if jobs == 1:
        _start_worker(catalogue, roster, settings)
        try:
            for kind, indices in tasks:
                collect(kind, indices, _lay_out(kind, indices))
        finally:
            _worker.clear()
    else:
        notes = logging.getLogger("cardgen").getEffectiveLevel()
        # Fresh workers for every stretch of passes (not max_tasks_per_child: on Python 3.11 a pool
        # that replaces its workers can hang once they have all been replaced).
        stretch = jobs * PASSES_PER_WORKER
        for first in range(0, len(tasks), stretch):
            part = tasks[first:first + stretch]
            with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(catalogue, roster, settings, notes)) as pool:
                for (kind, indices), results in zip(part, pool.map(_lay_out, *zip(*part))):
                    collect(kind, indices, results)

    rows = [written[index, kind] for index in range(len(roster.runners)) for kind in formats]
    if settings.deck_sheet and "card" in formats:
        rows.append(write_deck(catalogue, roster, folder, settings))
    write_manifest(folder / "manifest.csv", rows)
    if combined:
        write_combined(combined, [row.file for row in rows])
    return rows


def write_deck(catalogue: Catalogue, roster: Roster, folder: Path, settings: Settings) -> Written:
    """Every runner's cards N-up on sheets, in one file, to print and cut."""
    maker = Maker(catalogue, **settings.maker, sheet=settings.deck_sheet)
    plans = [maker.plan(roster.routine_of(runner), runner, roster) for runner in roster.runners]
    document = maker.lay_out("card", plans)
    file = folder / f"All cards on {settings.deck_sheet.upper() if settings.deck_sheet == 'a4' else 'Letter'}.pdf"
    write_atomically(file, maker.press.write(document))
    return Written("(everyone)", "card sheets", file, len(document.pages))


def check_writable(folder: Path) -> None:
    """Fail before any work is done when ``folder`` cannot be written to."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise UserError(f"cannot write to the folder {folder}: {error.strerror or error}") from None


def write_manifest(file: Path, rows: list[Written]) -> None:
    text = io.StringIO()
    table = csv.writer(text, lineterminator="\n")
    table.writerow(["runner", "format", "file", "pages"])
    for row in rows:
        table.writerow([row.runner, row.format, row.file.name, row.pages])
    write_atomically(file, text.getvalue())


def write_combined(file: Path, parts: list[Path]) -> None:
    """One print-ready PDF of all ``parts``, in order."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(str(part))
    buffer = io.BytesIO()
    writer.write(buffer)
    write_atomically(file, buffer.getvalue())


# The worker's own Maker and roster, set once per process by _start_worker.
_worker: dict = {}


def _start_worker(catalogue: Catalogue, roster: Roster, settings: Settings, notes: int | None = None) -> None:
    if notes is not None:
        logger = logging.getLogger("cardgen")
        logger.setLevel(notes)
        if not logger.handlers:  # a spawned worker inherits no handler: print notes as the CLI does
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("note: %(message)s"))
            logger.addHandler(handler)
    _worker["maker"] = Maker(catalogue, **settings.maker)
    _worker["roster"] = roster
    # Let WeasyPrint's font set-up go before the interpreter winds down, or its clean-up complains.
    atexit.register(_worker.clear)


def _lay_out(kind: str, indices: list[int]) -> list[tuple[bytes, int]]:
    maker: Maker = _worker["maker"]
    roster: Roster = _worker["roster"]
    plans = [maker.plan(roster.routine_of(roster.runners[i]), roster.runners[i], roster) for i in indices]
    return maker.each(kind, plans, roster)
