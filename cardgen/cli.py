"""The command line: parses options, calls the stages, turns problems into messages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import click

from cardgen import __version__, bundled
from cardgen.errors import ProblemsFound, UserError

BUG_REPORT = "This is a bug in cardgen, not in your files. Please report it with the command you ran and this message."

catalogue_option = click.option(
    "--catalogue", "catalogue_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder with exercises.yaml, routines.yaml and theory.yaml (default: the bundled catalogue).",
)


def load(catalogue_dir: Path | None, *rosters: Path, check_glyphs: bool = True):
    """The catalogue, checked; with ``check_glyphs``, any characters of it (or of ``rosters``)
    that no bundled font draws are warned about (reading the fonts takes a moment)."""
    from cardgen.catalogue import FILES, load_catalogue

    folder = catalogue_dir or bundled("catalogue")
    catalogue = load_catalogue(folder)
    if check_glyphs:
        from cardgen.fonts import glyph_warnings_in

        for warning in glyph_warnings_in([*(Path(folder) / name for name in FILES.values()), *rosters]):
            click.echo(f"warning: {warning}", err=True)
    return catalogue


def routine_or_exit(catalogue, routine_id: str) -> str:
    try:
        catalogue.routine(routine_id)
    except LookupError as error:
        raise click.ClickException(f"{error}; the routines are: {', '.join(catalogue.routines)}") from None
    return routine_id


class Cardgen(click.Group):
    """The command group; problems in the user's files are listed and exit 1, anything else is a bug."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ProblemsFound as found:
            for problem in found.problems:
                click.echo(str(problem), err=True)
            count = len(found.problems)
            click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        except UserError as error:
            click.echo(f"Error: {error}", err=True)
        except OSError as error:
            click.echo(f"Error: {error.strerror or error}" + (f": {error.filename}" if error.filename else ""), err=True)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - the last resort: say it is a bug, with the details
            click.echo(f"Internal error: {type(error).__name__}: {error}\n{BUG_REPORT}", err=True)
            ctx.exit(2)
        ctx.exit(1)


