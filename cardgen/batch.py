"""A whole team at once: a card and/or sheet per runner, a manifest, and one combined PDF.

Worker processes, forked once WeasyPrint is imported, lay the documents out: a sheet per task,
cards in tasks of up to CARD_RUNNERS_PER_TASK runners whose laid-out faces come back to the main
process, which imposes each runner's card file and the deck from them (no second layout). Each
worker sets up its fonts, stylesheets and templates once, and is replaced after PASSES_PER_WORKER
tasks.
"""

from __future__ import annotations

import atexit
import csv
import io
import logging
import math
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from cardgen.catalogue import Catalogue
from cardgen.documents import LaidOutCards, Maker
from cardgen.errors import UserError
from cardgen.imposer import FacePage, Imposer
from cardgen.labels import DEFAULT
from cardgen.options import FORMATS, PrintOptions
from cardgen.output import deck_file_name, runner_file_name, unique_stems, write_atomically
from cardgen.paper import card_size
from cardgen.roster import Roster

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


def run_batch(
    catalogue: Catalogue,
    roster: Roster,
    folder: Path,
    formats: tuple[str, ...] = FORMATS,
    jobs: int | None = None,
    combined: Path | None = None,
    options: PrintOptions | None = None,
    on_progress: Callable[[int], None] = lambda done: None,
) -> list[Written]:
    """Make every runner's files in ``folder``, write ``manifest.csv`` and, if asked, ``combined``.

    Sheets are laid out a runner at a time across the workers. Cards are laid out a face at a
    time, each distinct face once (the backs of one routine are the same for the whole team),
    a share of the team per worker; every runner's own file and the deck of everyone's cards
    are then put together from those faces, with no second layout.

    Each runner's own card file has one card a page; with ``options.card_paper`` the deck of
    everyone's cards is laid out N-up on that paper too."""
    options = options or PrintOptions()
    check_writable(folder)
    if combined:
        check_writable(combined.parent)
    stems = unique_stems([runner.name for runner in roster.runners])
    count = len(roster.runners)
    jobs = max(1, min(jobs or os.cpu_count() or 1, count))
    tasks = [("sheet", [index]) for index in range(count)] if "sheet" in formats else []
    if "card" in formats:
        share = max(1, min(CARD_RUNNERS_PER_TASK, math.ceil(count / jobs)))
        tasks += [("card", list(range(start, min(start + share, count)))) for start in range(0, count, share)]
    written: dict[tuple[int, str], Written] = {}
    laid_parts: list[tuple[list[int], LaidOutCards]] = []

    def collect(format: str, indices: list[int], result) -> None:
        if format == "card":
            laid_parts.append((indices, result))
            return
        pdf, pages = result
        file = folder / runner_file_name(stems[indices[0]], format)
        write_atomically(file, pdf)
        written[indices[0], format] = Written(roster.runners[indices[0]].name, format, file, pages)
        on_progress(1)

    own = replace(options, card_paper=None)  # each runner's own files: one card a page
    if jobs == 1:
        _start_worker(catalogue, roster, own)
        try:
            for format, indices in tasks:
                collect(format, indices, _lay_out(format, indices))
        finally:
            _worker.clear()
    else:
        log_level = logging.getLogger("cardgen").getEffectiveLevel()
        context = workers_context()
        # Fresh workers for every stretch of passes (not max_tasks_per_child: on Python 3.11 a pool
        # that replaces its workers can hang once they have all been replaced).
        stretch = jobs * PASSES_PER_WORKER
        for first in range(0, len(tasks), stretch):
            part = tasks[first : first + stretch]
            with ProcessPoolExecutor(
                jobs, context, initializer=_start_worker, initargs=(catalogue, roster, own, log_level)
            ) as pool:
                for (format, indices), result in zip(part, pool.map(_lay_out, *zip(*part))):
                    collect(format, indices, result)

    deck = (
        write_cards(catalogue, roster, folder, options, laid_parts, stems, written, on_progress) if laid_parts else []
    )
    rows = [written[index, format] for index in range(count) for format in formats] + deck
    write_manifest(folder / "manifest.csv", rows)
    if combined:  # the print-ready file: the deck's pages for the cards when there is a deck
        parts = [row.file for row in rows if not (deck and row.format == "card")]
        lang = options.lang or roster.lang or DEFAULT
        write_combined(combined, parts, roster.team or "", lang, options.pdf_variant == "pdf/ua-1")
    return rows


# Runners whose cards one worker lays out in one go: their distinct faces in one pass.
CARD_RUNNERS_PER_TASK = 100


