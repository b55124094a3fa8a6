"""Reading a Markdown document's blocks in order: body, reference list and notes, and the list
rules real documents need (plain-line headings, PDF runs and wraps, prose around the list, a
headless final list)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from citecheck.model import Claim, Reference
from citecheck.parse.entrylike import reference_likeness
from citecheck.parse.formats.markdown.blocks import (
    _ENTRY_START,
    _EXPLICIT_LABEL,
    HARD_BREAK,
    _Block,
)
from citecheck.parse.formats.markdown.inline import (
    _FOOTNOTE_REF,
    _HTML_TAG,
    _NOTE_LETTER,
    _code_spans,
    _entry,
    _entry_parts,
    _heading_text,
    _Labels,
    _link_urls,
    _prose,
)
from citecheck.parse.headings import (
    ListKind,
    heading_kind,
)
from citecheck.parse.sentences import MARKER, note_label, split_claims

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
            if mode == "body":
                # A marker in a heading is a use of its entry, and the heading a claim (as in
                # wikitext and HTML); headings without one add nothing.
                reader.add_claims(block.text, section=section, line=block.line)
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
