"""cardgen: turn a strength-training catalogue into printable pocket cards and routine sheets."""

import os
from pathlib import Path

# cardgen uses no pydantic plugins; looking for them scans every installed package at start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__version__ = "0.1.0"


def bundled(name: str) -> Path:
    """A folder that ships with cardgen: ``templates``, ``catalogue`` or ``fonts``.

    An installed wheel carries them inside the package; a source checkout keeps the
    templates and the catalogue at the top of the repository.
    """
    inside = Path(__file__).parent / name
    return inside if inside.is_dir() else Path(__file__).parent.parent / name