@click.group(cls=Cardgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cardgen")
def cli() -> None:
    """Turn a strength-training catalogue into printable pocket cards and routine sheets."""


@cli.command("list")
@catalogue_option
@click.option("--area", type=click.Choice(["calves", "legs", "core"]), help="Only exercises for this area.")
@click.option("--kind", type=click.Choice(["warm-up", "strength", "explosive", "swiftness"]), help="Only exercises of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print the exercises as JSON.")
@click.option("--routines", is_flag=True, help="List the routines instead.")
def list_exercises(catalogue_dir, area, kind, as_json, routines) -> None:
    """List the exercises (or routines) of the catalogue."""
    catalogue = load(catalogue_dir, check_glyphs=False)
    if routines:
        for routine in catalogue.routines.values():
            count = sum(len(block.exercises) for block in routine.blocks)
            click.echo(f"{routine.id:<18} {routine.title}  ({count} exercises)")
        return
    chosen = [e for e in catalogue.exercises.values() if (not area or e.area == area) and (not kind or e.kind == kind)]
    if as_json:
        click.echo(json.dumps([e.model_dump(mode="json") | {"dose": str(e.dose) if e.dose else None} for e in chosen], ensure_ascii=False, indent=2))
        return
    width = max((len(e.id) for e in chosen), default=0)
    for e in chosen:
        click.echo(f"{e.id:<{width}}  {e.name}  [{e.area}, {e.kind}]" + (f"  {e.dose}" if e.dose else ""))


@cli.command()
@catalogue_option
@click.argument("item_id")
def show(catalogue_dir, item_id) -> None:
    """Show one exercise or routine in full."""
    from cardgen.catalogue import did_you_mean

    catalogue = load(catalogue_dir, check_glyphs=False)
    if item_id in catalogue.routines:
        routine = catalogue.routines[item_id]
        click.echo(f"{routine.title}  ({routine.id})")
        for text in filter(None, [routine.summary, routine.why]):
            click.echo(f"  {text}")
        for block in routine.blocks:
            click.echo(f"\n  {block.title}" + (f": {block.note}" if block.note else ""))
            for item in block.exercises:
                exercise = catalogue.exercises[item.id]
                dose = item.dose or exercise.dose
                click.echo(f"    - {exercise.name}" + (f"  {dose}" if dose else ""))
        return
    if item_id not in catalogue.exercises:
        raise click.ClickException(f"no exercise or routine '{item_id}'{did_you_mean(item_id, [*catalogue.exercises, *catalogue.routines])}")
    e = catalogue.exercises[item_id]
    click.echo(f"{e.name}  ({e.id})")
    fields = [
        ("Area", e.area), ("Kind", e.kind), ("Muscles", e.muscles_text()), ("About", e.summary),
        ("Dose", str(e.dose) if e.dose else None), ("Equipment", ", ".join(e.equipment)),
        ("Video", f"{e.video.url} from {e.video.start} s" if e.video else None),
    ]
    for label, value in fields:
        if value:
            click.echo(f"  {label + ':':<11}{value}")
    for label, items in [("Cues", e.cues), ("Variations", e.variations), ("Cautions", [c.text for c in e.cautions])]:
        if items:
            click.echo(f"  {label}:")
            for item in items:
                click.echo(f"    - {item}")


@cli.command()
@catalogue_option
@click.argument("rosters", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def validate(catalogue_dir, rosters) -> None:
    """Check the catalogue, and any ROSTERS against it: every problem found, one a line."""
    from cardgen.errors import ProblemsFound as Found
    from cardgen.roster import load_roster

    catalogue = load(catalogue_dir, *(file for file in rosters if file.is_file()))
    click.echo(f"{catalogue.folder}: OK, {len(catalogue.exercises)} exercises, {len(catalogue.routines)} routines")
    problems = []
    for file in rosters:
        try:
            roster = load_roster(file, catalogue)
        except Found as found:
            problems.extend(found.problems)
        else:
            click.echo(f"{file}: OK, {len(roster.runners)} runner{'s' if len(roster.runners) != 1 else ''}")
    if problems:
        raise Found(problems)


card_options = [
    click.option("--size", "card_size", type=click.Choice(["a6", "a7", "index-3x5", "index-4x6", "wallet"], case_sensitive=False),
                 default="a6", show_default=True, help="Card size (wallet: 85.6 × 54 mm)."),
    click.option("--sheet", type=click.Choice(["a4", "letter"], case_sensitive=False),
                 help="Lay the cards out N-up on this paper, with crop marks to cut along."),
    click.option("--bleed", type=click.FloatRange(0, 6), default=0, help="Bleed around each card on a --sheet, in mm."),
    click.option("--duplex", is_flag=True, help="Each card's back (large QR codes, notes) on the next page, lined up for long-edge duplex."),
    click.option("--fold", is_flag=True, help="Front and back side by side with a fold line, for printers without duplex."),
]

verify_option = click.option("--verify", is_flag=True, help="Read the finished PDF back at 150 dpi: every QR code must open its video.")

strict_option = click.option("--strict", is_flag=True, help="Fail when the PDF engine warns (a picture it can't read, say).")

roster_options = [
    click.option("--roster", type=click.Path(dir_okay=False, path_type=Path), help="A team roster (YAML)."),
    click.option("--runner", help="Make it for this runner of the roster: their doses, loads, skips and cautions."),
]


def with_options(options):
    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def html_wanted(out: Path | None, html: bool) -> bool:
    """The format follows the file name asked for: ``-o card.html`` writes HTML, ``--html -o card.pdf`` is a mistake."""
    suffix = out.suffix.lower() if out else ""
    if html and suffix == ".pdf":
        raise click.UsageError(f"--html writes HTML, but {out} ends in .pdf")
    return html or suffix in (".html", ".htm")


def one_document(kind: str, catalogue_dir, routine_id, roster_file, runner_name, out, html, verify=False, **settings) -> None:
    """``card`` and ``sheet``: one document, for a routine or for one runner of a roster."""
    from cardgen.documents import Maker
    from cardgen.output import file_stem
    from cardgen.roster import load_roster

    catalogue = load(catalogue_dir, *([roster_file] if roster_file and roster_file.is_file() else []))
    roster = runner = None
    if roster_file or runner_name:
        if not (roster_file and runner_name):
            raise click.UsageError("--roster and --runner go together")
        roster = load_roster(roster_file, catalogue)
        try:
            runner = roster.runner(runner_name)
        except LookupError as error:
            raise click.ClickException(str(error)) from None
        routine_id = routine_id or roster.routine_of(runner)
    if not routine_id:
        raise click.UsageError(f"name a ROUTINE ({', '.join(catalogue.routines)}), or a --roster and --runner")
    routine_or_exit(catalogue, routine_id)
    html = html_wanted(out, html)
    stem = f"{file_stem(runner.name)} - {kind}" if runner else f"{routine_id}-{kind}"
    out = out or Path("output") / f"{stem}.{'html' if html else 'pdf'}"
    maker = Maker(catalogue, **settings)
    plan = maker.plan(routine_id, runner, roster)
    click.echo(maker.write(kind, plan, out, roster, html=html))
    if verify and not html:
        report_verified(out, [plan])


def report_verified(pdf: Path, plans) -> None:
    from cardgen.verify import Expected, verify_codes

    expected = [Expected(step.name, step.watch.link) for plan in plans for step in plan.steps if step.watch]
    count = verify_codes(pdf, expected)
    click.echo(f"verified {pdf}: {count} QR code{'s' if count != 1 else ''} read back, each at least 15 mm", err=True)


@cli.command()
@catalogue_option
@click.argument("routine_id", metavar="[ROUTINE]", required=False)
@with_options(roster_options)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: in output/).")
@with_options(card_options)
@click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")
@verify_option
@strict_option
def card(catalogue_dir, routine_id, roster, runner, out, card_size, sheet, bleed, duplex, fold, html, verify, strict) -> None:
    """Make a pocket card for a routine, or for one runner of a roster."""
    if duplex and fold:
        raise click.UsageError("choose --duplex or --fold, not both")
    one_document("card", catalogue_dir, routine_id, roster, runner, out, html, verify, strict=strict, card_size=card_size,
                 sheet=sheet, bleed=bleed, duplex=duplex, fold=fold)


@cli.command()
@catalogue_option
@click.argument("routine_id", metavar="[ROUTINE]", required=False)
@with_options(roster_options)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: in output/).")
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False), default="a4", show_default=True, help="Paper size.")
@click.option("--weeks", type=click.IntRange(1, 52), default=6, show_default=True, help="Weeks in the log grid.")
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), help="First day of week 1 (YYYY-MM-DD), to date the log.")
@click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")
@verify_option
@strict_option
def sheet(catalogue_dir, routine_id, roster, runner, out, paper, weeks, starts, html, verify, strict) -> None:
    """Make a full-page routine sheet with a training log, for a routine or one runner of a roster."""
    one_document("sheet", catalogue_dir, routine_id, roster, runner, out, html, verify, paper=paper, weeks=weeks,
                 starts=starts.date() if starts else None, strict=strict)


