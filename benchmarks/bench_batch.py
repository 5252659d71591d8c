#!/usr/bin/env python
"""How fast is ``cardgen batch``, and how much memory does it take?

Sheets only, on one generated roster, measured in one run:

  batch             ``cardgen batch ROSTER --format sheet`` as a subprocess: the real thing, end
                    to end (start-up, catalogue and roster checks, workers, files, manifest).
  loop              what a quick script would do: one runner at a time, each sheet from scratch
                    (a fresh WeasyPrint font configuration, fonts and CSS every time), in one
                    process.
  weasyprint alone  WeasyPrint's own time for the same sheets: ``HTML(filename).write_pdf()`` over
                    the self-contained HTML of ``cardgen sheet --html``, written beforehand.

Then the peak memory (summed RSS of the process tree, sampled every 50 ms) of a bigger batch.

    python benchmarks/bench_batch.py [--runners 200] [--memory-runners 1000] [--jobs N] [--repeat K]

Not a test: it prints figures, with PASS/MISS against the targets. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

TARGET_BATCH_VS_LOOP = 0.25
TARGET_BATCH_VS_WEASYPRINT = 1.10
TARGET_PEAK_MB = 600
SAMPLE_SECONDS = 0.05
KIND = "sheet"

# ---------------------------------------------------------------------------------------------
# The roster
# ---------------------------------------------------------------------------------------------

LATIN_FIRST = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Emma",
    "Felix",
    "Grace",
    "Hugo",
    "Iris",
    "Jonas",
    "Kate",
    "Liam",
    "Maya",
    "Noah",
    "Olivia",
    "Paul",
    "Rosa",
    "Sam",
    "Tara",
    "Victor",
    "Wendy",
    "Yusuf",
    "Zara",
    "Mateo",
    "Mary-Jane",
    "Ana Maria",
    "Tom",
    "Lucy",
    "Oscar",
    "Nina",
    "Erik",
    "Leah",
]
LATIN_LAST = [
    "Andersen",
    "Baker",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "Hansen",
    "Jensen",
    "Kowalski",
    "Larsen",
    "O'Brien",
    "Quinn",
    "Rossi",
    "Thompson",
    "Ulloa",
    "Virtanen",
    "van der Berg",
    "Smith",
    "Walker",
    "Murphy",
    "Okafor",
    "Patel",
    "Nguyen",
    "Silva",
    "Moreau",
    "Berg",
]
# Accented Latin: about one name in four has one of these.
ACCENTED_FIRST = [
    "Chloé",
    "Zoë",
    "José",
    "Łukasz",
    "Søren",
    "Ørjan",
    "François",
    "Mário",
    "Inés",
    "Björn",
    "Dagný",
    "Ömer",
    "Şebnem",
    "Jiří",
    "Renée",
    "Éloïse",
    "Siobhán",
    "Anaïs",
]
ACCENTED_LAST = [
    "García",
    "Ivanović",
    "Müller",
    "Novák",
    "Pérez",
    "Schäfer",
    "Wójcik",
    "Yılmaz",
    "Zając",
    "Ångström",
    "Þórsdóttir",
    "Núñez",
    "Dvořák",
    "Brontë",
    "Lefèvre",
    "Gonçalves",
    "Çelik",
]
CYRILLIC_FIRST = ["Иван", "Анна", "Дмитрий", "Ольга", "Сергей", "Наталья", "Алексей", "Мария", "Юлия", "Пётр"]
CYRILLIC_LAST = ["Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Волков", "Фёдорова"]
# Family name first, as written.
CJK_NAMES = (
    [s + g for s in "李王张陈刘杨" for g in ("小龙", "芳", "伟", "静", "秀英", "明")]
    + [s + g for s in ("佐藤", "鈴木", "高橋", "田中") for g in ("花子", "一郎", "美咲", "翔太")]
    + [s + g for s in "김이박최" for g in ("민준", "서연", "지훈", "하은")]
)
NOTES = [
    "Keep the cadence drills light this month.",
    "Back from a calf strain: no jumps until the physio clears you.",
    "Tempo on the strength work: 3 s down, 1 s up.",
    "Race in 3 weeks — halve the sets from week 2.",
    "Left knee: stop at any sharp pain and tell the coach.",
    "Add 2.5 kg to the squat when all sets feel easy.",
    "Do this on easy days only, never before intervals.",
    "Focus on form over load; film one set a week.",
    "Зимой — больше силовой работы, меньше прыжков.",
    "膝に注意して、ジャンプは控えめに。",
    "주 2회, 가벼운 날에만 하세요.",
    "Cross-country season: keep the plyometrics short and sharp, and always after a full warm-up.",
]
DOSES = ["12x3", "8-10x4", "15x2", "10x3", "6x5", "20x2", "5-8 each side", "30 s hold x3", "10-12x3"]
LOADS = [5, 7.5, 10, 12.5, 15, 17.5, 20, 22.5, 25, 30, 35, 40, 50, 60, 80]
ROUTINES = ["sample-training", "stride-power", "cadence", "explosive-swift"]


def make_roster(count: int, seed: int, catalogue) -> dict:
    """A realistic team of ``count`` runners, the same for the same seed (and the first runners of
    a bigger team are those of a smaller one)."""
    rng = random.Random(seed)
    in_routine = {
        rid: [item.id for block in catalogue.routines[rid].blocks for item in block.exercises] for rid in ROUTINES
    }
    strength = [e.id for e in catalogue.exercises.values() if e.kind in ("strength", "explosive")]
    flags = sorted({f for e in catalogue.exercises.values() for c in e.cautions for f in c.flags})
    taken: set[str] = set()

    def name() -> str:
        for attempt in range(200):
            roll = rng.random()
            if roll < 0.05:
                candidate = rng.choice(CJK_NAMES)
            elif roll < 0.12:
                candidate = f"{rng.choice(CYRILLIC_FIRST)} {rng.choice(CYRILLIC_LAST)}"
            else:
                accents = rng.random() < 0.25
                first = rng.choice(ACCENTED_FIRST if accents and rng.random() < 0.5 else LATIN_FIRST)
                last = rng.choice(ACCENTED_LAST if accents and first not in ACCENTED_FIRST else LATIN_LAST)
                candidate = f"{first} {last}"
            if attempt > 100:  # a big team: a middle initial tells two namesakes apart
                first, _, last = candidate.partition(" ")
                candidate = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}".strip()
            if candidate.casefold() not in taken:
                taken.add(candidate.casefold())
                return candidate
        raise RuntimeError("ran out of names")

    runners = []
    for _ in range(count):
        runner: dict = {"name": name()}
        routine = "sample-training"
        if rng.random() < 0.55:
            routine = rng.choice(ROUTINES)
            runner["routine"] = routine
        exercises = in_routine[routine]
        if rng.random() < 0.45:
            runner["dose"] = {
                e: rng.choice(DOSES) for e in rng.sample(exercises, rng.randint(1, min(3, len(exercises))))
            }
        loadable = [e for e in exercises if e in strength]
        if loadable and rng.random() < 0.6:
            runner["load"] = {e: rng.choice(LOADS) for e in rng.sample(loadable, rng.randint(1, min(3, len(loadable))))}
        if rng.random() < 0.3:
            runner["skip"] = rng.sample(exercises, rng.randint(1, min(2, len(exercises) - 1)))
        others = [e for e in catalogue.exercises if e not in exercises]
        if others and rng.random() < 0.3:
            runner["add"] = rng.sample(others, rng.randint(1, min(2, len(others))))
        if flags and rng.random() < 0.2:
            runner["flags"] = [rng.choice(flags)]
        if rng.random() < 0.35:
            runner["notes"] = rng.choice(NOTES)
        runners.append(runner)
    return {
        "team": "Benchmark Harriers",
        "coach": "Head Coach",
        "starts": "2026-09-07",
        "routine": "sample-training",
        "units": "kg",
        "runners": runners,
    }


def write_roster(file: Path, count: int, seed: int, catalogue) -> None:
    import yaml

    data = make_roster(count, seed, catalogue)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The children: each measured mode runs in a fresh process, like a user's command would
# ---------------------------------------------------------------------------------------------


def child_loop(roster_file: Path, out: Path) -> dict:
    """Every runner's sheet on its own, from scratch: the HTML from cardgen's plan and templates,
    the @font-face rules inlined in it, and a plain ``weasyprint.HTML(...).write_pdf()``, which
    makes a new font configuration and loads the fonts and CSS again for every runner."""
    started = time.perf_counter()
    import weasyprint

    from cardgen import bundled
    from cardgen.catalogue import load_catalogue
    from cardgen.documents import Maker
    from cardgen.fonts import font_face_css
    from cardgen.output import unique_stems
    from cardgen.roster import load_roster

    catalogue = load_catalogue(bundled("catalogue"))
    roster = load_roster(roster_file, catalogue)
    stems = unique_stems([r.name for r in roster.runners])
    base_url = bundled("templates").as_uri() + "/"
    ready = time.perf_counter()
    cpu = time.process_time()
    maker = Maker(catalogue)  # only its Jinja templates are reused; WeasyPrint starts afresh each time
    for stem, runner in zip(stems, roster.runners):
        plan = maker.plan(roster.routine_of(runner), runner, roster)
        html = maker.sheets_html([plan], roster, fonts_css=font_face_css())
        weasyprint.HTML(string=html, base_url=base_url).write_pdf(out / f"{stem} - {KIND}.pdf")
    return {"start_up": ready - started, "seconds": time.perf_counter() - ready, "cpu": time.process_time() - cpu}


def child_weasyprint(html_dir: Path, out: Path) -> dict:
    """WeasyPrint alone: ``HTML(filename=...).write_pdf(target)`` over the prepared files."""
    import weasyprint

    files = sorted(html_dir.glob("*.html"))
    started, cpu = time.perf_counter(), time.process_time()
    for file in files:
        weasyprint.HTML(filename=str(file)).write_pdf(str(out / f"{file.stem}.pdf"))
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def busy_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy since boot (all processes, all cores)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return float("nan")
    user, nice, system, idle, iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def others_load(busy_before: float, busy_after: float, ours: float, wall: float) -> float:
    """Cores kept busy by other processes while we measured: the machine's busy time less ours."""
    return max(0.0, (busy_after - busy_before) - ours) / wall


