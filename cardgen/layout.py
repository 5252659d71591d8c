"""From HTML to laid-out pages and PDF bytes, with WeasyPrint.

WeasyPrint is imported here only, when something is rendered, so that commands that only read
the catalogue start fast.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from cardgen import bundled
from cardgen.fonts import FONT_DIR, font_face_css


class ResourceRefused(Exception):
    """A document asked for something outside what cardgen lets it read."""


def allowed_roots() -> list[Path]:
    return [FONT_DIR.resolve(), bundled("templates").resolve()]


def fetch_resource(url: str, timeout: int = 10, ssl_context=None):
    """WeasyPrint's URL fetcher: ``data:`` URIs and cardgen's own templates and fonts, nothing else."""
    from weasyprint import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, timeout, ssl_context)
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path)).resolve()
        if any(path.is_relative_to(root) for root in allowed_roots()):
            return default_url_fetcher(url, timeout, ssl_context)
    raise ResourceRefused(f"refused to load {url[:200]}: cardgen reads only its own templates and fonts")


class Press:
    """WeasyPrint's font set-up and stylesheets, made once per run and used for every document."""

    def __init__(self) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.font_config = FontConfiguration()
        self.stylesheets = [CSS(string=font_face_css(), font_config=self.font_config, url_fetcher=fetch_resource)]

    def lay_out(self, html: str):
        """Lay ``html`` out into pages (a WeasyPrint Document)."""
        from weasyprint import HTML

        document = HTML(string=html, base_url=bundled("templates").as_uri() + "/", url_fetcher=fetch_resource)
        return document.render(stylesheets=self.stylesheets, font_config=self.font_config)

    def pdf(self, html: str) -> bytes:
        return self.lay_out(html).write_pdf()
