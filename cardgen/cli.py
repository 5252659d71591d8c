"""The command line: parses options, calls the stages, turns problems into messages."""

from __future__ import annotations

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


def load(catalogue_dir: Path | None):
    from cardgen.catalogue import load_catalogue

    return load_catalogue(catalogue_dir or bundled("catalogue"))


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
def list_exercises(catalogue_dir, area, kind, as_json) -> None:
    """List the exercises of the catalogue."""
    catalogue = load(catalogue_dir)
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
    """Show everything the catalogue says about one exercise or routine."""
    from cardgen.catalogue import did_you_mean

    catalogue = load(catalogue_dir)
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
def validate(catalogue_dir) -> None:
    """Check the catalogue and print every problem found, one a line."""
    catalogue = load(catalogue_dir)
    click.echo(f"{catalogue.folder}: OK, {len(catalogue.exercises)} exercises, {len(catalogue.routines)} routines")


@cli.command()
@catalogue_option
@click.argument("routine_id", metavar="ROUTINE")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: output/ROUTINE-card.pdf).")
@click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")
def card(catalogue_dir, routine_id, out, html) -> None:
    """Make a pocket card (A6) for a routine."""
    from cardgen.documents import Maker

    catalogue = load(catalogue_dir)
    routine_or_exit(catalogue, routine_id)
    out = out or Path("output") / f"{routine_id}-card.{'html' if html else 'pdf'}"
    click.echo(Maker(catalogue).card(routine_id, out, html=html))


@cli.command()
@catalogue_option
@click.argument("routine_id", metavar="ROUTINE")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: output/ROUTINE-sheet.pdf).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--weeks", type=click.IntRange(1, 52), default=6, show_default=True, help="Weeks in the log grid.")
@click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")
def sheet(catalogue_dir, routine_id, out, paper, weeks, html) -> None:
    """Make a full-page routine sheet with a training log."""
    from cardgen.documents import Maker

    catalogue = load(catalogue_dir)
    routine_or_exit(catalogue, routine_id)
    out = out or Path("output") / f"{routine_id}-sheet.{'html' if html else 'pdf'}"
    click.echo(Maker(catalogue).sheet(routine_id, out, paper=paper, weeks=weeks, html=html))


@cli.command()
@catalogue_option
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True)
def demo(catalogue_dir, folder) -> None:
    """Make a card and a sheet for every routine of the catalogue."""
    from cardgen.documents import Maker

    for path in Maker(load(catalogue_dir)).demo(folder):
        click.echo(path)


def main() -> None:
    cli(prog_name="cardgen")
