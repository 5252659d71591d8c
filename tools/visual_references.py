"""Draw the visual regression references again, after an intended change of layout:

    python tools/visual_references.py

Then look at the pictures in tests/visual/ (git diff shows which changed) before committing them.
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from visual import CASES, REFERENCES, make, pictures, reference  # noqa: E402


def main() -> None:
    REFERENCES.mkdir(exist_ok=True)
    for old in REFERENCES.glob("*.png"):
        old.unlink()
    for name in CASES:
        with tempfile.TemporaryDirectory() as folder:
            for number, picture in enumerate(pictures(make(name, Path(folder)))):
                picture.save(reference(name, number), optimize=True)
                print(reference(name, number).relative_to(REFERENCES.parent.parent))


if __name__ == "__main__":
    main()
