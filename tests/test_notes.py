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
    assert [link.url for line in second.lines for link in line.links] == ["https://youtu.be/AH_QZLm_0-s?t=42", "https://example.com/a"]
    assert [(line.number, line.text) for line in second.below()] == [(9, "see"), (10, "Nested item"), (11, "deeper still")]
    assert second.below()[1].links[0].title == "item"
    assert second.children[0].marker == "1." and second.children[0].children[0].marker == "+"


def test_every_list_style_is_a_list():
    hips = read_outline(PAGE)[2]
    assert [[(item.marker, item.ordered) for item in block.items] for block in hips.lists()] == [[("+", False)], [("3)", True)]]
