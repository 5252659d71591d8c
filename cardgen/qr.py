"""QR codes that open an exercise's demo video at the right second.

The code encodes the shortest address that opens the same video at the same second
(``https://youtu.be/ID?t=227``, tracking parameters dropped): fewer characters, fewer and
bigger modules at the same printed width. Codes are vector SVG, so they print sharp.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

QUIET_ZONE_MODULES = 4
_TRACKING = re.compile(r"^(utm_.*|si|fbclid|gclid|feature|pp|igshid|mc_.*|ref_src)$")
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def start_second(url: str) -> int | None:
    """The start second written into a video address (``t=227``, ``t=3m47s``, ``start=30``), if any."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query)) | dict(parse_qsl(parts.fragment))
    value = query.get("t") or query.get("start")
    if not value:
        return None
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value)
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def video_link(url: str, start: int = 0) -> str:
    """The shortest address that opens ``url`` at second ``start``."""
    parts = urlsplit(url)
    host = parts.netloc.lower()
    youtube_id = _youtube_id(host, parts.path, dict(parse_qsl(parts.query)))
    if youtube_id:
        return f"https://youtu.be/{youtube_id}" + (f"?t={start}" if start else "")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k) and k != "t"]
    fragment = parts.fragment
    if start:
        if host.endswith("vimeo.com"):
            fragment = f"t={start}s"
        else:
            query.append(("t", str(start)))
    return urlunsplit((parts.scheme.lower(), host, parts.path, urlencode(query), fragment))


def video_and_start(url: str) -> dict[str, Any]:
    """``{url, start}`` as a catalogue writes a pasted link: the start second taken out of the address."""
    parts = urlsplit(video_link(url))
    in_fragment = dict(parse_qsl(parts.fragment))
    if "t" in in_fragment:  # Vimeo's #t=30s
        parts = parts._replace(fragment=urlencode({k: v for k, v in in_fragment.items() if k != "t"}))
    return {"url": urlunsplit(parts), "start": start_second(url) or 0}


def _youtube_id(host: str, path: str, query: dict) -> str | None:
    if host == "youtu.be":
        candidate = path.strip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS:
        if path == "/watch":
            candidate = query.get("v", "")
        else:
            match = re.match(r"^/(?:shorts|embed|live|v)/([^/]+)", path)
            candidate = match[1] if match else ""
    else:
        return None
    return candidate if _YOUTUBE_ID.match(candidate) else None


def watch_label(start: int) -> str:
    """``0:00``, ``3:47``, ``1:02:03``: where the video opens, as a player shows it."""
    hours, rest = divmod(start, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


@functools.lru_cache(maxsize=4096)
def _qr_code(link: str):
    import segno  # imported here: commands that print nothing start faster without it

    return segno.make(link, error="m", micro=False)


@functools.lru_cache(maxsize=4096)
def qr_data_uri(link: str) -> str:
    """A black-on-white QR code for ``link`` with its 4-module quiet zone, as a PNG data URI
    with one pixel a module: the stylesheet sets its printed width and turns interpolation off
    (``image-rendering: pixelated``), so it prints sharp. A PNG costs the PDF engine far less
    than the same code as an SVG path."""
    return _qr_code(link).png_data_uri(scale=1, border=QUIET_ZONE_MODULES, dark="#000", light="#fff")


@functools.lru_cache(maxsize=4096)
def qr_modules(link: str) -> int:
    """Modules across the code, quiet zone included (for checking printed module size)."""
    return _qr_code(link).symbol_size(border=QUIET_ZONE_MODULES)[0]
