"""``init``, ``import`` and ``schema``: a workspace, a catalogue from Markdown notes, the files' JSON Schema."""

from __future__ import annotations

from pathlib import Path

import click

from cardgen.commands.common import detail, inputs, load, say


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Write into a folder that is not empty, replacing the workspace's own files there."
)
def init(folder: Path, force: bool) -> None:
    """Make an editable workspace in FOLDER: the catalogue to edit, an example roster, example
    templates and a README. Inside it, cardgen uses them without flags."""
    import shlex

    from cardgen.workspace import create_workspace

    for path in create_workspace(folder, force):
        detail(str(path))
    say(
        f"Made a cardgen workspace in {folder}. Next:\n  cd {shlex.quote(str(folder))}\n  cardgen validate\n"
        "  cardgen card sample-training --png\nand read README.md there."
    )


@click.command("import")
@click.argument("notes", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the catalogue (default: catalogue-from-NOTES/).",
)
@click.option("--force", is_flag=True, help="Replace the catalogue files already in the folder.")
def import_command(notes: Path, folder: Path | None, force: bool) -> None:
    """Make a catalogue from Markdown training NOTES; every line it cannot place is listed."""
    from cardgen.importer import import_catalogue

    imported, folder = import_catalogue(notes, folder, force)
    for problem in imported.problems:
        click.echo(str(problem), err=True)
    catalogue = inputs(folder, uses=()).load_catalogue()  # proves the files are a catalogue cardgen can print
    routines = ", ".join(catalogue.routines)
    say(f"{folder}: {len(catalogue.exercises)} exercises, {len(catalogue.routines)} routines ({routines})")
    say(f"Next: cardgen card {next(iter(catalogue.routines))} --catalogue {folder}")


@click.command()
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schema"),
    show_default=True,
)
@click.option(
    "--catalogue",
    "catalogue_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Describe the areas and kinds this catalogue declares (default: the general schema).",
)
def schema(folder: Path, catalogue_dir: Path | None) -> None:
    """Write the JSON Schema of the catalogue files and the roster, for editors to check and complete them."""
    from cardgen.schema import write_schemas

    catalogue = load(inputs(catalogue_dir, uses=()), check_glyphs=False) if catalogue_dir else None
    for path in write_schemas(folder, catalogue):
        say(path)
