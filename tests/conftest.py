from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from cardgen import bundled  # noqa: E402
from cardgen.cli import cli  # noqa: E402


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Run cardgen in an empty folder, as a user would; returns click's Result."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def catalogue_copy(tmp_path) -> Path:
    """A private copy of the bundled catalogue, to break on purpose."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    for file in bundled("catalogue").glob("*.yaml"):
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return folder
