"""Writing finished files: whole or not at all, under names made in one place."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from cardgen.errors import UserError


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed into place,
    so a failure never leaves a half-written file or replaces a good one with a broken one.

    A symbolic link is written through (its target is replaced); anything else that is not a
    regular file (a folder, a device, a pipe) is refused; a replaced file keeps its permissions.
    """
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        raise UserError(f"{path} exists and is not a regular file; choose another name")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if temporary:
            Path(temporary).unlink(missing_ok=True)


# Characters no file system or archive takes well in a name; they become "-".
_UNSAFE = set('<>:"/\\|?*') | {chr(c) for c in range(32)} | {"\x7f"}
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
MAX_NAME_BYTES = 120


def file_stem(name: str) -> str:
    """A file name made from a person's name: readable in any script (李小龙 stays 李小龙),
    no path separators or control characters, not hidden, not a reserved device name, not too long."""
    stem = unicodedata.normalize("NFC", name)
    stem = "".join("-" if ch in _UNSAFE or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in stem)
    stem = " ".join(stem.split()).strip(" .-") or "runner"
    while len(stem.encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    if stem.split(".")[0].casefold() in _RESERVED:
        stem = f"{stem}_"
    return stem


def unique_stems(names: list[str]) -> list[str]:
    """``file_stem`` of each name; names that would share a file (also on a case-insensitive
    file system) get " (2)", " (3)"… so nobody's file overwrites another's."""
    taken: set[str] = set()
    stems = []
    for name in names:
        stem = base = file_stem(name)
        count = 1
        while stem.casefold() in taken:
            count += 1
            stem = f"{base} ({count})"
        taken.add(stem.casefold())
        stems.append(stem)
    return stems


# Where files go when the command line names no other place.
OUTPUT_FOLDER = Path("output")


def document_name(format: str, routine_id: str, runner: str | None = None, html: bool = False) -> str:
    """The file name of one card or sheet (``format``): ``cadence-card.pdf`` for a routine,
    ``Ann Lee - card.pdf`` for a runner."""
    stem = f"{file_stem(runner)} - {format}" if runner else f"{routine_id}-{format}"
    return f"{stem}.{'html' if html else 'pdf'}"


def runner_file_name(stem: str, format: str) -> str:
    """A batch's file for one runner, from their ``unique_stems`` stem: ``Ann Lee - sheet.pdf``."""
    return f"{stem} - {format}.pdf"


def deck_file_name(paper: str) -> str:
    """A batch's file of everyone's cards N-up on ``paper``."""
    return f"All cards on {paper.upper() if paper == 'a4' else paper.capitalize()}.pdf"


def team_folder(team: str) -> Path:
    """Where a batch writes a team's files by default."""
    return OUTPUT_FOLDER / file_stem(team)


def handout_path(team: str, html: bool = False) -> Path:
    """Where the team handout goes by default."""
    return OUTPUT_FOLDER / f"{file_stem(team)} - handout.{'html' if html else 'pdf'}"


@contextmanager
def scratch_folder():
    """A temporary folder of the run's own for the engine, removed at the end. WeasyPrint copies
    each font it registers into a temporary folder that it removes only when its font set-up is
    garbage-collected, which never happens in a batch worker (it ends without collecting) and not
    always at exit: left to itself it would leave a font folder behind in /tmp at most runs.
    Workers, forked, inherit the folder."""
    with tempfile.TemporaryDirectory(prefix="cardgen-") as folder:
        previous, tempfile.tempdir = tempfile.tempdir, folder
        try:
            yield
        finally:
            tempfile.tempdir = previous


def imported_folder(notes: Path) -> Path:
    """Where ``cardgen import`` writes the catalogue of ``notes`` by default."""
    return Path(f"catalogue-from-{notes.stem}")
