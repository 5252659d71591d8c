from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from cardgen import bundled  # noqa: E402
from cardgen.cli import cli  # noqa: E402

pytest_plugins = ["pytester"]


class Logged(logging.Handler):
    """Keeps every warning cardgen or WeasyPrint logs."""

    loggers = ("cardgen", "weasyprint")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


# Listening for the whole session, so that a warning logged while a module's shared fixture is made
# (the demo's PDFs, say) counts for the test that needed it.
LOGGED = Logged()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "allow_warnings(*patterns): the test expects warnings logged by cardgen or "
        "WeasyPrint that match one of the patterns (regular expressions); any other still fails it",
    )
    for name in Logged.loggers:
        logging.getLogger(name).addHandler(LOGGED)


def pytest_unconfigure(config):
    for name in Logged.loggers:
        logging.getLogger(name).removeHandler(LOGGED)


@pytest.fixture(autouse=True)
def no_stray_warnings(request):
    """Fail a test on any warning cardgen or WeasyPrint logs while it runs, or while the fixtures
    it needs are made (an engine warning the test would otherwise never see, say), unless the test
    declares it: ``@pytest.mark.allow_warnings("pattern")``. Python warnings from cardgen are
    errors (pyproject.toml's filterwarnings)."""
    try:
        yield LOGGED
        marker = request.node.get_closest_marker("allow_warnings")
        allowed = [re.compile(pattern) for pattern in marker.args or [""]] if marker else []  # bare: any warning
        stray = [
            f"{record.name}: {record.getMessage()}"[:500]
            for record in LOGGED.records
            if not any(pattern.search(record.getMessage()) for pattern in allowed)
        ]
    finally:
        LOGGED.records.clear()
    if stray:
        pytest.fail(
            "unexpected warnings (declare expected ones with @pytest.mark.allow_warnings):\n  " + "\n  ".join(stray),
            pytrace=False,
        )


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
