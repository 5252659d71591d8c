"""A workspace: a folder with your own catalogue, roster and templates, found by cardgen itself.

``cardgen init DIR`` makes one (:func:`create_workspace`). A command run inside it, or in a
folder below it, finds its ``cardgen.yaml`` (:func:`find_workspace`) and uses the catalogue,
templates and roster it names, without flags.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationInfo, field_validator

from cardgen import bundled
from cardgen.catalogue import FILES
from cardgen.errors import ProblemsFound, UserError
from cardgen.output import write_atomically
from cardgen.source import read_yaml
from cardgen.validation import Model, Text, context_of, validate

MARKER = "cardgen.yaml"
STARTER = Path(__file__).parent / "starter"  # the files init writes, besides the catalogue and schema


class Settings(Model):
    """What ``cardgen.yaml`` may say; paths are relative to the folder it is in."""

    catalogue: Text = "catalogue"
    templates: Text = "templates"
    roster: Text | None = None
    locale: Text = "locale"

    @field_validator("templates")
    @classmethod
    def _a_folder(cls, templates: str, info: ValidationInfo) -> str:
        context = context_of(info)
        if context and not (context.known["root"] / templates).is_dir():
            raise ValueError(f"no such folder: {context.known['root'] / templates}")
        return templates


@dataclass(frozen=True)
class Workspace:
    """Where a workspace keeps its things. ``templates`` is None when the folder isn't there."""

    root: Path
    catalogue: Path
    templates: Path | None
    roster: Path | None
    locale: Path | None = None  # the workspace's own phrases (locale/CODE.yaml), when the folder is there


def find_workspace(start: Path) -> Workspace | None:
    """The workspace ``start`` is in: the nearest of ``start`` and the folders above it that
    holds a ``cardgen.yaml``. Its paths are given the way ``start`` is (relative stays relative)."""
    start = Path(start)
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return read_workspace(Path(os.path.normpath(start / os.path.relpath(folder, here))))
    return None


def read_workspace(root: Path) -> Workspace:
    """Read ``root/cardgen.yaml``; raise ProblemsFound for an unknown key or a missing folder."""
    document = read_yaml(root / MARKER)
    problems = list(document.problems)
    if document.data is None:  # an empty cardgen.yaml: every default
        settings = Settings()
    else:  # a templates folder it names must be there (the default one may be missing)
        settings = validate(document, Settings, problems, None, {"root": root})
    if problems:
        raise ProblemsFound(sorted(problems, key=lambda p: p.line or 0))
    templates = root / settings.templates
    locale = root / settings.locale
    return Workspace(
        root,
        root / settings.catalogue,
        templates if templates.is_dir() else None,
        root / settings.roster if settings.roster else None,
        locale if locale.is_dir() else None,
    )


def create_workspace(folder: Path, force: bool = False) -> list[Path]:
    """Make an editable workspace in ``folder``: a copy of the bundled catalogue, its schema, an
    example roster, example template overrides, ``cardgen.yaml`` and a README. A folder that
    isn't empty is refused unless ``force`` (then only these files are replaced). Returns the
    files written."""
    from cardgen.schema import write_schemas

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise UserError(
            f"{folder} is not empty: choose a new folder, or add --force to write the workspace's files into it"
        )
    written = []
    for source in sorted(STARTER.rglob("*")):
        if source.is_file():
            written.append(_write(folder / source.relative_to(STARTER), source.read_bytes()))
    for name in FILES.values():
        # The schema line is written anew, so it names this workspace's schema folder.
        lines = (bundled("catalogue") / name).read_text(encoding="utf-8").splitlines(keepends=True)
        body = "".join(lines[1:] if lines and lines[0].startswith("# yaml-language-server:") else lines)
        schema_line = f"# yaml-language-server: $schema=../schema/{Path(name).stem}.schema.json\n"
        written.append(_write(folder / "catalogue" / name, schema_line + body))
    for source in sorted((bundled("catalogue") / "translations").glob("*.yaml")):  # the same schema line fits there
        written.append(_write(folder / "catalogue" / "translations" / source.name, source.read_bytes()))
    written.extend(write_schemas(folder / "schema"))
    return written


def _write(path: Path, data: bytes | str) -> Path:
    write_atomically(path, data)
    return path
