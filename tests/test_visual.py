"""Every kind of document looks as it did when its reference picture was drawn (tests/visual.py)."""

import pytest
from PIL import Image, ImageChops
from visual import CASES, FAILURES, REFERENCES, make, pictures, reference

# A pixel counts as changed when its grey differs by more than this; a page fails when more than
# CHANGED_SHARE of its pixels changed (anti-aliasing noise stays far below it).
TOLERANCE = 48
CHANGED_SHARE = 0.001


def changed_share(expected: Image.Image, actual: Image.Image) -> tuple[float, Image.Image]:
    diff = ImageChops.difference(expected, actual)
    changed = diff.point(lambda value: 255 if value > TOLERANCE else 0)
    return sum(changed.histogram()[255:]) / (changed.width * changed.height), changed


@pytest.mark.parametrize("name", CASES)
def test_it_looks_as_it_did(name, tmp_path):
    pages = pictures(make(name, tmp_path))
    expected = [path for path in REFERENCES.glob(f"{name}-*.png") if path.stem.removeprefix(f"{name}-").isdigit()]
    assert expected, f"no reference for {name}: run python tools/visual_references.py"
    assert len(pages) == len(expected), f"{name}: {len(pages)} pages, the reference has {len(expected)}"
    for number, actual in enumerate(pages):
        wanted = Image.open(reference(name, number)).convert("L")
        if wanted.size != actual.size:
            pytest.fail(f"{name} page {number + 1}: {actual.size} pixels, the reference is {wanted.size}")
        share, changed = changed_share(wanted, actual)
        if share > CHANGED_SHARE:
            FAILURES.mkdir(exist_ok=True)
            actual.save(FAILURES / f"{name}-{number + 1}-actual.png")
            # The diff: the reference faded, what changed in black.
            Image.composite(Image.new("L", actual.size, 0), wanted.point(lambda v: 160 + v * 95 // 255), changed).save(
                FAILURES / f"{name}-{number + 1}-diff.png"
            )
            pytest.fail(
                f"{name} page {number + 1}: {share:.2%} of the pixels changed; "
                f"see {FAILURES}/{name}-{number + 1}-diff.png"
            )
