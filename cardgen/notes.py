"""A Markdown notes page read into its outline: headings, and under each its paragraphs and lists,
every line keeping its number. The first stage of ``cardgen import``.

Any CommonMark page reads the same way (markdown-it-py does the reading): ATX (``## Legs``) and
setext (``Legs`` over ``----``) headings, ``-``/``*``/``+`` and numbered lists at any depth.
Emphasis and code marks are dropped from the words; ``[text](url)``, ``<url>`` and bare addresses
are links, kept beside the words (a bare address is not words: it leaves none behind).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode


@dataclass
class MarkdownLink:
    title: str
    url: str


@dataclass
class Line:
    """One line of text as written, without its Markdown marks."""

    number: int
    text: str
    links: list[MarkdownLink] = field(default_factory=list)


@dataclass
class Item:
    """A list item: its own lines (the first is the item, the rest went on below it), and the
    paragraphs and items nested under it."""

    number: int
    marker: str  # "-", "*", "+", "1.", "2)"
    lines: list[Line]
    children: list[Item | Paragraph] = field(default_factory=list)

    @property
    def ordered(self) -> bool:
        return self.marker[:1].isdigit()

    def below(self) -> list[Line]:
        """Everything written under the item, in order: its further lines, then nested paragraphs
        and items at any depth, each item's lines first."""
        found = list(self.lines[1:])
        for child in self.children:
            found.extend(child.lines if isinstance(child, Paragraph) else [*child.lines[:1], *child.below()])
        return found

    def joined(self) -> Line:
        """The item's lines as one (a list item going on over the next line)."""
        lines = [*self.lines, *self.below()]
        words = " ".join(line.text for line in lines if line.text)
        return Line(self.number, words, [link for line in lines for link in line.links])


@dataclass
class Paragraph:
    lines: list[Line]

    @property
    def number(self) -> int:
        return self.lines[0].number


@dataclass
class ItemList:
    items: list[Item]

    @property
    def number(self) -> int:
        return self.items[0].number

    @property
    def ordered(self) -> bool:
        return bool(self.items) and self.items[0].ordered


@dataclass
class Section:
    """A heading and what comes under it, up to the next heading of any level."""

    level: int  # 0 for what comes before the first heading
    title: str
    number: int
    blocks: list[Paragraph | ItemList] = field(default_factory=list)
    label: bool = False  # a bold line or "Label:" over a list, taken as a heading

    def lists(self) -> list[ItemList]:
        return [block for block in self.blocks if isinstance(block, ItemList)]

    def all_lines(self) -> list[Line]:
        """Every line under the heading, in order."""
        return [
            line
            for block in self.blocks
            for line in (
                block.lines
                if isinstance(block, Paragraph)
                else [part for item in block.items for part in (*item.lines[:1], *item.below())]
            )
        ]


_MARKDOWN = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"])


def read_outline(text: str) -> list[Section]:
    """The sections of a Markdown page; front matter (``---`` settings ``---``) is skipped."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # the page's settings, not its notes: blanked, so numbers hold
        end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), None)
        if end is not None:
            lines[: end + 1] = [""] * (end + 1)
    sections = [Section(0, "", 0)]
    nodes = SyntaxTreeNode(_MARKDOWN.parse("\n".join(lines))).children
    for index, node in enumerate(nodes):
        if node.type == "heading":
            sections.append(Section(int(node.tag[1]), _title(node), _first_line(node)))
        elif _is_label(node) and index + 1 < len(nodes) and nodes[index + 1].type in ("bullet_list", "ordered_list"):
            # "**Warm-up**" or "Main:" alone over a list: a heading in all but name, one level down.
            level = max((s.level for s in reversed(sections) if not s.label), default=0) + 1
            sections.append(Section(min(level, 6), _title(node).rstrip(":").strip(), _first_line(node), label=True))
        else:
            sections[-1].blocks.extend(_blocks(node))
    return sections


def _title(node: SyntaxTreeNode) -> str:
    """A heading's words, without the symbols (emoji, say) it may start or end with."""
    title = " ".join(line.text for line in _lines(node))
    while title and unicodedata.category(title[0])[0] == "S" or title[:1] in ("\ufe0f", "\u200d"):
        title = title[1:].lstrip()
    while title and unicodedata.category(title[-1])[0] == "S" or title[-1:] in ("\ufe0f", "\u200d"):
        title = title[:-1].rstrip()
    return title


