"""Each week's target in the log: worked out from a runner's progressions, read back from the printed
sheet's log cells and from ``cardgen plan --json``; bad progressions are one located line each."""

import json
from pathlib import Path

import pytest
from pdfread import flat_text, pages, smallest_type, text_boxes, text_in

ROSTER = """\
team: Weeks Club
routine: sample-training
units: kg
round: 2.5
runners:
  - name: Ana Lima
    dose: {calf-raise: 12x3, squat: 5x3, plank: 30 s hold x3}
    progress: {calf-raise: "+1 rep/week", glute-bridge: "+2.5 kg/week", plank: "+5 s/week"}
    load: {glute-bridge: 10}
    weeks: {squat: [65%, 75%, 85%, deload]}
    max: {squat: 102.5}
    deload: 4
  - name: Kai Both
    units: kg
"""


@pytest.fixture
def roster(tmp_path) -> Path:
    file = tmp_path / "team.yaml"
    file.write_text(ROSTER.replace("    units: kg\n", "    dose: {glute-bridge: 10x3}\n"), encoding="utf-8")
    return file


def by_week(rows: list[dict], exercise: str, key: str) -> list:
    return [row[key] for row in sorted(rows, key=lambda r: r["week"]) if row["exercise"] == exercise]


@pytest.mark.allow_warnings("the 4-week wave doesn't divide the 6-week plan")  # the roster's wave, tested below
def test_plan_json_gives_the_hand_worked_targets(run, roster):
    result = run("plan", "--roster", roster, "--runner", "Ana Lima", "--weeks", "6", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert by_week(rows, "calf-raise", "reps") == [12, 13, 14, 14, 15, 16]
    assert by_week(rows, "calf-raise", "sets") == [3, 3, 3, 2, 3, 3]
    assert by_week(rows, "calf-raise", "deload") == [False, False, False, True, False, False]
    # 5/3/1-style wave of a 102.5 kg max, to the nearest 2.5 kg; its own deload is 60 % of week 3's load.
    assert by_week(rows, "squat", "load") == [67.5, 77.5, 87.5, 52.5, 67.5, 77.5]
    assert set(by_week(rows, "squat", "unit")) == {"kg"}
    # +2.5 kg a week from 10 kg, pausing on the plan's deload (week 4: 60 % of 15 kg, rounded).
    assert by_week(rows, "glute-bridge", "load") == [10, 12.5, 15, 10, 17.5, 20]
    # A hold: seconds, not reps.
    plank = by_week(rows, "plank", "seconds")
    assert plank == [30, 35, 40, 40, 45, 50] and by_week(rows, "plank", "reps") == [None] * 6


def test_plan_table_for_a_routine(run):
    result = run("plan", "stride-power", "--weeks", "5")
    assert result.exit_code == 0
    assert "5 Calf raise             3×15     3×16     3×17     *2×17                3×18" in result.stdout
    assert "+1 rep a week" in result.stdout


def log_cells(pdf: Path, row_name: str) -> dict[int, str]:
    """What each week's cell of the log row ``row_name`` says, read from where it is printed: the
    row's top, under each week header of the table above it."""
    cells = {}
    for page, _, row_top in text_boxes(pdf, row_name):
        headers = [
            (x, y, week)
            for week in range(1, 53)
            for p, x, y in text_boxes(pdf, f"Week {week}")
            if p == page
            and y < row_top
            and text_in(pdf, p, x - 0.3, y - 0.3, x + 16, y + 3).split()[:2] == ["Week", str(week)]
        ]
        if not headers:
            continue  # the exercise's card, not its log row
        table_y = max(y for _, y, _ in headers)
        columns = sorted((x, week) for x, y, week in headers if abs(y - table_y) < 3)
        width = columns[1][0] - columns[0][0] if len(columns) > 1 else 20
        for index, (x, week) in enumerate(columns):
            right = columns[index + 1][0] if index + 1 < len(columns) else x + width
            cells[week] = text_in(pdf, page, x - 1, row_top - 0.5, right - 1, row_top + 14)
    return cells


def test_the_printed_log_cells_carry_the_targets(run, roster):
    result = run("sheet", "--roster", roster, "--runner", "Ana Lima", "--weeks", "12", "-o", "ana.pdf")
    assert result.exit_code == 0, result.output
    pdf = Path("ana.pdf")
    calf = log_cells(pdf, "5 Calf raise")
    assert [calf[w] for w in range(1, 13)] == [
        "12",
        "13",
        "14",
        "DELOAD 14",
        "15",
        "16",
        "17",
        "DELOAD 17",
        "18",
        "19",
        "20",
        "DELOAD 20",
    ]
    squat = log_cells(pdf, "3 Squat")
    assert [squat[w] for w in range(1, 5)] == ["5 × 67.5 kg", "5 × 77.5 kg", "5 × 87.5 kg", "DELOAD 5 × 52.5 kg"]
    plank = log_cells(pdf, "A1 Plank")
    assert [plank[w] for w in range(1, 7)] == ["30 s", "35 s", "40 s", "DELOAD 40 s", "45 s", "50 s"]
    text = flat_text(pdf)
    assert "+1 rep a week" in text and "Wave: 65%, 75%, 85%, deload, of a 102.5 kg max" in text
    # Twelve weeks in two tables of six, on A4 pages, nothing printed under 6.5 pt.
    assert all((round(p.width_mm), round(p.height_mm)) == (210, 297) for p in pages(pdf))
    assert smallest_type(pdf) >= 6.5


@pytest.mark.allow_warnings("the 4-week wave doesn't divide the 6-week plan")  # the roster's wave, tested below
def test_kg_and_lb_and_plates_in_the_log_and_the_json(run, tmp_path):
    roster = tmp_path / "team.yaml"
    roster.write_text(
        ROSTER.replace("units: kg\nround: 2.5\n", "units: kg+lb\nplates: {exercises: [squat]}\n").replace(
            "    units: kg\n", ""
        ),
        encoding="utf-8",
    )
    assert run("sheet", "--roster", roster, "--runner", "Ana Lima", "-o", "ana.pdf").exit_code == 0
    squat = log_cells(Path("ana.pdf"), "3 Squat")
    # 67.5 kg is 148.8 lb; on a 20 kg bar, 23.75 kg a side: 20 + 2.5 + 1.25.
    assert squat[1] == "5 × 67.5 kg 149 lb a side: 20 + 2.5 + 1.25"
    rows = json.loads(run("plan", "--roster", roster, "--runner", "Ana Lima", "--json").stdout)
    first = next(row for row in rows if row["exercise"] == "squat")
    assert (first["load"], first["unit"], first["other_load"], first["other_unit"]) == (67.5, "kg", 149, "lb")
    assert first["plates_per_side"] == [20, 2.5, 1.25]


def test_demo_shows_progressions_supersets_and_deloads(run):
    assert run("demo", "-o", "demo").exit_code == 0
    card = flat_text(Path("demo/stride-power-card.pdf"))
    assert "wk 1–6: 15→19 reps, deload wk 4 · tempo 2-1-2-0" in card
    assert "10–15 reps, then +2 kg, deload wk 4 · rest 90 s" in card
    sheet = flat_text(Path("demo/sample-training-sheet.pdf"))
    assert "A1 Plank" in sheet and "A2 Side plank" in sheet and "DELOAD" in sheet
    assert "All sets at 15 reps? Next time add 2 kg and go back to 10." in flat_text(Path("demo/cadence-sheet.pdf"))


def test_the_handout_shows_each_routine_week_by_week(run, roster):
    assert run("handout", roster, "--weeks", "8", "-o", "handout.pdf").exit_code == 0
    text = flat_text(Path("handout.pdf"))
    assert "Week 1 Week 2 Week 3 Week 4 Week 5 Week 6" in text and "Week 7 Week 8" in text
    assert "Calf raise: wk 1–8: 12→17 reps, deload wk 4, 8" in text  # Ana Lima's own, in who does what


BAD_ROSTER = """\
team: Weeks Club
routine: sample-training
runners:
  - name: Typo
    progress: {calf-raise: "+1 rp/week"}
  - name: Wrong unit
    dose: {plank: 30 s hold x3}
    progress: {plank: "+1 rep/week"}
  - name: No max
    load: {squat: 75%}
  - name: Both
    dose: {squat: 5x3}
    weeks: {squat: [65%, 75%, deload]}
    max: {squat: 100}
    progress: {squat: "+2.5 kg/week"}
  - name: Late deload
    deload: [4, 8]
  - name: Downhill
    progress: {calf-raise: "-5 rep/week"}
  - name: Odd wave
    weeks: {squat: [65%, heavy]}
    max: {squat: 100}
  - name: Odd deload
    deload: {every: 4, load: lots}
"""

EXPECTED = [
    ":5: runners[Typo].progress.calf-raise: '+1 rp/week': unknown unit 'rp' (did you mean 'rep'?)",
    ":8: runners[Wrong unit].progress.plank: 'reps' steps need a dose in reps, and this one has seconds",
    ":10: runners[No max].load.squat: the load of squat is a percentage of a training max, "
    "and No max has none: add max: {squat: …}",
    ":13: runners[Both].weeks.squat: a wave sets the load week by week, "
    "so it cannot go with a progress that moves the load too",
    ":17: runners[Late deload].deload: week 8 is beyond the 6-week plan: print more weeks (--weeks), or leave it out",
    ":19: runners[Downhill].progress.calf-raise: '-5 reps/week' goes below zero by week 5 of 6",
    ":21: runners[Odd wave].weeks.squat[1]: 'heavy' is not a week of a wave: write '65%', a load, or deload",
    ":24: runners[Odd deload].deload: a deload's load is a percentage of the week before's, like 60%, not 'lots'",
]


def check_lines(result, roster: Path, expected: list[str]) -> None:
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found."
    assert len(lines) == len(expected) + 1
    for line, wanted in zip(lines, expected):
        assert line.startswith(f"{roster}{wanted}"), (line, wanted)


def test_bad_progressions_are_one_located_line_each(run, tmp_path):
    roster = tmp_path / "team.yaml"
    reading = [line for line in EXPECTED if "Typo" in line or "heavy" in line or "lots" in line]
    roster.write_text(BAD_ROSTER, encoding="utf-8")
    # Mistakes of notation are found as the roster is read, by every command that reads it.
    check_lines(run("validate", roster), roster, reading)
    check_lines(run("plan", "--roster", roster, "--runner", "Both"), roster, reading)
    # Once they are fixed, what cannot be worked out over the plan's weeks: every runner's at once.
    roster.write_text(
        BAD_ROSTER.replace("rp/week", "rep/week").replace("heavy", "85%").replace("lots", "50%"), encoding="utf-8"
    )
    check_lines(run("validate", roster), roster, [line for line in EXPECTED if line not in reading])
    check_lines(run("sheet", "--roster", roster, "--runner", "Downhill"), roster, [EXPECTED[5]])
    assert run("validate", roster, "--weeks", "8").stderr.count("beyond") == 0


def test_bad_progression_in_a_routine_is_located_in_routines_yaml(run, catalogue_copy):
    file = catalogue_copy / "routines.yaml"
    text = file.read_text(encoding="utf-8")
    text = text.replace(
        '{id: calf-raise, progress: "+1 rep/week", tempo: 2-1-2-0}',
        '{id: calf-raise, progress: "+2.5 kg/week", tempo: 3-1-1}',
        1,
    )
    file.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "tempo: 3-1-1}" in row)
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{file}:{line}: stride-power.blocks[1].exercises[calf-raise].tempo: "
        "cannot read '3-1-1': write it like 3-1-1-0 "
        "(seconds down, pause, up, pause; X for explosive)",
        "1 problem found.",
    ]
    file.write_text(text.replace(", tempo: 3-1-1}", "}"), encoding="utf-8")
    result = run("plan", "stride-power", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{file}:{line}: stride-power.blocks[1].exercises[calf-raise].progress: "
        "'+2.5 kg/week' moves the load, but calf-raise "
        "has none to start from: give it a load",
        "1 problem found.",
    ]


