"""How fast cardgen answers when it prints nothing (not a test): python benchmarks/bench_startup.py

`cardgen --help` and `cardgen list` should answer in under 0.3 s: WeasyPrint, segno and the fonts
are loaded only when something is rendered. Prints the median of N runs of each, in fresh processes.
"""

import statistics
import subprocess
import sys
import time

RUNS = 15
COMMANDS = [["--help"], ["list"], ["list", "--json"], ["show", "calf-raise"]]


def seconds(command: list[str]) -> float:
    """Median wall time of ``command`` over RUNS fresh processes."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


print(f"python itself: {seconds([sys.executable, '-c', 'pass']) * 1000:.0f} ms (median of {RUNS})")
for arguments in COMMANDS:
    median = seconds([sys.executable, "-m", "cardgen", *arguments])
    print(
        f"cardgen {' '.join(arguments):<18} {median * 1000:5.0f} ms  "
        f"{'PASS' if median < 0.3 else 'MISS'} (target < 300 ms)"
    )
