"""``card``, ``sheet`` and ``demo``: a routine's (or one runner's) card or sheet, or every routine's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from cardgen.commands.arguments import (
    backs_of,
    card_options,
    catalogue_option,
    check_png,
    html_option,
    html_wanted,
    language_options,
    paper_option,
    pdf_variant_option,
    png_option,
    roster_options,
    strict_option,
    templates_option,
    verify_option,
    watch_option,
    weeks_option,
    with_options,
)
from cardgen.commands.common import inputs, load, make_or_watch, report_verified, routine_and_runner, say, write_png
from cardgen.inputs import Inputs
from cardgen.options import PrintOptions
from cardgen.output import OUTPUT_FOLDER

routine_argument = click.argument("routine_id", metavar="[ROUTINE]", required=False)

file_option = click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: in output/).",
)


@click.command()
@catalogue_option
@templates_option
@routine_argument
@with_options(roster_options)
@file_option
@with_options(card_options)
@weeks_option
@with_options(language_options)
@html_option
@png_option
@verify_option
@strict_option
@pdf_variant_option
@watch_option
def card(
    catalogue_dir: Path | None,
    templates_dir: Path | None,
    routine_id: str | None,
    roster: Path | None,
    runner: str | None,
    out: Path | None,
    card_size: str,
    card_paper: str | None,
    bleed: float,
    gutter: float | None,
    duplex: bool,
    fold: bool,
    weeks: int,
    lang: str | None,
    also: str | None,
    large: bool,
    html: bool,
    png: bool,
    verify: bool,
    strict: bool,
    pdf_variant: str | None,
    watch: bool,
) -> None:
    """Make a pocket card for a routine, or for one runner of a roster."""
    backs = backs_of(duplex, fold)
    if pdf_variant and pdf_variant != "pdf/ua-1":
        raise click.UsageError("a card can claim pdf/ua-1 (it is tagged anyway), not other variants: see the README")
    check_png(png, out, html)
    where = inputs(
        catalogue_dir,
        templates_dir,
        roster,
        uses=("templates", "locale", "roster") if runner else ("templates", "locale"),
    )
    options = PrintOptions(
        card_size=card_size,
        card_paper=card_paper,
        bleed=bleed,
        gutter=gutter,
        backs=backs,
        weeks=weeks,
        strict=strict,
        templates=where.templates,
        locale=where.locale,
        pdf_variant=pdf_variant,
        lang=lang,
        also=also,
        large=large,
    )
    one_document("card", where, options, routine_id, runner, out, html, png, verify, watch)


@click.command()
@catalogue_option
@templates_option
@routine_argument
@with_options(roster_options)
@file_option
@paper_option
@weeks_option
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), help="First day of week 1 (YYYY-MM-DD), to date the log.")
@with_options(language_options)
@html_option
@png_option
@verify_option
@strict_option
@pdf_variant_option
@watch_option
def sheet(
    catalogue_dir: Path | None,
    templates_dir: Path | None,
    routine_id: str | None,
    roster: Path | None,
    runner: str | None,
    out: Path | None,
    paper: str,
    weeks: int,
    starts: datetime | None,
    lang: str | None,
    also: str | None,
    large: bool,
    html: bool,
    png: bool,
    verify: bool,
    strict: bool,
    pdf_variant: str | None,
    watch: bool,
) -> None:
    """Make a full-page routine sheet with a training log, for a routine or one runner of a roster."""
    check_png(png, out, html)
    where = inputs(
        catalogue_dir,
        templates_dir,
        roster,
        uses=("templates", "locale", "roster") if runner else ("templates", "locale"),
    )
    options = PrintOptions(
        paper=paper,
        weeks=weeks,
        starts=starts.date() if starts else None,
        strict=strict,
        templates=where.templates,
        locale=where.locale,
        pdf_variant=pdf_variant,
        lang=lang,
        also=also,
        large=large,
    )
    one_document("sheet", where, options, routine_id, runner, out, html, png, verify, watch)


def one_document(
    format: str,
    where: Inputs,
    options: PrintOptions,
    routine_id: str | None,
    runner_name: str | None,
    out: Path | None,
    html: bool,
    png: bool,
    verify: bool,
    watch: bool,
) -> None:
    """``card`` and ``sheet``: one document, for a routine or for one runner of a roster."""
    from cardgen.printing import print_document

    wants_html = html_wanted(out, html)

    def make() -> None:
        catalogue, roster, runner, routine = routine_and_runner(where, routine_id, runner_name)
        made = print_document(catalogue, options, format, routine, runner, roster, out, wants_html)
        say(made.file)
        if png:
            write_png(made.file)
        if verify and not wants_html:
            report_verified(made)

    make_or_watch(make, watch, lambda: where.watched(where.roster))


@click.command()
@catalogue_option
@templates_option
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=OUTPUT_FOLDER,
    show_default=True,
)
@with_options(language_options)
@strict_option
@pdf_variant_option
def demo(
    catalogue_dir: Path | None,
    templates_dir: Path | None,
    folder: Path,
    lang: str | None,
    also: str | None,
    large: bool,
    strict: bool,
    pdf_variant: str | None,
) -> None:
    """Make a card and a sheet for every routine of the catalogue."""
    from cardgen.printing import print_demo

    where = inputs(catalogue_dir, templates_dir, uses=("templates", "locale"))
    options = PrintOptions(
        strict=strict,
        templates=where.templates,
        locale=where.locale,
        lang=lang,
        also=also,
        large=large,
        pdf_variant=pdf_variant,
    )
    for path in print_demo(load(where), options, folder):
        say(path)
