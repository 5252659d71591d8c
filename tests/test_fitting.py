"""Cards fitted face by face: each distinct face laid out once, a plan in at most two passes,
the steps shared out by measured height, names printed into a face many runners share."""

import pytest
from pdfread import flat_text

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.documents import Maker
from cardgen.fitting import balanced
from cardgen.options import PrintOptions
from cardgen.paper import CARD_SIZES
from cardgen.roster import load_roster

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
    maker = Maker(CATALOGUE, PrintOptions(card_size=size, backs="duplex" if backs else "none"))
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
    team.write_text(
        "team: T\nroutine: cadence\nrunners:\n  - name: Ann Lee\n  - name: Bo Chen\n  - name: Cy Dunn\n",
        encoding="utf-8",
    )
    roster = load_roster(team, CATALOGUE)
    maker = Maker(CATALOGUE, PrintOptions(card_size="a7", backs="duplex"))
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
    team.write_text(
        f"team: T\nroutine: cadence\nrunners:\n  - name: Ann Lee\n  - name: {long_name}\n", encoding="utf-8"
    )
    roster = load_roster(team, CATALOGUE)
    maker = Maker(CATALOGUE, PrintOptions(card_size="a7"))
    laid = maker.lay_out_cards([maker.plan("cadence", runner, roster) for runner in roster.runners])
    assert laid.stamped == [True, False] and max(laid.passes) == 2
    file = tmp_path / "long.pdf"
    file.write_bytes(maker.cards_pdf(laid, [1]))
    assert "".join(long_name.split()) in "".join(flat_text(file).split())


def test_with_the_users_own_templates_every_front_is_laid_out_in_full(counted, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    maker = Maker(CATALOGUE, PrintOptions(templates=templates))
    team = tmp_path / "team.yaml"
    team.write_text("team: T\nroutine: cadence\nrunners:\n  - name: Ann Lee\n  - name: Bo Chen\n", encoding="utf-8")
    roster = load_roster(team, CATALOGUE)
    maker.lay_out_cards([maker.plan("cadence", runner, roster) for runner in roster.runners])
    assert len(counted) == 2 and not any(key.startswith("stamp ") for key in counted)


def test_cards_for_shares_a_plan_out_in_order_with_the_notes_on_the_first():
    from dataclasses import replace

    from cardgen.fitting import cards_for
    from cardgen.plan import plan_routine

    plan = replace(plan_routine(CATALOGUE, "sample-training"), runner="Ann", notes="Easy week.")
    (one,) = cards_for(plan, [plan.steps], 0, 22.0)
    assert (one.plan, one.part, one.type_step, one.back_qr_mm) == (plan, None, 0, 22.0)
    steps = plan.steps
    cards = cards_for(plan, [steps[:3], steps[3:6], steps[6:]], 1, 18.0)
    assert [card.part for card in cards] == ["1/3", "2/3", "3/3"] and [card.continued for card in cards] == [
        False,
        True,
        True,
    ]
    assert {(card.type_step, card.back_qr_mm, card.plan.runner) for card in cards} == {(1, 18.0, "Ann")}
    assert [step for card in cards for step in card.plan.steps] == steps
    assert [card.plan.notes for card in cards] == ["Easy week.", None, None]
    # "Squat / lunge" (steps 3 and 4) continues on the second card, under its title again.
    assert [block.title for block in cards[1].plan.blocks] == ["Squat / lunge", "Calf / toe raise"]


def test_back_qr_size_is_the_largest_code_that_fits_every_video_on_the_back():
    from cardgen.fitting import BACK_QR_MM, back_capacity, back_qr_size
    from cardgen.paper import card_size

    a6 = card_size("a6")
    assert back_capacity(22.0, a6) == 9  # 3 × 3 in the 95 × 123 mm the safe zone and the heading leave
    assert back_qr_size(0, a6) == back_qr_size(9, a6) == BACK_QR_MM[0]
    assert BACK_QR_MM[1] < back_qr_size(10, a6) < BACK_QR_MM[0] and back_capacity(back_qr_size(10, a6), a6) >= 10
    assert back_qr_size(100, a6) == BACK_QR_MM[1]  # never under 15 mm, even when they can't all fit


def test_refits_judges_from_a_measure_what_to_try_next():
    from cardgen.fitting import CSS_PX_PER_MM, TYPE_STEPS, Measure, refits, room_of
    from cardgen.paper import card_size
    from cardgen.plan import plan_routine

    plan, a6 = plan_routine(CATALOGUE, "cadence"), card_size("a6")
    assert len(plan.steps) == 4 and room_of(a6) == pytest.approx(144 * CSS_PX_PER_MM)
    # 500 px on a card with room for 544: one card at full size was tried; one at the next type step surely
    # fits, and one card more at full size is laid out beside it, should even that fall short.
    (option, cards), (fallback, more) = refits(plan, Measure(500, 100, (100, 100, 100, 100)), a6, backs=True)
    assert option == (1, 1) and [(card.part, card.type_step) for card in cards] == [(None, 1)]
    assert fallback == (2, 0) and [(card.part, card.type_step) for card in more] == [("1/2", 0), ("2/2", 0)]
    # Twice the room: two cards, the likely option and a cautious one, best first, every step once, in order.
    options = refits(plan, Measure(1100, 100, (250, 250, 250, 250)), a6, backs=True)
    assert [option for option, _ in options] == sorted(option for option, _ in options) and options[0][0][0] == 2
    for _, cards in options:
        assert [step for card in cards for step in card.plan.steps] == plan.steps
    # Steps no card could hold: the last resort, one a card at the smallest type; once that was tried, nothing.
    huge = Measure(20000, 100, (5000,) * 4)
    ((option, cards),) = refits(plan, huge, a6, backs=True)
    assert option == (4, len(TYPE_STEPS) - 1) and len(cards) == 4
    assert refits(plan, huge, a6, backs=True, after=option) == []
