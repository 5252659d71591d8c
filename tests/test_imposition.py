"""Card geometry: how many fit, where the marks go, where the backs land."""

import pytest

from cardgen.imposition import MARK_LENGTH, MARK_OFFSET, PAPER_MARGIN, grid_for, n_up


@pytest.mark.parametrize(
    "size, expected",
    [
        ((105, 148), (1, 2, True)),
        ((74, 105), (2, 2, False)),
        ((85.6, 54), (2, 5, False)),
        ((127, 76.2), (2, 2, True)),
        ((152.4, 101.6), (1, 2, False)),
    ],
)
def test_as_many_as_fit_with_their_marks(size, expected):
    grid = grid_for(*size, 210, 297)
    assert (grid.columns, grid.rows, grid.rotated) == expected


@pytest.mark.parametrize("bleed", [0, 3])
def test_marks_never_touch_a_card_and_cards_stay_off_the_edge(bleed):
    for page in n_up(7, 85.6, 54, 210, 297, bleed=bleed, duplex=True):
        for card in page.placed:
            assert card.x - bleed >= PAPER_MARGIN - 0.01 and card.y - bleed >= PAPER_MARGIN - 0.01
            assert card.x + card.width + bleed <= page.width - PAPER_MARGIN + 0.01
            for mark in page.marks:
                # A mark lies wholly outside every card and its bleed, by at least the offset.
                inside_x = (
                    card.x - bleed - 0.5 < min(mark.x1, mark.x2)
                    and max(mark.x1, mark.x2) < card.x + card.width + bleed + 0.5
                )
                inside_y = (
                    card.y - bleed - 0.5 < min(mark.y1, mark.y2)
                    and max(mark.y1, mark.y2) < card.y + card.height + bleed + 0.5
                )
                assert not (inside_x and inside_y)
        for mark in page.marks:
            assert abs(abs(mark.x2 - mark.x1) + abs(mark.y2 - mark.y1) - MARK_LENGTH) < 0.01


def test_backs_are_mirrored_for_a_long_edge_flip():
    front, back = n_up(4, 74, 105, 210, 297, duplex=True)
    assert [p.side for p in front.placed] == ["front"] * 4 and [p.side for p in back.placed] == ["back"] * 4
    for f, b in zip(front.placed, back.placed):
        assert f.card == b.card and b.y == f.y
        assert b.x == pytest.approx(210 - f.x - f.width)


def test_turned_cards_come_back_turned_the_other_way():
    front, back = n_up(2, 105, 148, 210, 297, duplex=True)
    assert {p.rotation for p in front.placed} == {90} and {p.rotation for p in back.placed} == {-90}


def test_marks_start_outside_the_trim():
    page = n_up(1, 74, 105, 210, 297)[0]
    card = page.placed[0]
    tops = [m for m in page.marks if m.x1 == m.x2 and m.y2 <= card.y]
    assert tops and all(card.y - m.y2 == pytest.approx(MARK_OFFSET) for m in tops)
