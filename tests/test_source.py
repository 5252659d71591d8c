import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.errors import ProblemsFound
from cardgen.roster import load_roster
from cardgen.source import parse_yaml, read_yaml


def test_every_value_knows_its_line(tmp_path):
    document = parse_yaml("- id: a\n  name: A\n  cues:\n    - one\n    - two\n- id: b\n", tmp_path / "x.yaml")
    assert document.line_of((0, "cues", 1)) == 5
    assert document.line_of((1, "id")) == 6
    assert document.line_of((1, "missing")) == 6
    assert document.where((0, "cues", 1)) == "a.cues[1]"


def test_duplicate_keys_are_errors_not_overwrites(tmp_path):
    document = parse_yaml("- id: a\n  name: A\n  name: B\n- id: b\n", tmp_path / "x.yaml")
    assert [str(p) for p in document.problems] == [
        f"{tmp_path / 'x.yaml'}:3: a.name: duplicate key 'name' (first given on line 2)"
    ]
    assert document.data[1] == {"id": "b"}


def test_malformed_yaml_names_the_line(tmp_path):
    with pytest.raises(ProblemsFound) as found:
        parse_yaml("- id: a\n  name: [unclosed\n- id: b\n", tmp_path / "x.yaml")
    (problem,) = found.value.problems
    assert problem.line == 3 and "not valid YAML" in problem.message


def test_python_tags_are_refused(tmp_path):
    with pytest.raises(ProblemsFound, match="not valid YAML"):
        parse_yaml("!!python/object/apply:os.system ['echo hi']\n", tmp_path / "x.yaml")


def test_not_utf8(tmp_path):
    file = tmp_path / "x.yaml"
    file.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ProblemsFound, match="not UTF-8"):
        read_yaml(file)


def test_billion_laughs_fails_fast(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    with pytest.raises(ProblemsFound, match="expands to more than 200,000 values"):
        parse_yaml("\n".join(lines) + "\n", tmp_path / "x.yaml")


def test_oversized_file(tmp_path):
    file = tmp_path / "x.yaml"
    file.write_text("# " + "x" * (6 * 1024 * 1024) + "\n")
    with pytest.raises(ProblemsFound, match="larger than 5 MB"):
        read_yaml(file)


CATALOGUE = load_catalogue(bundled("catalogue"))
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_loads_or_fails_with_problems(tmp_path, text):
    file = tmp_path / "roster.yaml"
    file.write_text(text, encoding="utf-8")
    try:
        load_roster(file, CATALOGUE)
    except ProblemsFound as found:
        assert found.problems and all(str(problem).startswith(str(file)) for problem in found.problems)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.fixed_dictionaries(
        {
            "team": yaml_values,
            "runners": st.lists(
                st.dictionaries(
                    st.sampled_from(["name", "routine", "dose", "load", "skip", "add", "flags", "notes", "typo"]),
                    yaml_values,
                    max_size=5,
                ),
                max_size=3,
            ),
        }
    )
)
def test_any_shape_of_roster_loads_or_fails_with_problems(tmp_path, data):
    import yaml

    file = tmp_path / "roster.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        roster = load_roster(file, CATALOGUE)
    except ProblemsFound as found:
        assert found.problems and all(problem.line for problem in found.problems if problem.where)
    else:
        assert roster.runners
