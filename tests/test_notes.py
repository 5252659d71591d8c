"""Reading a Markdown page into its outline: any CommonMark heading and list style, marks dropped, links kept."""

from cardgen.notes import read_outline

PAGE = """\
---
title: settings, not notes
---
Upper body
----------

* **Romanian deadlift** 3 x 10
* Pallof press (https://youtu.be/AH_QZLm_0-s?t=42)
  see <https://example.com/a>
  1. `Nested` [item](https://example.com/b)
     + deeper _still_

### Hips ###

+ Clamshells
3) Third
"""


def test_headings_of_both_kinds_and_where_they_are():
    sections = read_outline(PAGE)
    assert [(s.level, s.title, s.number) for s in sections] == [(0, "", 0), (2, "Upper body", 4), (3, "Hips", 13)]


def test_list_items_at_any_depth_without_their_marks():
    upper = read_outline(PAGE)[1]
    [items] = upper.lists()
    first, second = items.items
    assert (first.number, first.marker, first.lines[0].text) == (7, "*", "Romanian deadlift 3 x 10")
    assert [line.text for line in second.lines] == ["Pallof press", "see"]  # a bare address leaves no words behind
    assert [link.url for line in second.lines for link in line.links] == [
        "https://youtu.be/AH_QZLm_0-s?t=42",
        "https://example.com/a",
    ]
    assert [(line.number, line.text) for line in second.below()] == [
        (9, "see"),
        (10, "Nested item"),
        (11, "deeper still"),
    ]
    assert second.below()[1].links[0].title == "item"
    assert second.children[0].marker == "1." and second.children[0].children[0].marker == "+"


def test_every_list_style_is_a_list():
    hips = read_outline(PAGE)[2]
    assert [[(item.marker, item.ordered) for item in block.items] for block in hips.lists()] == [
        [("+", False)],
        [("3)", True)],
    ]


def test_a_bold_line_or_a_short_label_over_a_list_is_a_heading():
    page = (
        "# Tuesday gym\n\n**Warm-up**\n- Jumping jacks 2 min\n\nMain:\n1. Back squat 5x5\n\n"
        "A sentence that ends with a colon, too long to be a label:\n- Rows\n"
    )
    sections = read_outline(page)
    assert [(s.level, s.title, s.number) for s in sections] == [
        (0, "", 0),
        (1, "Tuesday gym", 1),
        (2, "Warm-up", 3),
        (2, "Main", 6),
    ]
    assert [line.text for line in sections[3].all_lines()] == [
        "Back squat 5x5",
        "A sentence that ends with a colon, too long to be a label:",
        "Rows",
    ]


def test_emoji_around_a_heading_and_task_boxes_are_not_words():
    sections = read_outline("## 🦵 Legs\n- [x] Squats 3x10\n- [ ] Lunges\n\n## Mobility 🧘‍♀️\n- Cat-cow\n")
    assert [s.title for s in sections[1:]] == ["Legs", "Mobility"]
    assert [line.text for line in sections[1].all_lines()] == ["Squats 3x10", "Lunges"]
