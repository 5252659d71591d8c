"""The bundled catalogue, and every kind of broken catalogue a user can write, through ``cardgen validate``."""

from pathlib import Path

import pytest

from cardgen import bundled
from cardgen.catalogue import load_catalogue

SEED_IDS = {
    "calf-walk",
    "heel-walk",
    "calf-raise",
    "toe-raise",
    "rope-jump",
    "squat",
    "bulgarian-split-squat",
    "single-leg-deadlift",
    "lunge-circuit",
    "glute-bridge",
    "box-jump",
    "nordic-hamstring-curl",
    "banded-hip-flexion",
    "plank",
    "side-plank",
    "side-plank-abductor-hold",
    "explosive-step-up",
    "foot-drills",
}


def test_bundled_catalogue_holds_every_exercise_of_the_notes():
    catalogue = load_catalogue(bundled("catalogue"))
    assert set(catalogue.exercises) == SEED_IDS
    assert list(catalogue.routines) == ["sample-training", "stride-power", "cadence", "explosive-swift"]
    assert str(catalogue.exercises["calf-raise"].dose) == "3 sets × 15 reps"
    assert str(catalogue.exercises["lunge-circuit"].dose) == "5–8 reps each side"
    assert catalogue.exercises["lunge-circuit"].video.start == 227
    assert catalogue.exercises["side-plank-abductor-hold"].video.start == 488
    assert catalogue.exercises["banded-hip-flexion"].muscles_text() == "iliopsoas (髂腰肌)"
    assert "heel" in catalogue.exercises["calf-raise"].cautions[0].flags
    assert len(catalogue.theory.further_watching) == 2


def test_sample_training_follows_the_notes_order():
    routine = load_catalogue(bundled("catalogue")).routines["sample-training"]
    order = [item.id for block in routine.blocks for item in block.exercises]
    assert order.index("squat") < order.index("calf-raise") < order.index("plank") < order.index("glute-bridge")


def test_validate_says_ok(run):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "OK, 18 exercises, 4 routines" in result.output


def break_file(folder: Path, name: str, old: str, new: str, after: str = "- id: calf-raise") -> Path:
    """Replace the first ``old`` that comes after ``after`` in the catalogue file ``name``."""
    file = folder / name
    text = file.read_text(encoding="utf-8")
    start = text.index(after) if after in text else 0
    assert old in text[start:], f"{old!r} not in {name}"
    file.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")
    return file


def line_of(file: Path, fragment: str, after: str = "- id: calf-raise") -> int:
    lines = file.read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if after in line), 0)
    return next(n for n, line in enumerate(lines, 1) if n > start and fragment in line)


@pytest.mark.parametrize(
    "name, old, new, where, message",
    [
        ("exercises.yaml", "  cues:", "  cuse:", "cuse", "unknown key 'cuse' (did you mean 'cues'?)"),
        (
            "exercises.yaml",
            "area: calves",
            "area: calf",
            "area",
            "unknown area 'calf' (did you mean 'calves'?): areas.yaml declares calves, legs, core",
        ),
        ("exercises.yaml", 'dose: "15x3"', 'dose: "fifteen"', "dose", "cannot read the dose 'fifteen'"),
        ("exercises.yaml", 'dose: "15x3"', 'dose: "3x15"', "dose", "'3x15' reads as 15 sets of 3 reps"),
        (
            "exercises.yaml",
            "url: https://www.youtube.com/watch?v=c5Kv6-fnTj8",
            "url: javascript:alert(1)",
            "video.url",
            "'javascript:alert(1)' is not a web address: it must start with http:// or https://",
        ),
        ("exercises.yaml", "name: Calf raise", "name: [Calf, raise]", "name", "should be text, not a list"),
    ],
)
def test_each_catalogue_mistake_is_one_clear_line(run, catalogue_copy, name, old, new, where, message):
    file = break_file(catalogue_copy, name, old, new)
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    line = line_of(file, new.split(":")[0].strip() if ":" in new else new)
    assert first.startswith(f"{file}:{line}: calf-raise.{where}: "), first
    assert message in first
    assert result.stderr.splitlines() == [first, "1 problem found."]


def test_duplicate_exercise_id(run, catalogue_copy):
    file = break_file(catalogue_copy, "exercises.yaml", "id: heel-walk", "id: calf-walk", after="")
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    line, second = [n for n, text in enumerate(file.read_text().splitlines(), 1) if "id: calf-walk" in text]
    assert (
        f"{file}:{second}: calf-walk.id: duplicate exercise id 'calf-walk' (first used on line {line})" in result.stderr
    )


def test_routine_naming_an_unknown_exercise_suggests_the_closest(run, catalogue_copy):
    file = catalogue_copy / "routines.yaml"
    break_file(catalogue_copy, "routines.yaml", "- toe-raise", "- toe-rasie", after="")
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    line = line_of(file, "- toe-rasie", after="")
    assert f"{file}:{line}: " in result.stderr
    assert "unknown exercise 'toe-rasie' (did you mean 'toe-raise'" in result.stderr


def test_malformed_yaml(run, catalogue_copy):
    file = catalogue_copy / "routines.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "\n- id: [broken\n", encoding="utf-8")
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{file}:") and "not valid YAML" in result.stderr


def test_every_problem_at_once(run, catalogue_copy):
    break_file(catalogue_copy, "exercises.yaml", "area: calves", "area: calf")
    break_file(catalogue_copy, "exercises.yaml", "kind: strength", "kind: strong")
    break_file(catalogue_copy, "routines.yaml", "- squat", "- sqat", after="")
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "3 problems found."


def test_missing_required_key_and_wrong_type(run, catalogue_copy):
    file = catalogue_copy / "exercises.yaml"
    file.write_text(
        file.read_text(encoding="utf-8") + "\n- id: new-one\n  name: New one\n  area: legs\n  cues: Down slowly.\n",
        encoding="utf-8",
    )
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    assert "new-one: missing required key 'kind'" in result.stderr
    assert "new-one.cues: should be a list, not text 'Down slowly.'" in result.stderr


def test_commands_that_read_a_broken_catalogue_fail_the_same_way(run, catalogue_copy):
    break_file(catalogue_copy, "exercises.yaml", "area: calves", "area: calf")
    for command in (["list"], ["card", "sample-training"], ["demo"]):
        result = run(*command, "--catalogue", catalogue_copy)
        assert result.exit_code == 1 and "unknown area 'calf'" in result.stderr, command


def test_missing_catalogue_folder(run, tmp_path):
    result = run("validate", "--catalogue", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "no such catalogue folder" in result.stderr