@cli.command()
@catalogue_option
@click.argument("roster_file", metavar="ROSTER", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path), help="Folder for the files (default: output/TEAM/).")
@click.option("--format", "kind", type=click.Choice(["card", "sheet", "both"]), default="both", show_default=True)
@click.option("--combined", type=click.Path(dir_okay=False, path_type=Path), help="Also write one print-ready PDF of everything.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: all cores).")
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False), default="a4", show_default=True, help="Paper size.")
@click.option("--weeks", type=click.IntRange(1, 52), default=6, show_default=True, help="Weeks in the log grid.")
@with_options(card_options)
@verify_option
@strict_option
def batch(catalogue_dir, roster_file, folder, kind, combined, jobs, paper, weeks, card_size, sheet, bleed, duplex, fold, verify, strict) -> None:
    """Make every runner's own card and/or sheet, a manifest.csv, and optionally one combined PDF.

    With --sheet, all the runners' cards are also laid out N-up in one file, to print and cut."""
    if duplex and fold:
        raise click.UsageError("choose --duplex or --fold, not both")
    import sys

    from cardgen.batch import Settings, run_batch
    from cardgen.documents import Maker
    from cardgen.output import file_stem
    from cardgen.roster import load_roster

    catalogue = load(catalogue_dir, *([roster_file] if roster_file.is_file() else []))
    roster = load_roster(roster_file, catalogue)
    folder = folder or Path("output") / file_stem(roster.team)
    formats = ("card", "sheet") if kind == "both" else (kind,)
    total = len(roster.runners) * len(formats)
    with click.progressbar(length=total, label="Printing", file=sys.stderr if sys.stderr.isatty() else _Quiet()) as bar:
        maker = dict(paper=paper, weeks=weeks, strict=strict, card_size=card_size, bleed=bleed, duplex=duplex, fold=fold)
        rows = run_batch(catalogue, roster, folder, formats, jobs, combined, Settings(maker, sheet), bar.update)
    if verify:
        plans = {runner.name: [Maker(catalogue).plan(roster.routine_of(runner), runner, roster)] for runner in roster.runners}
        for row in rows:
            report_verified(row.file, plans.get(row.runner, [p for each in plans.values() for p in each]))
    click.echo(f"{len(rows)} files for {len(roster.runners)} runners in {folder}, listed in {folder / 'manifest.csv'}")
    if combined:
        click.echo(f"All in one: {combined}")


