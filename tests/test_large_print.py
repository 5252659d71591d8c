"""Large print: sheets at 14 pt and more, cards never under 9 pt (more cards instead)."""

from __future__ import annotations

from collections import Counter

from pdfread import flat_text, font_sizes


def test_a_large_sheet_prints_nothing_under_14_pt(run, tmp_path):
    assert run("sheet", "sample-training", "--large", "--starts", "2026-12-07", "-o", "large.pdf").exit_code == 0
    sizes = font_sizes(tmp_path / "large.pdf")
    assert sizes and min(size for _, size in sizes) >= 14, Counter(size for _, size in sizes if size < 14)
    body = Counter(size for _, size in sizes).most_common(1)[0][0]
    assert body >= 14
    # and the ordinary sheet is not: the measure can tell
    assert run("sheet", "sample-training", "-o", "plain.pdf").exit_code == 0
    assert min(size for _, size in font_sizes(tmp_path / "plain.pdf")) < 10


def test_a_runner_can_ask_for_large_print(run, tmp_path):
    roster = tmp_path / "team.yaml"
    roster.write_text(
        "team: T\nroutine: cadence\nrunners:\n  - {name: Old Hand, large: true}\n  - {name: Young}\n", encoding="utf-8"
    )
    assert run("sheet", "--roster", roster, "--runner", "Old Hand", "-o", "old.pdf").exit_code == 0
    assert min(size for _, size in font_sizes(tmp_path / "old.pdf")) >= 14
    assert run("card", "--roster", roster, "--runner", "Old Hand", "-o", "old-card.pdf").exit_code == 0
    assert min(size for _, size in font_sizes(tmp_path / "old-card.pdf")) >= 9
    assert run("sheet", "--roster", roster, "--runner", "Young", "-o", "young.pdf").exit_code == 0
    assert min(size for _, size in font_sizes(tmp_path / "young.pdf")) < 10


def test_large_cards_continue_on_more_cards_rather_than_shrink_under_9_pt(run, tmp_path):
    result = run("card", "sample-training", "--large", "--size", "a7", "--duplex", "-o", "large.pdf")
    assert result.exit_code == 0
    sizes = font_sizes(tmp_path / "large.pdf")
    assert min(size for _, size in sizes) >= 9, Counter(size for _, size in sizes if size < 9)
    assert "card 1/" in flat_text(tmp_path / "large.pdf").casefold()
    # the same card in ordinary print goes down to its own smaller steps
    assert run("card", "sample-training", "--size", "a7", "-o", "small.pdf").exit_code == 0
    assert min(size for _, size in font_sizes(tmp_path / "small.pdf")) < 9
