"""What a run reads: the catalogue, templates, phrases and roster named on the command line, else
the workspace's, else cardgen's own; the routine and runner a document is for; and every problem
in those files at once (``cardgen validate``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cardgen import bundled
from cardgen.errors import Problem, ProblemsFound, UserError

if TYPE_CHECKING:
    from cardgen.catalogue import Catalogue
    from cardgen.roster import Roster, Runner
    from cardgen.workspace import Workspace


@dataclass(frozen=True)
class Inputs:
    """The files a run reads. ``templates``, ``locale`` and ``roster`` may be none."""

    catalogue: Path
    templates: Path | None = None
    locale: Path | None = None
    roster: Path | None = None

    @classmethod
    def resolve(
        cls,
        workspace: Callable[[], Workspace | None],
        catalogue: Path | None = None,
        templates: Path | None = None,
        roster: Path | None = None,
        uses: Iterable[str] = ("templates", "locale", "roster"),
    ) -> Inputs:
        """What is named wins; of the rest, what the run ``uses`` (templates, locale, roster) is
        the workspace's, if there is one: ``workspace()`` is asked only when needed."""
        uses = set(uses)
        wanted = {
            "catalogue": catalogue is None,
            "templates": "templates" in uses and templates is None,
            "locale": "locale" in uses,
            "roster": "roster" in uses and roster is None,
        }
        found = workspace() if any(wanted.values()) else None
        return cls(
            catalogue or (found.catalogue if found else bundled("catalogue")),
            templates or (found.templates if found and wanted["templates"] else None),
            found.locale if found and wanted["locale"] else None,
            roster or (found.roster if found and wanted["roster"] else None),
        )

    def watched(self, *rosters: Path | None) -> list[Path]:
        """What a document is made from, for --watch: the catalogue, the templates and ``rosters``."""
        return [self.catalogue, *filter(None, [self.templates, bundled("templates"), *rosters])]

    def load_catalogue(self) -> Catalogue:
        """The catalogue, checked (ProblemsFound lists every problem)."""
        from cardgen.catalogue import load_catalogue

        return load_catalogue(self.catalogue)

    def glyph_warnings(self, rosters: Iterable[Path] = (), runner: str | None = None) -> list[Problem]:
        """The characters of the catalogue (and of ``rosters``, or with ``runner`` of that runner
        alone) that no bundled font draws (reading the fonts takes a moment)."""
        from cardgen.catalogue import FILES
        from cardgen.fonts import glyph_warnings_in

        files = [*(self.catalogue / name for name in FILES.values()), *rosters]
        return glyph_warnings_in(files, runner)

    def load_roster(self, catalogue: Catalogue, file: Path | None = None) -> Roster:
        """The roster ``file`` (default: this run's), checked against ``catalogue``."""
        from cardgen.roster import load_roster

        path = file or self.roster
        if path is None:
            raise UserError("no roster named")
        return load_roster(path, catalogue, self.locale)


def runner_and_routine(
    catalogue: Catalogue, roster: Roster | None, runner_name: str | None, routine_id: str | None
) -> tuple[Runner | None, str | None]:
    """The runner named (or none), and the routine to make: the one named, else the runner's (or
    none, when neither says)."""
    runner = None
    if roster is not None and runner_name is not None:
        try:
            runner = roster.runner(runner_name)
        except LookupError as error:
            raise UserError(str(error)) from None
        routine_id = routine_id or roster.routine_of(runner)
    if routine_id is not None:
        try:
            catalogue.routine(routine_id)
        except LookupError as error:
            raise UserError(f"{error}; the routines are: {', '.join(catalogue.routines)}") from None
    return runner, routine_id


@dataclass(frozen=True)
class Checked:
    """What ``check_files`` found: a line for each file that is sound, and every problem."""

    sound: list[str]
    problems: list[Problem]


def check_files(inputs: Inputs, catalogue: Catalogue, rosters: Iterable[Path], weeks: int, lang: str | None) -> Checked:
    """Check the catalogue's plans over ``weeks``, its translations (and with ``lang`` what is not
    yet translated into it), the workspace's phrases, and each of ``rosters`` against the catalogue."""
    from cardgen.courses import check_plans
    from cardgen.translations import check_languages

    sound = []
    problems = check_plans(catalogue, None, weeks)
    if not problems:
        sound.append(
            f"{catalogue.folder}: OK, {len(catalogue.exercises)} exercises, {len(catalogue.routines)} routines"
        )
    found, translated = check_languages(catalogue, inputs.locale, lang)
    problems.extend(found)
    sound.extend(f"{file}: OK" for file in translated)
    for file in rosters:
        try:
            roster = inputs.load_roster(catalogue, file)
            if found := check_plans(catalogue, roster, weeks):
                raise ProblemsFound(found)
        except ProblemsFound as error:
            problems.extend(p for p in error.problems if str(p) not in map(str, problems))
        else:
            count = len(roster.runners)
            sound.append(f"{file}: OK, {count} runner{'s' if count != 1 else ''}")
    return Checked(sound, problems)
