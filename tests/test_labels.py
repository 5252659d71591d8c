"""The printed labels in every shipped language: complete, used on the page, overridable."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml
from pdfread import flat_text

from cardgen import bundled
from cardgen.dose import Dose
from cardgen.labels import BUNDLED, english_file, flatten, labels_for, read_phrases, shipped_languages

LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "zh-Hans", "ja", "ko", "ru"]

# A catalogue written in Greek: whatever English is on its pages came from cardgen's labels.
EXERCISES = """
- {id: alpha, name: Άλφα, area: calves, kind: warm-up, summary: Ζέσταμα.}
- id: beta
  name: Βήτα
  area: legs
  kind: strength
  muscles: [τετρακέφαλοι]
  dose: 10-15x3
  cues: [Αργά κάτω.]
  cautions: [Προσοχή στη φτέρνα.]
  video: {url: "https://youtu.be/c5Kv6-fnTj8", start: 30}
- {id: gamma, name: Γάμμα, area: core, kind: explosive, dose: "30 s hold x1"}
- {id: delta, name: Δέλτα, area: calves, kind: swiftness, dose: 5-8 each side}
"""
ROUTINES = """
- id: greek
  title: Ελληνικό πρόγραμμα
  why: Γιατί έτσι.
  blocks:
    - {title: Πρώτο, note: Σημείωση., exercises: [alpha, beta]}
    - {title: Δεύτερο, exercises: [gamma, delta]}
"""
# Areas and kinds print by the catalogue's own names (translated through translations/, not labels).
AREAS = """
areas: [{id: calves, name: Γάμπες}, {id: legs, name: Πόδια}, {id: core, name: Κορμός}]
kinds:
  - {id: warm-up, name: Ζέσταμα}
  - {id: strength, name: Δύναμη}
  - {id: explosive, name: Εκρηκτικότητα}
  - {id: swiftness, name: Ταχύτητα}
"""
ROSTER = """
team: Ομάδα
starts: 2026-12-07
routine: greek
runners:
  - name: Νίκη
    load: {beta: 22.5}
