"""Watching files: make the documents again whenever a file they are made from changes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

POLL_SECONDS = 0.5

Snapshot = dict[Path, tuple[int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Every file of ``paths`` (a folder counts with all the files below it), with its
    modification time and size. Hidden files and editors' backups (``.x.swp``, ``x~``) don't count."""
    found: Snapshot = {}
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.name.startswith(".") or file.name.endswith("~"):
                continue
            try:
                status = file.stat()
            except OSError:
                continue  # gone, or never there: its absence is what the snapshot records
            if not file.is_dir():
                found[file] = (status.st_mtime_ns, status.st_size)
    return found


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    """The files added, removed or changed between two snapshots."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def watch(
    paths: Callable[[], Iterable[Path]],
    action: Callable[[], None],
    on_change: Callable[[list[Path]], None],
    on_error: Callable[[BaseException], None],
    *,
    interval: float = POLL_SECONDS,
    stop_after: int | None = None,
    sleep: Callable[[float], None] | None = None,
) -> int:
    """Run ``action``, then again each time a file of ``paths()`` changes, looking every
    ``interval`` seconds; until Ctrl-C, or ``stop_after`` looks (for tests, with a fake ``sleep``).

    ``paths`` is asked again after every run, since what to watch may change with the files
    (the roster names another catalogue, say). A failing run is handed to ``on_error`` and the
    watching goes on. Returns how many times ``action`` ran."""
    sleep = sleep or time.sleep
    runs, looks = 0, 0
    try:
        while True:
            before = snapshot(paths())  # taken first, so a change made during the run is seen next
            try:
                runs += 1
                action()
            except Exception as error:  # noqa: BLE001 - reported; the next change may fix it
                on_error(error)
            while True:
                if stop_after is not None and looks >= stop_after:
                    return runs
                sleep(interval)
                looks += 1
                after = snapshot(paths())
                if difference := changed(before, after):
                    on_change(difference)
                    break
    except KeyboardInterrupt:
        return runs
