"""``list``, ``show``, ``plan`` and ``validate``: the catalogue (and rosters) read, told and checked."""

from __future__ import annotations

from pathlib import Path

import click

from cardgen.commands.arguments import catalogue_option, roster_options, weeks_option, with_options
from cardgen.commands.common import inputs, load, routine_and_runner, say
from cardgen.errors import ProblemsFound


def vocabulary_ids(ctx: click.Context, which: str, typed: str) -> list[str]:
    """Tab completion of --area and --kind: the ids the catalogue in use declares."""
    try:
        catalogue = inputs(ctx.params.get("catalogue_dir"), uses=()).load_catalogue()
    except Exception:  # noqa: BLE001 - a catalogue with problems completes nothing; validate says why
        return []
    return [item_id for item_id in getattr(catalogue, which) if item_id.startswith(typed)]


@click.command("list")
@catalogue_option
@click.option(
    "--area",
    shell_complete=lambda ctx, _, typed: vocabulary_ids(ctx, "areas", typed),
    help="Only exercises for this area (one the catalogue declares, e.g. calves, legs, core).",
)
@click.option(
    "--kind",
    shell_complete=lambda ctx, _, typed: vocabulary_ids(ctx, "kinds", typed),
    help="Only exercises of this kind (one the catalogue declares, e.g. warm-up, strength, explosive, swiftness).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the exercises as JSON.")
@click.option("--routines", is_flag=True, help="List the routines instead.")
def list_exercises(
    catalogue_dir: Path | None, area: str | None, kind: str | None, as_json: bool, routines: bool
) -> None:
    """List the exercises (or routines) of the catalogue."""
    from cardgen.describe import chosen_exercises, exercise_lines, exercises_json, routine_lines

    catalogue = load(inputs(catalogue_dir, uses=()), check_glyphs=False)
    if routines:
        click.echo("\n".join(routine_lines(catalogue)))
        return
    chosen = chosen_exercises(catalogue, area, kind)
    if as_json:
        click.echo(exercises_json(chosen))
    elif chosen:
        click.echo("\n".join(exercise_lines(chosen)))


@click.command()
@catalogue_option
@click.argument("item_id")
def show(catalogue_dir: Path | None, item_id: str) -> None:
    """Show one exercise or routine in full."""
    from cardgen.describe import described

    click.echo("\n".join(described(load(inputs(catalogue_dir, uses=()), check_glyphs=False), item_id)))


@click.command("plan")
@catalogue_option
@click.argument("routine_id", metavar="[ROUTINE]", required=False)
@with_options(roster_options)
@weeks_option
@click.option("--json", "as_json", is_flag=True, help="Print the targets as JSON: an object per exercise and week.")
def plan_command(
    catalogue_dir: Path | None,
    routine_id: str | None,
    roster: Path | None,
    runner: str | None,
    weeks: int,
    as_json: bool,
) -> None:
    """Print each week's targets, worked out from the progressions, to check them before printing."""
    from cardgen.options import PrintOptions
    from cardgen.printing import targets

    where = inputs(catalogue_dir, roster=roster, uses=("locale", "roster") if runner else ())
    catalogue, team, chosen, routine = routine_and_runner(where, routine_id, runner)
    click.echo(targets(catalogue, PrintOptions(weeks=weeks), routine, chosen, team, as_json))


@click.command()
@catalogue_option
@click.argument("rosters", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@weeks_option
@click.option(
    "--lang",
    metavar="CODE",
    help="Also list every text of the catalogue not yet translated into this language, with its file and line.",
)
def validate(catalogue_dir: Path | None, rosters: tuple[Path, ...], weeks: int, lang: str | None) -> None:
    """Check the catalogue, its translations, the workspace's phrases (locale/), and any ROSTERS
    against it (in a workspace: its roster): every problem found, one a line. Every routine's and
    runner's progressions are worked out over --weeks."""
    from cardgen.inputs import check_files

    where = inputs(catalogue_dir, uses=("locale",) if rosters else ("locale", "roster"))
    files = rosters or tuple(filter(None, [where.roster]))
    checked = check_files(where, load(where, *files), files, weeks, lang)
    for line in checked.sound:
        say(line)
    if checked.problems:
        raise ProblemsFound(checked.problems)
