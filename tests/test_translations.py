"""A catalogue's own text in other languages: translations/CODE.yaml, checked, applied, listed when missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pdfread import flat_text

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.translations import translated, untranslated


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("code", ["es", "zh-Hans"])
def test_the_bundled_catalogue_is_fully_translated(code):
    catalogue = load_catalogue(bundled("catalogue"))
    assert untranslated(catalogue, code, code) == []


@pytest.mark.parametrize("code", ["es", "zh-Hans"])
def test_demo_prints_cards_and_sheets_wholly_in_the_language(run, tmp_path, code):
    result = run("demo", "--lang", code, "-o", "out")
    assert result.exit_code == 0 and "warning" not in result.output
    english = load_catalogue(bundled("catalogue"))
    native = translated(english, code)
    for routine_id, routine in english.routines.items():
        ids = [item.id for block in routine.blocks for item in block.exercises]
        english_texts = [
            routine.title,
            *(b.title for b in routine.blocks),
            *(english.exercises[i].name for i in ids),
            *(cue for i in ids for cue in english.exercises[i].cues),
            *(english.kinds[english.exercises[i].kind].name for i in ids),
        ]
        native_names = [native.exercises[i].name for i in ids]
        for kind in ("card", "sheet"):
            text = flat_text(tmp_path / "out" / f"{routine_id}-{kind}.pdf")
            for phrase in english_texts:
                assert not re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE), (
                    f"'{phrase}' in English on {routine_id}-{kind}"
                )
            for name in native_names:
                assert _squeeze(name) in _squeeze(text), f"'{name}' missing from {routine_id}-{kind}"
            assert _squeeze(native.routines[routine_id].title) in _squeeze(text)


@pytest.fixture
def partly(catalogue_copy):
    (catalogue_copy / "translations").mkdir()
    (catalogue_copy / "translations" / "es.yaml").write_text(
        'exercises:\n  calf-raise:\n    name: Elevación de talones\n    cues: ["De pie, sobre una pierna."]\n'
        "routines:\n  cadence: {title: Cadencia}\n",
        encoding="utf-8",
    )
    return catalogue_copy


def test_validate_lang_names_every_untranslated_field_with_file_and_line(run, partly):
    result = run("validate", "--catalogue", partly, "--lang", "es")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    exercises = (partly / "exercises.yaml").read_text(encoding="utf-8").splitlines()
    cue = next(n for n, line in enumerate(exercises, 1) if "Lower the heel slowly" in line)
    assert (
        f"{partly / 'exercises.yaml'}:{cue}: calf-raise.cues[1]: not translated into Spanish (translations/es.yaml)"
        in lines
    )
    assert not any(
        "calf-raise.name:" in line or "calf-raise.cues[0]" in line or "cadence.title:" in line for line in lines
    )
    assert any(
        re.match(rf"{re.escape(str(partly / 'routines.yaml'))}:\d+: cadence\.why: not translated", line)
        for line in lines
    )
    assert any(
        re.match(rf"{re.escape(str(partly / 'theory.yaml'))}:\d+: sections\[0\]\.text: not translated", line)
        for line in lines
    )
    assert any(
        re.match(rf"{re.escape(str(partly / 'areas.yaml'))}:\d+: kinds\[strength\]\.name: not translated", line)
        for line in lines
    )
    total = len(untranslated(load_catalogue(bundled("catalogue")), "xx", "xx"))
    assert f"{total - 3} problems found." in lines
    # without --lang, a partial translation is no problem: it falls back to the catalogue's text
    assert run("validate", "--catalogue", partly).exit_code == 0


def test_a_partial_translation_prints_the_rest_as_the_catalogue_has_it(run, partly, tmp_path):
    assert run("sheet", "cadence", "--catalogue", partly, "--lang", "es", "-o", "s.pdf").exit_code == 0
    assert run("card", "sample-training", "--catalogue", partly, "--lang", "es", "-o", "c.pdf").exit_code == 0
    assert "Cadencia" in flat_text(tmp_path / "s.pdf") and "Single-leg deadlift" in flat_text(tmp_path / "s.pdf")
    card = flat_text(tmp_path / "c.pdf")
    assert "Elevación de talones" in card and "De pie, sobre una pierna." in card and "Lower the heel slowly" in card


@pytest.mark.parametrize(
    "text, where, message",
    [
        (
            "exercises:\n  calf-rasie: {name: X}\n",
            "es.yaml:2: exercises.calf-rasie",
            "unknown exercise 'calf-rasie' (did you mean 'calf-raise'",
        ),
        (
            "exercises:\n  calf-raise:\n    cues: [a, b, c]\n",
            "es.yaml:3: exercises.calf-raise.cues",
            "more items than the catalogue has here (2)",
        ),
        (
            "exercises:\n  squat: {nmae: X}\n",
            "es.yaml:2: exercises.squat.nmae",
            "unknown key 'nmae' (did you mean 'name'?)",
        ),
        (
            "exercises:\n  calf-raise: {summary: X}\n",
            "es.yaml:2: exercises.calf-raise.summary",
            "the catalogue has no such text to translate",
        ),
        (
            "routines:\n  cadence:\n    blocks: [{title: A}, {title: B}, {title: C}]\n",
            "es.yaml:3: routines.cadence.blocks",
            "more items",
        ),
    ],
)
def test_a_mistake_in_a_translation_is_named_with_its_line(run, catalogue_copy, text, where, message):
    (catalogue_copy / "translations").mkdir()
    (catalogue_copy / "translations" / "es.yaml").write_text(text, encoding="utf-8")
    for command in (["validate"], ["card", "cadence", "--lang", "es"]):
        result = run(*command, "--catalogue", catalogue_copy)
        assert result.exit_code == 1, result.output  # the user's mistake, not an internal error (2)
        assert any(where in line and message in line for line in result.output.splitlines()), result.output


def test_also_prints_a_second_language_s_name_under_the_first(run, tmp_path):
    assert run("card", "sample-training", "--also", "zh-Hans", "-o", "c.pdf").exit_code == 0
    assert run("sheet", "cadence", "--lang", "es", "--also", "zh-Hans", "-o", "s.pdf").exit_code == 0
    card, sheet = flat_text(tmp_path / "c.pdf"), flat_text(tmp_path / "s.pdf")
    assert "Calf raise" in card and "提踵" in card and "Squat" in card and "深蹲" in card
    assert "Peso muerto a una pierna" in sheet and "单腿硬拉" in sheet


def test_an_unknown_id_and_a_mistyped_key_are_told_together(run, catalogue_copy):
    """Ids are checked as the file is validated (against the catalogue), not in a second pass."""
    (catalogue_copy / "translations").mkdir()
    (catalogue_copy / "translations" / "es.yaml").write_text(
        "exercises:\n  calf-rasie: {name: X}\n  squat: {nmae: Y}\n", encoding="utf-8"
    )
    result = run("validate", "--catalogue", catalogue_copy)
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if "es.yaml:" in line]
    assert len(problems) == 2, result.stderr
    assert "es.yaml:2: exercises.calf-rasie: unknown exercise 'calf-rasie'" in problems[0], problems
    assert "es.yaml:3: exercises.squat.nmae: unknown key 'nmae'" in problems[1], problems


def test_the_committed_translations_validate_against_their_schema():
    import json

    import jsonschema

    # The repository's files, not the installed copy (a wheel carries no schema/ folder beside its catalogue).
    repository = Path(__file__).parent.parent
    schema = json.loads((repository / "schema" / "translation.schema.json").read_text(encoding="utf-8"))
    for code in ("es", "zh-Hans"):
        data = yaml.safe_load((repository / "catalogue" / "translations" / f"{code}.yaml").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
