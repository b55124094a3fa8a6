"""Wikitext: the source editors write, read with mwparserfromhell.

What a wikitext page means is decided the way MediaWiki's Cite extension renders it:

- References are numbered by first use, in document order, so labels match the rendered page.
  A footnote's own refs are numbered at the footnote's first use (the zh rendering of the seed
  article shows this: note [b] carries refs 20–22, numbered right after [b]).
- ``<ref name=x>`` is defined once and reused with ``<ref name=x/>``; a definition may sit in
  ``{{reflist|refs=…}}`` or ``<references>…</references>``. Identical ``{{sfn}}`` calls are one
  reference. Any ``group=`` (``<ref group=注>``, ``{{efn}}``) makes a note; notes share one label
  sequence a, b, c… whatever their group, so ``[a]`` markers are unambiguous.
- ``Reference.backlinks`` has one entry per use, labelled as the zh rendering shows them: ``^``
  for a single use, ``4.0``…``4.3`` for four (zero-padded: ``16.00``…``16.15``), none for a ref
  nobody uses; so a wikitext page and its rendering compare equal.
- Claims are the sentences of prose paragraphs with each ref written as ``[label]``; refs in
  infoboxes, other block templates, tables and file captions count as uses through a claim whose
  text names the container (``{{Infobox summit}} date: 2023年9月13日[1]``), one per table row,
  gallery line (``<gallery>: caption``) or box parameter. A ref in a heading makes the heading a
  claim of the section it opens (``heading: History``), and each list item (``*``, ``#``, ``;``,
  ``:``) is a paragraph of its own. Sentences of a footnote's text are claims too (section
  ``note [b]``), since the refs they carry are cited.

Broken input is read as far as it goes: an unclosed ``<ref>`` is closed after its template (or
at the end of its line) and the reference says so in ``template_errors``; a template with no
name inside a ref is read as a citation. Problems outside any ref are returned by
:func:`read_wikitext`; the registered parser raises :class:`ParseError` only when nothing at all
could be read.
"""

from __future__ import annotations

from dataclasses import dataclass

from mwparserfromhell.parser import ParserError

from citecheck.model import Article, Document
from citecheck.parse import ParseError, input_format
from citecheck.parse.formats.wikitext.dead_links import url_status
from citecheck.parse.formats.wikitext.detection import detect
from citecheck.parse.formats.wikitext.reader import _Reader
from citecheck.parse.formats.wikitext.repair import _repair_unclosed_refs
from citecheck.parse.formats.wikitext.tree import Problem

__all__ = ["Problem", "WikitextReading", "detect", "parse_wikitext", "read_wikitext", "url_status"]


@dataclass(frozen=True)
class WikitextReading:
    """An Article with the structural problems met while reading it."""

    article: Article
    problems: tuple[Problem, ...] = ()


@input_format("wikitext", detect=detect)
def parse_wikitext(document: Document) -> Article:
    """The registered parser: the Article of :func:`read_wikitext`."""
    return read_wikitext(document.text, origin=document.origin).article


def read_wikitext(text: str, *, origin: str = "<wikitext>") -> WikitextReading:
    """Read claims, references and notes from wikitext, with the problems met on the way.

    Raises :class:`ParseError` when the text cannot be parsed or nothing could be read from it.
    """
    try:
        repaired, problems, repairs, tree = _repair_unclosed_refs(text)
    except ParserError as error:  # pragma: no cover - the tokenizer accepts any text
        raise ParseError(f"{origin}: not readable as wikitext: {error}") from error
    reader = _Reader(repaired, tree, repairs, text)
    problems.extend(reader.problems)
    article = reader.article()
    problems.sort(key=lambda p: p.line)
    if problems and not (article.claims or article.references or article.notes):
        details = "; ".join(str(p) for p in problems)
        raise ParseError(f"{origin}: nothing readable in this wikitext ({details})")
    return WikitextReading(article, tuple(problems))