def run_child(mode: str, *args: Path) -> dict:
    """Run a child mode of this script in a fresh interpreter; its wall and CPU time (from outside)
    and what it measured itself (from inside)."""
    command = [sys.executable, str(Path(__file__).resolve()), "_child", mode, *map(str, args)]
    before, busy = resource.getrusage(resource.RUSAGE_CHILDREN), busy_cpu_seconds()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"the {mode} child failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    inside = json.loads(done.stdout.strip().splitlines()[-1])
    cpu = cpu_of(before, after)
    return {"wall": wall, "cpu_total": cpu, "others": others_load(busy, busy_cpu_seconds(), cpu, wall), **inside}


def cpu_of(before, after) -> float:
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cardgen_batch(roster_file: Path, out: Path, jobs: int | None) -> list[str]:
    command = [sys.executable, "-m", "cardgen", "batch", str(roster_file), "--format", KIND, "-o", str(out)]
    return command + (["--jobs", str(jobs)] if jobs else [])


def run_batch_subprocess(roster_file: Path, out: Path, jobs: int | None) -> dict:
    before, busy = resource.getrusage(resource.RUSAGE_CHILDREN), busy_cpu_seconds()
    started = time.perf_counter()
    done = subprocess.run(cardgen_batch(roster_file, out, jobs), capture_output=True, text=True, cwd=out.parent)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"cardgen batch failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    cpu = cpu_of(before, after)
    return {
        "wall": wall,
        "cpu_total": cpu,
        "others": others_load(busy, busy_cpu_seconds(), cpu, wall),
        "stdout": done.stdout.strip(),
    }


