"""File names made from runner names, and files written whole or not at all."""

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardgen.output import MAX_NAME_BYTES, file_stem, unique_stems, write_atomically


@given(st.text(max_size=300))
def test_any_name_makes_a_safe_file_name(name):
    stem = file_stem(name)
    assert stem and "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert not stem.startswith(".") and stem == stem.strip()
    assert len(stem.encode("utf-8")) <= MAX_NAME_BYTES
    assert not any(ord(ch) < 32 for ch in stem)
    assert Path(stem).name == stem and stem not in (".", "..")


@given(st.lists(st.text(max_size=40), max_size=30))
def test_names_never_share_a_file(names):
    stems = unique_stems(names)
    assert len({s.casefold() for s in stems}) == len(names)


@pytest.mark.parametrize("name, stem", [
    ("李小龙", "李小龙"), ("Zoë Ångström", "Zoë Ångström"), ("Иван Петров", "Иван Петров"),
    ("../../etc/passwd", "etc-passwd"), ("CON", "CON_"), ("  spaced   out  ", "spaced out"), ("", "runner"),
])
def test_file_stems_stay_readable(name, stem):
    assert file_stem(name) == stem


def test_write_atomically_replaces_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "card.pdf"
    write_atomically(target, b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["card.pdf"]
