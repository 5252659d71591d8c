"""The JSON Schema of the files people write: current, and true to what cardgen accepts and refuses."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from cardgen import bundled
from cardgen.catalogue import Catalogue
from cardgen.schema import schema_text, schemas

REPO = Path(__file__).parent.parent
COMMITTED = REPO / "schema"
ROSTER = Path(__file__).parent / "data" / "roster.yaml"


def test_the_committed_schema_is_current():
    if not COMMITTED.is_dir():
        pytest.skip("not run from a source checkout")
    made = schemas()
    assert sorted(p.name for p in COMMITTED.glob("*.json")) == sorted(made)
    for name, schema in made.items():
        assert (COMMITTED / name).read_text(encoding="utf-8") == schema_text(schema), (
            f"schema/{name} is stale: run `cardgen schema` at the top of the repository and commit schema/"
        )


def test_cardgen_schema_writes_every_file(run):
    result = run("schema", "-o", "out")
    assert result.exit_code == 0, result.output
    for name, schema in schemas().items():
        assert json.loads(Path("out", name).read_text(encoding="utf-8")) == schema


def test_a_dose_is_described_as_written_not_as_read():
    dose = schemas()["exercises.schema.json"]["$defs"]["Dose"]
    text = json.dumps(dose)
    assert '"low"' not in text and '"high"' not in text and '"unit"' not in text
    assert [branch["type"] for branch in dose["anyOf"]] == ["string", "integer", "object"]


def test_where_a_file_was_read_from_is_not_in_the_schema():
    assert "file" not in schemas()["roster.schema.json"]["properties"]
    assert "folder" not in Catalogue.model_json_schema()["properties"]


# The repository's own catalogue (an installed cardgen carries a copy, without the schema folder beside it).
@pytest.mark.parametrize(
    "file", [REPO / "catalogue" / f"{name}.yaml" for name in ("exercises", "routines", "theory", "areas")] + [ROSTER]
)
def test_files_name_their_schema_on_the_first_line(file):
    if not file.exists():
        pytest.skip("not run from a source checkout")
    first = file.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    if COMMITTED.is_dir():  # the relative path leads to the schema in a source checkout
        assert (file.parent / match[1]).resolve() == (
            COMMITTED / f"{'roster' if file == ROSTER else file.stem}.schema.json"
        ).resolve()


# Proven against a real JSON Schema validator, as an editor would check the files.


def editor_view(file: Path):
    """The file's data as an editor's YAML 1.2 reader sees it: a date is text."""
    return json.loads(
        json.dumps(
            yaml.safe_load(file.read_text(encoding="utf-8")),
            default=lambda v: v.isoformat() if isinstance(v, date) else str(v),
        )
    )


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")

    def make(name: str):
        schema = schemas()[name]
        jsonschema.Draft202012Validator.check_schema(schema)
        return jsonschema.Draft202012Validator(schema)

    return make


@pytest.mark.parametrize("name", ["exercises", "routines", "theory", "areas"])
def test_the_bundled_catalogue_fits_its_schema(validator, name):
    errors = list(validator(f"{name}.schema.json").iter_errors(editor_view(bundled("catalogue") / f"{name}.yaml")))
    assert not errors, [e.message for e in errors]


def test_the_test_roster_fits_its_schema(validator):
    errors = list(validator("roster.schema.json").iter_errors(editor_view(ROSTER)))
    assert not errors, [e.message for e in errors]


EXERCISE = {"id": "calf-raise", "name": "Calf raise", "area": "calves", "kind": "strength"}


@pytest.mark.parametrize(
    "change",
    [
        {"dose": "15x3"},
        {"dose": "5-8 each side"},
        {"dose": 12},
        {"dose": {"sets": 3, "reps": "10-15", "each_side": True}},
        {"dose": {"sets": 3, "hold": 30}},
        {"cautions": ["Mind the heel.", {"text": "Not below toe level.", "flags": ["heel"]}]},
        {"video": {"url": "https://youtu.be/SnNlrFcXjVU", "start": 227}},
    ],
)
def test_the_schema_accepts_what_cardgen_accepts(validator, change):
    assert validator("exercises.schema.json").is_valid([EXERCISE | change])


@pytest.mark.parametrize(
    "change",
    [
        {"cuse": ["typo"]},
        {"area": "Arms"},
        {"id": "Calf Raise"},
        {"dose": {"sets": 3}},
        {"dose": {"sets": 3, "reps": 10, "hold": 30}},
        {"dose": {"low": 15, "sets": 3}},
        {"dose": {"sets": 3, "reps": "lots"}},
        {"cautions": [{"txt": "typo"}]},
        {"name": ""},
    ],
)
def test_the_schema_refuses_what_cardgen_refuses(validator, change):
    assert not validator("exercises.schema.json").is_valid([EXERCISE | change])


def test_a_catalogue_s_own_schema_knows_its_areas_and_kinds(run, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    (tmp_path / "areas.yaml").write_text(
        "areas: [{id: upper-body, name: Upper body}, {id: hips, name: Hips}]\n"
        "kinds: [{id: plyometrics, name: Plyometrics}]\n",
        encoding="utf-8",
    )
    (tmp_path / "exercises.yaml").write_text(
        "- {id: hop, name: Hop, area: hips, kind: plyometrics}\n", encoding="utf-8"
    )
    (tmp_path / "routines.yaml").write_text(
        "- {id: r, title: R, blocks: [{title: B, exercises: [hop]}]}\n", encoding="utf-8"
    )
    assert run("schema", "--catalogue", tmp_path, "-o", "own").exit_code == 0
    own = json.loads(Path("own/exercises.schema.json").read_text(encoding="utf-8"))
    check = jsonschema.Draft202012Validator(own)
    assert check.is_valid([{"id": "hop", "name": "Hop", "area": "upper-body", "kind": "plyometrics"}])
    assert not check.is_valid([EXERCISE])  # calves and strength are not this catalogue's
    area = own["$defs"]["Exercise"]["properties"]["area"]
    assert (
        area["description"]
        == "One of the areas the catalogue's areas.yaml declares: upper-body (Upper body), hips (Hips)."
    )
    # The general schema takes any area: a catalogue may declare its own.
    assert jsonschema.Draft202012Validator(schemas()["exercises.schema.json"]).is_valid(
        [EXERCISE | {"area": "upper-body"}]
    )


def test_routine_steps_are_ids_or_mappings(validator):
    routine = {
        "id": "r",
        "title": "R",
        "blocks": [{"title": "B", "exercises": ["calf-raise", {"id": "squat", "dose": "8x3"}]}],
    }
    check = validator("routines.schema.json")
    assert check.is_valid([routine])
    assert not check.is_valid([routine | {"blcoks": []}])
    assert not check.is_valid([routine | {"blocks": [{"title": "B", "exercises": ["Calf Raise"]}]}])


def test_a_roster_may_not_say_where_it_was_read_from(validator):
    roster = editor_view(ROSTER)
    assert validator("roster.schema.json").is_valid(roster)
    assert not validator("roster.schema.json").is_valid(roster | {"file": "elsewhere.yaml"})
