"""Reading YAML files so that every value remembers the line it came from.

Every later stage reports problems as ``FILE:LINE: where.in.file: message``; this module is
where the lines come from. It also notes what plain ``yaml.safe_load`` lets through
silently, duplicate keys in a mapping, as the document's problems.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cardgen.errors import Problem, ProblemsFound

# libyaml reads a big roster about ten times faster than the pure-Python reader, with the same checks.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]

# Hand-written catalogues and rosters are small; these bounds stop a hostile or runaway file
# (a "billion laughs" of nested aliases, a huge export) before it eats the machine.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_VALUES = 200_000


class TooLarge(Exception):
    pass


@dataclass
class Document:
    """A parsed YAML file: its data, and the line of every value by its path in the data."""

    file: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        """The line of the value at ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def where(self, path: Path_) -> str:
        """A readable name for ``path``; list items are named by their ``id`` or ``name`` when they
        have one: ``calf-raise.dose``, ``sample-training.blocks[0].exercises[2]``, ``runners[Ann].load``."""
        parts: list[str] = []
        node = self.data
        for step in path:
            if isinstance(step, int):
                item = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
                ident = (item.get("id") or item.get("name")) if isinstance(item, dict) else None
                if isinstance(ident, str) and ident:
                    parts.append(ident if not parts else f"[{ident}]")
                else:
                    parts.append(f"[{step}]")
                node = item
            else:
                parts.append(f".{step}" if parts else str(step))
                node = node.get(step) if isinstance(node, dict) else None
        return "".join(parts)

    def strings(self):
        """Every text value in the file, with its path: ``(path, text)``."""

        def walk(node, path):
            if isinstance(node, str):
                yield path, node
            elif isinstance(node, dict):
                for key, value in node.items():
                    yield from walk(value, (*path, key))
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    yield from walk(value, (*path, index))

        return walk(self.data, ())

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(self.file, self.line_of(path), self.where(path), message)


def read_yaml(file: Path) -> Document:
    """Parse ``file``; raise ProblemsFound (with the line) when it is not valid YAML."""
    file = Path(file)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise ProblemsFound(
                [
                    Problem(
                        file,
                        None,
                        "",
                        f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; is it the right file?",
                    )
                ]
            )
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProblemsFound([Problem(file, None, "", "file not found")]) from None
    except UnicodeDecodeError as error:
        raise ProblemsFound(
            [Problem(file, None, "", f"not UTF-8 text ({error.reason} at byte {error.start})")]
        ) from None
    except OSError as error:
        raise ProblemsFound([Problem(file, None, "", f"cannot read: {error.strerror}")]) from None
    return _parsed(text, file)


@functools.lru_cache(maxsize=16)
def _parsed(text: str, file: Path) -> Document:
    """A file is read more than once in a run (validated, then checked for characters no font
    has): parse the same text once. The documents are only read, never changed."""
    return parse_yaml(text, file)


def parse_yaml(text: str, file: Path) -> Document:
    loader = None
    try:
        loader = SafeLoader(text)  # refuses control characters YAML doesn't allow, at once
        root = loader.get_single_node()
        if root is None:
            return Document(file, None, {(): 1})
        document = Document(file, None)
        duplicates: list[tuple[Path_, int, str]] = []
        _record_lines(root, (), document.lines, duplicates, [0])
        document.data = loader.construct_document(root)
        # A duplicate key is a problem of its own entry; the rest of the file is still read.
        document.problems = [Problem(file, line, document.where(path), message) for path, line, message in duplicates]
    except TooLarge:
        raise ProblemsFound(
            [Problem(file, None, "", f"the file expands to more than {MAX_VALUES:,} values (too many aliases?)")]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(filter(None, [error.context, error.problem]))
        raise ProblemsFound([Problem(file, line, "", f"not valid YAML: {message}")]) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses: its line, not the parser's offset
        line = text.count("\n", 0, error.position) + 1
        raise ProblemsFound(
            [Problem(file, line, "", f"not valid YAML: unacceptable character #x{error.character:04x}: {error.reason}")]
        ) from None
    except yaml.YAMLError as error:
        raise ProblemsFound([Problem(file, None, "", f"not valid YAML: {' '.join(str(error).split())}")]) from None
    finally:
        if loader:
            loader.dispose()
    return document


def _record_lines(node: yaml.Node, path: Path_, lines: dict, duplicates: list, count: list[int]) -> None:
    count[0] += 1
    if count[0] > MAX_VALUES:
        raise TooLarge
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                duplicates.append(((*path, key), line, f"duplicate key '{key}' (first given on line {seen[key]})"))
                continue
            seen[key] = line
            lines[(*path, key)] = line
            _record_lines(value_node, (*path, key), lines, duplicates, count)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines, duplicates, count)
