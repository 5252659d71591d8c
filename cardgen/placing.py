"""Where each part of a notes page goes: an item becomes an exercise (its name, dose, cues,
variations, cautions, video), a numbered list a routine, a theory section the theory page.
The middle stage of ``cardgen import``, after ``notes`` has read the Markdown and before
``importer`` writes the catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cardgen import guesses
from cardgen.errors import Problem
from cardgen.notes import Item, ItemList, Line, Paragraph, Section, prose
from cardgen.phrases import (
    Reading,
    exercises_named,
    is_equipment,
    kebab,
    name_and_remark,
    read_dose,
    split_item,
    unique_id,
)
from cardgen.qr import video_and_start, video_link


class Placer:
    """Reads the sections of one notes page into exercises, routines and theory, noting every guess
    and every line it could not place."""

    def __init__(self, file: Path, habit: str):
        self.file, self.habit = file, habit
        self.problems: list[Problem] = []
        self.exercises: list[dict[str, Any]] = []
        self.headings: dict[str, str] = {}
        self.loads: dict[str, float] = {}  # exercise id -> kilograms
        self.areas: dict[str, str] = {}  # id -> name, in the order met
        self.routines: list[dict[str, Any]] = []
        self.watching: list[dict[str, str]] = []
        self.theory: dict[str, Any] = {}

    # Reporting: every line ends up somewhere, or here.

    def unplaced(self, line: Line, why: str = "", marker: str = "") -> None:
        self.note(
            line.number, f"could not place: {marker + ' ' if marker else ''}{line.text}" + (f" ({why})" if why else "")
        )

    def note(self, number: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, number, "", message))

    def say_against(self, number: int, text: str, reading: Reading | None) -> None:
        if reading and reading.against:
            self.note(number, f"read the dose of '{text}' as {reading.against}")

    def web_links(self, line: Line) -> list[tuple[str, str]]:
        """The line's web links as (title, url); any other link is reported as left out."""
        found = []
        for link in line.links:
            if guesses.web_address(link.url):
                found.append((link.title, link.url))
            else:
                self.note(line.number, f"left out the link '{link.url}' of '{link.title}': not a web address")
        return found

    def watch(self, title: str, url: str) -> None:
        url = video_link(url)
        if all(link["url"] != url for link in self.watching):
            self.watching.append({"title": title or url, "url": url})

    def only_link(self, line: Line) -> bool:
        """Place a line that is nothing but a link (or a bare address) in further watching."""
        if (
            len(line.links) == 1
            and guesses.only_a_link(line.text, line.links[0].title)
            and guesses.web_address(line.links[0].url)
        ):
            self.watch(line.links[0].title, line.links[0].url)
            return True
        return False

    # Areas and their exercises.

    def read_area(self, section: Section) -> None:
        if not section.title:  # a list before any heading
            section = Section(section.level, "Exercises", section.number, section.blocks)
        known = guesses.area_of(section.title)
        area = known or kebab(section.title) or "exercises"
        exercises = []
        for block in section.blocks:
            if isinstance(block, ItemList):
                for item in block.items:
                    if re.search(r"\w", item.lines[0].text):
                        exercises.append(self.exercise(item, section, area))
                    elif not self.only_link(item.lines[0]) and (item.lines[0].text or item.below()):
                        self.unplaced(
                            item.lines[0] if item.lines[0].text else item.below()[0], "no name to file it under"
                        )
            elif all(split_item(line.text, self.habit).reading for line in block.lines):  # "Goblet squat 3 x 10" a line
                exercises.extend(self.exercise(Item(line.number, "", [line]), section, area) for line in block.lines)
            elif len(block.lines) > 1 and guesses.quiet_dose(block.lines[1].text, self.habit):  # a name, its dose below
                exercises.append(self.exercise(Item(block.number, "", block.lines), section, area))
            else:
                for line in block.lines:
                    if not self.only_link(line):
                        self.unplaced(line)
        if not exercises:
            return
        if area not in self.areas:
            self.areas[area] = guesses.AREA_NAMES.get(area, section.title)
            if not known:
                self.note(
                    section.number,
                    f"'{section.title}' is not calves, legs or core: declared as the area '{area}' in areas.yaml",
                )
        self.exercises.extend(exercises)
        self.routines.append(self.area_routine(section, exercises))

    def exercise(self, item: Item, section: Section, area: str) -> dict[str, Any]:
        first = item.lines[0]
        parts = split_item(first.text, self.habit)
        if parts.problem:
            self.note(first.number, f"left out the dose of '{parts.name}': {parts.problem}")
        text, reading = parts.name, parts.reading
        self.say_against(first.number, first.text, reading)
        name, remark = name_and_remark(text)
        found: dict[str, Any] = {
            "summary": None,
            "dose": None,
            "cues": [],
            "variations": [],
            "cautions": [],
            "equipment": [],
            "video": None,
        }
        for title, url in self.web_links(first):
            self.use_video(found, first.number, title, url)
        if reading:
            self.use_dose(found, reading)
        for aside in parts.asides:
            found["equipment" if is_equipment(aside) else "cues"].append(aside)
        if remark:
            self.place_note(found, first.number, remark, remark=True)
        for line in item.below():
            links = self.web_links(line)
            for title, url in links:
                self.use_video(found, line.number, title, url)
            if not (links and guesses.only_a_link(line.text, links[0][0])):
                self.place_note(found, line.number, line.text)
        exercise_id = unique_id(kebab(name) or "exercise", {e["id"] for e in self.exercises})
        if found.get("load"):
            self.loads[exercise_id] = found.pop("load")
        self.headings[exercise_id] = section.title
        words = " ".join([text, *found["cues"], section.title])
        kind = guesses.kind_of(words)
        exercise = {"id": exercise_id, "name": name, "area": area, "kind": kind} | found
        return {key: value for key, value in exercise.items() if value}

    def use_dose(self, found: dict[str, Any], reading: Reading) -> None:
        found["dose"] = found["dose"] or reading.dose
        amount, unit = reading.load.split() if reading.load else (None, None)
        number = (int(amount) if amount.isdigit() else float(amount.replace(",", "."))) if amount else None
        if unit and unit[0].lower() in "k%" and not found.get("load"):
            # Routines carry loads, in the roster's units (kilograms unless a roster says pounds), or a
            # percentage of the runner's training max.
            found["load"] = f"{number}%" if unit == "%" else number
        elif reading.load:  # pounds: said as written, where the card shows it
            found["cues"].append(f"Load: {reading.load}")
        if reading.effort:
            found["cues"].append(f"@ {reading.effort}")

    def place_note(self, found: dict[str, Any], number: int, note: str, remark: bool = False) -> None:
        """File one note of an exercise as its dose, a variation, a caution or a cue."""
        if not note:
            return
        try:
            reading = read_dose(guesses.without_label(note), self.habit)
        except ValueError as error:
            self.note(number, f"could not place: {note} ({error})")
            return
        self.say_against(number, note, reading)
        if reading and not found["dose"]:
            return self.use_dose(found, reading)
        if note.casefold().startswith("optional"):
            found["variations"].append(note)
        elif caution := guesses.caution_in(note):
            found["cautions"].append(caution)
        elif remark and not found["summary"]:
            found["summary"] = note
        else:
            found["cues"].append(note)

    def use_video(self, found: dict[str, Any], number: int, title: str, url: str) -> None:
        if found["video"]:
            self.watch(title, url)
            self.note(number, f"a second video for one exercise: '{title}' is in further watching")
            return
        found["video"] = video_and_start(url)

    def area_routine(self, section: Section, exercises: list[dict[str, Any]]) -> dict[str, Any]:
        """Every exercise of an area, the warm-ups first: a routine to print straight away."""
        kinds = sorted({e["kind"] for e in exercises}, key=list(guesses.KIND_TITLES).index)
        blocks = [
            {
                "title": guesses.KIND_TITLES[kind],
                "exercises": [self.step(e["id"]) for e in exercises if e["kind"] == kind],
            }
            for kind in kinds
        ]
        return {"id": self.routine_id(section.title), "title": section.title, "blocks": blocks}

    def step(self, exercise_id: str, dose: str | dict | None = None) -> str | dict[str, Any]:
        """A routine's step: the exercise's id, with the dose and load the notes give it."""
        extra = {"dose": dose, "load": self.loads.get(exercise_id)}
        extra = {key: value for key, value in extra.items() if value is not None}
        return {"id": exercise_id} | extra if extra else exercise_id

    def routine_id(self, title: str) -> str:
        return unique_id(kebab(title) or "routine", {r["id"] for r in self.routines})

    # Routines written as a list.

    def names_in(self, section: Section) -> list[str]:
        """The names of the exercises an area's lists hold, before reading them in full."""
        return [
            name_and_remark(split_item(item.lines[0].text, self.habit).name)[0]
            for block in section.lists()
            for item in block.items
        ]

    def numbers_only(self, section: Section, names: list[str]) -> bool:
        """Whether the section's numbered lists name only exercises of ``names``: a routine."""
        known = [{"id": str(n), "name": name} for n, name in enumerate(names)]
        items = [item for block in section.lists() for item in block.items]
        return bool(items) and all(
            exercises_named(split_item(item.lines[0].text, self.habit).name, known) for item in items
        )

    def read_routine(self, section: Section) -> None:
        routine: dict[str, Any] = {"id": None, "title": section.title}
        blocks: list[dict[str, Any]] = []
        for block in section.blocks:
            if isinstance(block, ItemList):
                for item in block.items:
                    step = self.block(item)
                    if step:
                        blocks.append(step)
                        for line in item.below():
                            self.block_detail(step, line)
                continue
            for line in block.lines:
                if self.only_link(line):
                    continue
                text = line.text
                for title, url in self.web_links(line):
                    self.watch(title, url)
                if not blocks:
                    routine["summary"] = f"{routine['summary']} {text}" if "summary" in routine else text
                else:
                    self.unplaced(line)
        if not blocks:
            self.note(section.number, f"'{section.title}' names no exercise of the notes: no routine made of it")
            return
        routine["id"] = self.routine_id(section.title)
        self.routines.append(routine | {"blocks": blocks})

    def block(self, item: Item) -> dict[str, Any] | None:
        line = item.lines[0]
        for title, url in self.web_links(line):
            self.watch(title, url)
        parts = split_item(line.text, self.habit)
        if parts.problem:
            self.note(line.number, f"left out the dose of '{parts.name}': {parts.problem}")
        text, reading = parts.name, parts.reading
        self.say_against(line.number, line.text, reading)
        leading = re.match(r"^\((.+?)\)\s*(.*)$", text)
        note, title = (leading[1], leading[2]) if leading else (None, text)
        ids = exercises_named(title, self.exercises)
        if not ids and re.search(r"warm", text, re.IGNORECASE):
            ids = [e["id"] for e in self.exercises if e["kind"] == "warm-up"]
            note, title = text, "Warm-up"
        if not ids:
            self.unplaced(line, "no exercise of the notes has that name", item.marker)
            return None
        exercises = [self.step(i, reading.dose if reading else None) for i in ids]
        return {"title": title or text} | ({"note": note} if note else {}) | {"exercises": exercises}

    def block_detail(self, block: dict[str, Any], line: Line) -> None:
        """A line under a routine's step: a dose for its exercises, or a note."""
        try:
            reading = read_dose(guesses.without_label(line.text), self.habit)
        except ValueError as error:
            return self.unplaced(line, str(error))
        self.say_against(line.number, line.text, reading)
        if reading and all(isinstance(item, str) or "dose" not in item for item in block["exercises"]):
            block["exercises"] = [
                self.step(item if isinstance(item, str) else item["id"], reading.dose) for item in block["exercises"]
            ]
            return
        block["note"] = f"{block['note']} {line.text}" if block.get("note") else line.text
        block["exercises"] = block.pop("exercises")  # back to the end: title, note, exercises, as in the catalogue

    # Theory.

    def read_theory(self, section: Section, intro: bool) -> None:
        if intro:
            self.theory.setdefault("title", section.title)
        texts = []
        for block in section.blocks:
            if isinstance(block, ItemList) and intro and "aspects" not in self.theory:
                self.theory["aspects"] = [" ".join(line.text for line in item.lines) for item in block.items]
                continue
            parts = block.lines if isinstance(block, Paragraph) else [item.joined() for item in block.items]
            words = []
            for part in parts:
                if self.only_link(part):
                    continue
                for title, url in self.web_links(part):
                    self.watch(title, url)
                    if intro and "source" not in self.theory:
                        self.theory["source"] = {"title": title, "url": video_link(url)}
                if part.text:
                    words.append(part.text)
            if words:
                texts.append(("text" if isinstance(block, Paragraph) else "list", words))
        if intro and "aspects" in self.theory:
            # The paragraph that introduces the aspects is what the theory page says with them.
            texts = [(kind, words) for kind, words in texts if not (kind == "text" and words[-1].endswith(":"))]
        text = prose(texts)
        if text:
            self.theory.setdefault("sections", []).append({"title": section.title, "text": text})

    def finish_theory(self) -> dict[str, Any]:
        theory = dict(self.theory)
        if self.watching:
            theory["further_watching"] = self.watching
        order = ["title", "source", "aspects", "sections", "further_watching"]
        return {key: theory[key] for key in order if key in theory}
