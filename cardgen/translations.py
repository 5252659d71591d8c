"""A catalogue's own text in other languages: ``translations/CODE.yaml`` beside its YAML files.

A translation gives any of the catalogue's texts (exercise names, summaries, muscles, cues,
variations, cautions, equipment; routine titles, summaries, whys, block titles and notes; the
theory; the names of areas and kinds), by id, lists in the catalogue's order. Whatever it leaves
out prints as the catalogue has it, and :func:`untranslated` names each such field with its file
and line. ``translated(catalogue, code)`` gives the catalogue in that language.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from cardgen.catalogue import FILES, Catalogue
from cardgen.errors import Problem, ProblemsFound
from cardgen.source import Document, read_yaml
from cardgen.validation import Id, Model, Text, did_you_mean, one_of, validate
from cardgen.vocabulary import FILE as AREAS_FILE

FOLDER = "translations"


class ExerciseText(Model):
    name: Text | None = None
    summary: Text | None = None
    muscles: list[Text] = Field(default=[], description="In the catalogue's order.")
    cues: list[Text] = Field(default=[], description="In the catalogue's order.")
    variations: list[Text] = Field(default=[], description="In the catalogue's order.")
    cautions: list[Text] = Field(
        default=[], description="The texts of the cautions, in the catalogue's order (their flags stay as they are)."
    )
    equipment: list[Text] = Field(default=[], description="In the catalogue's order.")


class BlockText(Model):
    title: Text | None = None
    note: Text | None = None


class RoutineText(Model):
    title: Text | None = None
    summary: Text | None = None
    why: Text | None = None
    blocks: list[BlockText] = Field(default=[], description="The routine's blocks, in order.")


class SectionText(Model):
    title: Text | None = None
    text: Text | None = None


class TheoryText(Model):
    title: Text | None = None
    source: Text | None = Field(default=None, description="The title of the source.")
    aspects: list[Text] = []
    sections: list[SectionText] = []
    further_watching: list[Text] = Field(default=[], description="The titles of the videos, in order.")


class Translation(Model):
    """What ``translations/CODE.yaml`` holds: any of the catalogue's texts in one language."""

    exercises: dict[Annotated[Id, one_of("exercise", "exercises")], ExerciseText] = Field(
        default={}, description="By exercise id."
    )
    routines: dict[Annotated[Id, one_of("routine", "routines")], RoutineText] = Field(
        default={}, description="By routine id."
    )
    theory: TheoryText = TheoryText()
    areas: dict[Annotated[Id, one_of("area", "areas")], Text] = Field(
        default={}, description="The printed name of each area, by id."
    )
    kinds: dict[Annotated[Id, one_of("kind", "kinds")], Text] = Field(
        default={}, description="The word on each kind's tag, by id."
    )


def translation_files(catalogue: Catalogue) -> list[Path]:
    folder = catalogue.folder / FOLDER
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def read_translation(catalogue: Catalogue, code: str) -> dict[str, Any] | None:
    """The checked texts of ``translations/CODE.yaml`` (ProblemsFound, located, if it has
    mistakes), or None without one."""
    file = catalogue.folder / FOLDER / f"{code}.yaml"
    if not file.is_file():
        return None
    document = read_yaml(file)
    problems = list(document.problems)
    if document.data is None:
        document.data = {}
    # The ids it names are checked against the catalogue's (validation context).
    known = {name: getattr(catalogue, name) for name in ("exercises", "routines", "areas", "kinds")}
    translation = validate(document, Translation, problems, None, known)
    if not problems:
        problems = _check_against(document, catalogue)
    if problems:
        raise ProblemsFound(problems)
    return translation.model_dump(exclude_none=True)


def _fields(catalogue: Catalogue) -> Iterator[tuple[str, tuple, tuple]]:
    """Every text a translation may give: (the catalogue file it is in, its path there, its path in a translation)."""
    for index, (exercise_id, exercise) in enumerate(catalogue.exercises.items()):
        for key in ("name", "summary"):
            if getattr(exercise, key):
                yield "exercises", (index, key), ("exercises", exercise_id, key)
        for key in ("muscles", "cues", "variations", "cautions", "equipment"):
            for n in range(len(getattr(exercise, key))):
                yield "exercises", (index, key, n), ("exercises", exercise_id, key, n)
    for index, (routine_id, routine) in enumerate(catalogue.routines.items()):
        for key in ("title", "summary", "why"):
            if getattr(routine, key):
                yield "routines", (index, key), ("routines", routine_id, key)
        for b, block in enumerate(routine.blocks):
            for key in ("title", "note"):
                if getattr(block, key):
                    yield "routines", (index, "blocks", b, key), ("routines", routine_id, "blocks", b, key)
    theory = catalogue.theory
    yield "theory", ("title",), ("theory", "title")
    if theory.source:
        yield "theory", ("source", "title"), ("theory", "source")
    for n in range(len(theory.aspects)):
        yield "theory", ("aspects", n), ("theory", "aspects", n)
    for n in range(len(theory.sections)):
        yield "theory", ("sections", n, "title"), ("theory", "sections", n, "title")
        yield "theory", ("sections", n, "text"), ("theory", "sections", n, "text")
    for n in range(len(theory.further_watching)):
        yield "theory", ("further_watching", n, "title"), ("theory", "further_watching", n)
    for what in ("areas", "kinds"):
        for n, item_id in enumerate(getattr(catalogue, what)):
            yield "areas", (what, n, "name"), (what, item_id)


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data


