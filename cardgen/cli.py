"""The command line: parses options, calls the stages, turns problems into messages."""

from __future__ import annotations

import gc
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import click

from cardgen import __version__, bundled
from cardgen.errors import ProblemsFound, UserError
from cardgen.options import PDF_VARIANTS, PrintOptions
from cardgen.output import scratch_folder
from cardgen.paper import CARD_SIZES, PAPER_SIZES

BUG_REPORT = "This is a bug in cardgen, not in your files. Please report it with the command you ran and this message."

catalogue_option = click.option(
    "--catalogue",
    "catalogue_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with exercises.yaml, routines.yaml and theory.yaml (default: the workspace's, else the bundled catalogue).",
)

templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of your own templates and theme.css, looked in before the built-in ones (default: the workspace's templates/).",
)

png_option = click.option(
    "--png",
    is_flag=True,
    help="Also draw each page of the PDF into a PNG beside it (NAME-1.png, NAME-2.png…; 100 dpi).",
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

watch_option = click.option(
    "--watch",
    is_flag=True,
    help="Make it again whenever a catalogue file, the roster or a template changes; Ctrl-C stops.",
)


class Session:
    """What the commands of one run share: how much to say (-q, -v), and the workspace around
    the current folder, looked for once, when first needed."""

    def __init__(self, verbosity: int = 0) -> None:
        self.verbosity = verbosity  # -1 with --quiet, 1 with --verbose
        self.found: list = []  # [the workspace, or None] once looked for

    @property
    def workspace(self):
        if not self.found:
            from cardgen.workspace import find_workspace

            self.found.append(find_workspace(Path(".")))
            if self.found[0]:
                detail(f"workspace: {self.found[0].root.resolve()}")
        return self.found[0]


def session() -> Session:
    context = click.get_current_context(silent=True)
    return (context.find_object(Session) if context else None) or Session()


def say(message: str, err: bool = False) -> None:
    """Normal output (what was made, and where); --quiet silences it."""
    if session().verbosity >= 0:
        click.echo(message, err=err)


def detail(message: str) -> None:
    """Output for --verbose only, on stderr."""
    if session().verbosity > 0:
        click.echo(message, err=True)


def catalogue_folder(catalogue_dir: Path | None) -> Path:
    """--catalogue, else the workspace's catalogue, else the bundled one."""
    workspace = session().workspace if catalogue_dir is None else None
    return catalogue_dir or (workspace.catalogue if workspace else bundled("catalogue"))


def templates_folder(templates_dir: Path | None) -> Path | None:
    """--templates, else the workspace's templates folder, else none (the built-in ones only)."""
    workspace = session().workspace if templates_dir is None else None
    return templates_dir or (workspace.templates if workspace else None)


def locale_folder() -> Path | None:
    """The workspace's locale folder (its own phrases, locale/CODE.yaml), if it has one."""
    workspace = session().workspace
    return workspace.locale if workspace else None


def roster_file(roster: Path | None) -> Path | None:
    """The roster named, else the workspace's (``roster:`` in cardgen.yaml)."""
    workspace = session().workspace if roster is None else None
    return roster or (workspace.roster if workspace else None)


def load(catalogue_dir: Path | None, *rosters: Path, check_glyphs: bool = True, runner: str | None = None):
    """The catalogue, checked; with ``check_glyphs``, any characters of it (or of ``rosters``, or
    with ``runner`` of that runner alone) that no bundled font draws are warned about (reading the
    fonts takes a moment)."""
    from cardgen.catalogue import FILES, load_catalogue

    folder = catalogue_folder(catalogue_dir)
    detail(f"catalogue: {folder}")
    catalogue = load_catalogue(folder)
    if check_glyphs:
        from cardgen.fonts import glyph_warnings_in

        for warning in glyph_warnings_in([*(Path(folder) / name for name in FILES.values()), *rosters], runner):
            click.echo(f"warning: {warning}", err=True)
    return catalogue


def routine_or_exit(catalogue, routine_id: str) -> str:
    try:
        catalogue.routine(routine_id)
    except LookupError as error:
        raise click.ClickException(f"{error}; the routines are: {', '.join(catalogue.routines)}") from None
    return routine_id


def report(error: Exception) -> int:
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

    class Notes(logging.Handler):
        """Prints what the stages below note for the user (a card set in smaller type, say)."""

        def emit(self, record: logging.LogRecord) -> None:
            click.echo(f"{'note' if record.levelno < logging.WARNING else 'warning'}: {record.getMessage()}", err=True)

    notes, handler = logging.getLogger("cardgen"), Notes()
    notes.addHandler(handler)
    notes.setLevel(logging.WARNING if quiet else logging.INFO)
    ctx.call_on_close(lambda: notes.removeHandler(handler))


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
    runs = keep_watching(sources, timed, changed, report)
    say(f"stopped watching after {runs} run{'s' if runs != 1 else ''}", err=True)


def sources(catalogue_dir: Path | None, templates_dir: Path | None, *rosters: Path | None) -> Callable[[], list[Path]]:
    """What a document is made from, for --watch: the catalogue, the templates and the rosters."""
    return lambda: [
        catalogue_folder(catalogue_dir),
        *filter(None, [templates_folder(templates_dir), bundled("templates"), *rosters]),
    ]


def vocabulary_ids(ctx: click.Context, which: str, typed: str) -> list[str]:
    """Tab completion of --area and --kind: the ids the catalogue in use declares."""
    from cardgen.catalogue import load_catalogue

    try:
        catalogue = load_catalogue(catalogue_folder(ctx.params.get("catalogue_dir")))
    except Exception:  # noqa: BLE001 - a catalogue with problems completes nothing; validate says why
        return []
    return [item_id for item_id in getattr(catalogue, which) if item_id.startswith(typed)]


@cli.command("list")
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
def list_exercises(catalogue_dir, area, kind, as_json, routines) -> None:
    """List the exercises (or routines) of the catalogue."""
    catalogue = load(catalogue_dir, check_glyphs=False)
    if routines:
        width = max(len(routine_id) for routine_id in catalogue.routines)
        for routine in catalogue.routines.values():
            count = sum(len(block.exercises) for block in routine.blocks)
            click.echo(f"{routine.id:<{width}}  {routine.title}  ({count} exercises)")
        return
    from cardgen.validation import did_you_mean

    for option, value, declared in (("--area", area, catalogue.areas), ("--kind", kind, catalogue.kinds)):
        if value and value not in declared:
            raise UserError(
                f"{option}: the catalogue has no {option[2:]} '{value}'{did_you_mean(value, declared)}; "
                f"its {option[2:]}s are {', '.join(declared)}"
            )
    chosen = [e for e in catalogue.exercises.values() if (not area or e.area == area) and (not kind or e.kind == kind)]
    if as_json:
        click.echo(
            json.dumps(
                [e.model_dump(mode="json") | {"dose": str(e.dose) if e.dose else None} for e in chosen],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    width = max((len(e.id) for e in chosen), default=0)
    for e in chosen:
        click.echo(f"{e.id:<{width}}  {e.name}  [{e.area}, {e.kind}]" + (f"  {e.dose}" if e.dose else ""))


@cli.command()
@catalogue_option
@click.argument("item_id")
def show(catalogue_dir, item_id) -> None:
    """Show one exercise or routine in full."""
    from cardgen.validation import did_you_mean

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
        raise click.ClickException(
            f"no exercise or routine '{item_id}'{did_you_mean(item_id, [*catalogue.exercises, *catalogue.routines])}"
        )
    e = catalogue.exercises[item_id]
    click.echo(f"{e.name}  ({e.id})")
    fields = [
        ("Area", catalogue.areas[e.area].name),
        ("Kind", catalogue.kinds[e.kind].name),
        ("Muscles", e.muscles_text()),
        ("About", e.summary),
        ("Dose", str(e.dose) if e.dose else None),
        ("Equipment", ", ".join(e.equipment)),
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


weeks_option = click.option(
    "--weeks", type=click.IntRange(1, 52), default=6, show_default=True, help="Weeks in the plan (and the log grid)."
)


@cli.command()
@catalogue_option
@click.argument("rosters", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@weeks_option
@click.option(
    "--lang",
    metavar="CODE",
    help="Also list every text of the catalogue not yet translated into this language, with its file and line.",
)
def validate(catalogue_dir, rosters, weeks, lang) -> None:
    """Check the catalogue, its translations, the workspace's phrases (locale/), and any ROSTERS
    against it (in a workspace: its roster): every problem found, one a line. Every routine's and
    runner's progressions are worked out over --weeks."""
    from cardgen.courses import check_plans
    from cardgen.errors import ProblemsFound as Found
    from cardgen.roster import load_roster

    rosters = rosters or tuple(filter(None, [roster_file(None)]))
    catalogue = load(catalogue_dir, *(file for file in rosters if file.is_file()))
    problems = check_plans(catalogue, None, weeks)
    if not problems:
        say(f"{catalogue.folder}: OK, {len(catalogue.exercises)} exercises, {len(catalogue.routines)} routines")
    from cardgen.translations import check_languages

    locale = locale_folder()
    found, sound = check_languages(catalogue, locale, lang)
    problems.extend(found)
    for file in sound:
        say(f"{file}: OK")
    for file in rosters:
        try:
            roster = load_roster(file, catalogue, locale)
            if found := check_plans(catalogue, roster, weeks):
                raise Found(found)
        except Found as found:
            problems.extend(p for p in found.problems if str(p) not in map(str, problems))
        else:
            say(f"{file}: OK, {len(roster.runners)} runner{'s' if len(roster.runners) != 1 else ''}")
    if problems:
        raise Found(problems)


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


def check_png(png: bool, out: Path | None, html: bool) -> None:
    if png and html_wanted(out, html):
        raise click.UsageError("--png draws the pages of the PDF; it does not go with an HTML preview")


def write_png(pdf: Path) -> None:
    """``--png``: a picture of each page of ``pdf`` beside it."""
    from cardgen.preview import write_previews

    for picture in write_previews(pdf):
        say(picture)


def one_document(
    kind: str,
    catalogue_dir,
    templates_dir,
    routine_id,
    roster_file,
    runner_name,
    out,
    html,
    verify=False,
    png=False,
    **settings,
) -> None:
    """``card`` and ``sheet``: one document, for a routine or for one runner of a roster."""
    from cardgen.documents import Maker
    from cardgen.output import file_stem

    catalogue, roster, runner, routine_id = routine_and_runner(catalogue_dir, routine_id, roster_file, runner_name)
    html = html_wanted(out, html)
    stem = f"{file_stem(runner.name)} - {kind}" if runner else f"{routine_id}-{kind}"
    out = out or Path("output") / f"{stem}.{'html' if html else 'pdf'}"
    maker = Maker(catalogue, PrintOptions(templates=used_templates(templates_dir), locale=locale_folder(), **settings))
    plan = maker.plan(routine_id, runner, roster)
    say(maker.write(kind, plan, out, roster, html=html))
    if png:
        write_png(out)
    if verify and not html:
        report_verified(out, [plan])


def routine_and_runner(catalogue_dir, routine_id, roster_file, runner_name):
    """The catalogue, the roster and runner named (or None), and the routine to make: the one named, else the runner's."""
    from cardgen.roster import load_roster

    catalogue = load(
        catalogue_dir, *([roster_file] if roster_file and roster_file.is_file() else []), runner=runner_name
    )
    roster = runner = None
    if roster_file or runner_name:
        if not (roster_file and runner_name):
            raise click.UsageError("--roster and --runner go together")
        roster = load_roster(roster_file, catalogue, locale_folder())
        try:
            runner = roster.runner(runner_name)
        except LookupError as error:
            raise click.ClickException(str(error)) from None
        routine_id = routine_id or roster.routine_of(runner)
    if not routine_id:
        raise click.UsageError(f"name a ROUTINE ({', '.join(catalogue.routines)}), or a --roster and --runner")
    return catalogue, roster, runner, routine_or_exit(catalogue, routine_id)


def used_templates(templates_dir: Path | None) -> Path | None:
    folder = templates_folder(templates_dir)
    if folder:
        detail(f"templates: {folder}, then the built-in ones")
    return folder


def report_verified(pdf: Path, plans) -> None:
    from cardgen.verify import Expected, verify_codes

    expected = [Expected(step.name, step.watch.link) for plan in plans for step in plan.steps if step.watch]
    count = verify_codes(pdf, expected)
    say(f"verified {pdf}: {count} QR code{'s' if count != 1 else ''} read back, each at least 15 mm", err=True)


@cli.command()
@catalogue_option
@templates_option
@click.argument("routine_id", metavar="[ROUTINE]", required=False)
@with_options(roster_options)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: in output/).",
)
@with_options(card_options)
@weeks_option
@with_options(language_options)
@click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")
@png_option
@verify_option
@strict_option
@pdf_variant_option
@watch_option
def card(
    catalogue_dir,
    templates_dir,
    routine_id,
    roster,
    runner,
    out,
    card_size,
    sheet,
    bleed,
    gutter,
    duplex,
    fold,
    weeks,
    lang,
    also,
    large,
    html,
    png,
    verify,
    strict,
    pdf_variant,
    watch,
) -> None:
    """Make a pocket card for a routine, or for one runner of a roster."""
    if duplex and fold:
        raise click.UsageError("choose --duplex or --fold, not both")
    if pdf_variant and pdf_variant != "pdf/ua-1":
        raise click.UsageError("a card can claim pdf/ua-1 (it is tagged anyway), not other variants: see the README")
    check_png(png, out, html)
    roster = roster_file(roster) if runner else roster
    make_or_watch(
        lambda: one_document(
            "card",
            catalogue_dir,
            templates_dir,
            routine_id,
            roster,
            runner,
            out,
            html,
            verify,
            png,
            strict=strict,
            pdf_variant=pdf_variant,
            card_size=card_size,
            card_paper=sheet,
            bleed=bleed,
            gutter=gutter,
            backs="duplex" if duplex else "fold" if fold else "none",
            weeks=weeks,
            lang=lang,
            also=also,
            large=large,
        ),
        watch,
        sources(catalogue_dir, templates_dir, roster),
    )


@cli.command()
@catalogue_option
@templates_option
@click.argument("routine_id", metavar="[ROUTINE]", required=False)
@with_options(roster_options)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: in output/).",
)
@click.option(
    "--paper",
    type=click.Choice(list(PAPER_SIZES), case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size.",
)
@weeks_option
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), help="First day of week 1 (YYYY-MM-DD), to date the log.")
@with_options(language_options)
@click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")
@png_option
@verify_option
@strict_option
@pdf_variant_option
@watch_option
def sheet(
    catalogue_dir,
    templates_dir,
    routine_id,
    roster,
    runner,
    out,
    paper,
    weeks,
    starts,
    lang,
    also,
    large,
    html,
    png,
    verify,
    strict,
    pdf_variant,
    watch,
) -> None:
    """Make a full-page routine sheet with a training log, for a routine or one runner of a roster."""
    check_png(png, out, html)
    roster = roster_file(roster) if runner else roster
    make_or_watch(
        lambda: one_document(
            "sheet",
            catalogue_dir,
            templates_dir,
            routine_id,
            roster,
            runner,
            out,
            html,
            verify,
            png,
            paper=paper,
            weeks=weeks,
            starts=starts.date() if starts else None,
            strict=strict,
            pdf_variant=pdf_variant,
            lang=lang,
            also=also,
            large=large,
        ),
        watch,
        sources(catalogue_dir, templates_dir, roster),
    )


