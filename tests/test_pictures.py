"""Pictures are checked when the catalogue or roster is read, by what they are, not their names."""

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from cardgen.pictures import check_picture, picture_data_uri, without_data_uris


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(path: Path, side: int = 30_000) -> Path:
    """A real, valid black-and-white PNG of side × side pixels (900 megapixels: under 1 MB on disk)."""
    row = b"\0" + b"\0" * (side // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )
    return path


def small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


XXE = """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&xxe;</text></svg>"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


def with_picture(catalogue: Path, name: str) -> int:
    """Give the squat exercise the picture ``name``; returns the line that names it."""
    exercises = catalogue / "exercises.yaml"
    text = exercises.read_text(encoding="utf-8").replace("- id: squat\n", f"- id: squat\n  picture: {name}\n", 1)
    exercises.write_text(text, encoding="utf-8")
    return next(n for n, row in enumerate(text.splitlines(), 1) if row == f"  picture: {name}")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("x.svg", XXE, "an SVG with a DTD or entities is refused"),
        (
            "x.svg",
            '<!DOCTYPE svg SYSTEM "http://example.com/evil.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
            "DTD",
        ),
        (
            "x.svg",
            SVG.format('<image href="file:///etc/passwd" width="10" height="10"/>'),
            "<image> points at 'file:///etc/passwd'",
        ),
        ("x.svg", SVG.format('<image xlink:href="http://example.com/a.png"/>'), "points at 'http://example.com/a.png'"),
        ("x.svg", SVG.format('<use href="other.svg#a"/>'), "<use> points at 'other.svg#a'"),
        (
            "x.svg",
            SVG.format('<rect width="5" height="5" style="fill: url(http://example.com/p.svg#g)"/>'),
            "<rect style> points at",
        ),
        ("x.svg", SVG.format('<rect width="5" height="5" fill="url(file:///etc/passwd)"/>'), "<rect fill> points at"),
        ("x.svg", SVG.format("<style>@import url(#x);</style>"), "<style> imports a stylesheet"),
        ("x.svg", SVG.format("<script>alert(1)</script>"), "an SVG with <script> is refused"),
        (
            "x.svg",
            SVG.format("<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>hi</p></foreignObject>"),
            "<foreignObject>",
        ),
        (
            "x.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="a b c d"/>',
            "viewBox 'a b c d' is not four numbers",
        ),
        ("x.svg", "<svg this is not svg", "is not well-formed XML"),
        ("x.svg", '<?xml version="1.0"?><html><body/></html>', "is not a PNG, JPEG or SVG picture"),
        ("x.svg", "PNG", "is a PNG picture, not SVG: name it for what it is"),
        ("x.png", "JPEG", "is a JPEG picture, not PNG"),
        ("x.png", "just some text", "is not a PNG, JPEG or SVG picture, whatever its name says"),
        ("x.png", "TRUNCATED", "cannot be read as a PNG picture"),
    ],
)
def test_validate_refuses_pictures_with_a_reason(run, catalogue_copy, monkeypatch, name, content, message):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint sets it, once imported
    data = {"PNG": small_png(), "TRUNCATED": small_png()[:60], "JPEG": b"\xff\xd8\xff\xe0" + small_png()}.get(
        content, content
    )
    (catalogue_copy / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    line = with_picture(catalogue_copy, name)
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        f"{catalogue_copy / 'exercises.yaml'}:{line}: squat.picture: '{name}': "
    ) or first.startswith(f"{catalogue_copy / 'exercises.yaml'}:{line}: squat.picture: '{name}' "), first
    assert message in first, first
    assert "root:" not in result.output, "nothing of /etc/passwd"


@pytest.mark.parametrize(
    "name, content",
    [
        (
            "x.svg",
            SVG.format(
                '<defs><linearGradient id="g"/></defs>'
                '<rect width="5" height="5" fill="url(#g)" style="stroke: url(\'#g\')"/>'
                '<use href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'
            ),
        ),
        ("x.png", "PNG"),
        ("x.jpeg", "JPEG"),
    ],
)
def test_good_pictures_pass(catalogue_copy, name, content):
    if content == "JPEG":
        Image.new("RGB", (30, 20), (0, 90, 0)).save(catalogue_copy / name, "JPEG")
    else:
        (catalogue_copy / name).write_bytes(small_png() if content == "PNG" else content.encode())
    assert check_picture(name, catalogue_copy) is None
    assert picture_data_uri((catalogue_copy / name).resolve()).startswith(
        f"data:image/{'svg+xml' if name.endswith('svg') else name[2:].replace('jpeg', 'jpeg')};base64,"
    )


@pytest.mark.parametrize("picture", ["huge.png", "xxe.svg"])
def test_the_huge_png_and_the_xxe_svg_are_refused_fast_and_small(catalogue_copy, tmp_path, picture):
    """Under 2 seconds (of CPU, so a busy machine doesn't decide) and 200 MB, each, the whole validate."""
    if picture == "huge.png":
        huge_png(catalogue_copy / picture)
        assert (catalogue_copy / picture).stat().st_size < 1024 * 1024
    else:
        (catalogue_copy / picture).write_text(XXE, encoding="utf-8")
    line = with_picture(catalogue_copy, picture)
    # Measured by a process of its own, whose only child is the validate: the test process's
    # other children (forked batch workers, say) don't count.
    measure = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "result = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60)\n"
        "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(used.ru_utime + used.ru_stime, used.ru_maxrss, time.perf_counter() - started, result.returncode)\n"
        "sys.stderr.write(result.stderr)\n"
    )
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            measure,
            sys.executable,
            "-m",
            "cardgen",
            "validate",
            "--catalogue",
            str(catalogue_copy),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=90,
    )
    cpu, maxrss, wall, returncode = run.stdout.split()
    cpu, wall = float(cpu), float(wall)
    result = subprocess.CompletedProcess(run.args, int(returncode), "", run.stderr)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{catalogue_copy / 'exercises.yaml'}:{line}: squat.picture: '{picture}': "), (
        result.stderr
    )
    assert ("30,000 × 30,000 pixels (900 megapixels)" if picture == "huge.png" else "DTD or entities") in result.stderr
    assert cpu < 2.0, f"{cpu:.2f} s of CPU ({wall:.2f} s on the clock)"
    assert int(maxrss) < 200 * 1024, f"{int(maxrss) // 1024} MB"


def test_a_picture_that_is_a_link_out_of_the_folder_is_refused(run, catalogue_copy, tmp_path):
    (tmp_path / "elsewhere.png").write_bytes(small_png())
    (catalogue_copy / "linked.png").symlink_to(tmp_path / "elsewhere.png")
    line = with_picture(catalogue_copy, "linked.png")
    result = run("validate", "--catalogue", catalogue_copy)
    assert (
        result.exit_code == 1
        and f"exercises.yaml:{line}: squat.picture: 'linked.png' leads out of the folder" in result.stderr
    )


def test_engine_warnings_name_the_picture_never_its_data(catalogue_copy):
    (catalogue_copy / "x.png").write_bytes(small_png())
    check_picture("x.png", catalogue_copy, "exercises.yaml:12: squat.picture")
    uri = picture_data_uri((catalogue_copy / "x.png").resolve())
    assert (
        without_data_uris(f"Failed to load image at {uri!r}: broken")
        == "Failed to load image at 'the picture x.png (exercises.yaml:12: squat.picture)': broken"
    )
    assert (
        without_data_uris(f"Failed at {uri[:200]}") == "Failed at the picture x.png (exercises.yaml:12: squat.picture)"
    )
    assert without_data_uris("Failed at data:image/png;base64,AAAA") == "Failed at a picture"
