"""From HTML to laid-out pages and PDF bytes, with WeasyPrint.

WeasyPrint is imported here only, when something is rendered, so that commands that only read
the catalogue start fast.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from datetime import datetime, timezone
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cardgen import bundled
from cardgen.errors import UserError
from cardgen.fonts import FONT_DIR, font_face_css


class ResourceRefused(UserError):
    """A document asked for something outside what cardgen lets it read, or that is missing."""


def make_fetcher(user_templates: Path | None = None):
    """WeasyPrint's URL fetcher for cardgen: ``data:`` URIs, cardgen's own templates and fonts,
    and the files in the user's templates folder (a font or logo their theme names), nothing
    else; a refused or missing resource stops the rendering."""
    from weasyprint.urls import URLFetcher

    class Fetcher(URLFetcher):
        roots = [FONT_DIR.resolve(), bundled("templates").resolve(), *([user_templates.resolve()] if user_templates else [])]

        def fetch(self, url, headers=None):
            if not url.startswith("data:"):
                parts = urlsplit(url)
                path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
                if path is None or not any(path.is_relative_to(root) for root in self.roots):
                    raise ResourceRefused(f"refused to load {url[:200]}: cardgen reads only its own templates and fonts"
                                          + (f", and the files in {user_templates}" if user_templates else ""))
            return super().fetch(url, headers)

    return Fetcher(allowed_protocols={"data", "file"}, fail_on_errors=True)


# Content may reach this far (CSS px, 1 mm) into a card's safe zone: it stays well inside the trim.
SAFE_ZONE_GRACE = 96 / 25.4


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
        boxes = f"drew a box for {len(self.boxes)} character{'s' if len(self.boxes) != 1 else ''} no font has: {' '.join(self.boxes)}"
        return [message or _cut(boxes) for message in self.messages]


def _cut(message: str) -> str:
    room = MAX_WARNING - len("warning: PDF engine: ")
    return message if len(message) <= room else message[:room - 1] + "…"


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


class Press:
    """WeasyPrint's font set-up and stylesheets, made once per run and used for every document.

    With ``user_templates``, a relative address in a document (``url(logo.png)`` in a theme)
    is looked for in that folder; cardgen's own templates name nothing relative."""

    def __init__(self, strict: bool = False, user_templates: Path | None = None) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.strict = strict
        self.reported: set[str] = set()  # the engine's warnings already told
        self.font_config = FontConfiguration()
        self.fetcher = make_fetcher(user_templates)
        self.base_url = (user_templates or bundled("templates")).resolve().as_uri() + "/"
        with resource_errors_reported():
            self.stylesheets = [CSS(string=font_face_css(), font_config=self.font_config, url_fetcher=self.fetcher)]

    def lay_out(self, html: str):
        """Lay ``html`` out into pages (a WeasyPrint Document)."""
        from weasyprint import HTML

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

    def write(self, document) -> bytes:
        """The PDF of a laid-out document."""
        with engine_warnings(self.strict, self.reported):
            return document.write_pdf()

    @staticmethod
    def split(document, count: int) -> list[list]:
        """The pages of each of ``count`` documents laid out together, found by their ``#doc-i`` anchors."""
        starts = {}
        for index, page in enumerate(document.pages):
            for anchor in page.anchors:
                if anchor.startswith("doc-"):
                    starts.setdefault(int(anchor[4:]), index)
        if sorted(starts) != list(range(count)):
            raise RuntimeError(f"expected {count} documents in the layout, found anchors {sorted(starts)}")
        bounds = [starts[i] for i in range(count)] + [len(document.pages)]
        return [document.pages[bounds[i]:bounds[i + 1]] for i in range(count)]

    @staticmethod
    def overflowing(document) -> set[int]:
        """The cards (``data-card``) whose content runs past their fixed box: they need to shrink or split.

        Each card's content ends with an empty ``.face-end``; a card overflows when that marker
        lies below the card's content box, or is missing (cut off with the page). This reads
        WeasyPrint's laid-out boxes, which its public API doesn't expose."""
        faces, overflowing = 0, set()
        for page in document.pages:
            for box in _boxes(page._page_box):
                if not _has_class(box, "card-face"):
                    continue
                faces += 1
                element = box.element
                bottom = box.content_box_y() + box.height
                ends = [child for child in _boxes(box) if _has_class(child, "face-end")]
                if not ends or ends[0].position_y > bottom + SAFE_ZONE_GRACE:
                    overflowing.add(int(element.get("data-card")))
        if not faces:
            raise RuntimeError("no cards found in the laid-out document")
        return overflowing

    def pdf_of(self, document, pages: list) -> bytes:
        with engine_warnings(self.strict, self.reported):
            return document.copy(pages).write_pdf()


def _boxes(box):
    box = getattr(box, "_box", box)  # an absolutely placed box sits behind a placeholder
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def _has_class(box, name: str) -> bool:
    element = getattr(box, "element", None)  # an Element with no children is falsy: test for None
    return element is not None and name in (element.get("class") or "").split()