@cli.command()
@catalogue_option
@click.argument("roster_file", metavar="ROSTER", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: output/TEAM - handout.pdf).")
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False), default="a4", show_default=True, help="Paper size.")
@click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")
@strict_option
def handout(catalogue_dir, roster_file, out, paper, html, strict) -> None:
    """Make the team handout: routines, every exercise in full, the theory, and who does what."""
    from cardgen.documents import Maker
    from cardgen.output import file_stem
    from cardgen.roster import load_roster

    catalogue = load(catalogue_dir, *([roster_file] if roster_file.is_file() else []))
    roster = load_roster(roster_file, catalogue)
    html = html_wanted(out, html)
    out = out or Path("output") / f"{file_stem(roster.team)} - handout.{'html' if html else 'pdf'}"
    click.echo(Maker(catalogue, paper=paper, strict=strict).handout(roster, out, html=html))


class _Quiet(io.StringIO):
    """Where the progress bar goes when nobody is watching a terminal."""


@cli.command()
@catalogue_option
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True)
@strict_option
def demo(catalogue_dir, folder, strict) -> None:
    """Make a card and a sheet for every routine of the catalogue."""
    from cardgen.documents import Maker

    for path in Maker(load(catalogue_dir), strict=strict).demo(folder):
        click.echo(path)


@cli.command("import")
@click.argument("notes", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path), help="Folder for the catalogue (default: catalogue-from-NOTES/).")
@click.option("--force", is_flag=True, help="Replace the catalogue files already in the folder.")
def import_command(notes, folder, force) -> None:
    """Make a catalogue from Markdown training NOTES; every line it cannot place is listed."""
    from cardgen.catalogue import load_catalogue
    from cardgen.importer import import_notes, write_catalogue

    imported = import_notes(notes)
    folder = folder or Path(f"catalogue-from-{notes.stem}")
    write_catalogue(imported, folder, force=force)
    for problem in imported.problems:
        click.echo(str(problem), err=True)
    catalogue = load_catalogue(folder)  # proves the files are a catalogue cardgen can print
    click.echo(f"{folder}: {len(catalogue.exercises)} exercises, {len(catalogue.routines)} routines ({', '.join(catalogue.routines)})")
    click.echo(f"Next: cardgen card {next(iter(catalogue.routines))} --catalogue {folder}")


@cli.command()
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True)
def schema(folder) -> None:
    """Write the JSON Schema of the catalogue files and the roster, for editors to check and complete them."""
    from cardgen.schema import write_schemas

    for path in write_schemas(folder):
        click.echo(path)


def main() -> None:
    cli(prog_name="cardgen")