@cli.command("plan")
@catalogue_option
@click.argument("routine_id", metavar="[ROUTINE]", required=False)
@with_options(roster_options)
@weeks_option
@click.option("--json", "as_json", is_flag=True, help="Print the targets as JSON: an object per exercise and week.")
def plan_command(catalogue_dir, routine_id, roster, runner, weeks, as_json) -> None:
    """Print each week's targets, worked out from the progressions, to check them before printing."""
    from cardgen.documents import Maker
    from cardgen.log import targets_table, week_targets

    catalogue, roster, runner, routine_id = routine_and_runner(
        catalogue_dir, routine_id, roster_file(roster) if runner else roster, runner
    )
    plan = Maker(catalogue, PrintOptions(weeks=weeks)).plan(routine_id, runner, roster)
    if as_json:
        click.echo(json.dumps(week_targets(plan, weeks), ensure_ascii=False, indent=2))
    else:
        click.echo(f"{plan.title}" + (f" · {plan.runner}" if plan.runner else "") + f" · {weeks} weeks\n")
        click.echo(targets_table(plan, weeks) or "No exercise of this routine has a dose or a progression.")


def the_roster(roster: Path | None) -> Path:
    """The ROSTER argument, or in a workspace the roster its cardgen.yaml names."""
    found = roster_file(roster)
    if found is None:
        raise click.UsageError("name a ROSTER file (or, in a workspace, set roster: in its cardgen.yaml)")
    return found


