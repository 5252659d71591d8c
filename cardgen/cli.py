"""The command line: the ``cardgen`` group, its -q/-v, and its commands (each in
:mod:`cardgen.commands`); every error becomes a message and an exit status."""

from __future__ import annotations

import gc

import click

from cardgen import __version__
from cardgen.commands import catalogue, documents, team, workspace
from cardgen.commands.common import BUG_REPORT, Session, report
from cardgen.output import scratch_folder

__all__ = ["BUG_REPORT", "cli", "main"]


class Cardgen(click.Group):
    """The command group; problems in the user's files are listed and exit 1, anything else is a bug."""

    def invoke(self, ctx: click.Context):
        try:
            with scratch_folder():
                return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - every error becomes a message and an exit status
            ctx.exit(report(error))


@click.group(cls=Cardgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cardgen")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Print more: the workspace, catalogue and templates used, and how long each run took.",
)
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Turn a strength-training catalogue into printable pocket cards and routine sheets.

    Run inside a workspace (see `cardgen init`), commands use its catalogue, templates and
    roster without flags."""
    if quiet and verbose:
        raise click.UsageError("choose --quiet or --verbose, not both")
    ctx.obj = Session(-1 if quiet else 1 if verbose else 0)
    import logging  # here, not at the top: logging costs start-up time that --help needn't pay

    class ToUser(logging.Handler):
        """Prints what the stages below log for the user: a note (a card set in smaller type, say) or a warning."""

        def emit(self, record: logging.LogRecord) -> None:
            click.echo(f"{'note' if record.levelno < logging.WARNING else 'warning'}: {record.getMessage()}", err=True)

    logger, handler = logging.getLogger("cardgen"), ToUser()
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    ctx.call_on_close(lambda: logger.removeHandler(handler))


for command in (
    catalogue.list_exercises,
    catalogue.show,
    catalogue.validate,
    documents.card,
    documents.sheet,
    catalogue.plan_command,
    team.batch,
    team.handout,
    documents.demo,
    workspace.init,
    workspace.import_command,
    workspace.schema,
):
    cli.add_command(command)


def main() -> None:
    """The ``cardgen`` process. A run is short and makes millions of objects that live to its end:
    Python's default, a search for garbage cycles every 700 new objects, spent a fifth of a card's
    time; so it searches after 50,000, and at exit not at all."""
    gc.set_threshold(50_000)
    try:
        cli(prog_name="cardgen")
    finally:
        gc.freeze()