# ---------------------------------------------------------------------------------------------
# The HTML for "weasyprint alone", written beforehand (not timed)
# ---------------------------------------------------------------------------------------------

_prepare: dict = {}
# fontTools stamps the fonts it cuts with the time, unless told a fixed one: with it, the HTML of
# the same runner is the same bytes every time, so it can be checked against the command's.
FIXED_TIME = {"SOURCE_DATE_EPOCH": "1767225600"}


def _prepare_start(roster_file: str) -> None:
    os.environ.update(FIXED_TIME)
    from cardgen import bundled
    from cardgen.catalogue import load_catalogue
    from cardgen.documents import Maker
    from cardgen.roster import load_roster

    catalogue = load_catalogue(bundled("catalogue"))
    _prepare["roster"] = load_roster(Path(roster_file), catalogue)
    _prepare["maker"] = Maker(catalogue)
    _prepare["fonts"] = {}


def _prepare_one(job: tuple[int, str]) -> None:
    """What ``cardgen sheet --roster R --runner NAME --html -o FILE`` writes (Maker.write with
    html=True), with the embedded fonts remembered per character set: cutting the fonts down takes
    seconds and gives the same bytes for the same characters."""
    from cardgen.fonts import embedded_font_face_css
    from cardgen.output import write_atomically

    index, file = job
    roster, maker, fonts = _prepare["roster"], _prepare["maker"], _prepare["fonts"]
    runner = roster.runners[index]
    plan = maker.plan(roster.routine_of(runner), runner, roster)
    bare = maker.sheets_html([plan], roster)
    key = frozenset(bare)
    if key not in fonts:
        fonts[key] = embedded_font_face_css(bare)
    write_atomically(Path(file), maker.sheets_html([plan], roster, fonts[key]))


