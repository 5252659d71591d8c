"""WeasyPrint, loaded and read through its public API: faces measured by their anchors, its
warnings told once each, or made an error with --strict."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest


def loaded_libraries(patched: bool) -> set[str]:
    code = (
        "from cardgen.layout import libraries_found_from_the_loader_cache as quick\n"
        "import contextlib\n"
        f"with (quick() if {patched} else contextlib.nullcontext()):\n"
        "    import weasyprint\n"
        "print('\\n'.join(sorted({line.split()[-1] for line in open('/proc/self/maps') if '.so' in line})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_the_quick_library_lookup_loads_the_same_libraries():
    quick, plain = loaded_libraries(True), loaded_libraries(False)
    assert any("libpango" in path for path in quick)
    assert quick == plain


PAGE = (
    "<style>@page { size: 100px 200px; margin: 0 } body { margin: 0 } "
    "section { break-before: page } p { margin: 0 }</style>"
)


def block(px: int) -> str:
    return f'<p style="height: {px}px"></p>'


def test_measure_reads_each_face_from_its_anchors():
    from cardgen.fitting import Measure
    from cardgen.layout import Press

    html = PAGE + (
        f'<section id="face-0">{block(20)}<div id="step-0-1"></div>{block(50)}<div id="step-0-2"></div>'
        f'{block(30)}<div id="end-0"></div></section>'
        # A face taller than its page runs on (anchored on both pages): its positions count the pages before.
        f'<section id="face-1">{block(10)}<div id="slot-1"></div>{block(5)}<div id="step-1-1"></div>'
        f'{block(250)}<div id="end-1"></div></section>'
        f'<section id="face-2">{block(40)}<div id="end-2"></div></section>'
    )
    press = Press()
    document = press.lay_out(html)
    assert len(document.pages) == 4
    # Face 1's 250 px block doesn't fit the 185 px left on its first page: the face measures those too.
    assert Press.measure(document, 3) == [
        (0, Measure(100, 20, (50, 30), 0)),
        (1, Measure(450, 15, (435,), 10)),
        (3, Measure(40, 0, (), 0)),
    ]
    with pytest.raises(KeyError):
        Press.measure(document, 4)


@pytest.mark.allow_warnings("Ignored", "notdef")
def test_engine_warnings_are_told_once_each(capsys):
    from cardgen.layout import engine_warnings

    engine = logging.getLogger("weasyprint")
    reported: set[str] = set()
    for _ in range(2):
        with engine_warnings(strict=False, reported=reported):
            engine.warning("Ignored `colour: red` at 1:2, unknown property.")
            engine.warning("Ignored `colour: red` at 1:2, unknown property.")
            engine.warning('.notdef glyph rendered for Unicode string unsupported by fonts: "\U0001f3c3"')
            engine.warning('.notdef glyph rendered for Unicode string unsupported by fonts: "\U0001f600"')
    assert capsys.readouterr().err == (
        "warning: PDF engine: Ignored `colour: red` at 1:2, unknown property.\n"
        "warning: PDF engine: drew a box for 2 characters no font has: \U0001f3c3 \U0001f600\n"
    )


@pytest.mark.allow_warnings("Ignored")
def test_strict_makes_an_engine_warning_an_error(capsys):
    from cardgen.errors import UserError
    from cardgen.layout import engine_warnings

    with pytest.raises(UserError, match=r"the PDF engine warned \(and --strict makes that an error\):\n  Ignored"):
        with engine_warnings(strict=True):
            logging.getLogger("weasyprint").warning("Ignored `colour: red` at 1:2, unknown property.")
    assert capsys.readouterr().err == ""


@pytest.mark.allow_warnings("Ignored x")  # the inner run is in this process: this test sees its warning too
def test_a_test_fails_on_an_engine_warning_it_did_not_declare(pytester):
    """conftest.py's no_stray_warnings at work: an undeclared warning fails the test, a declared one doesn't."""
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile("""
        import logging

        import pytest

        def test_undeclared():
            logging.getLogger("weasyprint").warning("Ignored x")

        @pytest.mark.allow_warnings("Ignored")
        def test_declared():
            logging.getLogger("weasyprint").warning("Ignored x")

        @pytest.mark.allow_warnings("something else")
        def test_declared_another():
            logging.getLogger("cardgen.documents").warning("Ignored x")

        @pytest.fixture(scope="module")
        def shared():
            logging.getLogger("cardgen").warning("Ignored x, while a shared fixture was made")

        def test_needs_shared(shared):
            pass
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=3)
    result.stdout.fnmatch_lines(
        [
            "*unexpected warnings*",
            "*weasyprint: Ignored x*",
            "*unexpected warnings*",
            "*cardgen.documents: Ignored x*",
            "*unexpected warnings*",
            "*cardgen: Ignored x, while a shared fixture was made*",
        ]
    )
