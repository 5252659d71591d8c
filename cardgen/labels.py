"""The fixed words cardgen prints ("3 sets × 15 reps", "Training log", "Watch the moves"), in the
reader's language.

Phrases live in ``cardgen/locale/CODE.yaml``, one file a language, key for key the same as
``en.yaml``; a workspace's ``locale/CODE.yaml`` may change any phrase or add a language. Plural
forms, dates and decimal numbers follow the language's CLDR rules through Babel.
``labels_for(code, folder)`` gives the :class:`Labels` that templates and plans print with.
"""

from __future__ import annotations

import functools
import re
import string
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import Field, create_model, model_validator

from cardgen.errors import Problem, ProblemsFound
from cardgen.source import Document, read_yaml
from cardgen.validation import Model, Text, validate

BUNDLED = Path(__file__).parent / "locale"
DEFAULT = "en"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
CATEGORIES = ("zero", "one", "two", "few", "many", "other")


class Plural(Model):
    """A phrase that depends on a number: one form for each of the language's plural categories."""

    zero: Text | None = None
    one: Text | None = None
    two: Text | None = None
    few: Text | None = None
    many: Text | None = None
    other: Text

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"other": value} if isinstance(value, str) else value  # a language with one form may give just that


@functools.cache
def english_file() -> dict[str, Any]:
    document = read_yaml(BUNDLED / f"{DEFAULT}.yaml")
    return document.data


@functools.cache
def phrases_model() -> type[Model]:
    """The model of a locale file, made from the English one: every section and phrase it has,
    each optional (an override gives only what it changes); no other key."""
    sections: dict[str, Any] = {
        "locale": (
            Text | None,
            Field(
                None,
                description="The CLDR locale whose dates, numbers and plural rules apply, e.g. pt_BR "
                "(default: the file's name).",
            ),
        )
    }
    for section, phrases in english_file().items():
        if not isinstance(phrases, dict):
            continue
        fields: dict[str, Any] = {
            key.replace("-", "_"): (
                Plural | None if isinstance(text, dict) else Text | None,
                Field(None, alias=key, description=_describe(text)),
            )
            for key, text in phrases.items()
        }
        sections[section] = (create_model(f"{section.title()}Phrases", __base__=Model, **fields) | None, None)
    return create_model("Phrases", __base__=Model, **sections)


def _describe(english: Any) -> str:
    return (
        f"In English: {english}"
        if isinstance(english, str)
        else f"In English: {english.get('other')} (one: {english.get('one')})"
    )


def flatten(data: dict[str, Any]) -> dict[str, Any]:
    """``{card: {part: ...}}`` as ``{"card.part": ...}``; ``locale`` stays as it is."""
    flat: dict[str, Any] = {}
    for section, phrases in data.items():
        if isinstance(phrases, dict):
            flat.update({f"{section}.{key}": text for key, text in phrases.items()})
        else:
            flat[section] = phrases
    return flat


def read_phrases(file: Path) -> dict[str, Any]:
    """Read and check a locale file; raise ProblemsFound (every problem, with its line)."""
    document = read_yaml(file)
    problems = list(document.problems)
    if document.data is None:
        document.data = {}
    validate(document, phrases_model(), problems, None)
    if not problems:
        problems.extend(_check_phrases(document, file.stem))
    if problems:
        raise ProblemsFound(problems)
    return flatten(document.data)


