"""From a plan to HTML, through the Jinja templates in ``templates/``."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import jinja2
from markupsafe import Markup

from cardgen import bundled
from cardgen.errors import UserError
from cardgen.fitting import Face
from cardgen.fonts import script_language
from cardgen.handout import Handout
from cardgen.paper import CardSize, Page
from cardgen.plan import Sheet
from cardgen.sandbox import Sandbox, TemplateStopped, template_problem

# The stylesheets of each document, from templates/style/, in order.
STYLESHEETS = {
    "card.html": ("common.css", "card.css"),
    "sheet.html": ("common.css", "page.css", "sheet.css", "steps.css", "large.css"),
    "handout.html": ("common.css", "page.css", "steps.css", "handout.css"),
}
MAX_THEME_BYTES = 1024 * 1024


def template_loader(user_templates: Path | None = None) -> jinja2.BaseLoader:
    """Where templates are found: the user's folder first, then cardgen's own; ``default/NAME``
    always reaches cardgen's own, so an override can extend the template it replaces and
    change a single block."""
    builtin = jinja2.FileSystemLoader(bundled("templates"))
    user = [InsideLoader(user_templates)] if user_templates else []
    # The prefix is looked at first, so a user's own default/ folder cannot shadow it.
    return jinja2.ChoiceLoader([jinja2.PrefixLoader({"default": builtin}), *user, builtin])


class InsideLoader(jinja2.FileSystemLoader):
    """The user's templates folder, where a symbolic link leading out of it counts as missing."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.root = Path(folder).resolve()

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


class Renderer:
    """The Jinja environment (sandboxed: see ``sandbox.py``), made once per run and used for every document."""

    def __init__(self, user_templates: Path | None = None) -> None:
        self.user_templates = user_templates
        self.environment = Sandbox(
            loader=template_loader(user_templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters["script_language"] = script_language

    def cards(
        self, faces: list[Face], size: CardSize, height_mm: float, backs: bool = False, fonts_css: str = ""
    ) -> str:
        """Card faces, each a page of the card's width and ``height_mm``; ``backs``: the cards have
        backs, which carry their QR codes and notes."""
        page = Page("cards", size.width, height_mm)
        labels = faces[0].card.plan.labels
        return self._render(
            "card.html",
            faces=faces,
            size=size,
            backs=backs,
            page=page,
            fonts_css=fonts_css,
            title=document_title([face.card.plan for face in faces]),
            lang=labels.code,
        )

    def sheets(self, sheets: list[Sheet], page: Page, fonts_css: str = "") -> str:
        """Routine sheets, each starting on a new page."""
        labels = sheets[0].plan.labels
        return self._render(
            "sheet.html",
            sheets=sheets,
            page=page,
            fonts_css=fonts_css,
            title=document_title([s.plan for s in sheets]),
            lang=labels.code,
        )

    def handout(self, handout: Handout, page: Page, fonts_css: str = "") -> str:
        return self._render(
            "handout.html",
            handout=handout,
            page=page,
            fonts_css=fonts_css,
            title=handout.labels("handout.title", team=handout.team),
            lang=handout.lang,
            t=handout.labels,
        )

    def _render(self, name: str, **context) -> str:
        stylesheets = Markup("\n".join(css_text(bundled("templates") / "style" / file) for file in STYLESHEETS[name]))
        try:
            with self.environment.limits():
                return self.environment.get_template(name).render(**context, stylesheets=stylesheets, theme=self.theme)
        except Exception as error:  # noqa: BLE001 - sorted out by template_problem
            problem = template_problem(error, self.user_templates)
            # The built-in templates are cardgen's own: a mistake there is a bug. With templates of
            # the user's own in play, a mistake is most likely theirs.
            if problem is None or not self.user_templates and not isinstance(error, (TemplateStopped, MemoryError)):
                raise
            raise problem from None

    @cached_property
    def theme(self) -> Markup:
        """The user's ``theme.css`` as CSS, or nothing: a stylesheet, so never run as a template."""
        if self.user_templates is None or not (file := self.user_templates / "theme.css").exists():
            return Markup("")
        if not file.resolve().is_relative_to(self.user_templates.resolve()) or not file.is_file():
            raise UserError(f"{file}: theme.css must be a file in {self.user_templates}, not a link leading out of it")
        if file.stat().st_size > MAX_THEME_BYTES:
            raise UserError(f"{file}: larger than {MAX_THEME_BYTES // 1024} KB; a theme is a few rules")
        try:
            return css_text(file)
        except UnicodeDecodeError as error:
            raise UserError(f"{file}: not UTF-8 text (byte {error.start})") from None


def css_text(file: Path) -> Markup:
    """A stylesheet's text, to go inside the document's <style> as it is: only ``</`` is written
    ``<\\/`` (the same to CSS), so no stylesheet can end the <style> and start HTML of its own."""
    return Markup(file.read_text(encoding="utf-8").replace("</", "<\\/"))


def document_title(plans) -> str:
    """The document's title (what a PDF reader shows, and a screen reader says first): the
    routine's, after the runner's name when it is one runner's; several, "Routines" in the first
    plan's language."""
    unique = list(dict.fromkeys(f"{plan.runner} · {plan.title}" if plan.runner else plan.title for plan in plans))
    return unique[0] if len(unique) == 1 else plans[0].labels("card.routines")
