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

from citecheck.model import Article, Document, Reference
from citecheck.parse import input_format
from citecheck.parse.formats import html as html_format
from citecheck.parse.formats import wikitext as wikitext_format
from citecheck.parse.formats.markdown.blocks import (
    _Block,
    _blocks,
    _front_matter,
    _merge_continuations,
    _strip_comments,
)
from citecheck.parse.formats.markdown.inline import _UNNUMBERED, _heading_text, _Labels
from citecheck.parse.formats.markdown.lists import (
    _footnote_names,
    _headless_list,
    _plain_headings,
    _Reader,
    _walk,
)
from citecheck.parse.headings import NOTES_HEADINGS, REFERENCE_HEADINGS, ListKind, heading_kind

__all__ = ["detect", "parse_markdown"]

# -- detection ----------------------------------------------------------------------------------

_HEADING_NAMES = "|".join(
    re.escape(name) for name in sorted(REFERENCE_HEADINGS | NOTES_HEADINGS, key=len, reverse=True)
)
_DETECT_SIGNS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^ {0,3}\[\^[^\]\s]+\]:", re.MULTILINE), 0.9),
    (re.compile(r"\]\]?\(#cite_note"), 0.9),
    (re.compile(rf"^ {{0,3}}#{{1,6}}[ \t]+(?:{_HEADING_NAMES})[ \t]*#*[ \t]*$", re.M | re.I), 0.8),
    (re.compile(rf"^(?:{_HEADING_NAMES})[ \t]*\n {{0,3}}(?:=+|-+)[ \t]*$", re.M | re.I), 0.7),
    (re.compile(r"\[\^[^\[\]\s]+\]"), 0.4),
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
