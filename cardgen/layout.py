"""From HTML to laid-out pages and PDF bytes, with WeasyPrint.

WeasyPrint is imported here only, when something is rendered, so that commands that only read
the catalogue start fast.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cardgen import bundled
from cardgen.errors import UserError
from cardgen.fitting import Measure
from cardgen.fonts import FACES, FONT_DIR, families_drawing, font_face_css


class ResourceRefused(UserError):
    """A document asked for something outside what cardgen lets it read, or that is missing."""


def make_fetcher(user_templates: Path | None = None):
    """WeasyPrint's URL fetcher for cardgen: ``data:`` URIs, cardgen's own templates and fonts,
    and the files in the user's templates folder (a font or logo their theme names), nothing
    else; a refused or missing resource stops the rendering."""
    from weasyprint.urls import URLFetcher

    class Fetcher(URLFetcher):
        roots = [
            FONT_DIR.resolve(),
            bundled("templates").resolve(),
            *([user_templates.resolve()] if user_templates else []),
        ]

        def fetch(self, url, headers=None):
            if not url.startswith("data:"):
                parts = urlsplit(url)
                path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
                if path is None or not any(path.is_relative_to(root) for root in self.roots):
                    raise ResourceRefused(
                        f"refused to load {url[:200]}: cardgen reads only its own templates and fonts"
                        + (f", and the files in {user_templates}" if user_templates else "")
                    )
            return super().fetch(url, headers)

    return Fetcher(allowed_protocols={"data", "file"}, fail_on_errors=True)


@contextmanager
def resource_errors_reported():
    """Turn WeasyPrint's fatal fetch error (a BaseException) into a message for the user."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        yield
    except FatalURLFetchingError as error:
        cause = error.__cause__
        raise ResourceRefused(str(cause) if isinstance(cause, ResourceRefused) else f"{error}: {cause}") from None


# A warning line, "warning: " included, is never longer than this.
MAX_WARNING = 300
NOTDEF = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.*)"', re.DOTALL)