"""


@pytest.fixture
def greek(tmp_path) -> tuple[Path, Path]:
    folder = tmp_path / "greek"
    folder.mkdir()
    (folder / "exercises.yaml").write_text(EXERCISES, encoding="utf-8")
    (folder / "routines.yaml").write_text(ROUTINES, encoding="utf-8")
    (folder / "theory.yaml").write_text("title: Θεωρία\n", encoding="utf-8")
    (folder / "areas.yaml").write_text(AREAS, encoding="utf-8")
    roster = tmp_path / "team.yaml"
    roster.write_text(ROSTER, encoding="utf-8")
    return folder, roster


def test_cardgen_ships_the_languages_it_promises():
    assert set(LANGUAGES) <= set(shipped_languages())


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_phrase_is_in_every_shipped_language(code):
    """No silent English: each shipped file gives every phrase en.yaml has, each plural form its language uses."""
    english = flatten(english_file())
    own = yaml.safe_load((BUNDLED / f"{code}.yaml").read_text(encoding="utf-8"))
    assert set(flatten(own)) == set(english), f"{code}.yaml lacks {set(english) - set(flatten(own))}"
    read_phrases(BUNDLED / f"{code}.yaml")  # raises on a missing plural form or an unknown {value}


def _english_words() -> dict[str, list[str]]:
    """The literal English of every phrase (placeholders cut out), by key: what must not be on a
    page in another language."""
    words = {}
    for key, phrase in flatten(english_file()).items():
        if key == "locale":
            continue
        texts = phrase.values() if isinstance(phrase, dict) else [phrase]
        parts = {literal.strip(" ·:,.()") for text in texts for literal, *_ in string.Formatter().parse(text)}
        words[key] = [part for part in parts if len(re.findall(r"[A-Za-z]", part)) >= 3]
    return words


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_a_card_and_a_sheet_print_only_their_language_s_labels(run, greek, tmp_path, code):
    catalogue, roster = greek
    card, sheet = tmp_path / "card.pdf", tmp_path / "sheet.pdf"
    common = ["--catalogue", catalogue, "--roster", roster, "--runner", "Νίκη", "--lang", code]
    assert run("card", *common, "--fold", "-o", card).exit_code == 0
    assert run("sheet", *common, "-o", sheet).exit_code == 0
    labels = labels_for(code)
    card_text, sheet_text = flat_text(card), flat_text(sheet)
    both = (card_text + " " + sheet_text).casefold()
    for key, english in _english_words().items():
        own = str(labels.phrases[key]).casefold()
        for part in english:
            printed = re.search(rf"(?<!\w){re.escape(part.casefold())}(?!\w)", both)
            assert part.casefold() in own or not printed, f"English '{part}' ({key}) printed in {code}"

    def squeeze(text: str) -> str:
        return re.sub(r"\s+", "", text).casefold()

    on_card = [
        labels("card.exercises", count=4),
        labels("card.watch_the_moves"),
        labels.dose(Dose.parse("10-15x3")),
        labels.dose(Dose.parse("5-8 each side")),
        labels.load(22.5, "kg"),
    ]
    on_sheet = [
        labels("log.title"),
        labels("log.week", number=6),
        labels("sheet.why_this_routine"),
        labels("log.exercise"),
        labels("sheet.blocks", count=2),
        labels.short_date(__import__("datetime").date(2026, 12, 14)),
        labels.dose(Dose.parse("30 s hold x1")),
        labels("sheet.print_note"),
    ]
    for phrase in on_card:
        assert squeeze(phrase) in squeeze(card_text), f"{phrase!r} not on the {code} card"
    for phrase in on_sheet:
        assert squeeze(phrase) in squeeze(sheet_text), f"{phrase!r} not on the {code} sheet"


@pytest.mark.parametrize(
    "code, worded",
    [
        ("en", ["1 set × 1 rep", "3 sets × 10–15 reps each side", "3 sets × 30 s hold", "2 sets × 1 min 30 s"]),
        (
            "es",
            ["1 serie × 1 rep.", "3 series × 10–15 rep. por lado", "3 series × mantener 30 s", "2 series × 1 min 30 s"],
        ),
        ("de", ["1 Satz × 1 Wdh.", "3 Sätze × 10–15 Wdh. pro Seite", "3 Sätze × 30 s halten", "2 Sätze × 1 min 30 s"]),
        ("ja", ["1セット × 1回", "3セット × 10–15回（左右それぞれ）", "3セット × 30秒キープ", "2セット × 1分30秒"]),
        (
            "ru",
            [
                "1 подход × 1 повт.",
                "3 подхода × 10–15 повт. на каждую сторону",
                "3 подхода × удержание 30 с",
                "2 подхода × 1 мин 30 с",
            ],
        ),
    ],
)
def test_a_dose_is_worded_in_the_language_with_its_plurals(code, worded):
    doses = [Dose.parse(text) for text in ("1x1", "10-15x3 each side", "30 s hold x3", "90s x 2")]
    assert [labels_for(code).dose(dose) for dose in doses] == worded


def test_decimals_and_dates_follow_the_language():
    assert labels_for("de").load(22.5, "kg") == "22,5 kg" and labels_for("fr").load(22.5, "kg") == "22,5 kg"
    assert labels_for("en").load(22.5, "kg") == "22.5 kg"
    from datetime import date

    assert labels_for("fr").short_date(date(2026, 12, 7)) == "7 déc."
    assert labels_for("en").short_date(date(2026, 12, 7)) == "7 Dec"


def test_plural_forms_follow_the_language():
    ru = labels_for("ru")
    assert [ru("dose.sets", count=n) for n in (1, 3, 5, 21)] == ["1 подход", "3 подхода", "5 подходов", "21 подход"]
    assert labels_for("en").dose(Dose.parse("10x1")) == "1 set × 10 reps"


def test_the_document_and_each_runner_carry_their_language(run, greek, tmp_path):
    catalogue, roster = greek
    roster.write_text(
        ROSTER.replace("routine: greek", "routine: greek\nlang: fr") + "  - {name: Ana, lang: es}\n", encoding="utf-8"
    )
    assert run("card", "--catalogue", catalogue, "--roster", roster, "--runner", "Ana", "-o", "ana.html").exit_code == 0
    html = (tmp_path / "ana.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in html and 'lang="es"' in html.split("<body", 1)[1]
    assert (
        run("sheet", "--catalogue", catalogue, "--roster", roster, "--runner", "Νίκη", "-o", "niki.html").exit_code == 0
    )
    assert '<html lang="fr">' in (tmp_path / "niki.html").read_text(encoding="utf-8")
    # --lang speaks for the runners who have no language of their own, never over a runner's own
    assert (
        run(
            "sheet", "--catalogue", catalogue, "--roster", roster, "--runner", "Ana", "--lang", "de", "-o", "ana2.html"
        ).exit_code
        == 0
    )
    assert '<html lang="es">' in (tmp_path / "ana2.html").read_text(encoding="utf-8")


def test_a_workspace_phrase_shows_on_the_page(run, tmp_path):
    assert run("init", "ws").exit_code == 0
    (tmp_path / "ws" / "locale" / "es.yaml").write_text('log:\n  title: "Cuaderno de Ana"\n', encoding="utf-8")
    import os

    os.chdir(tmp_path / "ws")
    assert run("sheet", "sample-training", "--lang", "es", "-o", "s.pdf").exit_code == 0
    text = flat_text(tmp_path / "ws" / "s.pdf")
    assert "Cuaderno de Ana" in text and "Registro de entrenamiento" not in text and "Semana 1" in text


def test_a_workspace_can_add_a_language(run, tmp_path, greek):
    catalogue, _ = greek
    (tmp_path / "cardgen.yaml").write_text(f"catalogue: {catalogue}\n", encoding="utf-8")
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "nl.yaml").write_text(
        'log: {title: Trainingslogboek, week: "Week {number}"}\n'
        'dose: {sets: {one: "{count} set", other: "{count} sets"}}\n',
        encoding="utf-8",
    )
    assert run("sheet", "greek", "--lang", "nl", "-o", "nl.pdf").exit_code == 0
    assert "Trainingslogboek" in flat_text(tmp_path / "nl.pdf")


@pytest.mark.parametrize(
    "text, message",
    [
        ("log:\n  titel: Logboek\n", "locale/nl.yaml:2: log.titel: unknown key 'titel' (did you mean 'title'?)"),
        ('log:\n  week: "Week {nummer}"\n', "locale/nl.yaml:2: log.week: unknown value {nummer}; it may use {number}"),
        (
            'card:\n  exercises: {other: "{count} oefeningen"}\n',
            "locale/nl.yaml:2: card.exercises: Dutch needs the plural form one here",
        ),
        ("locale: xx_YY\n", "locale/nl.yaml:1: locale: 'xx_YY' is not a locale"),
    ],
)
def test_a_mistake_in_a_locale_file_is_named_with_its_line(run, tmp_path, text, message):
    (tmp_path / "cardgen.yaml").write_text(f"catalogue: {bundled('catalogue')}\n", encoding="utf-8")
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "nl.yaml").write_text(text, encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 1 and message in result.stderr.splitlines()[0], result.stderr


def test_an_unknown_language_is_a_clear_error(run, greek):
    catalogue, roster = greek
    result = run("card", "greek", "--catalogue", catalogue, "--lang", "xx")
    assert result.exit_code == 1 and "no labels in the language 'xx'" in result.output
    roster.write_text(ROSTER + "    lang: ess\n", encoding="utf-8")
    result = run("validate", "--catalogue", catalogue, roster)
    assert (
        result.exit_code == 1
        and "team.yaml:8: runners[Νίκη].lang: unknown language 'ess' (did you mean 'es'" in result.output
    )


def test_progressions_and_weekly_targets_print_in_the_language(run, tmp_path):
    """The log's rules, targets and deloads, and the card's progression line, come in the reader's language too."""
    assert run("sheet", "stride-power", "--lang", "de", "-o", "de.pdf").exit_code == 0
    assert run("card", "stride-power", "--lang", "zh-Hans", "-o", "zh.pdf").exit_code == 0
    sheet, card = flat_text(tmp_path / "de.pdf"), flat_text(tmp_path / "zh.pdf")
    assert "Alle Sätze mit 15 Wdh.? Nächstes Mal 2 kg mehr und zurück auf 10." in sheet and "+1 Wdh. pro Woche" in sheet
    assert "Entlastung".casefold() in sheet.casefold() and "Pause 90 s" in sheet
    for english in ("All sets at", "Next time", "a week", "Deload", "rest 90 s", "tempo 2-1-2-0"):
        assert english not in sheet and english not in card, english
    assert "第 1–6 周" in card and "休息 90 s" in card
