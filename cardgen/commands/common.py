"""What the commands share: how much to say (-q, -v), the workspace around the current folder, what
a run reads, --watch, --png and --verify, and every error told as cardgen tells it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardgen import bundled
from cardgen.errors import ProblemsFound, UserError
from cardgen.inputs import Inputs

if TYPE_CHECKING:
    from cardgen.catalogue import Catalogue
    from cardgen.printing import Made
    from cardgen.roster import Roster, Runner
    from cardgen.workspace import Workspace

BUG_REPORT = "This is a bug in cardgen, not in your files. Please report it with the command you ran and this message."


class Session:
    """What the commands of one run share: how much to say (-q, -v), and the workspace around
    the current folder, looked for once, when first needed."""

    def __init__(self, verbosity: int = 0) -> None:
        self.verbosity = verbosity  # -1 with --quiet, 1 with --verbose
        self.found: list[Workspace | None] = []  # [the workspace, or None] once looked for

    @property
    def workspace(self) -> Workspace | None:
        if not self.found:
            from cardgen.workspace import find_workspace

            self.found.append(find_workspace(Path(".")))
            if self.found[0]:
                detail(f"workspace: {self.found[0].root.resolve()}")
        return self.found[0]


def session() -> Session:
    context = click.get_current_context(silent=True)
    return (context.find_object(Session) if context else None) or Session()


def say(message: str | Path, err: bool = False) -> None:
    """Normal output (what was made, and where); --quiet silences it."""
    if session().verbosity >= 0:
        click.echo(message, err=err)


def detail(message: str) -> None:
    """Output for --verbose only, on stderr."""
    if session().verbosity > 0:
        click.echo(message, err=True)


def report(error: BaseException) -> int:
    """Print ``error`` as cardgen tells each kind of problem; returns the exit status it calls for:
    1 for the user's problems (every problem in their files, one a line), 2 for a bug."""
    if isinstance(error, ProblemsFound):
        for problem in error.problems:
            click.echo(str(problem), err=True)
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
    elif isinstance(error, UserError):
        click.echo(f"Error: {error}", err=True)
    elif isinstance(error, OSError):
        click.echo(f"Error: {error.strerror or error}" + (f": {error.filename}" if error.filename else ""), err=True)
    elif isinstance(error, click.ClickException):
        error.show()
        return error.exit_code
    else:  # the last resort: say it is a bug, with the details (with -v, where it happened)
        if session().verbosity > 0:
            import traceback

            click.echo("".join(traceback.format_exception(error)).rstrip("\n"), err=True)
        click.echo(f"Internal error: {type(error).__name__}: {error}\n{BUG_REPORT}", err=True)
        return 2
    return 1


# What a run reads ------------------------------------------------------------------------------


def inputs(
    catalogue: Path | None = None,
    templates: Path | None = None,
    roster: Path | None = None,
    uses: Iterable[str] = ("templates", "locale", "roster"),
) -> Inputs:
    """The files named on the command line, the workspace's for the rest (see ``Inputs.resolve``)."""
    return Inputs.resolve(lambda: session().workspace, catalogue, templates, roster, uses)


def load(inputs: Inputs, *rosters: Path | None, check_glyphs: bool = True, runner: str | None = None) -> Catalogue:
    """The catalogue, checked; with ``check_glyphs``, any characters of it (or of ``rosters``, or
    with ``runner`` of that runner alone) that no bundled font draws are warned about."""
    detail(f"catalogue: {inputs.catalogue}")
    catalogue = inputs.load_catalogue()
    if check_glyphs:
        for warning in inputs.glyph_warnings([file for file in rosters if file and file.is_file()], runner):
            click.echo(f"warning: {warning}", err=True)
    if inputs.templates:
        detail(f"templates: {inputs.templates}, then the built-in ones")
    return catalogue


def routine_and_runner(
    where: Inputs, routine_id: str | None, runner_name: str | None
) -> tuple[Catalogue, Roster | None, Runner | None, str]:
    """``--roster`` and ``--runner`` (together or not at all) and the ROUTINE: the catalogue, the
    roster and runner named (or none), and the routine to make: the one named, else the runner's."""
    from cardgen.inputs import runner_and_routine

    catalogue = load(where, where.roster, runner=runner_name)
    roster = None
    if where.roster or runner_name:
        if not (where.roster and runner_name):
            raise click.UsageError("--roster and --runner go together")
        roster = where.load_roster(catalogue)
    runner, routine = runner_and_routine(catalogue, roster, runner_name, routine_id)
    if routine is None:
        raise click.UsageError(f"name a ROUTINE ({', '.join(catalogue.routines)}), or a --roster and --runner")
    return catalogue, roster, runner, routine


def the_roster(inputs: Inputs) -> Path:
    """The ROSTER argument, or in a workspace the roster its cardgen.yaml names."""
    if inputs.roster is None:
        raise click.UsageError("name a ROSTER file (or, in a workspace, set roster: in its cardgen.yaml)")
    return inputs.roster


def make_or_watch(make: Callable[[], None], watch: bool, sources: Callable[[], list[Path]]) -> None:
    """Run ``make``; with ``watch``, run it again whenever a file of ``sources()`` changes, telling
    any problem the way cardgen always does but watching on, until Ctrl-C."""

    def timed() -> None:
        started = time.perf_counter()
        make()
        detail(f"done in {time.perf_counter() - started:.2f} s")

    if not watch:
        return timed()
    from cardgen.watch import watch as keep_watching

    def changed(files: list[Path]) -> None:
        say(f"changed: {', '.join(map(str, files[:3]))}{' and more' if len(files) > 3 else ''}", err=True)

    named = ["cardgen's own templates" if path == bundled("templates") else str(path) for path in sources()]
    say(f"watching {', '.join(named)} (Ctrl-C to stop)", err=True)

    def told(error: BaseException) -> None:
        report(error)

    runs = keep_watching(sources, timed, changed, told)
    say(f"stopped watching after {runs} run{'s' if runs != 1 else ''}", err=True)


def write_png(pdf: Path) -> None:
    """``--png``: a picture of each page of ``pdf`` beside it."""
    from cardgen.preview import write_previews

    for picture in write_previews(pdf):
        say(picture)


def report_verified(made: Made) -> None:
    """``--verify``: read ``made`` back; every QR code its plans print must open its video."""
    from cardgen.verify import expected_codes, verify_codes

    count = verify_codes(made.file, expected_codes(made.plans))
    say(f"verified {made.file}: {count} QR code{'s' if count != 1 else ''} read back, each at least 15 mm", err=True)