def _is_label(node: SyntaxTreeNode) -> bool:
    """A one-line paragraph that is all bold (or emphasis), or a few words ending with a colon."""
    if node.type != "paragraph" or _span(node) != 1 or not node.children:
        return False
    parts = [
        child
        for child in node.children[0].children
        if not (child.type == "text" and child.content.strip() in ("", ":"))
    ]
    if len(parts) == 1 and parts[0].type in ("strong", "em"):
        return True
    text = _words(node.children[0])
    return text.strip().endswith(":") and len(text.split()) <= 4 and not node.children[0].children[0].type == "link"


def _blocks(node: SyntaxTreeNode) -> list[Paragraph | ItemList]:
    if node.type == "paragraph":
        return [Paragraph(_lines(node))]
    if node.type in ("bullet_list", "ordered_list"):
        return [ItemList([_item(child) for child in node.children])]
    if node.type == "table":  # a row an item: its first cell the name, the others what goes under it
        items = []
        for row in (row for part in node.children if part.type == "tbody" for row in part.children):
            cells = [_lines(cell) for cell in row.children]
            numbered = cells and len(cells[0]) == 1 and re.fullmatch(r"\d+[.)]?", cells[0][0].text)
            marker = cells[0][0].text.rstrip(".)") + "." if numbered else "|"  # a column of step numbers
            lines = [line for cell in cells[1 if numbered else 0 :] for line in cell]
            if lines:
                items.append(Item(_first_line(row), marker, lines))
        return [ItemList(items)] if items else []
    if node.type == "blockquote":  # a quoted part of the notes reads as the notes
        return [block for child in node.children for block in _blocks(child)]
    if node.type in ("code_block", "fence"):
        first = _first_line(node) + (node.type == "fence")
        return [
            Paragraph(
                [Line(first + n, text.strip()) for n, text in enumerate(node.content.splitlines()) if text.strip()]
            )
        ]
    return []  # rules, HTML, link definitions: nothing to read


def _item(node: SyntaxTreeNode) -> Item:
    marker = f"{node.info}{node.markup}" if node.info else node.markup
    item = Item(_first_line(node), marker, [])
    for child in node.children:
        for block in _blocks(child):
            if isinstance(block, ItemList):
                item.children.extend(block.items)
            elif not item.lines and not item.children:
                item.lines = block.lines
            else:
                item.children.append(block)
    if not item.lines:
        item.lines = [Line(item.number, "")]
    return item


def _first_line(node: SyntaxTreeNode) -> int:
    """The 1-based line a block starts on (markdown-it maps every block to its lines)."""
    assert node.map is not None, node.type
    return node.map[0] + 1


def _span(node: SyntaxTreeNode) -> int:
    assert node.map is not None, node.type
    return node.map[1] - node.map[0]


def _lines(node: SyntaxTreeNode) -> list[Line]:
    """The lines of a paragraph or heading: words without marks, and the links on each."""
    inline = node.children[0] if node.children else None
    number = _first_line(node if node.map or inline is None else inline)
    lines = [Line(number, "")]
    words: list[str] = []

    def close() -> None:
        lines[-1].text = _tidy("".join(words))
        words.clear()

    def walk(child: SyntaxTreeNode) -> None:
        if child.type in ("softbreak", "hardbreak"):
            close()
            lines.append(Line(lines[-1].number + 1, ""))
        elif child.type == "link":
            title = "".join(_words(grandchild) for grandchild in child.children).strip()
            lines[-1].links.append(MarkdownLink(title, str(child.attrs.get("href", ""))))
            if child.markup not in ("autolink", "linkify"):  # a bare address is not words
                words.append(title)
        elif child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type == "image":
            words.append(str(child.attrs.get("alt", "") or ""))
        else:
            for grandchild in child.children:
                walk(grandchild)

    for child in inline.children if inline else []:
        walk(child)
    close()
    return [line for line in lines if line.text or line.links]


def _words(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "code_inline"):
        return node.content
    return "".join(_words(child) for child in node.children)


def _tidy(text: str) -> str:
    """Spaces evened out; the brackets a removed address leaves behind (``()``, ``<>``) and a task
    list's box (``[ ]``, ``[x]``) dropped."""
    text = re.sub(r"^\s*\[[ xX]\]\s+", "", text)
    text = re.sub(r"\(\s*\)|\[\s*\]|<\s*>", "", text)
    return " ".join(text.split())


def prose(texts: list[tuple[str, list[str]]]) -> str:
    """Paragraphs and lists as one paragraph: a list reads as its items in a row."""
    out: list[str] = []
    for kind, words in texts:
        if kind == "text":
            out.append(" ".join(words))
        else:
            joiner = "; " if any(re.search(r"[,;]|\s[-–—]\s", w) for w in words) else ", "
            items = joiner.join(w.rstrip(".;,") for w in words)
            out.append(items if items.endswith((".", "!", "?")) else items + ".")
    return " ".join(out)