def write_cards(
    catalogue: Catalogue,
    roster: Roster,
    folder: Path,
    options: PrintOptions,
    laid_parts: list[tuple[list[int], LaidOutCards]],
    stems: list[str],
    written: dict,
    on_progress: Callable[[int], None],
) -> list[Written]:
    """Every runner's own card file, and with ``options.card_paper`` everyone's cards N-up in one file, put
    together from the faces the workers laid out."""
    maker = Maker(catalogue, replace(options, card_paper=None))
    laid = merge_laid_out(laid_parts, len(roster.runners))
    size = card_size(options.card_size)
    imposer = Imposer(laid.sources, (size.width, size.height))
    for index, runner in enumerate(roster.runners):
        file = folder / runner_file_name(stems[index], "card")
        write_atomically(file, maker.cards_pdf(laid, [index], imposer))
        written[index, "card"] = Written(runner.name, "card", file, maker.card_pages_count(len(laid.cards[index])))
        on_progress(1)
    if not options.card_paper:
        return []
    deck = Maker(catalogue, options)
    file = folder / deck_file_name(options.card_paper)
    write_atomically(file, deck.cards_pdf(laid, None, imposer))
    return [Written("(everyone)", "card sheets", file, deck.card_pages_count(sum(len(cards) for cards in laid.cards)))]


def merge_laid_out(parts: list[tuple[list[int], LaidOutCards]], count: int) -> LaidOutCards:
    """The cards of all runners, from the workers' shares, their face PDFs numbered on."""
    merged = LaidOutCards([[] for _ in range(count)], [], {}, {}, [0] * count, [False] * count)
    for indices, laid in parts:
        offset = len(merged.sources)
        merged.sources.extend(laid.sources)
        for key, face in laid.at.items():
            merged.at.setdefault(key, FacePage(face.source + offset, face.page))
        merged.measures.update(laid.measures)
        for index, cards, passes, stamped in zip(indices, laid.cards, laid.passes, laid.stamped):
            merged.cards[index], merged.passes[index], merged.stamped[index] = cards, passes, stamped
    return merged


def workers_context():
    """Where the platform allows, workers are forked from this process once it has loaded the PDF
    engine (not set it up: that is each worker's own), so a worker starts in milliseconds rather
    than the second that importing WeasyPrint takes."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    from cardgen.layout import import_engine

    import_engine()
    return multiprocessing.get_context("fork")


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


def write_combined(file: Path, parts: list[Path], title: str = "", lang: str = "", ua: bool = False) -> None:
    """One print-ready PDF of all ``parts``, in order, their structure trees kept."""
    from cardgen.merging import merged

    write_atomically(file, merged(parts, title, lang, ua))


# The worker's own Maker and roster, set once per process by _start_worker.
_worker: dict = {}


def _start_worker(catalogue: Catalogue, roster: Roster, options: PrintOptions, log_level: int | None = None) -> None:
    if multiprocessing.parent_process() is not None:
        _end_with_parent()
    if log_level is not None:
        logger = logging.getLogger("cardgen")
        logger.setLevel(log_level)
        if not logger.handlers:  # a spawned worker inherits no handler: print notes as the CLI does
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("note: %(message)s"))
            logger.addHandler(handler)
    _worker["maker"] = Maker(catalogue, options)
    _worker["roster"] = roster
    # Let WeasyPrint's font set-up go before the interpreter winds down, or its clean-up complains.
    atexit.register(_worker.clear)


def _end_with_parent() -> None:
    """A worker process ends when the batch's main process does, even when that is killed outright
    (SIGKILL, the OOM killer, a CI timeout), instead of living on asleep: on Linux the kernel
    tells it (PR_SET_PDEATHSIG); elsewhere, and as a fallback, a thread notices its new parent."""
    process = multiprocessing.parent_process()
    assert process is not None, "only a worker ends with its parent"
    parent = process.pid
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent was gone before the kernel was told
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _lay_out(format: str, indices: list[int]):
    """A worker's task: one runner's sheet (PDF, pages), or the cards of ``indices`` laid out."""
    maker: Maker = _worker["maker"]
    roster: Roster = _worker["roster"]
    plans = [maker.plan(roster.routine_of(roster.runners[i]), roster.runners[i], roster) for i in indices]
    if format == "card":
        return maker.lay_out_cards(plans)
    document = maker.press.lay_out(maker.sheets_html(plans, roster))
    return maker.press.write(document), len(document.pages)