class EngineWarnings(logging.Handler):
    """Collects what WeasyPrint warns about while it works (a picture it can't read, say), each
    once, readable: a picture named by its file and the line that named it, never its data."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.boxes: dict[str, None] = {}  # characters drawn as boxes: one line for them all

    def emit(self, record: logging.LogRecord) -> None:
        from cardgen.pictures import without_data_uris

        if box := NOTDEF.match(record.getMessage()):
            if not self.boxes:
                self.messages.append("")  # the place of the line about them, filled in by lines()
            self.boxes[box.group(1)] = None
            return
        message = " ".join(without_data_uris(record.getMessage()).split())
        message = _cut(message)
        if message not in self.messages:
            self.messages.append(message)

    def lines(self) -> list[str]:
        characters = f"{len(self.boxes)} character{'s' if len(self.boxes) != 1 else ''}"
        boxes = f"drew a box for {characters} no font has: {' '.join(self.boxes)}"
        return [message or _cut(boxes) for message in self.messages]


def _cut(message: str) -> str:
    room = MAX_WARNING - len("warning: PDF engine: ")
    return message if len(message) <= room else message[: room - 1] + "…"


@contextmanager
def engine_warnings(strict: bool, reported: set[str] | None = None):
    """Report WeasyPrint's warnings on stderr (each once, where ``reported`` holds those already
    told), or with ``strict`` fail on the first batch of them."""
    logger = logging.getLogger("weasyprint")
    handler = EngineWarnings()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    messages = [message for message in handler.lines() if message not in (reported or ())]
    if messages and strict:
        raise UserError("the PDF engine warned (and --strict makes that an error):\n  " + "\n  ".join(messages))
    for message in messages:
        sys.stderr.write(f"warning: PDF engine: {message}\n")
    if reported is not None:
        reported.update(messages)


@contextmanager
def libraries_found_from_the_loader_cache():
    """While WeasyPrint is imported, answer ``ctypes.util.find_library`` from one reading of the
    dynamic loader's cache (``ldconfig -p``) instead of three programs per question.

    WeasyPrint tries several names for each C library it needs, and cffi asks find_library about
    every name that does not load as it is: each miss runs ldconfig, the C compiler and the
    linker, about half a second in all. The answer from the cache is what find_library itself
    answers first; a name not in the cache could not be loaded by the loader by that name either,
    so nothing else gets loaded. With LD_LIBRARY_PATH set, or when the cache can't be read, the
    real find_library answers, as before."""
    import ctypes.util
    import shutil
    import subprocess

    real = ctypes.util.find_library
    ldconfig = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)), None
    )
    try:
        cache = (
            subprocess.run(
                [ldconfig, "-p"], capture_output=True, text=True, timeout=5, env={**os.environ, "LC_ALL": "C"}
            ).stdout
            if ldconfig
            else ""
        )
    except (OSError, subprocess.SubprocessError):
        cache = ""
    if not cache or os.environ.get("LD_LIBRARY_PATH") or sys.platform != "linux":
        yield
        return

    def find_library(name: str) -> str | None:
        found = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\(", cache)
        return found.group(1) if found else None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = real


def import_engine() -> None:
    """Import WeasyPrint (once), its C libraries found quickly."""
    if "weasyprint" not in sys.modules:
        with libraries_found_from_the_loader_cache():
            import weasyprint  # noqa: F401


def xmp_uncompressed(document, pdf) -> None:
    """WeasyPrint's finisher for PDF/A: the XMP metadata stream as plain text. WeasyPrint (70)
    compresses it, as every stream, for PDF/A-2 and later, which forbid a filter on it (6.6.2.1)."""
    reference = pdf.catalog.get("Metadata")
    if reference:
        pdf.objects[int(reference.split()[0])].compress = False


class Press:
    """WeasyPrint's font set-up and stylesheets, made once per run and used for every document.

    With ``user_templates``, a relative address in a document (``url(logo.png)`` in a theme)
    is looked for in that folder; cardgen's own templates name nothing relative."""

    def __init__(
        self, strict: bool = False, user_templates: Path | None = None, pdf_variant: str | None = None
    ) -> None:
        import_engine()
        from weasyprint.text.fonts import FontConfiguration

        self.strict = strict
        self.reported: set[str] = set()  # the engine's warnings already told
        # Tagged (a structure tree for screen readers) by default; a PDF/UA or PDF/A variant on request.
        self.pdf_options: dict[str, Any] = {"pdf_tags": True, "pdf_variant": pdf_variant}
        if pdf_variant and pdf_variant.startswith("pdf/a-"):
            self.pdf_options["finisher"] = xmp_uncompressed
        self.font_config = FontConfiguration()
        self.fetcher = make_fetcher(user_templates)
        self.base_url = (user_templates or bundled("templates")).resolve().as_uri() + "/"
        self.stylesheets: list = []
        self.families: set[str] = set()  # the bundled font families registered so far
        # A user's theme may name characters the documents' text doesn't show: every family then.
        self.all_families = user_templates is not None

    def register_fonts(self, html: str) -> None:
        """Register the bundled fonts that draw ``html``'s characters, if not yet done: each costs
        time (the CJK ones most), and one that draws none of them would not be used."""
        from weasyprint import CSS

        needed = {face.family for face in FACES} if self.all_families else families_drawing(html)
        if missing := needed - self.families:
            with resource_errors_reported():
                rules = font_face_css(missing)
                self.stylesheets.append(CSS(string=rules, font_config=self.font_config, url_fetcher=self.fetcher))
            self.families |= missing

    def lay_out(self, html: str):
        """Lay ``html`` out into pages (a WeasyPrint Document)."""
        from weasyprint import HTML

        self.register_fonts(html)
        with resource_errors_reported(), engine_warnings(self.strict, self.reported):
            document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
            document = document.render(stylesheets=self.stylesheets, font_config=self.font_config)
        # Same inputs, same bytes: no clock in the PDF unless SOURCE_DATE_EPOCH names the moment.
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():
            moment = datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            document.metadata.created = document.metadata.modified = moment
        return document

    def pdf(self, html: str) -> bytes:
        return self.write(self.lay_out(html))

    def write(self, document, faces: bool = False) -> bytes:
        """The PDF of a laid-out document, tagged; ``faces`` (card faces, which the imposition places
        on paper and carries the structure of) in no PDF/UA or PDF/A variant: the file the faces
        go into says what it claims."""
        with engine_warnings(self.strict, self.reported):
            return document.write_pdf(**({"pdf_tags": True} if faces else self.pdf_options))

    @staticmethod
    def measure(document, count: int) -> list[tuple[int, Measure]]:
        """For each of ``count`` card faces (``#face-i`` … ``#end-i``, steps at ``#step-i-n``, the
        end of an empty name line at ``#slot-i``):
        the page it starts on, and how much it holds, read from the anchors WeasyPrint reports.
        A face taller than its page runs on to the next: positions count the pages before."""
        starts: dict[int, int] = {}
        ends: dict[int, float] = {}
        slots: dict[int, float] = {}
        steps: dict[int, list[float]] = defaultdict(list)
        tall = document.pages[0].height
        for number, page in enumerate(document.pages):
            for name, (_, top, _, _) in page.anchors.items():
                kind, _, rest = name.partition("-")
                if kind == "face":  # a face that runs on is anchored on each of its pages: the first counts
                    starts.setdefault(int(rest), number)
                elif kind in ("end", "slot"):
                    (ends if kind == "end" else slots)[int(rest)] = number * tall + top
                elif kind == "step":
                    steps[int(rest.split("-")[0])].append(number * tall + top)
        measures = []
        for face in range(count):
            origin = starts[face] * tall
            at = sorted(steps[face])
            bottoms = at[1:] + [ends[face]]
            measures.append(
                (
                    starts[face],
                    Measure(
                        ends[face] - origin,
                        (at[0] - origin) if at else 0.0,
                        tuple(bottom - top for top, bottom in zip(at, bottoms)),
                        slots.get(face, origin) - origin,
                    ),
                )
            )
        return measures
