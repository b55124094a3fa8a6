"""Markdown: reports and articles written with numbered citations, or converted from a wiki page.

What is read:

- Markers: ``[1]``, footnote references ``[^1]`` / ``[^smith]`` (GitHub and Pandoc), the
  ``[[1]](#cite_note-1)`` links that converters make of a wiki page's markers (also Pandoc's
  escaped ``[\\[1\\]](#cite_note-1)``), links whose text is an entry's number
  (``[3](https://…)``), full-width ``［1］``, and ``[1, 2]`` / ``[1–3]`` / ``[7~9]`` groups, which
  count as each marker they name when the list has them all. Every marker is written as
  ``[label]`` before the shared :func:`~citecheck.parse.sentences.split_claims` reads the
  sentences.
- References: a list (``1.``, ``1)``, ``-``, ``*``, ``+``), ``[n]`` lines or unnumbered lines
  under a reference-list heading in any language (ATX, Setext, or a plain line such as
  ``REFERENCES`` or ``References:``; :mod:`citecheck.parse.headings`), or, with no heading, a
  final numbered list that reads as references; footnote definitions ``[^1]: …`` wherever they
  stand; link definitions with a number, ``[1]: https://… "Title"``, which are the list only
  when there is no written one. Text copied from a PDF is put back together (see
  ``_read_list_block``: runs, tails across blank lines, wrapped numbers, page numbers) and
  prose around the list (an introduction, a footer after a rule) is no entry. Entry text goes
  to the one shared :func:`~citecheck.parse.reftext.parse_reference_text`; the URLs of Markdown
  links, which the shared parser cannot see once a link is reduced to its text, are set
  afterwards.
- Notes: entries under a notes heading when the document also has a references heading (as in
  the plain-text format), and single-letter footnotes ``[^a]``. Sentences of a note that cite
  references are claims too (section ``note [a]``), as in the wikitext format.

Labels: a list entry is labelled by an explicit ``[n]``, else by a wiki backlink ``16.00``, else
by its number as CommonMark renders it (the first item's number, then one more per item, so a
list written ``1. 1. 1.`` is 1, 2, 3), else by the next number. ``[^3]`` is ``3``; a named
footnote ``[^smith]`` takes the smallest number no numeric footnote uses, in order of first use
in the text (GitHub and Pandoc number footnotes by first use; definitions nobody uses follow, in
the order they are written). Because named footnotes become numbers, their markers and entries
meet the rules as ordinary references.

Not prose: headings, fenced and indented code, HTML comments, front matter, link definitions,
tables' separator rows and the reference and notes lists. Table rows are read as prose, one
claim per row, since a table cell may carry a citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from citecheck.model import Article, Claim, Document, Reference
from citecheck.parse import input_format
from citecheck.parse.compat import ascii_markers
from citecheck.parse.entrylike import reference_likeness
from citecheck.parse.formats import html as html_format
from citecheck.parse.formats import wikitext as wikitext_format
from citecheck.parse.formats.text import EDIT_LINK
from citecheck.parse.headings import (
    NOTES_HEADINGS,
    REFERENCE_HEADINGS,
    ListKind,
    heading_kind,
)
from citecheck.parse.reftext import is_archive_url, parse_reference_text, strip_backlinks
from citecheck.parse.sentences import MARKER, note_label, split_claims
from citecheck.parse.unwrap import unwrap

__all__ = ["detect", "parse_markdown"]

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
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A new reference inside a paragraph under a references heading: "[3] …" or a rendered "^ …".
_ENTRY_START = re.compile(r"^[ \t]*(?:\[\d{1,4}\](?!\()|[\^↑])")
_EXPLICIT_LABEL = re.compile(r"^[ \t]*\[(\d{1,4})\][ \t]*")
# Pandoc's heading attributes, "## Title {#id .class}".
_HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{[#.][^{}]*\}[ \t]*$")

# -- inline syntax ------------------------------------------------------------------------------

_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# A link whose text is a marker: [[1]](#cite_note-1), Pandoc's [\[1\]](#cite_note-1).
_LINKED_MARKER = re.compile(r"\[\\?\[([^\[\]\\]{1,12})\\?\]\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_MARKER_GROUP = re.compile(r"\[(\d{1,4}(?:[ \t]*[,;，；、–—~～-][ \t]*\d{1,4})+)\](?![(\[:])")
# A link whose text is a number: a marker that links to its source, [3](https://…) or [3](#ref3).
_NUMBERED_LINK = re.compile(r"\[(\d{1,4})\]\((?:https?://|#)[^()\s]*(?:\s+\"[^\"]*\")?\)")
# An image's alt text describes a picture; it is not a sentence of the text.
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()]*\)")
_INLINE_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_REFERENCE_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[([^\[\]]*)\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
# Spans exclude their own delimiter, so an unmatched "*" costs a short scan, not the paragraph.
# Triple delimiters go first, then single: "**a *b* c**" becomes "**a b c**", then "a b c".
_EMPHASIS = (
    re.compile(r"\*\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*\*"),
    re.compile(r"(?<!\w)___(?=[^\s_])([^_]+?)(?<=[^\s_])___(?!\w)"),
    re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=[^\s*\\])\*(?![\w*])"),
    re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?!\w)"),
    re.compile(r"\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*"),
    re.compile(r"(?<!\w)__(?=[^\s_])([^_]+?)(?<=[^\s_])__(?!\w)"),
    re.compile(r"~~(?=[^\s~])([^~]+?)(?<=[^\s~])~~"),
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_NOTE_LETTER = re.compile(r"[a-z]")
# Blocks whose later, indented paragraphs still belong to them.
_CONTAINERS = frozenset({"item", "item_more", "footnote", "footnote_more"})
# Blocks that a following plain line continues.
_CONTINUED = frozenset({"para", "entry", *_CONTAINERS})


# -- detection ----------------------------------------------------------------------------------

_HEADING_NAMES = "|".join(
    re.escape(name) for name in sorted(REFERENCE_HEADINGS | NOTES_HEADINGS, key=len, reverse=True)
)
_DETECT_SIGNS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^ {0,3}\[\^[^\]\s]+\]:", re.MULTILINE), 0.9),
    (re.compile(r"\]\]?\(#cite_note"), 0.9),
    (re.compile(rf"^ {{0,3}}#{{1,6}}[ \t]+(?:{_HEADING_NAMES})[ \t]*#*[ \t]*$", re.M | re.I), 0.8),
    (re.compile(rf"^(?:{_HEADING_NAMES})[ \t]*\n {{0,3}}(?:=+|-+)[ \t]*$", re.M | re.I), 0.7),
    (re.compile(r"\[\^[^\]\s]+\]"), 0.4),
    (re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE), 0.3),
    (re.compile(r"\]\(https?://"), 0.2),
    (re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE), 0.2),
)


def detect(text: str) -> float:
    """Confident for footnote definitions, ``](#cite_note`` links and a ``#`` references
    heading; 0 for HTML and for wikitext (refs, citation templates, ``{{reflist}}``)."""
    if html_format.detect(text) > 0 or wikitext_format.detect(text) >= 0.5:
        return 0.0
    found = [weight for pattern, weight in _DETECT_SIGNS if pattern.search(text)]
    if not found:
        return 0.0
    if max(found) < 0.3:
        # A link or a code fence alone: below rendered text that shows a reference list (0.2).
        return 0.1
    # The strongest sign decides; a few weak ones together are worth a little more.
    return min(0.9, max(found) + 0.05 * (len(found) - 1))


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
    return _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


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


# -- inline text --------------------------------------------------------------------------------


def _code_spans(text: str) -> str:
    # Code is shown verbatim: nothing in it is a marker, so its brackets go.
    return _CODE_SPAN.sub(lambda m: m.group(2).replace("[", "").replace("]", ""), text)


def _plain(text: str) -> str:
    """Markdown inline markup reduced to the text a reader sees (links to their text)."""
    text = _IMAGE.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(
        lambda m: m.group(0) if MARKER.fullmatch(f"[{m.group(2)}]") else m.group(1), text
    )
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _link_urls(text: str) -> list[str]:
    """The targets of a Markdown entry's links, which reducing links to text would lose."""
    urls = [m.group(2) for m in _INLINE_LINK.finditer(text)]
    urls += [m.group(1) for m in _AUTOLINK.finditer(text)]
    return [u for u in urls if u.startswith(("http://", "https://"))]


# What named footnotes are called while the numbers other citations take are still being found.
_UNNUMBERED = "0"


class _Labels:
    """Labels of footnotes: numbers stay, one letter is a note, names take the numbers nothing
    else takes (``taken``: the labels of list entries and ``[n]`` markers), by first use."""

    def __init__(self, names_in_order: Iterable[str], taken: set[int] | None) -> None:
        names = list(dict.fromkeys(names_in_order))
        self.labels: dict[str, str] = {}
        taken = None if taken is None else taken | {int(n) for n in names if self._numeric(n)}
        free = 0
        for name in names:
            if self._numeric(name):
                self.labels[name] = str(int(name))
            elif _NOTE_LETTER.fullmatch(name):
                self.labels[name] = name
            elif taken is None:
                self.labels[name] = _UNNUMBERED
            else:
                free += 1
                while free in taken:
                    free += 1
                self.labels[name] = str(free)

    @staticmethod
    def _numeric(name: str) -> bool:
        return name.isdigit() and len(name) <= 4

    def get(self, name: str) -> str | None:
        return self.labels.get(name)


def _expand_group(m: re.Match[str], known: frozenset[int] | None) -> str:
    """``[1, 3]`` -> ``[1][3]``; ``[2–4]``, ``[7~9]`` -> ``[2][3][4]`` (a short range only).
    Where the list's labels are ``known``, a group naming any number outside it is left as text:
    ``[20, 35]`` in a document of six references is a value, not two missing citations."""
    out: list[int] = []
    for part in re.split(r"[ \t]*[,;，；、][ \t]*", m.group(1)):
        bounds = re.split(r"[ \t]*[–—~～-][ \t]*", part)
        low, high = int(bounds[0]), int(bounds[-1])
        if not 0 <= high - low <= 50:
            return m.group(0)
        out += range(low, high + 1)
    if known is not None and not known.issuperset(out):
        return m.group(0)
    return "".join(f"[{n}]" for n in out)


def _prose(text: str, labels: _Labels, known: frozenset[int] | None = None) -> str:
    """A paragraph as split_claims reads it: plain text with each marker written ``[label]``.
    ``known``: the numbers of the list's entries, once a first reading has found them."""
    text = _IMAGE.sub("", _code_spans(ascii_markers(text)))
    text = _LINKED_MARKER.sub(
        lambda m: f"[{m.group(1)}]" if MARKER.fullmatch(f"[{m.group(1)}]") else m.group(0), text
    )
    if known:
        text = _NUMBERED_LINK.sub(
            lambda m: f"[{m.group(1)}]" if int(m.group(1)) in known else m.group(0), text
        )
    text = _FOOTNOTE_REF.sub(lambda m: f"[{labels.get(m.group(1)) or m.group(1)}]", text)
    text = _plain(text)
    return _MARKER_GROUP.sub(lambda m: _expand_group(m, known), text)


# -- entries ------------------------------------------------------------------------------------


def _entry_parts(text: str, *, label: str, note: bool) -> tuple[str, tuple[str, ...], str, str]:
    """An entry's label, backlinks, plain text to parse, and Markdown source."""
    source = unwrap(text)
    plain = _plain(_code_spans(source))
    if note:
        # A note's markers are its claims' (see _Reader.add_note), not part of its text.
        plain = " ".join(MARKER.sub("", _FOOTNOTE_REF.sub("", plain)).split())
    backlinks, rest = strip_backlinks(plain)
    # Wiki renderings number backlinks "16.00 16.01": the entry's own label comes first.
    if not note and backlinks and re.fullmatch(r"\d+\.\d+", backlinks[0]):
        label = backlinks[0].split(".")[0]
    return label, backlinks, rest, source


def _entry(text: str, *, label: str, line: int, note: bool = False) -> Reference:
    """A reference (or note) from the Markdown text of its entry, with its links' URLs."""
    label, backlinks, rest, source = _entry_parts(text, label=label, note=note)
    reference = parse_reference_text(rest, label=label, line=line, backlinks=backlinks)
    urls = _link_urls(source)
    originals = [u for u in urls if not is_archive_url(u)]
    archives = [u for u in urls if is_archive_url(u)]
    archive_url = reference.archive_url or next(iter(archives), None)
    return replace(
        reference,
        raw=source,
        url=reference.url or next(iter(originals), None),
        archive_url=archive_url,
        has_archive=reference.has_archive or archive_url is not None,
    )


def _heading_text(text: str) -> str:
    text = _HEADING_ATTRIBUTES.sub("", _plain(_code_spans(text))).strip()
    # A wiki page converted to Markdown keeps the edit link after each heading: "背景[编辑]".
    if (m := re.search(r"\[[^\[\]]*\]\s*$", text)) and EDIT_LINK.fullmatch(m.group(0)):
        text = text[: m.start()].strip()
    return text


# -- the parser ---------------------------------------------------------------------------------


@dataclass
class _RawEntry:
    """A reference entry as written, before its text is read: more lines may still join it."""

    label: str
    line: int
    text: str
    # Written with its own label ([3], 3.): an entry of a numbered list, which runs on until
    # the next label, across blank lines too (text copied from a PDF).
    labelled: bool
    # The number written before an item (``4.``), which CommonMark's numbering may not keep.
    written: int | None = None


@dataclass
class _Reader:
    """What has been read so far. A ``sketch`` reads only labels: the numbers that list entries
    and ``[n]`` markers take, which named footnotes must avoid."""

    labels: _Labels
    sketch: bool = False
    # The numbers of the list's entries, from a first reading (None in that first reading).
    known: frozenset[int] | None = None
    claims: list[Claim] = field(default_factory=list)
    entries: list[_RawEntry] = field(default_factory=list)
    notes: list[Reference] = field(default_factory=list)
    # Numbered link definitions, [2]: https://…: the list only when nothing else is.
    linkdefs: list[_RawEntry] = field(default_factory=list)
    list_number: int | None = None
    numbers: set[int] = field(default_factory=set)
    # Entries read since the last heading.
    in_section: int = 0
    highest: int = 0

    def add_claims(self, text: str, *, section: str | None, line: int) -> None:
        prose = _prose(text, self.labels, self.known)
        if self.sketch:
            self.numbers.update(
                int(m.group(1)) for m in MARKER.finditer(prose) if m.group(1).isdigit()
            )
            return
        self.claims += split_claims(
            prose, section=section, line=line, first_id=len(self.claims) + 1
        )

    def add_entry(self, text: str, *, label: str, line: int, labelled: bool = True) -> None:
        label = _entry_parts(text, label=label, note=False)[0]
        self.entries.append(_RawEntry(label, line, text, labelled))
        self.in_section += 1
        if label.isdigit():
            self.highest = max(self.highest, int(label))
        if label.isdigit():
            self.numbers.add(int(label))

    def last_number(self) -> int:
        """The highest number an entry has taken (kept as entries come: a list may be long)."""
        return self.highest

    def add_reference(self, block: _Block) -> None:
        text = block.text
        label: str | None = None
        if m := _EXPLICIT_LABEL.match(text):
            label, text = m.group(1), text[m.end() :]
        elif block.kind == "item" and block.number is not None:
            self._rejoin_number_tail(block)
            if block.list_start or self.list_number is None:
                self.list_number = block.number
            else:
                self.list_number += 1
            label = str(self.list_number)
        labelled = label is not None
        self.add_entry(
            text, label=label or str(self.last_number() + 1), line=block.line, labelled=labelled
        )
        self.entries[-1].written = block.number if block.kind == "item" else None

    def _rejoin_number_tail(self, item: _Block) -> None:
        """An empty item that this item's number repeats was the wrapped tail of a number in the
        entry above (``ISBN 978-617-522-047-`` / ``4.`` / ``4. Head First…``): it goes back into
        that entry, and this item takes its label."""
        if item.list_start or self.list_number is None or len(self.entries) < 2:
            return
        last = self.entries[-1]
        if last.text.strip() or last.written != item.number:
            return
        self.entries.pop()
        self.entries[-1].text += f"{item.number}"
        self.list_number -= 1

    def wrapped_line(self, item: _Block) -> bool:
        """Whether a numbered item under a list is a wrapped line of the entry above, as text
        copied from a PDF has them: a year (``2021. – 422 р.``), a page (``1914.``, ``205021.
        [27] Wheeler…``) or an issue (``№`` / ``8. С. 673–709.``) at the start of a line. In a
        ``[n]`` list every such line is one; in a ``1.`` list, one out of the list's sequence."""
        if not self.in_section or item.number is None:
            return False
        last = self.entries[-1]
        if last.labelled and last.written is None:
            return True
        at = self.list_number if self.list_number is not None else self.last_number()
        # A skipped number (a typo) or a restart at 1 is still an item.
        return item.number > at + 2 or 1 < item.number < at

    def continues(self, block: _Block) -> bool:
        """Whether an unlabelled paragraph under a numbered list is the tail of its last entry:
        PDF text breaks entries at page and column ends (``…Physical Review Letters, 14(3),``
        / blank / ``57–59. [2] Hawking…``)."""
        if block.kind != "para" or not self.entries or not self.entries[-1].labelled:
            return False
        head, last = block.lines[0], self.entries[-1].text.rstrip()
        return (
            f"[{self.last_number() + 1}]" in block.text
            or not last.endswith((".", "。", ")", "）", "]"))
            or head[:1].islower()
            or head[:1].isdigit()
        )

    def add_note(self, block: _Block, label: str | None = None) -> None:
        text = block.text
        if m := re.match(r"^[ \t]*\[([a-z]{1,2})\][ \t]*", text):
            label, text = m.group(1), text[m.end() :]
        label = label or note_label(len(self.notes) + 1)
        if not self.sketch:
            self.notes.append(_entry(text, label=label, line=block.line, note=True))
        # A note's own citations are uses of those references.
        self.add_claims(text, section=f"note [{label}]", line=block.line)

    def references(self) -> list[Reference]:
        """The entries read, as references. A written list wins over link definitions, which
        then only lend it their URLs."""
        entries = self.entries or self.linkdefs
        if self.sketch:
            return [Reference(label=e.label, line=e.line, raw=e.text) for e in entries]
        refs = [_entry(e.text, label=e.label, line=e.line) for e in entries]
        if entries is self.linkdefs:
            return refs
        urls = {
            e.label: u for e in self.linkdefs if (u := _link_urls(e.text) or _bare_urls(e.text))
        }
        return [
            replace(r, url=urls[r.label][0]) if r.url is None and r.label in urls else r
            for r in refs
        ]


def _bare_urls(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


_LINE_LABEL = re.compile(r"^[ \t]*\[(\d{1,4})\]")


def _runs(line: str, expected: int) -> list[str]:
    """A line cut where the next entries of a ``[n]`` list begin inside it, as PDF text runs
    them together (``…2021.[3]N. Reimers…``). Only the label the list expects next splits, so a
    citation inside an entry does not."""
    if m := _LINE_LABEL.match(line):
        expected = int(m.group(1)) + 1
    pieces: list[str] = []
    start = 0
    while (at := line.find(f"[{expected}]", start + 1)) > 0:
        pieces.append(line[start:at].strip(" \t"))
        start, expected = at, expected + 1
    pieces.append(line[start:].strip(" \t"))  # keeps a HARD_BREAK mark
    return [p for p in pieces if p]


_ENTRY_END = re.compile(r"(?:[.。)）]|https?://\S+)$")
_ENTRY_HEAD = re.compile(r"^[\"“«「『(（]?[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ\u3040-\u30ff\u4e00-\u9fff]")


def _starts_unlabelled_entry(previous: str, line: str, breaks: bool) -> bool:
    """Whether a line of an unnumbered list (APA, MLA, a list copied from a word processor with
    no blank lines) begins a new entry. Where the list ends its lines with hard breaks
    (``breaks``), exactly the line after one does. Elsewhere, a line after one that ended with a
    full stop or a URL, starting with a capital or an ideograph and reading as a reference by
    itself; a hard-wrapped entry's next line ("(2020). Title…", "Letters, 14(3), 57–59.") not."""
    if breaks:
        return previous.endswith(HARD_BREAK)
    return (
        bool(_ENTRY_HEAD.match(line))
        and bool(_ENTRY_END.search(previous.rstrip()))
        and reference_likeness(line) >= 2
    )


def _split_entries(block: _Block, last: int, *, one_per_para: bool = False) -> list[_Block]:
    """Lines written one under another under a references heading are one entry each when they
    start like one (``[3] …``, ``[3]…``, ``^ …``, or in a list without labels, a line that
    begins a reference after one that ended); other lines continue the entry above. ``last``
    is the number of the entry read before the block."""
    if block.kind not in ("para", "entry"):
        return [block]
    entries: list[_Block] = []
    expected = last + 1
    # Where paragraphs are the entries (blank lines between them), a paragraph is one entry.
    unlabelled = not one_per_para and not any(_ENTRY_START.match(ln) for ln in block.lines)
    breaks = any(ln.endswith(HARD_BREAK) for ln in block.lines[:-1])
    for offset, line in enumerate(block.lines):
        for piece in _runs(line, expected):
            new = (
                unlabelled
                and entries
                and _starts_unlabelled_entry(entries[-1].lines[-1], piece, breaks)
            )
            if not entries or new or _ENTRY_START.match(piece):
                entries.append(_Block("entry", block.line + offset, [piece]))
            else:
                entries[-1].lines.append(piece)
            if m := _LINE_LABEL.match(piece):
                expected = int(m.group(1)) + 1
    return entries


def _footnote_names(blocks: list[_Block]) -> Iterator[str]:
    """Footnote names in order of first use, then the defined ones nobody uses."""
    for block in blocks:
        if block.kind not in ("heading", "linkdef"):
            yield from _FOOTNOTE_REF.findall(_code_spans(block.text))
    for block in blocks:
        if block.kind == "footnote":
            yield block.name


def _list_kind(block: _Block, has_references: bool) -> ListKind | None:
    """What list a heading opens; a notes heading holds the references of a document that has
    no references heading (enwiki's "Notes")."""
    kind = heading_kind(_heading_text(block.text))
    return ListKind.REFERENCES if kind is ListKind.NOTES and not has_references else kind


def _walk(
    blocks: list[_Block],
    labels: _Labels,
    sketch: bool,
    known: frozenset[int] | None,
    has_references: bool,
    title: str | None,
) -> tuple[_Reader, str | None, bool]:
    """Read the blocks in order: headings switch between body, references and notes."""
    reader = _Reader(labels, sketch, known)
    section: str | None = None
    mode, mode_level = "body", 0
    has_notes = False
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            text = _heading_text(block.text)
            kind = _list_kind(block, has_references)
            if (
                title is None
                and block.level == 1
                and section is None
                and not reader.claims
                and kind is None
            ):
                title = text or None
                continue
            if kind is not None:
                mode, mode_level = ("refs" if kind is ListKind.REFERENCES else "notes"), block.level
                has_notes = has_notes or mode == "notes"
            elif mode == "body" or block.level <= mode_level:
                mode = "body"  # a sub-heading inside a reference list keeps the list going
            section = text or section
            reader.list_number, reader.in_section = None, 0
            continue
        if block.kind == "rule":
            # A rule after a list closes it: what follows is a page's footer, not entries.
            if mode == "refs" and reader.in_section:
                mode = "body"
            continue
        if block.kind == "footnote":
            label = reader.labels.get(block.name) or block.name
            if _NOTE_LETTER.fullmatch(label):
                has_notes = True
                reader.add_note(block, label)
            else:
                reader.add_entry(block.text, label=label, line=block.line)
            continue
        if block.kind == "linkdef":
            if block.name.isdigit() and len(block.name) <= 4:
                reader.linkdefs.append(
                    _RawEntry(str(int(block.name)), block.line, block.text, True)
                )
            continue
        if mode == "refs":
            _read_list_block(reader, blocks, index, section)
        elif mode == "notes":
            for entry in _split_entries(block, 0):
                reader.add_note(entry)
        else:
            reader.add_claims(block.text, section=section, line=block.line)

    return reader, title, has_notes


def _read_list_block(
    reader: _Reader, blocks: list[_Block], index: int, section: str | None
) -> None:
    """One block under a references heading: entries, the tail of the entry above, or prose
    around the list (an introduction before it, a footer after it, a page number)."""
    block = blocks[index]
    wrapped = block.kind == "item" and reader.wrapped_line(block)
    if wrapped:
        block = _Block("para", block.line, [f"{block.number}. {block.text}"])
    if _PAGE_NUMBER.fullmatch(block.text):
        return
    starts_entry = block.kind in ("item", "entry") or bool(_ENTRY_START.match(block.lines[0]))
    if wrapped or (not starts_entry and reader.continues(block)):
        pieces = _split_entries(block, reader.last_number())
        reader.entries[-1].text += "\n" + pieces[0].text
        for entry in pieces[1:]:
            reader.add_reference(entry)
        return
    if not starts_entry and block.kind == "para" and _is_prose(reader, blocks, index):
        reader.add_claims(block.text, section=section, line=block.line)
        return
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    # Entries in paragraphs of their own: one was read already, or the next paragraph is one.
    paragraphs = reader.in_section > 0 or (
        following is not None
        and following.kind == "para"
        and reference_likeness(following.text) >= 2
    )
    for entry in _split_entries(block, reader.last_number(), one_per_para=paragraphs):
        reader.add_reference(entry)


_PAGE_NUMBER = re.compile(r"\s*\d{1,4}\s*")


def _is_prose(reader: _Reader, blocks: list[_Block], index: int) -> bool:
    """Whether an unlabelled paragraph under a references heading is prose around the list: an
    introduction before labelled entries, a footer after them, or text that shows nothing a
    reference has (no year, link, name or locator)."""
    block = blocks[index]
    if reference_likeness(block.text) == 0:
        return True
    following = next((b for b in blocks[index + 1 :] if b.kind != "rule"), None)
    labelled_next = following is not None and (
        following.kind in ("item", "footnote", "entry")
        or bool(following.lines and _ENTRY_START.match(following.lines[0]))
    )
    if not reader.in_section:
        return labelled_next
    return reader.entries[-1].labelled


_HEADING_LIKE_END = re.compile(r"[.,;:!?。，；！？)\]）]$")


def _starts_list(block: _Block | None) -> bool:
    """Whether a block is the first entry of a numbered list: ``1.``, ``1)`` or ``[1]``."""
    if block is None:
        return False
    if block.kind == "item":
        return block.number == 1
    return bool(block.lines) and bool(re.match(r"[ \t]*\[1\]", block.lines[0]))


def _plain_headings(blocks: list[_Block]) -> list[_Block]:
    """Headings written as plain lines, as text copied from a PDF or an e-mail has them:
    ``REFERENCES`` / ``[1]M. Abdin…``, ``Перелік посилань`` / ``1. MDN…``. A line becomes a
    heading when it names a reference or notes list and stands alone or right before the list's
    first entry; any other short line without final punctuation becomes one only where a new
    list starts right after a list (``…Назва з екрана.`` / ``Корисні інструменти`` / ``1.``)."""
    out: list[_Block] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind not in ("para", "entry", "item") or not block.lines:
            out.append(block)
            continue
        split = None
        for offset, line in enumerate(block.lines):
            if block.kind == "item" and offset == 0:
                continue
            last = offset == len(block.lines) - 1
            before_list = (
                _starts_list(following)
                if last
                else bool(re.match(r"[ \t]*(?:\[1\]|1[.)][ \t])", block.lines[offset + 1]))
            )
            # Alone, but for HTML such as an anchor (<a id="references"></a>) on the other lines.
            alone = all(
                not _HTML_TAG.sub("", other).strip()
                for i, other in enumerate(block.lines)
                if i != offset
            )
            below = block.lines[offset + 1] if not last else (following.text if following else "")
            if heading_kind(_HTML_TAG.sub("", line)) is not None and (
                before_list or alone or reference_likeness(below) >= 2
            ):
                split = offset
                break
            if (
                last
                and offset > 0
                and before_list
                and block.kind == "item"
                and len(line) <= 60
                and not _HEADING_LIKE_END.search(line.strip())
            ):
                split = offset
        if split is None:
            out.append(block)
            continue
        if split:
            out.append(replace(block, lines=block.lines[:split]))
        out.append(_Block("heading", block.line + split, [block.lines[split]], level=7))
        if rest := block.lines[split + 1 :]:
            out.append(_Block("para", block.line + split + 1, rest))
    return out


def _headless_list(blocks: list[_Block]) -> list[_Block]:
    """A document whose body cites ``[n]`` but has no reference list under a heading, and whose
    last block is a numbered list that reads as references (most entries have a URL, a year or
    an identifier), keeps its list there: a wiki page dumped to Markdown renders its footnotes
    after the categories, headless."""
    start = len(blocks)
    while start > 0 and blocks[start - 1].kind == "item" and blocks[start - 1].number is not None:
        start -= 1
    items = blocks[start:]
    if not items:
        return blocks
    cites = sum(reference_likeness(b.text) >= 1 for b in items)
    if cites * 2 < len(items) or cites < 2:
        return blocks
    return [
        *blocks[:start],
        _Block("heading", items[0].line, ["References"], level=7),
        *blocks[start:],
    ]


@input_format("markdown", detect=detect)
def parse_markdown(document: Document) -> Article:
    """Read claims, references and notes from a Markdown document."""
    lines = _strip_comments(document.text).splitlines()
    skip, title = _front_matter(lines)
    blocks = _plain_headings(_merge_continuations(_blocks(lines, skip)))
    kinds = [heading_kind(_heading_text(b.text)) for b in blocks if b.kind == "heading"]
    has_references = ListKind.REFERENCES in kinds
    names = list(_footnote_names(blocks))

    def read(blocks: list[_Block], title: str | None) -> tuple[_Reader, str | None, bool]:
        # Named footnotes are numbered around the numbers the rest of the document uses, which
        # only a first reading finds.
        first, _, _ = _walk(blocks, _Labels(names, None), True, None, has_references, title)
        taken = first.numbers - {int(_UNNUMBERED)}
        entries = first.entries or first.linkdefs
        # No list: nothing to check markers against.
        known = frozenset(int(e.label) for e in entries if e.label.isdigit()) or None
        return _walk(blocks, _Labels(names, taken), False, known, has_references, title)

    reader, found_title, has_notes = read(blocks, title)
    cited = any(m.label.isdigit() for claim in reader.claims for m in claim.markers)
    if not reader.entries and not reader.linkdefs and cited:
        headless = _headless_list(blocks)
        if headless is not blocks:
            reader, found_title, has_notes = read(headless, title)
    return Article(
        claims=tuple(reader.claims),
        references=tuple(sorted(reader.references(), key=_label_order)),
        notes=tuple(reader.notes),
        title=found_title,
        has_notes_section=has_notes,
    )


def _label_order(reference: Reference) -> tuple[int, str]:
    # Stable: entries with one label keep their order (a duplicate-reference rule needs both).
    return (int(reference.label), "") if reference.label.isdigit() else (10**6, reference.label)
