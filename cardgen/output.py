"""Writing finished files: whole or not at all."""

from __future__ import annotations

import os
import unicodedata
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed into place,
    so a failure never leaves a half-written file or replaces a good one with a broken one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
