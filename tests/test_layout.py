"""WeasyPrint, loaded and read through its public API."""

import subprocess
import sys

import pytest


def loaded_libraries(patched: bool) -> set[str]:
    code = ("from cardgen.layout import libraries_found_from_the_loader_cache as quick\n"
            "import contextlib\n"
            f"with (quick() if {patched} else contextlib.nullcontext()):\n"
            "    import weasyprint\n"
            "print('\\n'.join(sorted({line.split()[-1] for line in open('/proc/self/maps') if '.so' in line})))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_the_quick_library_lookup_loads_the_same_libraries():
    quick, plain = loaded_libraries(True), loaded_libraries(False)
    assert any("libpango" in path for path in quick)
    assert quick == plain
