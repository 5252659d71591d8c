"""Render the pictures in the README from the demo output: python tools/readme_pictures.py"""

import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2

DOCS = Path(__file__).parent.parent / "docs"
PICTURES = [
    ("sample-training-card.pdf", 0, "card.png", 150),
    ("sample-training-sheet.pdf", 0, "sheet.png", 100),
    ("sample-training-sheet.pdf", 1, "sheet-log.png", 100),
]

with tempfile.TemporaryDirectory() as folder:
    subprocess.run([sys.executable, "-m", "cardgen", "demo", "-o", folder], check=True, capture_output=True)
    # A runner's log with targets worked out: a wave of a training max, kg and lb, deload weeks.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cardgen",
            "sheet",
            "--roster",
            str(DOCS / "example-team.yaml"),
            "--runner",
            "Ana Lima",
            "--weeks",
            "8",
            "-o",
            str(Path(folder) / "ana.pdf"),
        ],
        check=True,
        capture_output=True,
    )
    PICTURES.append(("ana.pdf", 1, "log-targets.png", 100))
    for pdf, page, png, dpi in PICTURES:
        document = pypdfium2.PdfDocument(str(Path(folder) / pdf))
        document[page].render(scale=dpi / 72).to_pil().convert("RGB").save(DOCS / png, optimize=True)
        print(DOCS / png)
