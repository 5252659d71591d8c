"""Pictures a catalogue or roster names (an exercise photo, a team logo), read safely.

Only files inside the folder of the file that names them are read: no absolute paths, no
``..``, no symbolic link that leads out of the folder. They travel into the document as
``data:`` URIs, so rendering itself reads nothing of the user's.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

PICTURE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
MAX_PICTURE_BYTES = 5 * 1024 * 1024


def check_picture(name: str, folder: Path) -> str | None:
    """Why ``name`` (relative to ``folder``) can't be used as a picture, or None when it can."""
    if "://" in name or name.startswith(("data:", "/", "\\")) or Path(name).is_absolute():
        return f"'{name}' must be a file in the same folder as this file (or below it), not an address or an absolute path"
    suffix = Path(name).suffix.lower()
    if suffix not in PICTURE_TYPES:
        return f"'{name}' is not a picture cardgen prints: use PNG, JPEG or SVG"
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        return f"'{name}' leads out of the folder {folder}; pictures must be inside it"
    if not path.is_file():
        return f"no picture '{name}' in {folder}"
    if path.stat().st_size > MAX_PICTURE_BYTES:
        return f"'{name}' is larger than {MAX_PICTURE_BYTES // (1024 * 1024)} MB"
    return None


@functools.lru_cache(maxsize=256)
def picture_data_uri(path: Path) -> str:
    """The checked picture at ``path`` as a ``data:`` URI."""
    mime = PICTURE_TYPES[path.suffix.lower()]
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"