@cli.command()
@catalogue_option
@templates_option
@click.argument("roster", metavar="[ROSTER]", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the files (default: output/TEAM/).",
)
@click.option("--format", "kind", type=click.Choice(["card", "sheet", "both"]), default="both", show_default=True)
@click.option(
    "--combined", type=click.Path(dir_okay=False, path_type=Path), help="Also write one print-ready PDF of everything."
)
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: all cores).")
@click.option(
    "--paper",
    type=click.Choice(list(PAPER_SIZES), case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size.",
)
@weeks_option
@with_options(card_options)
@with_options(language_options)
@verify_option
@strict_option
@pdf_variant_option
@watch_option
def batch(
    catalogue_dir,
    templates_dir,
    roster,
    folder,
    kind,
    combined,
    jobs,
    paper,
    weeks,
    card_size,
    sheet,
    bleed,
    gutter,
    duplex,
    fold,
    lang,
    also,
    large,
    verify,
    strict,
    pdf_variant,
    watch,
) -> None:
    """Make every runner's own card and/or sheet, a manifest.csv, and optionally one combined PDF.

    With --sheet, all the runners' cards are also laid out N-up in one file, to print and cut.
    In a workspace, ROSTER is the one its cardgen.yaml names."""
    if duplex and fold:
        raise click.UsageError("choose --duplex or --fold, not both")
    roster_path = the_roster(roster)

    def make() -> None:
        import sys

        from cardgen.batch import run_batch
        from cardgen.courses import check_plans
        from cardgen.documents import Maker
        from cardgen.output import file_stem
        from cardgen.roster import load_roster

        catalogue = load(catalogue_dir, *([roster_path] if roster_path.is_file() else []))
        roster = load_roster(roster_path, catalogue, locale_folder())
        if problems := check_plans(catalogue, roster, weeks):  # every runner's, before any work
            raise ProblemsFound(problems)
        out = folder or Path("output") / file_stem(roster.team)
        formats = ("card", "sheet") if kind == "both" else (kind,)
        total = len(roster.runners) * len(formats)
        shown = sys.stderr.isatty() and session().verbosity >= 0
        with click.progressbar(length=total, label="Printing", file=sys.stderr if shown else _Quiet()) as bar:
            options = PrintOptions(
                paper=paper,
                weeks=weeks,
                strict=strict,
                card_size=card_size,
                card_paper=sheet,
                bleed=bleed,
                gutter=gutter,
                backs="duplex" if duplex else "fold" if fold else "none",
                templates=used_templates(templates_dir),
                pdf_variant=pdf_variant,
                lang=lang,
                also=also,
                large=large,
                locale=locale_folder(),
            )
            rows = run_batch(catalogue, roster, out, formats, jobs, combined, options, bar.update)
        if verify:
            planner = Maker(catalogue, PrintOptions(lang=lang, locale=locale_folder()))
            plans = {
                runner.name: [planner.plan(roster.routine_of(runner), runner, roster)] for runner in roster.runners
            }
            for row in rows:
                report_verified(row.file, plans.get(row.runner, [p for each in plans.values() for p in each]))
        say(f"{len(rows)} files for {len(roster.runners)} runners in {out}, listed in {out / 'manifest.csv'}")
        if combined:
            say(f"All in one: {combined}")

    make_or_watch(make, watch, sources(catalogue_dir, templates_dir, roster_path))


@cli.command()
@catalogue_option
@templates_option
@click.argument("roster", metavar="[ROSTER]", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: output/TEAM - handout.pdf).",
)
@click.option(
    "--paper",
    type=click.Choice(list(PAPER_SIZES), case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size.",
)
@weeks_option
@lang_option
@click.option("--html", is_flag=True, help="Write a self-contained HTML preview instead of the PDF.")
@png_option
@strict_option
@pdf_variant_option
@watch_option
def handout(
    catalogue_dir, templates_dir, roster, out, paper, weeks, lang, html, png, strict, pdf_variant, watch
) -> None:
    """Make the team handout: routines, every exercise in full, the theory, and who does what.

    In a workspace, ROSTER is the one its cardgen.yaml names."""
    check_png(png, out, html)
    roster_path = the_roster(roster)

    def make() -> None:
        from cardgen.documents import Maker
        from cardgen.output import file_stem
        from cardgen.roster import load_roster

        catalogue = load(catalogue_dir, *([roster_path] if roster_path.is_file() else []))
        roster = load_roster(roster_path, catalogue, locale_folder())
        wants_html = html_wanted(out, html)
        path = out or Path("output") / f"{file_stem(roster.team)} - handout.{'html' if wants_html else 'pdf'}"
        maker = Maker(
            catalogue,
            PrintOptions(
                paper=paper,
                weeks=weeks,
                strict=strict,
                templates=used_templates(templates_dir),
                pdf_variant=pdf_variant,
                lang=lang,
                locale=locale_folder(),
            ),
        )
        say(maker.handout(roster, path, html=wants_html))
        if png:
            write_png(path)

    make_or_watch(make, watch, sources(catalogue_dir, templates_dir, roster_path))


class _Quiet(io.StringIO):
    """Where the progress bar goes when nobody is watching a terminal."""


@cli.command()
@catalogue_option
@templates_option
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
)
@with_options(language_options)
@strict_option
@pdf_variant_option
def demo(catalogue_dir, templates_dir, folder, lang, also, large, strict, pdf_variant) -> None:
    """Make a card and a sheet for every routine of the catalogue."""
    from cardgen.documents import Maker

    maker = Maker(
        load(catalogue_dir),
        PrintOptions(
            strict=strict,
            templates=used_templates(templates_dir),
            lang=lang,
            also=also,
            large=large,
            locale=locale_folder(),
            pdf_variant=pdf_variant,
        ),
    )
    for path in maker.demo(folder):
        say(path)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Write into a folder that is not empty, replacing the workspace's own files there."
)
def init(folder, force) -> None:
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


@cli.command("import")
@click.argument("notes", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the catalogue (default: catalogue-from-NOTES/).",
)
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
    say(
        f"{folder}: {len(catalogue.exercises)} exercises, {len(catalogue.routines)} routines ({', '.join(catalogue.routines)})"
    )
    say(f"Next: cardgen card {next(iter(catalogue.routines))} --catalogue {folder}")


@cli.command()
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
def schema(folder, catalogue_dir) -> None:
    """Write the JSON Schema of the catalogue files and the roster, for editors to check and complete them."""
    from cardgen.schema import write_schemas

    for path in write_schemas(folder, load(catalogue_dir, check_glyphs=False) if catalogue_dir else None):
        say(path)


def main() -> None:
    """The ``cardgen`` process. A run is short and makes millions of objects that live to its end:
    Python's default, a search for garbage cycles every 700 new objects, spent a fifth of a card's
    time; so it searches after 50,000, and at exit not at all."""
    gc.set_threshold(50_000)
    try:
        cli(prog_name="cardgen")
    finally:
        gc.freeze()
