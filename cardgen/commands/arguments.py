"""The options and arguments several commands take, their choices from the models' own constants."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cardgen.options import DEFAULT_WEEKS, MAX_WEEKS, PDF_VARIANTS, Backs
from cardgen.paper import CARD_SIZES, PAPER_SIZES


def with_options(options: list[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def decorate(command: Any) -> Any:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


catalogue_option = click.option(
    "--catalogue",
    "catalogue_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with exercises.yaml, routines.yaml and theory.yaml "
    "(default: the workspace's, else the bundled catalogue).",
)

templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of your own templates and theme.css, looked in before the built-in ones "
    "(default: the workspace's templates/).",
)

roster_argument = click.argument(
    "roster", metavar="[ROSTER]", required=False, type=click.Path(dir_okay=False, path_type=Path)
)

roster_options = [
    click.option("--roster", type=click.Path(dir_okay=False, path_type=Path), help="A team roster (YAML)."),
    click.option("--runner", help="Make it for this runner of the roster: their doses, loads, skips and cautions."),
]

weeks_option = click.option(
    "--weeks",
    type=click.IntRange(1, MAX_WEEKS),
    default=DEFAULT_WEEKS,
    show_default=True,
    help="Weeks in the plan (and the log grid).",
)

paper_option = click.option(
    "--paper",
    type=click.Choice(list(PAPER_SIZES), case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size.",
)

lang_option = click.option(
    "--lang",
    metavar="CODE",
    help="Print in this language: en, es, fr, de, pt, it, zh-Hans, ja, ko, ru, or one your workspace's locale/ adds "
    "(default: the roster's lang:, else en; a runner's own lang: always wins).",
)

language_options = [
    lang_option,
    click.option(
        "--also", metavar="CODE", help="Print each exercise's name in this language too, under the first (bilingual)."
    ),
    click.option(
        "--large",
        is_flag=True,
        help="Large print: sheets at 14 pt and more with bigger log boxes, cards never under 9 pt.",
    ),
]

card_options = [
    click.option(
        "--size",
        "card_size",
        type=click.Choice(list(CARD_SIZES), case_sensitive=False),
        default="a6",
        show_default=True,
        help="Card size (wallet: 85.6 × 54 mm).",
    ),
    click.option(
        "--sheet",
        "card_paper",
        type=click.Choice(list(PAPER_SIZES), case_sensitive=False),
        help="Lay the cards out N-up on this paper, with crop marks to cut along.",
    ),
    click.option("--bleed", type=click.FloatRange(0, 6), default=0, help="Bleed around each card on a --sheet, in mm."),
    click.option(
        "--gutter",
        type=click.FloatRange(0, 20),
        default=None,
        help="Space between cards on a --sheet, in mm, edge to edge on the paper (0: cards butt, one cut "
        "separates two; A7 goes 8-up on A4). Default: cards butt inside a 12 mm margin with crop marks.",
    ),
    click.option(
        "--duplex",
        is_flag=True,
        help="Each card's back (large QR codes, notes) on the next page, lined up for long-edge duplex.",
    ),
    click.option(
        "--fold", is_flag=True, help="Front and back side by side with a fold line, for printers without duplex."
    ),
]


def backs_of(duplex: bool, fold: bool) -> Backs:
    """``--duplex`` and ``--fold`` as the one choice they are."""
    if duplex and fold:
        raise click.UsageError("choose --duplex or --fold, not both")
    return "fold" if fold else "duplex" if duplex else "none"


html_option = click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")

png_option = click.option(
    "--png",
    is_flag=True,
    help="Also draw each page of the PDF into a PNG beside it (NAME-1.png, NAME-2.png…; 100 dpi).",
)

verify_option = click.option(
    "--verify", is_flag=True, help="Read the finished PDF back at 150 dpi: every QR code must open its video."
)

strict_option = click.option(
    "--strict", is_flag=True, help="Fail when the PDF engine warns (a picture it can't read, say)."
)

pdf_variant_option = click.option(
    "--pdf-variant",
    type=click.Choice(PDF_VARIANTS, case_sensitive=False),
    help="Make PDF/UA (accessible) or PDF/A (archival) sheets and handouts. They are tagged anyway.",
)

watch_option = click.option(
    "--watch",
    is_flag=True,
    help="Make it again whenever a catalogue file, the roster or a template changes; Ctrl-C stops.",
)


def html_wanted(out: Path | None, html: bool) -> bool:
    """The format follows the file name asked for: ``-o card.html`` writes HTML, ``--html -o card.pdf`` is a mistake."""
    suffix = out.suffix.lower() if out else ""
    if html and suffix == ".pdf":
        raise click.UsageError(f"--html writes HTML, but {out} ends in .pdf")
    return html or suffix in (".html", ".htm")


def check_png(png: bool, out: Path | None, html: bool) -> None:
    if png and html_wanted(out, html):
        raise click.UsageError("--png draws the pages of the PDF; it does not go with an HTML preview")