def _leaves(data: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _check_against(document: Document, catalogue: Catalogue) -> list[Problem]:
    """Texts the catalogue has nothing to match (a fourth cue of three, a summary it doesn't have);
    the ids are the catalogue's, checked when the file was validated."""
    wanted = {path for _, _, path in _fields(catalogue)}
    problems, said = [], set()
    for path in _leaves(document.data):
        if path in wanted:
            continue
        if isinstance(path[-1], int) or (len(path) > 2 and isinstance(path[-2], int)):
            at = path[:-1] if isinstance(path[-1], int) else path[:-2]
            count = len({field[len(at)] for field in wanted if field[: len(at)] == at and len(field) > len(at)})
            where, message = at, f"more items than the catalogue has here ({count}): give them in the catalogue's order"
        else:
            where, message = path, "the catalogue has no such text to translate"
        if where not in said:
            said.add(where)
            problems.append(document.problem(where, message))
    return problems


def translated(catalogue: Catalogue, code: str) -> Catalogue:
    """``catalogue`` with the texts its ``translations/CODE.yaml`` gives; itself when there is none."""
    data = read_translation(catalogue, code)
    if not data:
        return catalogue

    def text(*path, default):
        return _at(data, path) or default

    def texts(section: str, item_id: str, key: str, originals: list) -> list:
        return [text(section, item_id, key, n, default=original) for n, original in enumerate(originals)]

    exercises = {}
    for exercise_id, e in catalogue.exercises.items():
        muscles = texts("exercises", exercise_id, "muscles", e.muscles)
        own = dict(zip(e.muscles, muscles))
        exercises[exercise_id] = e.model_copy(
            update={
                "name": text("exercises", exercise_id, "name", default=e.name),
                "summary": text("exercises", exercise_id, "summary", default=e.summary),
                "muscles": muscles,
                # a muscle's term in another language follows its translated name, unless it now is that name
                "terms": {own[m]: term for m, term in e.terms.items() if own.get(m, term) != term},
                "cues": texts("exercises", exercise_id, "cues", e.cues),
                "variations": texts("exercises", exercise_id, "variations", e.variations),
                "equipment": texts("exercises", exercise_id, "equipment", e.equipment),
                "cautions": [
                    c.model_copy(update={"text": text("exercises", exercise_id, "cautions", n, default=c.text)})
                    for n, c in enumerate(e.cautions)
                ],
            }
        )
    routines = {}
    for routine_id, r in catalogue.routines.items():
        blocks = [
            b.model_copy(
                update={
                    "title": text("routines", routine_id, "blocks", n, "title", default=b.title),
                    "note": text("routines", routine_id, "blocks", n, "note", default=b.note),
                }
            )
            for n, b in enumerate(r.blocks)
        ]
        routines[routine_id] = r.model_copy(
            update={
                key: text("routines", routine_id, key, default=getattr(r, key)) for key in ("title", "summary", "why")
            }
            | {"blocks": blocks}
        )
    t = catalogue.theory
    theory = t.model_copy(
        update={
            "title": text("theory", "title", default=t.title),
            "source": t.source.model_copy(update={"title": text("theory", "source", default=t.source.title)})
            if t.source
            else None,
            "aspects": [text("theory", "aspects", n, default=a) for n, a in enumerate(t.aspects)],
            "sections": [
                s.model_copy(
                    update={
                        "title": text("theory", "sections", n, "title", default=s.title),
                        "text": text("theory", "sections", n, "text", default=s.text),
                    }
                )
                for n, s in enumerate(t.sections)
            ],
            "further_watching": [
                link.model_copy(update={"title": text("theory", "further_watching", n, default=link.title)})
                for n, link in enumerate(t.further_watching)
            ],
        }
    )
    areas = {i: a.model_copy(update={"name": text("areas", i, default=a.name)}) for i, a in catalogue.areas.items()}
    kinds = {i: k.model_copy(update={"name": text("kinds", i, default=k.name)}) for i, k in catalogue.kinds.items()}
    return catalogue.model_copy(
        update={"exercises": exercises, "routines": routines, "theory": theory, "areas": areas, "kinds": kinds}
    )


def untranslated(catalogue: Catalogue, code: str, language: str) -> list[Problem]:
    """Every text of ``catalogue`` that ``translations/CODE.yaml`` doesn't give, at its own file and line."""
    data = read_translation(catalogue, code) or {}
    names = {**FILES, "areas": AREAS_FILE}
    documents: dict[str, Document] = {}
    missing = []
    for file, path, translation_path in _fields(catalogue):
        if _at(data, translation_path):
            continue
        if file not in documents:
            source = catalogue.folder / names[file]
            documents[file] = read_yaml(source) if source.is_file() else Document(source, None)
        missing.append(documents[file].problem(path, f"not translated into {language} ({FOLDER}/{code}.yaml)"))
    return missing


def check_languages(
    catalogue: Catalogue, locale: Path | None = None, code: str | None = None
) -> tuple[list[Problem], list[Path]]:
    """Every problem in the catalogue's translations and in ``locale`` (a workspace's own phrases),
    and with ``code``, every text not yet translated into that language; and the files found sound."""
    from cardgen.labels import languages, read_phrases

    problems, sound = [], []
    for file in [*translation_files(catalogue), *(sorted(locale.glob("*.yaml")) if locale and locale.is_dir() else [])]:
        try:
            read_translation(catalogue, file.stem) if file.parent.name == FOLDER else read_phrases(file)
        except ProblemsFound as found:
            problems.extend(found.problems)
        else:
            sound.append(file)
    if code and not problems:
        if code not in languages(locale):
            problems.append(
                Problem(
                    catalogue.folder / FOLDER / f"{code}.yaml",
                    None,
                    "",
                    f"cardgen prints no language '{code}'{did_you_mean(code, languages(locale))}",
                )
            )
        else:
            problems.extend(untranslated(catalogue, code, language_name(code)))
    return problems, sound


def language_name(code: str) -> str:
    """``Spanish``, ``Chinese (Simplified)``: the language's name in English, for messages."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code