@pytest.mark.allow_warnings("the 4-week wave doesn't divide the 6-week plan")
def test_a_wave_that_doesnt_divide_the_plan_says_what_happens(run, roster):
    result = run("plan", "--roster", roster, "--runner", "Ana Lima", "--weeks", "6")
    assert result.exit_code == 0
    assert (
        f"warning: {roster}:10: runners[Ana Lima].weeks.squat: the 4-week wave doesn't divide the 6-week plan: "
        "it starts again in week 5 and stops part-way" in result.stderr
    )


def test_every_command_that_prints_a_plan_takes_its_length(run, tmp_path):
    roster = tmp_path / "team.yaml"
    roster.write_text(
        "team: T\nroutine: stride-power\nrunners:\n  - name: Late deload\n    deload: [4, 8]\n", encoding="utf-8"
    )
    result = run("card", "--roster", roster, "--runner", "Late deload", "-o", "card.pdf")
    assert (
        result.exit_code == 1
        and f"{roster}:5: runners[Late deload].deload: week 8 is beyond the 6-week plan" in result.stderr
    )
    assert run("card", "--roster", roster, "--runner", "Late deload", "--weeks", "8", "-o", "card.pdf").exit_code == 0
    assert "wk 1–8: 15→20 reps, deload wk 4, 8" in flat_text(Path("card.pdf"))


