"""Cards fitted face by face: each distinct face laid out once, a plan in at most two passes,
the steps shared out by measured height, names printed into a face many runners share."""

from pathlib import Path

import pytest

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.documents import Maker
from cardgen.fitting import balanced
from cardgen.paper import CARD_SIZES
from cardgen.roster import load_roster
from pdfread import flat_text

CATALOGUE = load_catalogue(bundled("catalogue"))


def test_balanced_makes_the_tallest_card_as_short_as_it_can():
    assert balanced([5, 5, 5, 5], 2) == [(0, 2), (2, 4)]
    assert balanced([9, 1, 1, 1, 1, 1], 2) == [(0, 1), (1, 6)]
    # A first card with a taller head takes fewer steps.
    assert balanced([4, 4, 4, 4, 4], 2, first_head=6, running_head=0) == [(0, 2), (2, 5)]
    assert balanced([3, 3], 5) == [(0, 1), (1, 2)]


@pytest.fixture
def counted(monkeypatch):
    """Every face Maker lays out, by key, as often as it is laid out."""
    seen: list[str] = []
    real = Maker._lay_out_faces

    def count(self, faces, laid):
        seen.extend(face.key for face in faces)
        return real(self, faces, laid)

    monkeypatch.setattr(Maker, "_lay_out_faces", count)
    return seen


@pytest.mark.parametrize("backs", [False, True])
@pytest.mark.parametrize("size", CARD_SIZES)
def test_no_face_is_laid_out_twice_and_no_plan_takes_more_than_two_passes(counted, size, backs):
    maker = Maker(CATALOGUE, card_size=size, duplex=backs)
    plans = [maker.plan(routine_id) for routine_id in CATALOGUE.routines]
    laid = maker.lay_out_cards(plans)
    assert counted and len(counted) == len(set(counted))
    assert max(laid.passes) <= 2, laid.passes
    for cards in laid.cards:  # what is kept fits its card
        assert laid.fit(cards, backs, 0, maker_size(size))


def maker_size(name):
    from cardgen.paper import card_size

    return card_size(name)


def test_runners_with_the_same_plan_share_one_laid_out_front(counted, tmp_path):
    team = tmp_path / "team.yaml"
    team.write_text("team: T\nroutine: cadence\nrunners:\n  - name: Ann Lee\n  - name: Bo Chen\n  - name: Cy Dunn\n", encoding="utf-8")
    roster = load_roster(team, CATALOGUE)
    maker = Maker(CATALOGUE, card_size="a7", duplex=True)
    laid = maker.lay_out_cards([maker.plan("cadence", runner, roster) for runner in roster.runners])
    stamps = [key for key in counted if key.startswith("stamp ")]
    assert len(stamps) == 3 and len(counted) == 3 + 2  # one front for all, its back, and a name for each
    for index, name in enumerate(["Ann Lee", "Bo Chen", "Cy Dunn"]):
        file = tmp_path / f"{index}.pdf"
        file.write_bytes(maker.cards_pdf(laid, [index]))
        text = flat_text(file)
        assert name in text and "Nordic hamstring curl" in text  # the name is real text, over the shared card
        assert all(other not in text for other in {"Ann Lee", "Bo Chen", "Cy Dunn"} - {name})


def test_a_name_too_long_for_its_line_gets_a_front_of_its_own(counted, tmp_path):
    long_name = "Maximiliana Alexandrovna Konstantinopolskaya-Smythe von Hohenzollern"
    team = tmp_path / "team.yaml"
    team.write_text(f"team: T\nroutine: cadence\nrunners:\n  - name: Ann Lee\n  - name: {long_name}\n", encoding="utf-8")
    roster = load_roster(team, CATALOGUE)
    maker = Maker(CATALOGUE, card_size="a7")
    laid = maker.lay_out_cards([maker.plan("cadence", runner, roster) for runner in roster.runners])
    assert laid.stamped == [True, False] and max(laid.passes) == 2
    file = tmp_path / "long.pdf"
    file.write_bytes(maker.cards_pdf(laid, [1]))
    assert "".join(long_name.split()) in "".join(flat_text(file).split())


def test_with_the_users_own_templates_every_front_is_laid_out_in_full(counted, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    maker = Maker(CATALOGUE, templates=templates)
    team = tmp_path / "team.yaml"
    team.write_text("team: T\nroutine: cadence\nrunners:\n  - name: Ann Lee\n  - name: Bo Chen\n", encoding="utf-8")
    roster = load_roster(team, CATALOGUE)
    maker.lay_out_cards([maker.plan("cadence", runner, roster) for runner in roster.runners])
    assert len(counted) == 2 and not any(key.startswith("stamp ") for key in counted)