def cli_sheet_html(roster_file: Path, name: str, file: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "cardgen",
        "sheet",
        "--roster",
        str(roster_file),
        "--runner",
        name,
        "--html",
        "-o",
        str(file),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **FIXED_TIME})
    if done.returncode != 0:
        raise SystemExit(f"cardgen sheet --html failed for {name!r} ({done.returncode}):\n{done.stderr}")


def prepare_html(roster_file: Path, names: list[str], stems: list[str], folder: Path, jobs: int, via_cli: bool) -> str:
    """Write every runner's self-contained sheet HTML into ``folder``; say how it was checked."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"{stem} - {KIND}.html" for stem in stems]
    if via_cli:
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(lambda pair: cli_sheet_html(roster_file, *pair), zip(names, files)))
        return f"written by `cardgen sheet --html`, one command per runner, {jobs} at a time"
    with ProcessPoolExecutor(jobs, initializer=_prepare_start, initargs=(str(roster_file),)) as pool:
        list(
            pool.map(
                _prepare_one, [(i, str(f)) for i, f in enumerate(files)], chunksize=max(1, len(files) // (4 * jobs))
            )
        )
    # The same bytes as the command itself? Checked on a few runners of different scripts.
    sample = sorted(
        {
            0,
            len(names) - 1,
            *[i for i, n in enumerate(names) if not n.isascii()][:1],
            *[i for i, n in enumerate(names) if any("\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in n)][
                :1
            ],
            *[i for i, n in enumerate(names) if any("\u0400" <= c <= "\u04ff" for c in n)][:1],
        }
    )
    check = folder.parent / "html-check"
    check.mkdir(exist_ok=True)
    for i in sample:
        cli_sheet_html(roster_file, names[i], check / "x.html")
        if (check / "x.html").read_bytes() != files[i].read_bytes():
            raise SystemExit(
                f"the prepared HTML of {names[i]!r} differs from `cardgen sheet --html`'s; run with --html-via-cli"
            )
    shutil.rmtree(check)
    return (
        "same code as `cardgen sheet --html`, fonts cut once per character set; "
        f"byte-identical to the command for {len(sample)} sampled runners"
    )


# ---------------------------------------------------------------------------------------------
# Peak memory
# ---------------------------------------------------------------------------------------------


def measure_memory(roster_file: Path, out: Path, jobs: int | None) -> dict:
    """Run ``cardgen batch`` and sample the summed RSS of it and all its children every 50 ms."""
    import psutil

    before, busy = resource.getrusage(resource.RUSAGE_CHILDREN), busy_cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(
        cardgen_batch(roster_file, out, jobs), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=out.parent
    )
    root = psutil.Process(process.pid)
    peak = peak_parent = peak_worker = peak_pss = 0
    names: dict[int, str] = {}
    samples = 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        total = 0
        pss = 0
        for proc in tree:
            try:
                rss = proc.memory_info().rss
                if samples % 10 == 0:  # PSS reads /proc/PID/smaps_rollup: less often
                    pss += proc.memory_full_info().pss
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            total += rss
            if proc.pid not in names:
                try:
                    names[proc.pid] = proc.name()
                except psutil.Error:
                    names[proc.pid] = "?"
            if proc.pid == root.pid:
                peak_parent = max(peak_parent, rss)
            else:
                peak_worker = max(peak_worker, rss)
        peak = max(peak, total)
        peak_pss = max(peak_pss, pss)
        samples += 1
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    cpu = cpu_of(before, resource.getrusage(resource.RUSAGE_CHILDREN))
    if process.returncode != 0:
        raise SystemExit(f"cardgen batch (memory run) failed ({process.returncode}):\n{stdout}\n{stderr}")
    return {
        "wall": wall,
        "peak": peak,
        "peak_parent": peak_parent,
        "peak_worker": peak_worker,
        "peak_pss": peak_pss,
        "workers": sum(1 for pid, name in names.items() if pid != root.pid and "python" in name),
        "helpers": sorted({name for name in names.values() if "python" not in name}),
        "helper_count": sum(1 for name in names.values() if "python" not in name),
        "samples": samples,
        "stdout": stdout.strip(),
        "cpu": cpu,
        "others": others_load(busy, busy_cpu_seconds(), cpu, wall),
    }


# ---------------------------------------------------------------------------------------------
# The machine
# ---------------------------------------------------------------------------------------------


def machine_facts() -> list[tuple[str, str]]:
    import weasyprint

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = "?"
    try:
        import psutil

        memory = f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM"
    except ImportError:
        pass
    try:
        ldconfig = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
        libraries = sorted({line.split()[0] for line in ldconfig.splitlines() if "harfbuzz-subset" in line})
        subset = f"present ({', '.join(libraries)})" if libraries else "absent"
    except OSError:
        subset = "unknown (no ldconfig)"
    try:
        from weasyprint.text.ffi import harfbuzz_subset

        subset += f"; WeasyPrint {'uses it' if harfbuzz_subset else 'does not load it (fontTools subsets)'}"
    except ImportError:
        pass
    try:
        import pydyf

        pydyf_version = f" (pydyf {pydyf.__version__})"
    except (ImportError, AttributeError):
        pydyf_version = ""
    import cardgen

    here = Path(cardgen.__file__).resolve().parent.parent
    revision = subprocess.run(
        ["git", "-C", str(here), "describe", "--always", "--dirty"], capture_output=True, text=True
    ).stdout.strip()
    return [
        ("CPU", cpu),
        ("cores", f"{os.cpu_count()} ({usable} usable), {memory}"),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()}, {platform.machine()})"),
        ("WeasyPrint", f"{weasyprint.__version__}{pydyf_version}"),
        ("harfbuzz-subset", subset),
        ("cardgen", f"{cardgen.__version__} at {here} ({revision or 'not a git checkout'})"),
    ]


# ---------------------------------------------------------------------------------------------
# Checks on the output, outside the timings
# ---------------------------------------------------------------------------------------------


def page_counts(folder: Path) -> dict[str, int]:
    from pypdf import PdfReader

    return {file.stem: len(PdfReader(file).pages) for file in folder.glob("*.pdf")}


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.glob("*.pdf")) / 2**20


# ---------------------------------------------------------------------------------------------


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


def verdict(value: float, target: float) -> str:
    return "PASS" if value <= target else "MISS"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        mode, *args = sys.argv[2:]
        result = {"loop": child_loop, "weasyprint": child_weasyprint}[mode](*map(Path, args))
        print(json.dumps(result))
        return

    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runners", type=int, default=200, help="runners in the timed roster (default 200)")
    parser.add_argument(
        "--memory-runners", type=int, default=1000, help="runners in the memory run (default 1000; 0 skips it)"
    )
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for cardgen batch (default: its own, all cores)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure the three modes K times, interleaved; report medians"
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated roster")
    parser.add_argument(
        "--html-via-cli",
        action="store_true",
        help="prepare the HTML with one `cardgen sheet --html` command per runner (slow) "
        "instead of the same code in-process",
    )
    parser.add_argument(
        "--keep", type=Path, default=None, help="work in this folder and keep it (default: a temporary folder, removed)"
    )
    options = parser.parse_args()
    if options.runners < 1 or options.repeat < 1:
        parser.error("--runners and --repeat must be at least 1")

    from cardgen import bundled
    from cardgen.catalogue import load_catalogue
    from cardgen.output import unique_stems
    from cardgen.roster import load_roster

    print("cardgen batch benchmark: sheets only")
    for label, value in machine_facts():
        print(f"  {label:<16}{value}")
    jobs_label = str(options.jobs) if options.jobs else f"all cores = {os.cpu_count()}"
    print(f"  {'batch jobs':<16}{jobs_label}")
    print(flush=True)

    work = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="cardgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        catalogue = load_catalogue(bundled("catalogue"))
        roster_file = work / f"roster-{options.runners}.yaml"
        write_roster(roster_file, options.runners, options.seed, catalogue)
        roster = load_roster(roster_file, catalogue)
        names = [r.name for r in roster.runners]
        stems = unique_stems(names)
        n = len(names)
        print(
            f"Roster: {n} runners (seed {options.seed}) in {roster_file.name}: "
            + ", ".join(f"{sum(1 for r in roster.runners if roster.routine_of(r) == rid)} {rid}" for rid in ROUTINES)
        )
        print(
            f"  {sum(not s.isascii() for s in names)} names beyond ASCII, "
            f"{sum(bool(r.dose) for r in roster.runners)} with own doses, "
            f"{sum(bool(r.load) for r in roster.runners)} loads, "
            f"{sum(bool(r.skip) for r in roster.runners)} skips, {sum(bool(r.add) for r in roster.runners)} adds, "
            f"{sum(bool(r.flags) for r in roster.runners)} flags, {sum(bool(r.notes) for r in roster.runners)} notes"
        )

        prep_jobs = options.jobs or os.cpu_count() or 1
        started = time.perf_counter()
        how = prepare_html(roster_file, names, stems, work / "html", prep_jobs, options.html_via_cli)
        print(f"  HTML for 'weasyprint alone' prepared in {time.perf_counter() - started:.0f} s (not timed): {how}")
        print(flush=True)

        modes = ["batch", "loop", "weasyprint alone"]
        results: dict[str, list[dict]] = {m: [] for m in modes}
        for round_ in range(options.repeat):
            order = modes[round_ % 3 :] + modes[: round_ % 3]  # rotate, so no mode always goes first
            for mode in order:
                out = work / f"{mode.replace(' ', '-')}-{round_}"
                if out.exists():
                    shutil.rmtree(out)
                out.mkdir()
                if mode == "batch":
                    result = run_batch_subprocess(roster_file, out, options.jobs)
                    result["seconds"], result["cpu"] = result["wall"], result["cpu_total"]
                elif mode == "loop":
                    result = run_child("loop", roster_file, out)
                    result["seconds"], result["cpu"] = result["wall"], result["cpu_total"]
                else:
                    result = run_child("weasyprint", work / "html", out)
                result["out"] = out
                results[mode].append(result)
                print(
                    f"  round {round_ + 1}/{options.repeat}: {mode:<17}{result['seconds']:8.2f} s"
                    f"   (other processes kept {result['others']:.2f} of {os.cpu_count()} cores busy meanwhile)",
                    flush=True,
                )
        print()

        median = {m: statistics.median(r["seconds"] for r in results[m]) for m in modes}
        cpu = {m: statistics.median(r["cpu"] for r in results[m]) for m in modes}
        notes = {
            "batch": "`cardgen batch` subprocess, wall, start-up included",
            "loop": "subprocess, wall, start-up included "
            f"(start-up {statistics.median(r['start_up'] for r in results['loop']):.2f} s)",
            "weasyprint alone": "write_pdf() calls only, in one process",
        }
        print(f"Sheets for {n} runners{f', median of {options.repeat} rounds' if options.repeat > 1 else ''}:")
        print(f"  {'':<18}{'seconds':>9}{'ms/runner':>11}{'CPU s':>9}")
        for mode in modes:
            print(f"  {mode:<18}{median[mode]:9.2f}{1000 * median[mode] / n:11.1f}{cpu[mode]:9.2f}   {notes[mode]}")
        vs_loop = median["batch"] / median["loop"]
        vs_engine = median["batch"] / median["weasyprint alone"]
        print(
            f"  batch / loop              {vs_loop:5.2f}   target <= {TARGET_BATCH_VS_LOOP:.2f}   "
            f"{verdict(vs_loop, TARGET_BATCH_VS_LOOP)}"
        )
        print(
            f"  batch / weasyprint alone  {vs_engine:5.2f}   target <= {TARGET_BATCH_VS_WEASYPRINT:.2f}   "
            f"{verdict(vs_engine, TARGET_BATCH_VS_WEASYPRINT)}"
        )
        print(
            f"  (CPU: batch / loop {cpu['batch'] / cpu['loop']:.2f}, "
            f"batch / weasyprint alone {cpu['batch'] / cpu['weasyprint alone']:.2f}; "
            "batch's CPU counts all its worker processes)"
        )

        others = [r["others"] for m in modes for r in results[m]]
        print(
            f"  Background: other processes kept {statistics.median(others):.2f} cores busy "
            f"(median; at most {max(others):.2f}) "
            f"of {os.cpu_count()} while measuring"
            + ("; the machine was not quiet: the figures are pessimistic, batch's most" if max(others) > 0.2 else "")
        )

        last = {m: results[m][-1]["out"] for m in modes}
        counts = {m: page_counts(last[m]) for m in modes}
        expected = {f"{stem} - {KIND}" for stem in stems}
        for mode in modes:
            if set(counts[mode]) != expected:
                print(
                    f"  CHECK: {mode} wrote {len(counts[mode])} PDFs, expected {len(expected)} "
                    f"(missing e.g. {sorted(expected - set(counts[mode]))[:3]})"
                )
        differ = [s for s in expected if len({counts[m].get(s) for m in modes}) != 1]
        print(
            f"  Output: {len(counts['batch'])} PDFs each; pages per runner agree in all three for "
            f"{len(expected) - len(differ)}/{len(expected)} runners"
            + (
                f" (differ e.g. {differ[0]!r}: " + ", ".join(f"{m} {counts[m].get(differ[0])}" for m in modes) + ")"
                if differ
                else ""
            )
            + f"; {sum(counts['batch'].values())} pages in all"
        )
        print("  PDF sizes: " + ", ".join(f"{m} {folder_mb(last[m]):.1f} MB" for m in modes))
        print(flush=True)

        if options.memory_runners > 0 and not _has_psutil():
            print("Peak memory: skipped, it needs psutil (pip install psutil, or pip install -e '.[bench]')")
        elif options.memory_runners > 0:
            big = work / f"roster-{options.memory_runners}.yaml"
            write_roster(big, options.memory_runners, options.seed, catalogue)
            out = work / "memory"
            out.mkdir(exist_ok=True)
            memory = measure_memory(big, out, options.jobs)
            mb = memory["peak"] / 2**20
            print(f"Peak memory, `cardgen batch` of {options.memory_runners} runners (sheets, jobs: {jobs_label}):")
            print(
                f"  peak RSS, whole tree  {mb:7.0f} MB   target <= {TARGET_PEAK_MB} MB   {verdict(mb, TARGET_PEAK_MB)}"
            )
            print(
                f"  (parent's peak {memory['peak_parent'] / 2**20:.0f} MB, "
                f"largest worker's {memory['peak_worker'] / 2**20:.0f} MB, "
                f"peak PSS sum {memory['peak_pss'] / 2**20:.0f} MB; "
                f"{memory['samples']} samples every {int(SAMPLE_SECONDS * 1000)} ms)"
            )
            print(
                f"  processes seen: the parent, {memory['workers']} Python workers"
                + (
                    f", {memory['helper_count']} short-lived helpers ({', '.join(memory['helpers'])})"
                    if memory["helpers"]
                    else ""
                )
            )
            print(
                f"  wall time  {memory['wall']:.1f} s  "
                f"({1000 * memory['wall'] / options.memory_runners:.1f} ms/runner), "
                f"CPU {memory['cpu']:.1f} s; other processes kept {memory['others']:.2f} cores busy meanwhile"
            )
            print(f"  cardgen said: {memory['stdout']}")
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"\nKept the files in {work}")


if __name__ == "__main__":
    main()
