"""The wheel carries what cardgen needs to run anywhere: templates, fonts, the default catalogue
and the workspace starter."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    if not (REPO / "pyproject.toml").exists():
        pytest.skip("not run from a source checkout")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("cardgen-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_holds_templates_fonts_and_catalogue(wheel):
    names = set(wheel.namelist())
    for file in [
        "templates/card.html",
        "templates/sheet.html",
        "templates/style/common.css",
        "catalogue/exercises.yaml",
        "catalogue/routines.yaml",
        "catalogue/theory.yaml",
        "fonts/Inter-Regular.otf",
        "fonts/NotoSansCJK-Regular.otf",
        "fonts/OFL-Inter.txt",
        "fonts/OFL-NotoSansCJK.txt",
        "starter/cardgen.yaml",
        "starter/team.yaml",
        "starter/README.md",
        "starter/templates/card.html",
        "starter/templates/theme.css",
    ]:
        assert f"cardgen/{file}" in names, file


def test_wheel_catalogue_is_the_repository_one(wheel):
    assert wheel.read("cardgen/catalogue/exercises.yaml") == (REPO / "catalogue/exercises.yaml").read_bytes()
