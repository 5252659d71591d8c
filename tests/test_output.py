"""File names made from runner names, and files written whole or not at all."""

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardgen.errors import UserError
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


@pytest.mark.parametrize(
    "name, stem",
    [
        ("李小龙", "李小龙"),
        ("Zoë Ångström", "Zoë Ångström"),
        ("Иван Петров", "Иван Петров"),
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "CON_"),
        ("  spaced   out  ", "spaced out"),
        ("", "runner"),
    ],
)
def test_file_stems_stay_readable(name, stem):
    assert file_stem(name) == stem


def test_write_atomically_replaces_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "card.pdf"
    write_atomically(target, b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["card.pdf"]


def test_write_through_a_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    write_atomically(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_refuses_to_replace_what_is_not_a_file(tmp_path):
    (tmp_path / "folder.pdf").mkdir()
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for path in (tmp_path / "folder.pdf", fifo):
        with pytest.raises(UserError, match="exists and is not a regular file"):
            write_atomically(path, b"x")
    assert fifo.exists() and not fifo.is_file()


def test_unwritable_place_names_the_users_path(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match=f"cannot write {blocker / 'out.pdf'}: "):
        write_atomically(blocker / "out.pdf", b"x")
