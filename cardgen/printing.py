"""What each printing command does, from a loaded catalogue to files: one card or sheet, the team
handout, the demo, every runner's files, and each week's targets to check before printing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cardgen.documents import Maker
from cardgen.options import FORMATS, PrintOptions
from cardgen.output import OUTPUT_FOLDER, document_name, handout_path, team_folder

if TYPE_CHECKING:
    from collections.abc import Callable

    from cardgen.batch import Written
    from cardgen.catalogue import Catalogue
    from cardgen.plan import RoutinePlan
    from cardgen.roster import Roster, Runner


@dataclass(frozen=True)
class Made:
    """A file made, and the plans printed in it (what ``--verify`` expects to read back)."""

    file: Path
    plans: list[RoutinePlan] = field(default_factory=list)


def print_document(
    catalogue: Catalogue,
    options: PrintOptions,
    format: str,
    routine_id: str,
    runner: Runner | None = None,
    roster: Roster | None = None,
    out: Path | None = None,
    html: bool = False,
) -> Made:
    """One card or sheet (``format``) for a routine, or for one runner of ``roster``: into ``out``,
    else ``output/`` under its own name; a self-contained HTML preview with ``html``."""
    out = out or OUTPUT_FOLDER / document_name(format, routine_id, runner.name if runner else None, html)
    maker = Maker(catalogue, options)
    plan = maker.plan(routine_id, runner, roster)
    return Made(maker.write(format, plan, out, roster, html=html), [plan])


def print_handout(
    catalogue: Catalogue, options: PrintOptions, roster: Roster, out: Path | None = None, html: bool = False
) -> Path:
    """The team handout, into ``out`` (else ``output/TEAM - handout.pdf``)."""
    return Maker(catalogue, options).handout(roster, out or handout_path(roster.team, html), html=html)


def print_demo(catalogue: Catalogue, options: PrintOptions, folder: Path) -> list[Path]:
    """Every routine of the catalogue as a card and a sheet, into ``folder``."""
    return Maker(catalogue, options).demo(folder)


@dataclass(frozen=True)
class Batch:
    """What a batch made: the folder, every file with the plans it prints, and the combined file."""

    folder: Path
    made: list[Made]
    runners: int


def print_batch(
    catalogue: Catalogue,
    roster: Roster,
    options: PrintOptions,
    formats: tuple[str, ...] = FORMATS,
    folder: Path | None = None,
    jobs: int | None = None,
    combined: Path | None = None,
    on_progress: Callable[[int], None] = lambda done: None,
    with_plans: bool = False,
) -> Batch:
    """Every runner's own files (and the deck, and ``combined``) into ``folder`` (else
    ``output/TEAM/``), once every runner's plan has been worked out and found sound; ``with_plans``
    tells the plans each file prints."""
    from cardgen.batch import run_batch
    from cardgen.courses import check_plans
    from cardgen.errors import ProblemsFound

    if problems := check_plans(catalogue, roster, options.weeks):  # every runner's, before any work
        raise ProblemsFound(problems)
    folder = folder or team_folder(roster.team)
    rows = run_batch(catalogue, roster, folder, formats, jobs, combined, options, on_progress)
    made = _with_plans(catalogue, roster, options, rows) if with_plans else [Made(row.file) for row in rows]
    return Batch(folder, made, len(roster.runners))


def _with_plans(catalogue: Catalogue, roster: Roster, options: PrintOptions, rows: list[Written]) -> list[Made]:
    """Each file of a batch, with the plans it prints: a runner's own, or everyone's in the deck."""
    planner = Maker(catalogue, PrintOptions(lang=options.lang, locale=options.locale))
    plans = {runner.name: [planner.plan(roster.routine_of(runner), runner, roster)] for runner in roster.runners}
    everyone = [plan for each in plans.values() for plan in each]
    return [Made(row.file, plans.get(row.runner, everyone)) for row in rows]


def targets(
    catalogue: Catalogue, options: PrintOptions, routine_id: str, runner=None, roster=None, as_json=False
) -> str:
    """Each week's targets of a routine (or a runner's), as a table to read or as JSON."""
    from cardgen.log import targets_table, week_targets

    plan = Maker(catalogue, options).plan(routine_id, runner, roster)
    weeks = options.weeks
    if as_json:
        return json.dumps(week_targets(plan, weeks), ensure_ascii=False, indent=2)
    title = f"{plan.title}" + (f" · {plan.runner}" if plan.runner else "") + f" · {weeks} weeks\n"
    return f"{title}\n" + (targets_table(plan, weeks) or "No exercise of this routine has a dose or a progression.")
