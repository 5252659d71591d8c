"""The JSON Schema of every file people write for cardgen, made from the models that read them.

An editor that knows the schema (VS Code's YAML extension reads a first line like
``# yaml-language-server: $schema=../schema/exercises.schema.json``) completes keys, explains
them and marks a typo as you type, before ``cardgen validate`` ever runs. ``schemas()`` makes
them; ``write_schemas(folder)`` writes them. The repository keeps a copy in ``schema/``, and a
test fails when that copy is stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from cardgen.catalogue import Catalogue, Exercise, Routine, Theory
from cardgen.labels import phrases_model
from cardgen.output import write_atomically
from cardgen.roster import Roster
from cardgen.translations import Translation
from cardgen.vocabulary import Vocabulary

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# File name of the schema: (the model of the file's contents, its title, what the file is).
FILES: dict[str, tuple[Any, str, str]] = {
    "exercises.schema.json": (
        list[Exercise],
        "cardgen exercises.yaml",
        "The exercises of a cardgen catalogue, one entry each.",
    ),
    "routines.schema.json": (
        list[Routine],
        "cardgen routines.yaml",
        "The routines of a cardgen catalogue: blocks of exercises, in order.",
    ),
    "theory.schema.json": (
        Theory,
        "cardgen theory.yaml",
        "The theory page of a cardgen catalogue: why runners do strength training.",
    ),
    "areas.schema.json": (
        Vocabulary,
        "cardgen areas.yaml",
        "The areas and kinds of a cardgen catalogue, in the order they print.",
    ),
    "roster.schema.json": (
        Roster,
        "cardgen roster",
        "A team's roster: who runs which routine, with their own doses, loads, skips and cautions.",
    ),
    "translation.schema.json": (
        Translation,
        "cardgen translations/CODE.yaml",
        "A catalogue's texts in one language: names, cues, routines, theory, by id; lists in the catalogue's order.",
    ),
    "locale.schema.json": (
        phrases_model(),
        "cardgen locale/CODE.yaml",
        "cardgen's printed phrases in one language: any of them, to change them or to add a language.",
    ),
}


def schemas(catalogue: Catalogue | None = None) -> dict[str, dict[str, Any]]:
    """Each file's JSON Schema, by the name it is written under. Without ``catalogue`` an exercise's
    area and kind may be any id (a catalogue declares its own); with it, only those it declares."""
    made = {}
    for name, (model, title, description) in FILES.items():
        schema = TypeAdapter(model).json_schema()
        schema.pop("title", None)
        schema.pop("description", None)
        made[name] = {"$schema": DIALECT, "title": title, "description": description} | schema
    if catalogue:
        exercise = made["exercises.schema.json"]["$defs"]["Exercise"]["properties"]
        for field, declared in (("area", catalogue.areas), ("kind", catalogue.kinds)):
            names = ", ".join(f"{item_id} ({item.name})" for item_id, item in declared.items())
            exercise[field]["description"] = f"One of the {field}s the catalogue's areas.yaml declares: {names}."
            exercise[field]["enum"] = list(declared)
    return made


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as it is written to its file: stable, readable, one trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, catalogue: Catalogue | None = None) -> list[Path]:
    """Write every schema into ``folder``, replacing older ones; the paths written."""
    written = []
    for name, schema in schemas(catalogue).items():
        path = Path(folder) / name
        write_atomically(path, schema_text(schema))
        written.append(path)
    return written
