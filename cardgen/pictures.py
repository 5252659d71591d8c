"""Pictures a catalogue or roster names (an exercise photo, a team logo), read and checked safely.

Only files inside the folder of the file that names them are read: no absolute paths, no
``..``, no symbolic link that leads out of the folder. Each is checked when the catalogue or
roster is read, by its content, not its name: a PNG or JPEG is decoded for real (its size in
pixels read from the header first, so a picture of a billion pixels is refused before it takes
any memory); an SVG is parsed with a hardened XML parser and refused if it has a DTD, entities,
scripts or any reference to something outside itself. They travel into the document as ``data:``
URIs, so rendering reads nothing of the user's; a warning about one names the file and the line
that named it, never the URI.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

PICTURE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
TYPE_NAMES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG"}
MAX_PICTURE_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
# What an SVG may point at: its own elements, or a PNG or JPEG carried inside it.
INSIDE_SVG = re.compile(r"\s*(#|data:image/(png|jpeg);)", re.IGNORECASE)
NUMBER = r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*"
VIEW_BOX = re.compile(rf"{NUMBER}(,?{NUMBER}){{3}}")
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)|@import", re.IGNORECASE)

# Where each checked picture was named (FILE:LINE: where), and which picture each data: URI is.
_places: dict[Path, str] = {}
_uris: dict[str, Path] = {}


def check_picture(name: str, folder: Path, place: str | None = None) -> str | None:
    """Why ``name`` (relative to ``folder``) can't be used as a picture, or None when it can.
    ``place`` (``FILE:LINE: where``) is remembered, for warnings about it later."""
    if "://" in name or name.startswith(("data:", "/", "\\")) or Path(name).is_absolute():
        return (
            f"'{name}' must be a file in the same folder as this file (or below it), not an address or an absolute path"
        )
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
    data = path.read_bytes()
    mime = sniff(data)
    if mime is None:
        return f"'{name}' is not a PNG, JPEG or SVG picture, whatever its name says"
    if mime != PICTURE_TYPES[suffix]:
        return (
            f"'{name}' is a {TYPE_NAMES[mime]} picture, not {TYPE_NAMES[PICTURE_TYPES[suffix]]}: name it for what it is"
        )
    why_not = _check_svg(data) if mime == "image/svg+xml" else _check_raster(data, TYPE_NAMES[mime])
    if why_not:
        return f"'{name}': {why_not}"
    if place:
        _places[path] = place
    return None


def sniff(data: bytes) -> str | None:
    """A picture's MIME type, from its first bytes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")) and b"<svg" in data[:65536].lower():
        return "image/svg+xml"
    return None


def _check_raster(data: bytes, kind: str) -> str | None:
    """Why a PNG or JPEG won't do: too many pixels (from the header, before decoding), or it doesn't decode."""
    import io

    from PIL import Image, ImageFile

    # The size is checked here, with a clearer message; and a truncated file is broken, whoever
    # (WeasyPrint) asked Pillow to let such files pass.
    bomb_limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return (
                    f"{width:,} × {height:,} pixels ({width * height / 1e6:,.0f} megapixels) is more than the "
                    f"{MAX_PIXELS // 1_000_000} megapixels cardgen prints; make it smaller"
                )
            if kind == "JPEG":
                image.draft(
                    "RGB", (max(1, width // 8), max(1, height // 8))
                )  # decodes it all, at an eighth of the size
            image.load()
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        return f"cannot be read as a {kind} picture ({_short(str(error)) or type(error).__name__})"
    finally:
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = bomb_limit, truncated
    return None


def _check_svg(data: bytes) -> str | None:
    """Why an SVG won't do: no DTD, no entities, nothing it points at outside itself, no scripts."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        return f"an SVG with a DTD or entities is refused ({type(error).__name__}: {_short(str(error))})"
    except (ParseError, LookupError, ValueError) as error:  # LookupError: an encoding Python doesn't know
        return f"is not well-formed XML ({_short(str(error))})"
    if _local(root.tag) != "svg":
        return f"is XML, but not an SVG picture (its root is <{_local(root.tag)}>)"
    if "viewBox" in root.attrib and not VIEW_BOX.fullmatch(root.attrib["viewBox"]):
        return f"its viewBox '{_short(root.attrib['viewBox'], 60)}' is not four numbers"
    for element in root.iter():
        tag = _local(element.tag)
        if tag in ("script", "foreignObject"):
            return f"an SVG with <{tag}> is refused"
        for attribute, value in element.attrib.items():
            if _local(attribute) == "href" and not INSIDE_SVG.match(value):
                return (
                    f"<{tag}> points at '{_short(value, 80)}': "
                    "an SVG may only use its own elements and pictures inside it"
                )
            if why_not := _css_reference(value):
                return f"<{tag} {_local(attribute)}> {why_not}"
        if tag == "style" and (why_not := _css_reference(element.text or "")):
            return f"<style> {why_not}"
    return None


def _css_reference(css: str) -> str | None:
    for match in CSS_URL.finditer(css):
        target = match.group(1)
        if target is None:
            return "imports a stylesheet: an SVG may only use what is inside it"
        if not INSIDE_SVG.match(target):
            return f"points at '{_short(target, 80)}': an SVG may only use its own elements and pictures inside it"
    return None


def _local(name) -> str:
    return str(name).rsplit("}", 1)[-1]


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@functools.lru_cache(maxsize=256)
def picture_data_uri(path: Path) -> str:
    """The checked picture at ``path`` as a ``data:`` URI, its type read from its content."""
    data = path.read_bytes()
    uri = f"data:{sniff(data)};base64,{base64.b64encode(data).decode()}"
    _uris[uri] = path
    return uri


DATA_URI = re.compile(r"data:[^\s'\")]*")


def without_data_uris(message: str) -> str:
    """``message`` (the PDF engine's) with each ``data:`` URI in it replaced by the picture it is:
    where it was named, or its file name; never the data itself."""

    def named(match: re.Match) -> str:
        uri = match.group(0)
        path = _uris.get(uri) or next(
            (path for known, path in _uris.items() if len(uri) > 64 and known.startswith(uri)), None
        )
        if path is None:
            return "a picture"
        return f"the picture {path.name} ({_places[path]})" if path in _places else f"the picture {path}"

    return DATA_URI.sub(named, message)
