"""Visual regression: what each kind of document looks like, as small greyscale pictures.

The references in tests/visual/ are drawn by `python tools/visual_references.py` after an intended
change of layout; tests/test_visual.py draws them again and compares. Look at the pictures (and
at the diffs a failing run writes into tests/visual/failures/) before committing new ones.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
REFERENCES = HERE / "visual"
FAILURES = REFERENCES / "failures"
DPI = 100
ROSTER = HERE / "data" / "roster.yaml"

# name: the command that makes the document (run in an empty folder, writing out.pdf)
CASES = {
    "card-a6": ["card", "sample-training"],
    "card-a7": ["card", "sample-training", "--size", "a7"],
    "card-wallet-duplex": ["card", "sample-training", "--size", "wallet", "--duplex"],
    "card-index-3x5": ["card", "stride-power", "--size", "index-3x5"],
    "card-index-4x6": ["card", "cadence", "--size", "index-4x6", "--runner", "Runner One", "--roster", str(ROSTER)],
    "cards-a7-on-a4-duplex": ["card", "sample-training", "--size", "a7", "--sheet", "a4", "--duplex"],
    "card-a7-fold": ["card", "cadence", "--size", "a7", "--fold"],
    "sheet": ["sheet", "sample-training", "--starts", "2026-12-07"],
    "handout": ["handout", str(ROSTER)],
}


def make(name: str, folder: Path) -> Path:
    """Make case ``name``'s PDF in ``folder``."""
    import os

    from click.testing import CliRunner

    from cardgen.cli import cli

    here = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, [*CASES[name], "-o", "out.pdf"], catch_exceptions=False)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return folder / "out.pdf"


def pictures(pdf: Path) -> list:
    """Each page of ``pdf`` in greyscale at DPI, as PIL images."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def reference(name: str, page: int) -> Path:
    return REFERENCES / f"{name}-{page + 1}.png"