def _check_phrases(document: Document, code: str) -> list[Problem]:
    """What the model cannot know: the values a phrase may name, and the plural forms its language needs."""
    from babel import Locale, UnknownLocaleError

    problems = []
    english = flatten(english_file())
    data = flatten(document.data)
    try:
        locale = Locale.parse(data.get("locale") or code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        where = ("locale",) if data.get("locale") else ()
        return [
            document.problem(
                where,
                f"'{data.get('locale') or code}' is not a locale cardgen knows the rules of "
                "(dates, numbers, plurals): name one with locale: like pt_BR",
            )
        ]
    needed = plural_categories(locale)
    for key, text in data.items():
        if key == "locale":
            continue
        path = tuple(key.split(".", 1))
        allowed = _fields(english[key])
        forms = text if isinstance(text, dict) else {"": text}
        for form, phrase in forms.items():
            unknown = sorted(_fields(phrase) - allowed)
            if unknown:
                hint = (
                    f"; it may use {', '.join('{' + name + '}' for name in sorted(allowed))}"
                    if allowed
                    else "; it takes none"
                )
                problems.append(
                    document.problem(
                        (*path, form) if form else path,
                        f"unknown value {', '.join('{' + name + '}' for name in unknown)}{hint}",
                    )
                )
        if isinstance(text, dict):
            missing = [category for category in CATEGORIES if category in needed and category not in text]
            if missing:
                problems.append(
                    document.problem(
                        path,
                        f"{locale.get_display_name('en')} needs the plural form{'s' if len(missing) > 1 else ''} "
                        f"{', '.join(missing)} here",
                    )
                )
    return problems


def _fields(text: Any) -> set[str]:
    texts = text.values() if isinstance(text, dict) else [text]
    return {name for each in texts if each for _, name, _, _ in string.Formatter().parse(each) if name}


def plural_categories(locale) -> set[str]:
    """The plural categories a language uses for the counts a card may print (0 to 1000)."""
    return {locale.plural_form(n) for n in range(1001)}


def shipped_languages() -> list[str]:
    return sorted(file.stem for file in BUNDLED.glob("*.yaml"))


def languages(folder: Path | None = None) -> list[str]:
    """Every language cardgen can print in: its own, and those of ``folder`` (a workspace's locale/)."""
    own = [file.stem for file in folder.glob("*.yaml")] if folder and folder.is_dir() else []
    return sorted({*shipped_languages(), *own})


class Labels:
    """The phrases of one language, and its way of writing numbers and dates."""

    def __init__(self, code: str, phrases: dict[str, Any]) -> None:
        from babel import Locale

        self.code = code
        self.phrases = phrases
        self.locale = Locale.parse(phrases.get("locale") or code.replace("-", "_"))

    def __repr__(self) -> str:  # part of a plan's repr, which tells faces apart: the same for the same language
        return f"Labels({self.code!r})"

    def __call__(self, key: str, count: int | None = None, **values: Any) -> str:
        """The phrase ``key`` with its values filled in; with ``count``, the form for that number."""
        phrase = self.phrases[key]
        if isinstance(phrase, dict):
            category = self.locale.plural_form(count) if count is not None else "other"
            phrase = phrase.get(category) or phrase["other"]
        if count is not None:
            values["count"] = self.number(count)
        return phrase.format_map(values)

    def number(self, value: float) -> str:
        """``22.5`` as the language writes it: ``22,5`` in German, French and Spanish."""
        from babel.numbers import format_decimal

        if isinstance(value, int) or value.is_integer():
            return str(int(value))  # whole numbers as written: counts, years, 20 kg
        return format_decimal(value, locale=self.locale)

    def decimals(self, text: str | None) -> str | None:
        """``12 × 22.5 kg`` with the language's decimal sign (``22,5``): for numbers worked out
        before the language was known (the log's weekly targets)."""
        if not text:
            return text
        from babel.numbers import get_decimal_symbol

        return re.sub(r"(?<=\d)\.(?=\d)", get_decimal_symbol(self.locale), text)

    def short_date(self, day: date) -> str:
        """``7 Dec``, ``7 déc.``, ``12月7日``."""
        from babel.dates import format_skeleton

        return format_skeleton("MMMd", day, locale=self.locale)

    def long_date(self, day: date) -> str:
        """``7 December 2026``, ``7 de diciembre de 2026``."""
        from babel.dates import format_date

        return format_date(day, "long", locale=self.locale)

    def join(self, items: list[str]) -> str:
        """``a, b, c``: names listed as the language separates them (``handout.separator``)."""
        return self("handout.separator").join(items)

    def dose(self, dose) -> str:
        """``3 sets × 15 reps``, ``3 series × 10–15 repeticiones por lado``: a :class:`~cardgen.dose.Dose` in words."""
        if dose.unit == "reps":
            amount = (
                self("dose.rep_range", count=dose.high, low=dose.low, high=dose.high)
                if dose.high
                else self("dose.reps", count=dose.low)
            )
        else:
            amount = (
                self("dose.range", low=self.seconds(dose.low), high=self.seconds(dose.high))
                if dose.high
                else self.seconds(dose.low)
            )
            if dose.unit == "hold":
                amount = self("dose.hold", amount=amount)
        if dose.sets:
            amount = self("dose.sets_of", sets=self("dose.sets", count=dose.sets), amount=amount)
        return self("dose.each_side", dose=amount) if dose.each_side else amount

    def seconds(self, total: int) -> str:
        minutes, seconds = divmod(total, 60)
        if not minutes:
            return self("dose.seconds", count=seconds)
        return (
            self("dose.minutes_seconds", minutes=minutes, seconds=seconds)
            if seconds
            else self("dose.minutes", count=minutes)
        )

    def progress_words(self) -> dict[str, str]:
        """The words the weekly targets and progressions print (``cardgen.targets.WORDS``), in this language."""
        from cardgen.targets import WORDS

        # templates, not phrases: the targets fill in their own values
        own = {
            key: self.phrases[f"progress.{key.replace(' ', '_')}"]
            for key in WORDS
            if f"progress.{key.replace(' ', '_')}" in self.phrases
        }
        return WORDS | own | {"deload": self("log.deload")}

    def load(self, amount: float, unit: str) -> str:
        return self("dose.load", amount=self.number(amount), unit=unit)


@functools.lru_cache(maxsize=32)
def labels_for(code: str = DEFAULT, folder: Path | None = None) -> Labels:
    """The labels of language ``code``: cardgen's own, with the phrases of ``folder/CODE.yaml``
    (a workspace's locale folder) over them. A language cardgen doesn't ship takes English
    for any phrase its file leaves out."""
    own = BUNDLED / f"{code}.yaml"
    user = folder / f"{code}.yaml" if folder else None
    if not own.is_file() and not (user and user.is_file()):
        raise LookupError(
            f"cardgen has no labels in the language '{code}': it prints in {', '.join(languages(folder))}"
            f"; add locale/{code}.yaml to your workspace for another"
        )
    phrases = flatten(english_file())
    if own.is_file() and code != DEFAULT:
        phrases |= read_phrases(own)
    if user and user.is_file():
        phrases |= read_phrases(user)
    return Labels(code, phrases)


def english() -> Labels:
    return labels_for(DEFAULT)
