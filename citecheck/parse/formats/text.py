"""Rendered plain text: a wiki page copied as a reader sees it.

The body comes first, with section headings (each followed by an edit link such as ``[编辑]``
that the copy glues to the next line) and sentences carrying ``[16]``/``[a]`` markers; then a
notes section and a reference list with one entry per line, ``- ^ 16.00 16.01 … Title. …``.

Plain text without those marks of a rendered wiki page (no ``^`` backlinks, no edit links) but
with numbered lines (``1.``, ``[1]``) is read as Markdown, which plain text is with no markup: a
thesis or a paper copied from a PDF, whose entries are numbered and wrap over several lines,
needs the Markdown reader's list rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.lang import alternation, union
from citecheck.model import Article, Claim, Document, Reference
from citecheck.parse import input_format
from citecheck.parse.compat import ascii_markers
from citecheck.parse.entrylike import reference_likeness
from citecheck.parse.headings import ListKind, ends_lists, heading_kind
from citecheck.parse.reftext import parse_reference_text, strip_backlinks
from citecheck.parse.sentences import MARKER, note_label, split_claims

EDIT_LINK = re.compile(rf"^\s*\[(?:{alternation('edit_links')})\]\s*", re.IGNORECASE)
# The edit link as other copies glue it: after the heading, "Ссылки[править | править код]".
_EDIT_LINK_AFTER = re.compile(rf"\[(?:{alternation('edit_links')})\]\s*$", re.IGNORECASE)
# Lines of the page around the article that a browser copy takes along: its footer (last
# edited, licence, categories), which ends the article, and the sister-project boxes beside
# its lists (Commons, Wikiquote), which are no entries.
_FOOTER = tuple(sorted(union("footer_phrases")))
_BOX = tuple(sorted(union("box_phrases")))


def _boxed(text: str) -> bool:
    return text.strip().lower().startswith(_BOX)


def _footer(text: str) -> bool:
    low = text.lower()
    return low.startswith(_FOOTER) or low.endswith(_FOOTER)


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    heading: bool


def _lines(text: str) -> list[_Line]:
    raw = text.splitlines()
    out = []
    for i, line in enumerate(raw):
        stripped = EDIT_LINK.sub("", line).strip()
        edit_after = _EDIT_LINK_AFTER.search(stripped)
        if edit_after:
            stripped = stripped[: edit_after.start()].strip()
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        following = next((ln for ln in raw[i + 1 : i + 5] if ln.strip() and not _boxed(ln)), "")
        name = _heading_name(stripped)
        # Without an edit link, a list's name is its heading only above what reads as an entry
        # (not in a table of contents, where the next line is another section's name).
        entry_below = bool(_ENTRY_LINE.match(following)) or reference_likeness(following) > 0
        heading = bool(stripped) and (
            bool(edit_after or EDIT_LINK.match(nxt))
            or (heading_kind(name) is not None and entry_below)
            or ends_lists(name)
        )
        out.append(_Line(i + 1, stripped, heading and not MARKER.search(stripped)))
    return out


def _heading_name(text: str) -> str:
    return text.strip().strip("=#").strip().lower()


# Bounded per line: an unbounded [^\]]+ made this quadratic on large HTML pages. Each run of
# blanks is one possessive group (*+): three [ \t]* in a row backtracked over a line of spaces
# in cubic time (2,000 spaces: 14 s).
_BACKLINKED = re.compile(r"^[ \t]*+(?:\[[^\]\n]{1,40}\][ \t]*+)?(?:[-*][ \t]*+)?[\^↑]", re.M)
# Blanks within the line only: \s* ran on over every blank line below each line start.
_EDIT_LINE = re.compile(
    rf"^[^\S\n]*+\[(?:{alternation('edit_links')})\]", re.MULTILINE | re.IGNORECASE
)
_ENTRY_LINE = re.compile(r"^[ \t]*+(?:[-*•][ \t]|[\^↑]|\d{1,4}[.)][ \t]|\[\d{1,4}\])")
_NUMBERED_LINE = re.compile(r"^[ \t]*+(?:\[\d{1,4}\]|\d{1,4}[.)][ \t])", re.M)


def detect(text: str) -> float:
    """Weak but positive when the text has a rendered reference list."""
    return 0.2 if _BACKLINKED.search(text) else 0.05


@input_format("text", detect=detect)
def parse_text(document: Document) -> Article:
    text = document.text
    if not (_BACKLINKED.search(text) or _EDIT_LINE.search(text)) and _NUMBERED_LINE.search(text):
        from citecheck.parse.formats.markdown import parse_markdown  # it imports this module

        return parse_markdown(document)
    lines = _lines(document.text)
    kinds = {heading_kind(_heading_name(ln.text)) for ln in lines if ln.heading}
    # An article with a "Notes" section and no other list keeps its references there (enwiki).
    notes_kind = ListKind.NOTES if ListKind.REFERENCES in kinds else None

    title: str | None = None
    section: str | None = None
    mode = "body"
    has_notes = False
    claims: list[Claim] = []
    references: list[Reference] = []
    notes: list[Reference] = []
    source = _Line(0, "", False)  # the line the last reference was read from
    further = False  # in a list that may be further reading (see below)
    for ln in lines:
        if not ln.text or _boxed(ln.text):
            continue
        if _footer(ln.text):
            if claims or references:
                break  # the rest is the page's footer
            continue
        if ln.heading:
            section = ln.text
            kind = heading_kind(_heading_name(ln.text))
            mode = "body" if kind is None else "notes" if kind is notes_kind else "refs"
            has_notes = has_notes or mode == "notes"
            # A second list after a wiki's backlinked notes (ruwiki's Литература after its
            # Примечания) is further reading, unless its entries are backlinked too.
            further = mode == "refs" and bool(references) and all(r.backlinks for r in references)
            continue
        if further:
            if not strip_backlinks(ln.text)[0]:
                continue  # an entry no marker points to: a book to read, not a citation
            further = False
        if mode == "body":
            if title is None and not claims and not MARKER.search(ln.text) and section is None:
                title = ln.text
                continue
            claims += split_claims(
                ascii_markers(ln.text), section=section, line=ln.number, first_id=len(claims) + 1
            )
        elif mode == "refs":
            if references and _wrapped(source.text, ln.text):
                # Re-read with the line joined: a field may run across the break.
                last = references.pop()
                source = _Line(source.number, f"{source.text} {ln.text}", False)
                references.append(_entry(source, next_label=last.label))
                continue
            source = ln
            references.append(_entry(ln, next_label=_next_number(references)))
        else:
            notes.append(_entry(ln, next_label=note_label(len(notes) + 1)))
    return Article(
        claims=tuple(claims),
        references=tuple(references),
        notes=tuple(notes),
        title=title,
        has_notes_section=has_notes,
    )


def _entry(line: _Line, *, next_label: str) -> Reference:
    backlinks, text = strip_backlinks(line.text)
    label = next_label
    # zh/ja renderings number backlinks "16.00 16.01": the entry's own label comes first.
    if backlinks and re.fullmatch(r"\d+\.\d+", backlinks[0]):
        label = backlinks[0].split(".")[0]
    return parse_reference_text(text, label=label, line=line.number, backlinks=backlinks)


_OPEN_END = re.compile(r"[\w,;:–—-]$")


def _wrapped(previous: str, line: str) -> bool:
    """Whether a line under a list is the wrapped rest of the entry above: that entry stopped
    mid-sentence and this line goes on in lower case (``…long enough to wrap onto`` / ``the
    next line. Publisher.``). Anything else is an entry of its own, as wiki copies write them."""
    return bool(_OPEN_END.search(previous.rstrip())) and line[:1].islower()


def _next_number(references: list[Reference]) -> str:
    if references and references[-1].label.isdigit():
        return str(int(references[-1].label) + 1)
    return str(len(references) + 1)
