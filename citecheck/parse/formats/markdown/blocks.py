"""Markdown block structure, enough of CommonMark for citations: headings, paragraphs, list
items, table rows, footnote and link definitions, rules; code and comments are no text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from citecheck.parse.spans import replace_spans

# -- block syntax -------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|(\d{1,9})[.)])(?:[ \t]+(.*)|[ \t]*$)")
_TASK_BOX = re.compile(r"^\[[ xX]\][ \t]+")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$")
_LINK_DEF = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*(\S.*)$")
_BLOCKQUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$")
_COMMENT_OPEN = re.compile(r"<!--")
_COMMENT_CLOSE = re.compile(r"-->")
# A new reference inside a paragraph under a references heading: "[3] …" or a rendered "^ …".
_ENTRY_START = re.compile(r"^[ \t]*(?:\[\d{1,4}\](?!\()|[\^↑])")
_EXPLICIT_LABEL = re.compile(r"^[ \t]*\[(\d{1,4})\][ \t]*")
# Pandoc's heading attributes, "## Title {#id .class}".
_HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{[#.][^{}]*\}[ \t]*$")

# Blocks whose later, indented paragraphs still belong to them.
_CONTAINERS = frozenset({"item", "item_more", "footnote", "footnote_more"})
# Blocks that a following plain line continues.
_CONTINUED = frozenset({"para", "entry", *_CONTAINERS})


# -- blocks -------------------------------------------------------------------------------------


@dataclass
class _Block:
    """A heading, a paragraph, a list item, a table row or a definition, with its source lines.

    ``kind`` is ``heading``, ``para``, ``item``, ``row``, ``footnote`` or ``linkdef``; ``name``
    is a footnote's or link definition's name; ``number`` an ordered list item's number;
    ``level`` a heading's level.
    """

    kind: str
    line: int
    lines: list[str] = field(default_factory=list)
    name: str = ""
    number: int | None = None
    level: int = 0
    # The first item of its list: CommonMark numbers the rest from it.
    list_start: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _strip_comments(text: str) -> str:
    # Keep the line count, so every line number still points at the source.
    return replace_spans(
        text, _COMMENT_OPEN, lambda _: _COMMENT_CLOSE, lambda span: "\n" * span.count("\n")
    )


def _front_matter(lines: list[str]) -> tuple[int, str | None]:
    """How many lines a YAML front matter block takes, and the title it gives."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    for i, line in enumerate(lines[1:60], start=1):
        if _FRONT_MATTER_END.match(line):
            title = None
            for entry in lines[1:i]:
                if m := re.match(r"title:\s*(.+)$", entry):
                    title = m.group(1).strip().strip("\"'") or None
            return i + 1, title
    return 0, None


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _blocks(lines: list[str], first: int) -> Iterator[_Block]:
    """Block structure, enough of CommonMark for citations: what is prose, what is a list entry,
    what is a definition, and what is not text at all (code)."""
    current: _Block | None = None
    fence: str | None = None
    blank_before = True
    in_table = False
    previous_kind = ""
    for index in range(first, len(lines)):
        number = index + 1
        line = lines[index]
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        if m := _FENCE.match(line):
            if current:
                yield current
            current, fence, previous_kind = None, m.group(1), "code"
            continue
        if not line.strip():
            if current:
                yield current
                previous_kind = current.kind
            current, blank_before, in_table = None, True, False
            continue
        if blank_before and _indent(line) >= 2 and previous_kind in _CONTAINERS:
            if not _LIST_ITEM.match(line):
                # A later paragraph of the list item or footnote above.
                kind = "footnote_more" if previous_kind.startswith("footnote") else "item_more"
                current, blank_before = _Block(kind, number, [line.strip()]), False
                continue
        elif blank_before and _indent(line) >= 4:
            previous_kind = "code"  # an indented code block
            continue
        blank_before = False
        line = _BLOCKQUOTE.sub("", line)
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        start = _block_start(line, number, next_line, in_table)
        in_table = start is not None and start.kind in ("row", "separator")
        if start is None and current is not None and current.kind in _CONTINUED:
            underline = _SETEXT_UNDERLINE.match(line)
            setext = current.kind == "para" and underline is not None
            if setext and underline:
                level = 1 if underline.group(1).startswith("=") else 2
                current = _Block("heading", current.line, [" ".join(current.lines)], level=level)
            elif not _THEMATIC_BREAK.match(line):
                current.lines.append(_kept(line))  # a continuation line
                continue
            yield current
            previous_kind, current = current.kind, None
            if not setext:
                yield _Block("rule", number)
            continue
        if current:
            yield current
            previous_kind = current.kind
        current = None
        if start is None:
            if _THEMATIC_BREAK.match(line):
                yield _Block("rule", number)
            elif not _SETEXT_UNDERLINE.match(line):
                current = _Block("para", number, [_kept(line)])
        elif start.kind in ("heading", "row", "linkdef"):
            yield start
            previous_kind = start.kind
        elif start.kind != "separator":
            current = start
    if current:
        yield current


# Marks a line that ended in a hard break (two spaces or a backslash): under a list without
# labels, where an entry ends. White space to every later step, so it never reaches the text.
HARD_BREAK = "\u2028"


def _kept(line: str) -> str:
    """A line as a block keeps it: stripped, with its hard break marked."""
    hard = line.endswith(("  ", "\t", "\\"))
    return line.strip() + HARD_BREAK if hard and line.strip() else line.strip()


def _block_start(line: str, number: int, next_line: str, in_table: bool) -> _Block | None:
    """The block this line opens, or None when it continues a paragraph."""
    if m := _ATX.match(line):
        return _Block("heading", number, [m.group(2) or ""], level=len(m.group(1)))
    if "|" in line and (in_table or ("|" in next_line and _TABLE_SEPARATOR.match(next_line))):
        if in_table and _TABLE_SEPARATOR.match(line):
            return _Block("separator", number)
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return _Block("row", number, [" | ".join(c for c in cells if c)])
    if m := _FOOTNOTE_DEF.match(line):
        return _Block("footnote", number, [m.group(2).strip()], name=m.group(1))
    if m := _LINK_DEF.match(line):
        return _Block("linkdef", number, [m.group(2).strip()], name=m.group(1))
    if _THEMATIC_BREAK.match(line):
        return None
    if m := _LIST_ITEM.match(line):
        text = _TASK_BOX.sub("", (m.group(3) or "").strip())
        item = _Block("item", number, [text])
        item.number = int(m.group(2)) if m.group(2) else None
        return item
    if _ENTRY_START.match(line):
        # Harmless in prose (a paragraph may start with a marker) and needed under a
        # references heading, where "[1] …" lines written one under another are entries.
        return _Block("entry", number, [_kept(line)])
    return None


def _merge_continuations(blocks: Iterable[_Block]) -> list[_Block]:
    """Attach the later paragraphs of a footnote to it; mark where each list starts."""
    merged: list[_Block] = []
    for block in blocks:
        owner = {"footnote_more": "footnote", "item_more": "item"}.get(block.kind)
        if owner and merged and merged[-1].kind == owner:
            merged[-1].lines.extend(block.lines)
            continue
        if owner:
            block.kind = "para"
        if block.kind == "item":
            block.list_start = not merged or merged[-1].kind != "item"
        merged.append(block)
    return merged