def test_loads_without_a_roster_are_in_the_units_asked_for():
    from cardgen import bundled
    from cardgen.catalogue import load_catalogue
    from cardgen.plan import plan_routine
    from cardgen.roster import load_roster

    catalogue = load_catalogue(bundled("catalogue"))
    runner = load_roster(Path(__file__).parent / "data" / "roster.yaml", catalogue).runner("Runner One")
    assert [s.load for s in plan_routine(catalogue, "cadence", runner, "lb").steps if s.load] == ["20 lb"]


def test_the_log_grid_dates_its_weeks_and_leaves_out_the_warm_ups():
    from datetime import date

    from cardgen import bundled
    from cardgen.catalogue import load_catalogue
    from cardgen.log import UNSTATED_SETS, WEEKS_PER_TABLE, plan_log
    from cardgen.plan import plan_routine

    plan = plan_routine(load_catalogue(bundled("catalogue")), "sample-training", weeks=8)
    grid = plan_log(plan, 8, starts=date(2026, 12, 28))
    assert [[week.number for week in table] for table in grid.tables] == [[1, 2, 3, 4, 5, 6], [7, 8]]
    assert len(grid.tables[0]) == WEEKS_PER_TABLE
    weeks = [week for table in grid.tables for week in table]
    assert [week.label for week in weeks[:2]] == ["Week 1", "Week 2"]
    assert [week.date for week in weeks] == [
        "28 Dec",
        "4 Jan",
        "11 Jan",
        "18 Jan",
        "25 Jan",
        "1 Feb",
        "8 Feb",
        "15 Feb",
    ]
    # The routine deloads every 4th week (routines.yaml): the week is marked when everything that moves is lighter.
    assert [week.deload for week in weeks] == [False, False, False, True, False, False, False, True]
    assert [entry.step.id for entry in grid.entries] == [step.id for step in plan.steps if step.kind != "warm-up"]
    assert "calf-walk" not in [entry.step.id for entry in grid.entries]
    entries = {entry.step.id: entry for entry in grid.entries}
    assert entries["calf-raise"].sets == 3 and entries["calf-raise"].cell(weeks[0]).text == "15"
    # A dose that names no sets gets the usual three rows to write in.
    assert entries["lunge-circuit"].sets == UNSTATED_SETS
    assert len(entries["calf-raise"].cells) == 8
    assert {week.date for week in plan_log(plan, 2).tables[0]} == {None}
