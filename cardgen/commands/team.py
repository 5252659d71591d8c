"""``batch`` and ``handout``: a team's roster printed, every runner's own files or the coach's handout."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from cardgen.commands.arguments import (
    backs_of,
    card_options,
    catalogue_option,
    check_png,
    html_option,
    html_wanted,
    lang_option,
    language_options,
    paper_option,
    pdf_variant_option,
    png_option,
    roster_argument,
    strict_option,
    templates_option,
    verify_option,
    watch_option,
    weeks_option,
    with_options,
)
from cardgen.commands.common import inputs, load, make_or_watch, report_verified, say, session, the_roster, write_png
from cardgen.options import FORMATS, PrintOptions


class _Quiet(io.StringIO):
    """Where the progress bar goes when nobody is watching a terminal."""


@click.command()
@catalogue_option
@templates_option
@roster_argument
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the files (default: output/TEAM/).",
)
@click.option("--format", "formats", type=click.Choice([*FORMATS, "both"]), default="both", show_default=True)
@click.option(
    "--combined", type=click.Path(dir_okay=False, path_type=Path), help="Also write one print-ready PDF of everything."
)
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: all cores).")
@paper_option
@weeks_option
@with_options(card_options)
@with_options(language_options)
@verify_option
@strict_option
@pdf_variant_option
@watch_option
def batch(
    catalogue_dir: Path | None,
    templates_dir: Path | None,
    roster: Path | None,
    folder: Path | None,
    formats: str,
    combined: Path | None,
    jobs: int | None,
    paper: str,
    weeks: int,
    card_size: str,
    card_paper: str | None,
    bleed: float,
    gutter: float | None,
    duplex: bool,
    fold: bool,
    lang: str | None,
    also: str | None,
    large: bool,
    verify: bool,
    strict: bool,
    pdf_variant: str | None,
    watch: bool,
) -> None:
    """Make every runner's own card and/or sheet, a manifest.csv, and optionally one combined PDF.

    With --sheet, all the runners' cards are also laid out N-up in one file, to print and cut.
    In a workspace, ROSTER is the one its cardgen.yaml names."""
    from cardgen.printing import print_batch

    backs = backs_of(duplex, fold)
    where = inputs(catalogue_dir, templates_dir, roster)
    roster_path = the_roster(where)

    def make() -> None:
        catalogue = load(where, roster_path)
        team = where.load_roster(catalogue)
        options = PrintOptions(
            paper=paper,
            weeks=weeks,
            strict=strict,
            card_size=card_size,
            card_paper=card_paper,
            bleed=bleed,
            gutter=gutter,
            backs=backs,
            templates=where.templates,
            locale=where.locale,
            pdf_variant=pdf_variant,
            lang=lang,
            also=also,
            large=large,
        )
        chosen = FORMATS if formats == "both" else (formats,)
        shown = sys.stderr.isatty() and session().verbosity >= 0
        total = len(team.runners) * len(chosen)
        with click.progressbar(length=total, label="Printing", file=sys.stderr if shown else _Quiet()) as bar:
            made = print_batch(catalogue, team, options, chosen, folder, jobs, combined, bar.update, verify)
        if verify:
            for each in made.made:
                report_verified(each)
        out = made.folder
        say(f"{len(made.made)} files for {made.runners} runners in {out}, listed in {out / 'manifest.csv'}")
        if combined:
            say(f"All in one: {combined}")

    make_or_watch(make, watch, lambda: where.watched(roster_path))


@click.command()
@catalogue_option
@templates_option
@roster_argument
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: output/TEAM - handout.pdf).",
)
@paper_option
@weeks_option
@lang_option
@html_option
@png_option
@strict_option
@pdf_variant_option
@watch_option
def handout(
    catalogue_dir: Path | None,
    templates_dir: Path | None,
    roster: Path | None,
    out: Path | None,
    paper: str,
    weeks: int,
    lang: str | None,
    html: bool,
    png: bool,
    strict: bool,
    pdf_variant: str | None,
    watch: bool,
) -> None:
    """Make the team handout: routines, every exercise in full, the theory, and who does what.

    In a workspace, ROSTER is the one its cardgen.yaml names."""
    from cardgen.printing import print_handout

    check_png(png, out, html)
    where = inputs(catalogue_dir, templates_dir, roster)
    roster_path = the_roster(where)

    def make() -> None:
        catalogue = load(where, roster_path)
        team = where.load_roster(catalogue)
        options = PrintOptions(
            paper=paper,
            weeks=weeks,
            strict=strict,
            templates=where.templates,
            pdf_variant=pdf_variant,
            lang=lang,
            locale=where.locale,
        )
        path = print_handout(catalogue, options, team, out, html_wanted(out, html))
        say(path)
        if png:
            write_png(path)

    make_or_watch(make, watch, lambda: where.watched(roster_path))
