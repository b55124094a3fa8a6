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

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.parser import ParserError
from mwparserfromhell.wikicode import Wikicode

from citecheck.lang import LANGUAGES, wiki_union
from citecheck.model import (
    Article,
    CitationSource,
    Claim,
    Document,
    Marker,
    PartialDate,
    Reference,
)
from citecheck.parse import ParseError, input_format, wikibounds
from citecheck.parse import templates as tables
from citecheck.parse.dates import parse_date
from citecheck.parse.languages import language_code
from citecheck.parse.reftext import is_archive_url, is_archived_copy, parse_reference_text
from citecheck.parse.sentences import note_label, split_claims

__all__ = ["Problem", "WikitextReading", "detect", "parse_wikitext", "read_wikitext", "url_status"]

# Tags whose content is shown verbatim: nothing inside them is markup.
_VERBATIM_TAGS = frozenset({"nowiki", "pre", "syntaxhighlight", "source", "math", "code", "chem"})
# Tags that are not prose; refs inside still count as uses.
_BLOCK_TAGS = frozenset({"table", "gallery", "timeline", "graph", "imagemap", "mapframe", "score"})
_INVISIBLE_TAGS = frozenset({"templatestyles", "indicator", "noinclude", "onlyinclude"})
# Tags whose lines mwparserfromhell leaves as text, though each holds wikitext after its "|".
_LINE_TAGS = frozenset({"gallery", "imagemap"})
_GALLERY = re.compile(r"<(?:gallery|imagemap)\b", re.IGNORECASE)
_LIST_TAGS = frozenset({"*", "#", ";", ":"})
# Templates that never render prose, wherever they stand.
_CONTAINER_PREFIXES = tuple(sorted(wiki_union("container_prefixes")))

# At most this many "}}" are added to close the templates a ref leaves open.
_MAX_CLOSED_TEMPLATES = 8
_OPEN_REF = re.compile(r"<ref(?:\s[^<>]*?)?(?<!/)>", re.IGNORECASE)
_NAMELESS_TEMPLATE = re.compile(r"\{\{\s*\|")
_BOLD_ITALIC = re.compile(r"'{2,}")
_MAGIC_WORD = re.compile(r"__[A-Z]+__")
_LIST_MARKUP = re.compile(r"^[*#:;]+\s*")
_WAYBACK_STAMP = re.compile(r"/web/(\d{4})(\d{2})(\d{2})\d*")
_INTERWIKI = re.compile(r"^:?[a-z]{2,3}(?:-[a-z]+)*:", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})[a-z]?$")
_LIVE_URL_VALUES = wiki_union("live_url_values")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the wikitext itself, at a source line."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class WikitextReading:
    """An Article with the structural problems met while reading it."""

    article: Article
    problems: tuple[Problem, ...] = ()


# -- detection ---------------------------------------------------------------------------------

# The names detection looks for: enwiki's families (cite …, sfn…, efn…) and every wiki's
# citation, reference-list and notes-list templates (citecheck/lang/), longest first.
_FAMILIES = ("cite", "citation", "sfn", "efn")
_CITATION_NAMES = "|".join(
    re.escape(name)
    for name in sorted(
        {*_FAMILIES, *(n for n in tables.CITATION_TEMPLATES if not n.startswith(_FAMILIES))},
        key=lambda n: (-len(n), n),
    )
)
_REFLIST_NAMES = "|".join(
    re.escape(name)
    for name in sorted(
        tables.REFLIST_TEMPLATES | set(tables.NOTELIST_TEMPLATES),
        key=lambda n: (-len(n), n),
    )
)
_DETECT_SIGNS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"<ref[\s>/]", re.IGNORECASE), 0.6),
    # With parameters: rendered pages leak bare "{{cite journal}}: CS1 maint" messages.
    (re.compile(rf"\{{\{{\s*(?:{_CITATION_NAMES})[^{{}}]*\|", re.I), 0.5),
    (re.compile(rf"\{{\{{\s*(?:{_REFLIST_NAMES})\s*(?:\||\}}\}})", re.I), 0.5),
    (re.compile(r"^={2,6}[^=\n]+={2,6}\s*$", re.MULTILINE), 0.3),
    # A wikilink, but not the [[1]](#cite_note-1) of Markdown converted from a wiki page.
    (re.compile(r"\[\[[^\[\]\d|][^\[\]]*\]\](?!\()"), 0.2),
    (re.compile(r"\{\{[^{}|<>]+\|[^{}]*\}\}"), 0.2),
)
_HTML_DOCUMENT = re.compile(r"<(?:!doctype|html|body|head)\b|<(?:div|span|p)\s+class=", re.I)


def detect(text: str) -> float:
    """How sure we are that ``text`` is wikitext: refs and citation templates are near-certain.

    HTML (a saved page, with classed elements) is not wikitext even when it quotes some.
    """
    if _HTML_DOCUMENT.search(text[:5000]):
        return 0.0
    return min(1.0, sum(weight for pattern, weight in _DETECT_SIGNS if pattern.search(text)))


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


# -- URL status (until Reference has a field for it) ---------------------------------------------


def url_status(raw: str | Wikicode) -> str | None:
    """``dead``, ``live`` or ``usurped`` as a ref's wikitext (text, or already parsed) declares
    it, else None.

    A dead-link tag ({{dead link}}, {{失效链接}}, {{Недоступная ссылка}}…) wins over the citation's
    ``url-status``/``deadurl``/``deadlink`` parameter.
    """
    code = wikibounds.parse(raw) if isinstance(raw, str) else raw
    return _status_of(code.filter_templates(), _Params)


def _status_of(templates: list[Template], params_of: Callable[[Template], _Params]) -> str | None:
    """What ``url_status`` says, from a ref's templates (their parameters read by ``params_of``,
    so a citation's are read once)."""
    status: str | None = None
    for template in templates:
        name = _template_name(template)
        if name in tables.DEAD_LINK_TEMPLATES:
            return "dead"
        scheme_name = tables.CITATION_TEMPLATES.get(name)
        if scheme_name is None or status is not None:
            continue
        found = params_of(template).first(tables.SCHEMES[scheme_name].fields["url_status"])
        if found is not None:
            status = _url_status_value(found[1])
    return status


def _url_status_value(value: str) -> str | None:
    value = value.strip().casefold()
    if value in tables.DEAD_URL_VALUES:
        return "dead"
    if value in tables.USURPED_URL_VALUES:
        return "usurped"
    if value in _LIVE_URL_VALUES:
        return "live"
    return None


# -- repairing what mwparserfromhell leaves as text ------------------------------------------------


def _index(code: Wikicode, base: int, offsets: dict[int, int], texts: list[Text]) -> int:
    """Record every node's offset in the source (the tree prints back to the exact text), and
    collect the Text nodes where markup would count (not inside <nowiki>, <pre>…). Returns the
    length of ``code``'s text.

    Templates and wikilinks, most of a citation-heavy page, are laid out as mwparserfromhell
    prints them, so their text is never built; other nodes are printed once and each child is
    found in the print (printing is what made this quadratic in the nesting depth).
    """
    position = base
    for node in code.nodes:
        offsets[id(node)] = position
        if isinstance(node, Text):
            texts.append(node)
            position += len(node.value)
        elif isinstance(node, Template):
            at = position + 2  # {{name|param|…}}
            at += _index(node.name, at, offsets, texts)
            for param in node.params:
                at += 1
                if param.showkey:
                    at += _index(param.name, at, offsets, texts) + 1  # name=
                at += _index(param.value, at, offsets, texts)
            position = at + 2
        elif isinstance(node, Wikilink):
            at = position + 2 + _index(node.title, position + 2, offsets, texts)  # [[title|text]]
            if node.text is not None:
                at += 1 + _index(node.text, at + 1, offsets, texts)
            position = at + 2
        else:
            source = str(node)
            verbatim = isinstance(node, Tag) and _tag_name(node) in _VERBATIM_TAGS
            inner = 0
            for child in node.__children__():
                found = source.find(str(child), inner)
                if found < 0:
                    continue
                inner = found + _index(child, position + found, offsets, [] if verbatim else texts)
            position += len(source)
    return position - base


@dataclass(frozen=True)
class _Tree:
    """Wikitext parsed, with every node's offset in the source and the Text nodes where markup
    counts (see ``_index``)."""

    code: Wikicode
    offsets: dict[int, int]
    texts: list[Text]

    @classmethod
    def of(cls, text: str) -> _Tree:
        code = wikibounds.parse(text)
        if _GALLERY.search(text):
            # mwparserfromhell keeps a gallery's lines as text; MediaWiki reads their captions
            # as wikitext, refs included. Parsing is lossless, so offsets stay the source's.
            for tag in code.filter_tags(recursive=True):
                if _tag_name(tag) in _LINE_TAGS and tag.contents is not None:
                    tag.contents = wikibounds.parse(str(tag.contents))
        offsets: dict[int, int] = {}
        texts: list[Text] = []
        _index(code, 0, offsets, texts)
        return cls(code, offsets, texts)


def _repair_unclosed_refs(text: str) -> tuple[str, list[Problem], set[int], _Tree]:
    """Close each ``<ref>`` that is never closed, so its content is still read.

    Returns the repaired text, a problem per repair, the offsets where ``</ref>`` was
    inserted (no newline is inserted, so line numbers stay those of the original), and the
    repaired text parsed.

    Every unclosed ref a parse shows is closed at once, then the text is parsed again, until a
    parse shows none that was not closed already: closing one per parse made 1,000 unclosed
    refs cost 1,000 parses of the whole text. A ``</ref>`` holds none of the stops ``_ref_end``
    looks for, so each end is where closing them one by one would put it; which refs are closed
    differs only where closing one changes how the text after it parses (broken text such as
    an unclosed ref inside an unclosed comment).
    """
    problems: list[Problem] = []
    inserted: set[int] = set()
    seen: set[int] = set()
    while True:
        tree = _Tree.of(text)
        openings = [
            (tree.offsets[id(node)] + match.start(), tree.offsets[id(node)] + match.end())
            for node in tree.texts  # a <ref> left as text by the parser is never closed
            for match in _OPEN_REF.finditer(node.value)
        ]
        # The first opening was closed already: the closing did not take, stop.
        if not openings or min(openings)[0] in seen:
            return text, problems, inserted, tree
        openings = sorted(o for o in openings if o[0] not in seen)
        seen.update(start for start, _ in openings)
        templates = _template_ends(text)
        ends = [_ref_end(text, stop, templates) for _, stop in openings]
        newlines = [m.start() for m in re.finditer("\n", text)]
        problems.extend(
            Problem(bisect.bisect_left(newlines, at) + 1, f"<ref> is never closed ({how})")
            for (at, _), (_, how) in zip(openings, ends, strict=True)
        )
        text, inserted = _insert_closings(text, [end for end, _ in ends], inserted)


def _insert_closings(text: str, ends: list[int], inserted: set[int]) -> tuple[str, set[int]]:
    """``text`` with ``</ref>`` inserted at each of ``ends`` (offsets in ``text``), and the
    offsets of all insertions so far (``inserted``) moved to the new text."""
    pieces: list[str] = []
    moved: set[int] = set()
    ends = sorted(ends)
    last = 0
    for i, end in enumerate(ends):
        pieces += [text[last:end], "</ref>"]
        last = end
        moved.add(end + 6 * i)
    pieces.append(text[last:])
    for offset in inserted:
        moved.add(offset + 6 * bisect.bisect_right(ends, offset))
    return "".join(pieces), moved


def _ref_end(text: str, start: int, templates: dict[int, int]) -> tuple[int, str]:
    """Where an unclosed ref most likely ends: after its template, else at the end of its line
    or before the next ref, whichever comes first. ``templates``: ``_template_ends(text)``."""
    lead = start
    while lead < len(text) and text[lead] == " ":
        lead += 1
    if (end := templates.get(lead, -1)) >= 0:
        return end, "read up to the end of its template"
    # Each search stops at the nearest stop found so far, so a ref costs the length of what it
    # reads, not of the text after it ("<ref" also finds "<references").
    end = len(text)
    for stop in ("<ref", "\n", "</references"):
        found = text.find(stop, start, end)
        if found >= 0:
            end = found
    return end, "read up to the end of its line"


_BRACES = re.compile(r"\{\{|\}\}")


def _template_ends(text: str) -> dict[int, int]:
    """For each ``{{`` of ``text``, the offset after the ``}}`` that brings the count of pairs
    back to where it was before it, or -1 if none does (pairs read left to right, as counting
    from that ``{{`` reads them: ``{{{`` is a pair and a brace). One pass for all refs: counting
    from each unclosed ref's template to the end cost the square of the count of them."""
    ends: dict[int, int] = {}
    stack: list[int] = []
    for pair in _BRACES.finditer(text):
        if pair.group() == "{{":
            stack.append(pair.start())
            ends[pair.start()] = -1
        elif stack:
            ends[stack.pop()] = pair.end()
    return ends


# -- reading -------------------------------------------------------------------------------------


def _tag_name(tag: Tag) -> str:
    return str(tag.tag).strip().casefold()


def _attr(tag: Tag, name: str) -> str | None:
    for attribute in tag.attributes:
        if str(attribute.name).strip().casefold() == name:
            value = str(attribute.value or "").strip()
            return value or None
    return None


def _template_name(template: Template) -> str:
    return tables.normalize_name(str(template.name))


def _group_param(template: Template) -> str:
    """|group= as Cite reads it: ``group="注釈"`` and ``group=注釈`` are the same group."""
    if not template.has("group"):
        return ""
    return str(template.get("group").value).strip().strip("\"'").strip()


def _backlinks(label: str, uses: int) -> tuple[str, ...]:
    """One per use, labelled as the zh rendering shows them: ``^`` alone, or 4.0 … 4.3."""
    if uses < 2:
        return ("^",) * uses
    width = len(str(uses - 1))
    return tuple(f"{label}.{i:0{width}d}" for i in range(uses))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class _Seg:
    """A piece of rendered text with its source offset; ``marker`` is set for ``[label]``."""

    text: str
    offset: int
    marker: str | None = None


@dataclass
class _Definition:
    node: Tag | Template
    offset: int
    content: Wikicode | None
    errors: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    label: str
    group: str
    name: str | None
    first_use: Node
    first_offset: int
    definition: _Definition | None
    uses: int = 0
    sfn: Template | None = None
    list_only: bool = False


class _Params:
    """A template's non-empty parameters by normalized name (the last duplicate wins, as in
    MediaWiki), read as plain text."""

    def __init__(self, template: Template) -> None:
        self.values: dict[str, Wikicode] = {}
        for param in template.params:
            if any(not isinstance(n, Text) or n.value.strip() for n in param.value.nodes):
                self.values[tables.normalize_name(str(param.name))] = param.value

    def first(self, names: tuple[str, ...]) -> tuple[str, str] | None:
        for name in names:
            value = self.values.get(name)
            if value is not None:
                text = _squash(_plain(value))
                if text:
                    return name, text
        return None


def _plain(code: Wikicode) -> str:
    """Visible text of a parameter value: link texts, entity characters, inline template text;
    no comments, refs or markup."""
    parts: list[str] = []
    for node in code.nodes:
        if isinstance(node, Text):
            parts.append(_BOLD_ITALIC.sub("", node.value))
        elif isinstance(node, HTMLEntity):
            parts.append(node.normalize())
        elif isinstance(node, Wikilink):
            parts.append(_plain(node.text) if node.text is not None else _plain(node.title))
        elif isinstance(node, ExternalLink):
            parts.append(_plain(node.title) if node.title is not None else str(node.url))
        elif isinstance(node, Template):
            shown = _inline_params(node)
            parts.extend(_plain(node.get(str(i)).value) for i in shown if node.has(str(i)))
        elif isinstance(node, Tag) and _tag_name(node) != "ref" and node.contents is not None:
            parts.append(" " if _tag_name(node) == "br" else _plain(node.contents))
    return "".join(parts)


def _inline_params(template: Template) -> tuple[int, ...]:
    name = _template_name(template)
    if name in tables.INLINE_TEXT_TEMPLATES:
        return tables.INLINE_TEXT_TEMPLATES[name]
    for prefix, shown in tables.INLINE_TEXT_PREFIXES.items():
        if name.startswith(prefix):
            return shown
    return ()


class _Reader:
    """One pass over the page in document order, numbering refs as MediaWiki does."""

    def __init__(self, text: str, tree: _Tree, repairs: set[int], given: str) -> None:
        self.text = text
        self.given = given  # the text before repairs: spans are in it
        code = tree.code
        self.repairs = repairs
        self.inserted = sorted(repairs)
        self.offsets = tree.offsets
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.problems: list[Problem] = []
        for node in tree.texts:
            for match in _NAMELESS_TEMPLATE.finditer(node.value):
                line = self.line(self.offsets[id(node)] + match.start())
                self.problems.append(Problem(line, "template with no name"))
        self.definitions: dict[tuple[str, str], _Definition] = {}
        self.list_defined: list[tuple[str, str]] = []
        self._collect_definitions(code, in_list=False)
        self.entries: dict[tuple[str, str], _Entry] = {}
        self.ref_count = 0
        self.note_count = 0
        self.lists: set[str] = set()
        self.claims: list[Claim] = []
        self.note_segments: dict[str, list[_Seg]] = {}
        self.section: str | None = None
        self.pending: list[_Seg] = []
        self._walk_body(code)
        self._flush()

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def offset(self, node: Node) -> int:
        return self.offsets.get(id(node), 0)

    def source_offset(self, offset: int) -> int:
        """Where ``offset`` of the repaired text stands in the text as given: each ``</ref>``
        inserted before it moved it."""
        return offset - len("</ref>") * bisect.bisect_left(self.inserted, offset)

    def span(self, node: Node, length: int) -> tuple[int, int]:
        """The span in the text as given of ``length`` characters from ``node``'s start."""
        start = self.offset(node)
        return self.source_offset(start), self.source_offset(start + length)

    def node_start(self, node: Node) -> int | None:
        """Where ``node`` of the tree starts in the text as given (None for a node of no tree
        this reader indexed)."""
        at = self.offsets.get(id(node))
        return None if at is None else self.source_offset(at)

    # -- definitions ---------------------------------------------------------------------------

    def _collect_definitions(self, code: Wikicode, *, in_list: bool) -> None:
        for node in code.nodes:
            if isinstance(node, Tag):
                name = _tag_name(node)
                if name == "ref":
                    self._define_ref(node, in_list)
                    continue  # a ref inside a ref is not a ref in MediaWiki
                if name in _VERBATIM_TAGS:
                    continue
                if name == "references" and node.contents is not None:
                    self._collect_definitions(node.contents, in_list=True)
                    continue
            if isinstance(node, Template):
                name = _template_name(node)
                if name in tables.NOTE_TEMPLATES:
                    self._define_note_template(node)
                if (name in tables.REFLIST_TEMPLATES or name in tables.NOTELIST_TEMPLATES) and (
                    node.has("refs")
                ):
                    self._collect_definitions(node.get("refs").value, in_list=True)
                    continue
            for child in node.__children__():
                self._collect_definitions(child, in_list=in_list)

    def _define_ref(self, tag: Tag, in_list: bool) -> None:
        if tag.self_closing or tag.contents is None or not str(tag.contents).strip():
            return
        name = _attr(tag, "name")
        if name is None:
            return  # anonymous: defined where it is used
        group = _attr(tag, "group") or ""
        self._define((group, name), _Definition(tag, self.offset(tag), tag.contents), in_list)

    def _define_note_template(self, template: Template) -> None:
        name = str(template.get("name").value).strip() if template.has("name") else ""
        if name and template.has("1") and str(template.get("1").value).strip():
            group = self._note_group(template)
            content = template.get("1").value
            self._define(
                (group, name), _Definition(template, self.offset(template), content), False
            )

    def _define(self, key: tuple[str, str], definition: _Definition, in_list: bool) -> None:
        known = self.definitions.get(key)
        if known is None:
            self.definitions[key] = definition
            if in_list:
                self.list_defined.append(key)
        elif str(known.content).strip() != str(definition.content).strip():
            known.errors.append(
                f"ref name {key[1]!r} defined more than once with different content"
            )

    def _note_group(self, template: Template) -> str:
        group = tables.NOTE_TEMPLATES.get(_template_name(template))
        return _group_param(template) or group or ""

    # -- uses ----------------------------------------------------------------------------------

    def _use(
        self,
        key: tuple[str, str],
        node: Node,
        definition: _Definition | None,
        *,
        sfn: Template | None = None,
    ) -> _Seg:
        entry = self.entries.get(key)
        if entry is None:
            group = key[0]
            if group:
                label = note_label(self.note_count + 1)
                self.note_count += 1
            else:
                self.ref_count += 1
                label = str(self.ref_count)
            name = key[1] if key[1].startswith("name:") else None
            entry = _Entry(label, group, name and name[5:], node, self.offset(node), definition)
            entry.sfn = sfn
            self.entries[key] = entry
            if group and definition is not None and definition.content is not None:
                # A footnote's refs are numbered at its first use (see module docstring).
                self.note_segments[label] = self._render(definition.content)
        entry.uses += 1
        return _Seg(f"[{entry.label}]", self.offset(node), entry.label)

    def _use_ref_tag(self, tag: Tag) -> _Seg:
        name = _attr(tag, "name")
        group = _attr(tag, "group") or ""
        if name is None:
            definition = _Definition(tag, self.offset(tag), tag.contents)
            return self._use((group, f"anon:{id(tag)}"), tag, definition)
        return self._use((group, f"name:{name}"), tag, self.definitions.get((group, name)))

    def _use_note_template(self, template: Template) -> _Seg:
        group = self._note_group(template)
        name = str(template.get("name").value).strip() if template.has("name") else ""
        content = template.get("1").value if template.has("1") else None
        if name:
            definition = self.definitions.get((group, name))
            return self._use((group, f"name:{name}"), template, definition)
        definition = _Definition(template, self.offset(template), content)
        return self._use((group, f"anon:{id(template)}"), template, definition)

    def _use_sfn(self, template: Template) -> _Seg:
        args = "|".join(f"{str(p.name).strip()}={_squash(str(p.value))}" for p in template.params)
        return self._use(("", f"sfn:{args}"), template, None, sfn=template)

    # -- rendering -----------------------------------------------------------------------------

    def _render(self, code: Wikicode) -> list[_Seg]:
        segments: list[_Seg] = []
        for node in code.nodes:
            segments.extend(self._render_node(node))
        return segments

    def _render_node(self, node: Node) -> list[_Seg]:
        offset = self.offset(node)
        if isinstance(node, Text):
            return [_Seg(node.value, offset)]
        if isinstance(node, HTMLEntity):
            return [_Seg(node.normalize(), offset)]
        if isinstance(node, (Comment, Argument, Heading)):
            return []
        if isinstance(node, ExternalLink):
            if node.title is not None:
                return self._render(node.title)
            # [http://x] renders as a numbered link "[1]": not a citation marker, so drop it.
            return [] if node.brackets else [_Seg(str(node.url), offset)]
        if isinstance(node, Wikilink):
            return self._render_link(node)
        if isinstance(node, Tag):
            return self._render_tag(node)
        if isinstance(node, Template):
            return self._render_template(node)
        return []

    def _render_link(self, link: Wikilink) -> list[_Seg]:
        title = str(link.title).strip()
        namespace = title.split(":", 1)[0].strip().casefold() if ":" in title else ""
        if namespace in tables.FILE_NAMESPACES or namespace in tables.CATEGORY_NAMESPACES:
            # Files and categories are not prose; their refs are kept by the block handling.
            return [s for s in self._render_children(link) if s.marker]
        if _INTERWIKI.match(title) and not title.startswith(":") and link.text is None:
            return []
        if link.text is not None:
            return self._render(link.text)
        return [_Seg(title.lstrip(":"), self.offset(link))]

    def _render_children(self, node: Node) -> list[_Seg]:
        segments: list[_Seg] = []
        for child in node.__children__():
            segments.extend(self._render(child))
        return segments

    def _render_tag(self, tag: Tag) -> list[_Seg]:
        name = _tag_name(tag)
        offset = self.offset(tag)
        if name == "ref":
            return [self._use_ref_tag(tag)]
        if name == "references":
            self.lists.add(_attr(tag, "group") or "")
            return []
        if name == "br":
            return [_Seg(" ", offset)]
        if tag.wiki_markup in _LIST_TAGS:
            # "*", "#", ";", ":" open a list item: kept so each item is a paragraph of its own.
            return [_Seg(f"{tag.wiki_markup} ", offset)]
        if name in _INVISIBLE_TAGS or tag.contents is None:
            return []
        if name in _VERBATIM_TAGS:
            return [
                _Seg(
                    str(tag.contents),
                    self.offset(tag.contents.nodes[0]) if tag.contents.nodes else offset,
                )
            ]
        return self._render(tag.contents)

    def _render_template(self, template: Template) -> list[_Seg]:
        name = _template_name(template)
        if name in tables.NOTE_TEMPLATES:
            if name == "refn" and not self._note_group(template):
                content = template.get("1").value if template.has("1") else None
                ref_name = str(template.get("name").value).strip() if template.has("name") else ""
                if ref_name:
                    return [
                        self._use(
                            ("", f"name:{ref_name}"), template, self.definitions.get(("", ref_name))
                        )
                    ]
                definition = _Definition(template, self.offset(template), content)
                return [self._use(("", f"anon:{id(template)}"), template, definition)]
            return [self._use_note_template(template)]
        if name in tables.SFN_TEMPLATES:
            return [self._use_sfn(template)]
        if name in tables.REFLIST_TEMPLATES:
            self.lists.add(_group_param(template))
            return []
        if name in tables.NOTELIST_TEMPLATES:
            self.lists.add(_group_param(template) or tables.NOTELIST_TEMPLATES[name])
            return []
        shown = _inline_params(template)
        segments: list[_Seg] = []
        for param in template.params:
            rendered = self._render(param.value)
            if (
                param.showkey is False
                and str(param.name).strip().isdigit()
                and int(str(param.name).strip()) in shown
            ):
                segments.extend(rendered)
            else:
                # An inline template we cannot render shows no text, but its refs are uses.
                segments.extend(s for s in rendered if s.marker)
        return segments

    # -- the body ------------------------------------------------------------------------------

    def _walk_body(self, code: Wikicode) -> None:
        for node in code.nodes:
            if isinstance(node, Heading):
                self._flush()
                self.section = _squash(_plain(node.title)) or None
                # A ref in a heading is a use: the heading is a claim of the section it opens.
                segments = self._render(node.title)
                if any(s.marker for s in segments):
                    self._add_block_claim("heading", segments)
            elif self._is_block(node):
                self._flush()
                self._block_claims(node)
            else:
                self.pending.extend(self._render_node(node))

    def _is_block(self, node: Node) -> bool:
        if isinstance(node, Tag):
            return bool(node.wiki_markup == "{|") or _tag_name(node) in _BLOCK_TAGS
        if isinstance(node, Wikilink):
            title = str(node.title).strip()
            namespace = title.split(":", 1)[0].strip().casefold() if ":" in title else ""
            return namespace in tables.FILE_NAMESPACES
        if not isinstance(node, Template):
            return False
        name = _template_name(node)
        if name in tables.NOTE_TEMPLATES or name in tables.SFN_TEMPLATES:
            return False
        if name.startswith(_CONTAINER_PREFIXES):
            return True
        # A template alone on its line(s) is a box, a hatnote or a list, not words of a sentence.
        start = self.offset(node)
        end = start + len(str(node))
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        return not self.text[line_start:start].strip() and not self.text[end:line_end].strip()

    def _block_claims(self, node: Node) -> None:
        """Refs inside a block count as cited: one claim per parameter (templates) or per
        source line (tables, files) that carries refs, its text naming the container."""
        if isinstance(node, Template):
            label = f"{{{{{str(node.name).strip()}}}}}"
            if _template_name(node) in tables.REFLIST_TEMPLATES | set(tables.NOTELIST_TEMPLATES):
                self._render_template(node)
                return
            for param in node.params:
                segments = self._render(param.value)
                if any(s.marker for s in segments):
                    self._add_block_claim(f"{label} {str(param.name).strip()}", segments)
            return
        if isinstance(node, Wikilink):
            label = f"[[{str(node.title).strip()}]]"
            segments = _caption(self._render(node.text) if node.text is not None else [])
        else:
            is_table = isinstance(node, Tag) and node.wiki_markup == "{|"
            label = "table" if is_table or not isinstance(node, Tag) else f"<{_tag_name(node)}>"
            segments = self._render(node.contents) if isinstance(node, Tag) else []
        lines_are_files = isinstance(node, Tag) and _tag_name(node) in _LINE_TAGS
        for line_segments in _split_lines(segments):
            if any(s.marker for s in line_segments):
                if lines_are_files:  # File:x.jpg|caption
                    line_segments = _caption(line_segments)
                self._add_block_claim(label, line_segments)

    def _add_block_claim(self, label: str, segments: list[_Seg]) -> None:
        # Claim text carries no markers, as split_claims leaves them out of sentences.
        text = _squash(_BOLD_ITALIC.sub("", "".join(s.text for s in segments if not s.marker)))
        text = _LIST_MARKUP.sub("", text.lstrip("|!").strip())
        text = f"{label}: {text}" if text else label
        markers = tuple(Marker(s.marker) for s in segments if s.marker)
        line = self.line(next(s.offset for s in segments if s.marker))
        self.claims.append(Claim(len(self.claims) + 1, self.section, line, text, markers))

    def _flush(self) -> None:
        """Turn the pending prose into claims, one paragraph at a time."""
        segments, self.pending = self.pending, []
        for paragraph in _paragraphs(_split_lines(segments), self.line):
            self._paragraph_claims(paragraph, self.section)

    def _paragraph_claims(self, paragraph: list[tuple[str, int]], section: str | None) -> None:
        """``paragraph`` is its lines as (text, source line); claims get the line they start on."""
        text = ""
        starts: list[tuple[int, int]] = []
        for line_text, line in paragraph:
            if text:
                text += " "
            starts.append((len(text), line))
            text += line_text
        if not re.search(r"\[(?:\d+|[a-z]+)\]", text):
            return
        first_line = paragraph[0][1]
        claims = split_claims(text, section=section, line=first_line, first_id=len(self.claims) + 1)
        # Claims come back without their markers: find each in the marker-free text, mapping
        # positions back to the paragraph to learn the source line the claim starts on.
        bare, where = "", []
        for match in re.finditer(r"\[(?:\d+|[a-z]{1,2})\]|.", text, re.DOTALL):
            if len(match[0]) == 1:
                bare += match[0]
                where.append(match.start())
        cursor = 0
        positions = [pos for pos, _ in starts]
        for claim in claims:
            head = claim.text[:10]
            found = bare.find(head, cursor) if head else -1
            if found >= 0:
                cursor = found + 1  # the next claim starts later, though it may start alike
                # The last line starting at or before the claim (a search: paragraphs can be long).
                line = starts[bisect.bisect_right(positions, where[found]) - 1][1]
                claim = replace(claim, line=line)
            self.claims.append(replace(claim, id=len(self.claims) + 1))

    # -- the result ----------------------------------------------------------------------------

    def article(self) -> Article:
        # Footnote texts are read last, so their claims follow the body's.
        for label, segments in self.note_segments.items():
            for paragraph in _paragraphs(_split_lines(segments), self.line):
                self._paragraph_claims(paragraph, f"note [{label}]")
        for key in self.list_defined:
            if ("", f"name:{key[1]}") not in self.entries and not key[0]:
                # MediaWiki hides these with an error; keep them so they are not lost.
                definition = self.definitions[key]
                self.ref_count += 1
                entry = _Entry(
                    str(self.ref_count), "", key[1], definition.node, definition.offset, definition
                )
                entry.list_only = True
                self.entries[("", f"name:{key[1]}")] = entry
        references: list[Reference] = []
        notes: list[Reference] = []
        for entry in self.entries.values():
            reference = self._reference(entry)
            (notes if entry.group else references).append(reference)
        references.sort(key=lambda r: int(r.label))
        has_notes = any(group for group in self.lists)
        return Article(
            claims=tuple(self.claims),
            references=tuple(references),
            notes=tuple(notes),
            has_notes_section=has_notes,
        )

    def _reference(self, entry: _Entry) -> Reference:
        backlinks = _backlinks(entry.label, entry.uses)
        if entry.sfn is not None:
            sfn = _sfn_reference(entry.sfn, entry.label, self.line(entry.first_offset), backlinks)
            return replace(sfn, span=self.span(entry.sfn, len(sfn.raw)))
        definition = entry.definition
        if definition is None or definition.content is None:
            raw = str(entry.first_use)
            return Reference(
                label=entry.label,
                line=self.line(entry.first_offset),
                raw=raw,
                backlinks=backlinks,
                template_errors=(f"no text given for ref named {entry.name!r}",),
                span=self.span(entry.first_use, len(raw)),
            )
        raw = str(definition.node)
        errors = list(definition.errors)
        if self.offset(definition.node) + len(raw) - len("</ref>") in self.repairs:
            raw = raw[: -len("</ref>")]
            errors.append("<ref> is never closed")
        if entry.list_only:
            errors.append(
                f"ref named {entry.name!r} is defined in the reference list but never used"
            )
        if entry.group and entry.group not in self.lists:
            errors.append(f"footnote group {entry.group!r} has no notes list to show it")
        line = self.line(definition.offset)
        source = _Source(raw, self.span(definition.node, len(raw)), self.node_start, self.given)
        return _read_content(
            definition.content, source, entry.label, line, backlinks, bool(entry.group), errors
        )


def _caption(segments: list[_Seg]) -> list[_Seg]:
    """The caption of a file's segments: the last of ``thumb|right|200px|caption``."""
    cut = max((i for i, s in enumerate(segments) if not s.marker and "|" in s.text), default=-1)
    if cut < 0:
        return segments
    tail = segments[cut].text.rsplit("|", 1)[1]
    return [_Seg(tail, segments[cut].offset), *segments[cut + 1 :]]


def _split_lines(segments: list[_Seg]) -> Iterator[list[_Seg]]:
    """Segments cut at newlines, so each list holds one source line's rendering."""
    current: list[_Seg] = []
    for segment in segments:
        if segment.marker is not None or "\n" not in segment.text:
            current.append(segment)
            continue
        pieces = segment.text.split("\n")
        offset = segment.offset
        for i, piece in enumerate(pieces):
            if i:
                yield current
                current = []
            if piece:
                current.append(_Seg(piece, offset))
            offset += len(piece) + 1
    yield current


def _paragraphs(
    lines: Iterator[list[_Seg]], line_of: Callable[[int], int]
) -> Iterator[list[tuple[str, int]]]:
    """Consecutive non-blank lines form a paragraph; a list item stands alone."""
    paragraph: list[tuple[str, int]] = []
    for segments in lines:
        text = _MAGIC_WORD.sub("", _BOLD_ITALIC.sub("", "".join(s.text for s in segments)))
        if not text.strip():
            if paragraph:
                yield paragraph
            paragraph = []
            continue
        line = line_of(segments[0].offset)
        if _LIST_MARKUP.match(text):
            if paragraph:
                yield paragraph
            paragraph = []
            yield [(_LIST_MARKUP.sub("", text).strip(), line)]
            continue
        paragraph.append((text.strip(), line))
    if paragraph:
        yield paragraph


# -- reading one reference -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """Where a ref stands in the document: its text, its span, where a node of the tree starts
    (``None`` for a node of no indexed tree), all in ``given``, the text as given."""

    raw: str
    span: tuple[int, int]
    node_start: Callable[[Node], int | None]
    given: str

    def template_start(self, template: Template, text: str, reparsed: bool) -> int | None:
        """Where ``template`` (printed: ``text``) starts in the text as given; a template of a
        ref re-read after a repair is looked for in the ref's text. None where the text there
        is not the template's: a repair made it, or put a ``</ref>`` inside it, and a fix
        pasting the repair would break the page."""
        at = None if reparsed else self.node_start(template)
        if at is None:
            found = self.raw.find(text)
            at = None if found < 0 else self.span[0] + found
        if at is None or not self.given.startswith(text, at):
            return None
        return at


def _read_content(
    content: Wikicode,
    source: _Source,
    label: str,
    line: int,
    backlinks: tuple[str, ...],
    is_note: bool,
    found: list[str],
) -> Reference:
    """The Reference a ref's ``content`` gives; ``source`` is the whole ref's, and ``found``
    the problems the caller met around it (listed after those of the content)."""
    raw = source.raw
    errors: list[str] = []
    reparsed = False
    # The checks read ``raw``, printed already: the content plus balanced ref or note markup.
    if _NAMELESS_TEMPLATE.search(raw) or raw.count("{{") > raw.count("}}"):
        text = str(content)
        if _NAMELESS_TEMPLATE.search(text):
            # Read the parameters anyway: a nameless template in a ref is almost always a citation.
            text = _NAMELESS_TEMPLATE.sub("{{citation|", text, count=1)
            errors.append("template with no name (read as a citation)")
        missing = text.count("{{") - text.count("}}")
        if missing > 0:
            # A citation left open needs one or two; thousands of "{{" are no citation.
            text += "}}" * min(missing, _MAX_CLOSED_TEMPLATES)
            errors.append("template is never closed")
        content = wikibounds.parse(text)
        reparsed = True
    templates = content.filter_templates()
    read: dict[int, _Params] = {}

    def params_of(template: Template) -> _Params:
        if (params := read.get(id(template))) is None:
            params = read[id(template)] = _Params(template)
        return params

    citations = [t for t in templates if _template_name(t) in tables.CITATION_TEMPLATES]
    if citations:
        citation = citations[0]
        scheme = tables.SCHEMES[tables.CITATION_TEMPLATES[_template_name(citation)]]
        reference = _read_citation(params_of(citation), scheme, label, line, backlinks, raw)
        printed = str(citation)
        at = source.template_start(citation, printed, reparsed)
        if at is not None:
            reference = replace(reference, citation=_citation_source(citation, printed, scheme, at))
        if len(citations) > 1:
            # Several works: the fields are the first's, and so are the archive and dead-link
            # templates that follow it (those after the second citation are the second's); the
            # other works' links are checked too.
            templates = templates[: templates.index(citations[1])]
            more = [_citation_url(c, params_of(c), label, line) for c in citations[1:]]
            urls = tuple(dict.fromkeys(u for u in more if u and u != reference.url))
            reference = replace(reference, more_urls=urls)
    elif is_note:
        reference = Reference(label=label, line=line, raw=raw, backlinks=backlinks)
    else:
        reference = _read_free_text(content, label, line, backlinks)
    reference = _with_archive_templates(reference, templates)
    return replace(
        reference,
        raw=raw,
        template_errors=(*reference.template_errors, *errors, *found),
        # Only the ref's templates declare it, the dead-link tag first (see url_status).
        url_status=_status_of(templates, params_of),
        span=source.span,
    )


def _citation_source(
    template: Template, text: str, scheme: tables.CitationScheme, start: int
) -> CitationSource | None:
    """The citation ``template`` (printed: ``text``, starting at ``start`` in the document) as
    plain data: where each parameter lies in its text, and which parameter carries which field
    (the first named one among the field's aliases, even empty, as a fix should set it)."""
    at = 2 + len(str(template.name))  # {{name|…
    params: list[tuple[int, int, int]] = []
    keys: list[str] = []
    fields: dict[str, int] = {}
    by_key = _fields_by_key(scheme.name)
    for index, param in enumerate(template.params):
        at += 1
        name = str(param.name)
        key = tables.normalize_name(name)
        if param.showkey:
            equals = at + len(name)
            end = equals + 1 + len(str(param.value))
            for field_name in by_key.get(key, ()):
                fields.setdefault(field_name, index)
        else:
            equals, end = -1, at + len(str(param.value))
        params.append((at, equals, end))
        keys.append(key)
        at = end
    if at + 2 != len(text):  # pragma: no cover - a template prints as its parts
        return None
    return CitationSource(
        name=str(template.name).strip(),
        scheme=scheme.name,
        span=(start, start + len(text)),
        text=text,
        params=tuple(params),
        keys=tuple(keys),
        fields=tuple(sorted(fields.items(), key=lambda item: item[1])),
    )


@functools.cache
def _fields_by_key(scheme_name: str) -> dict[str, tuple[str, ...]]:
    """A scheme's parameter names (as the tables key them) -> the fields each may carry."""
    found: dict[str, list[str]] = {}
    for field_name, aliases in tables.SCHEMES[scheme_name].fields.items():
        for alias in aliases:
            found.setdefault(alias, []).append(field_name)
    return {key: tuple(names) for key, names in found.items()}


def _citation_url(template: Template, params: _Params, label: str, line: int) -> str | None:
    """The url of a further citation template in a ref, whose other fields are not read; None
    when it has an archive of its own (a dead original is then no loss to its reader)."""
    scheme = tables.SCHEMES[tables.CITATION_TEMPLATES[_template_name(template)]]
    read = _read_citation(params, scheme, label, line, (), "")
    return None if read.archive_url or read.has_archive else read.url


# -- free-text refs ------------------------------------------------------------------------------

# Templates that render one external link, kept here until the wikis' tables name them: the URL
# made from the id parameter, the parameters that hold the link's text, and the site's name.
_LINK_TEMPLATES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "imdb name": ("https://www.imdb.com/name/nm{id}/", ("2", "name"), "IMDb"),
    "imdb title": ("https://www.imdb.com/title/tt{id}/", ("2", "title"), "IMDb"),
    "imdb character": ("https://www.imdb.com/character/ch{id}/", ("2", "name"), "IMDb"),
    "imdb company": ("https://www.imdb.com/company/co{id}/", ("2", "name", "company"), "IMDb"),
}
# Words of an access clause: link text holding one ("[http://… accessed 1 Jan 2008]") says when
# the page was read, not what it is called.
_ACCESS_WORDS = tuple(sorted({n for lang in LANGUAGES.values() for n, _ in lang.accessed_clauses}))
# An external link in the marked text of a free-text ref: U+E000, its index, U+E001.
_LINK_MARK = re.compile("\ue000(\\d+)\ue001")
_ITALIC = re.compile(r"(?<!')''(?!')(.+?)(?<!')''(?!')")
# A title in quotes before the italics: the article, the italics its newspaper or book.
_QUOTED = re.compile(r"[\"“‘]([^\"“”‘’]{3,300})[\"”’]")
# "Surname, Given" (or initials) opening the ref, right before a link, italics or a year.
_LEADING_AUTHOR = re.compile(
    r"^\s*([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, (?:[A-Z][\w'’-]*\.? ?){1,3}?)[.,]?\s*"
    r"(?=\ue000|''|\(|$)"
)
# Where one work may end and the next begin: "; ", "--", or a sentence before "Surname, G. (1990)".
_WORK_BREAK = re.compile(r";\s+|\s*--\s*|(?<=[.)])\s+(?=[A-Z][\w'’-]+, [A-Z][\w.' -]*\(\d{4})")
_WORK_SIGN = re.compile(r"\ue000|https?://|\b(?:1[5-9]|20)\d\d\b")


@dataclass(frozen=True)
class _Link:
    url: str
    text: str  # as shown, empty for a bare or numbered link
    site: str | None = None  # the site a link template names


def _read_free_text(
    content: Wikicode, label: str, line: int, backlinks: tuple[str, ...]
) -> Reference:
    """A ref written without a citation template, read by the reference-text reader as its
    rendering would be, then given what only the wikitext shows: an external link's text is the
    title and its URL the url (an archive link, by its URL or its text, the archive_url); the
    italics after a titled link are the work; a leading ``Surname, Given`` is the author.

    A remark before ``--`` that names no work is left out. A ref holding several works (parts
    split at ``;``, ``--`` or a sentence that starts with an author and a year, at least two of
    them with a year or a link) is read from its first work only: fields are never merged across
    works, so no date rule compares two books' dates and no title meets another work's date. The
    Reference stays one entry (its ``raw`` holds every work); the other works' links are its
    ``more_urls``, checked like its ``url``.
    """
    links: list[_Link] = []
    marked = _squash(_marked(content, links))
    comment, dash, rest = marked.partition("--")
    if dash and not _WORK_SIGN.search(comment) and _WORK_SIGN.search(rest):
        marked = rest.strip()  # "A remark.--Langdon, A. G. (1896) …": the remark is no field
    parts = [p for p in _WORK_BREAK.split(marked) if p.strip()]
    works = [p for p in parts if _WORK_SIGN.search(p)]
    more_urls: tuple[str, ...] = ()
    if len(works) > 1:
        marked = works[0]
        more: list[str] = []
        for work in works[1:]:
            found = [links[int(i)] for i in _LINK_MARK.findall(work)]
            # A work with an archive link of its own loses nothing when its page dies.
            if not any(is_archive_url(k.url) for k in found):
                more += [k.url for k in found if k.url]
        more_urls = tuple(dict.fromkeys(more))
    shown = [links[int(i)] for i in _LINK_MARK.findall(marked)]

    def unmark(text: str, *, urls: bool) -> str:
        def link(m: re.Match[str]) -> str:
            found = links[int(m[1])]
            return f" {found.text} {found.url} " if urls else f" {found.text} "

        return _squash(_BOLD_ITALIC.sub("", _LINK_MARK.sub(link, text)))

    reference = parse_reference_text(
        unmark(marked, urls=True), label=label, line=line, backlinks=backlinks
    )
    archive = next(
        (k for k in shown if is_archived_copy(k.url, k.text)),
        None,
    )
    original = next((k for k in shown if k is not archive and not is_archive_url(k.url)), None)
    changes: dict[str, object] = {}
    linked_title = False  # the link's text is the title: the italics are then the work
    if archive is not None:
        archived = reference.archived or _wayback_date(archive.url)
        changes.update(archive_url=archive.url, has_archive=True, archived=archived)
    if original is not None:
        changes["url"] = original.url
        title = original.text.strip(" \"“”'‘’«»")
        if title and not any(word in title for word in _ACCESS_WORDS) and "://" not in title:
            site = original.site
            if site is None and " | " in title:  # "Title | Site", as the page's <title> reads
                title, site = (t.strip() for t in title.rsplit(" | ", 1))
            outside = _LINK_MARK.sub(" ", marked)
            italic = next((_squash(m[1]) for m in _ITALIC.finditer(outside)), None)
            changes.update(title=title, publisher=italic or site or reference.publisher)
            changes["unread"] = tuple(u for u in reference.unread if u != "title")
            linked_title = True
    if author := _LEADING_AUTHOR.match(marked):
        name = _squash(author[1]).rstrip(",")
        if not reference.authors or (
            name != reference.authors[0] and name.startswith(reference.authors[0].rstrip("."))
        ):
            changes["authors"] = (name, *reference.authors[1:])
            # The reader may have left the name (or what it did not take of it) in the title.
            read_title = reference.title
            lead = unmark(marked[: author.end()], urls=False).rstrip(" .,")
            rest = name[len(reference.authors[0].rstrip(".")) :] if reference.authors else lead
            rest = rest.strip(" .")
            if "title" not in changes and read_title and rest and read_title.startswith(rest):
                changes["title"] = read_title[len(rest) :].lstrip(" .,") or None
    if not linked_title:
        now = changes.get("title", reference.title)
        if (italics := _italic_title(marked, str(now or ""))) is not None:
            title, work = italics
            changes.update(title=title, unread=tuple(u for u in reference.unread if u != "title"))
            if work is not None:
                changes["publisher"] = work
    if more_urls:
        changes["more_urls"] = tuple(u for u in more_urls if u != changes.get("url", reference.url))
    return replace(reference, **changes) if changes else reference  # type: ignore[arg-type]


def _italic_title(marked: str, read_title: str) -> tuple[str, str | None] | None:
    """The title (and work) the italics of a free-text ref show, where the text reader, which
    sees no italics, ran them into other words: ``Pevsner, N. (1970) ''Cornwall''; second ed.``
    is the book *Cornwall*, and ``"Illiterate Recruits" in ''The Times''`` an article in a
    newspaper. ``None`` when the reader placed the title apart from the italics (an article title
    before an italic journal), or there are no italics."""
    outside = _LINK_MARK.sub(" ", marked)
    found = _ITALIC.search(outside)
    if found is None:
        return None
    italic = _squash(_BOLD_ITALIC.sub("", found[1])).strip(" .,;:")
    if not italic or (read_title and (italic not in read_title or read_title == italic)):
        return None
    quoted = _QUOTED.search(outside, 0, found.start())
    if quoted is not None:
        return _squash(quoted[1]).strip(" .,"), italic
    return italic, None


def _marked(code: Wikicode, links: list[_Link]) -> str:
    """A free-text ref as a reader sees it, with its italics still marked ``''`` and each external
    link (or link template) replaced by a mark naming its index in ``links``."""
    parts: list[str] = []
    for node in code.nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, ExternalLink):
            text = _squash(_plain(node.title)) if node.title is not None else ""
            parts.append(f"\ue000{len(links)}\ue001")
            links.append(_Link(str(node.url).strip(), text))
        elif isinstance(node, Template) and (made := _link_template(node)) is not None:
            parts.append(f"\ue000{len(links)}\ue001")
            links.append(made)
        elif isinstance(node, Tag) and _tag_name(node) not in ("ref", "br") and node.contents:
            parts.append(_marked(node.contents, links))
        else:
            parts.append(_plain(Wikicode([node])))
    return "".join(parts)


def _link_template(template: Template) -> _Link | None:
    known = _LINK_TEMPLATES.get(_template_name(template))
    if known is None:
        return None
    pattern, title_params, site = known
    params = _Params(template)
    ident = params.first(("id", "1"))
    if ident is None:
        return None
    title = params.first(title_params)
    return _Link(
        pattern.format(id=ident[1].removeprefix("nm").removeprefix("tt")),
        title[1] if title else "",
        site,
    )


def _read_citation(
    params: _Params,
    scheme: tables.CitationScheme,
    label: str,
    line: int,
    backlinks: tuple[str, ...],
    raw: str,
) -> Reference:
    errors: list[str] = []
    unread: list[str] = []

    def get(key: str) -> str | None:
        found = params.first(scheme.fields.get(key, ()))
        return found[1] if found else None

    def date(key: str) -> PartialDate | None:
        found = params.first(scheme.fields.get(key, ()))
        if found is None:
            return None
        parsed = parse_date(found[1])
        if parsed is None:
            errors.append(f"malformed date: |{found[0]}={found[1]}")
            unread.append(key)
        return parsed

    url, archive_url = get("url"), get("archive_url")
    accessed, archived = date("access_date"), date("archive_date")
    published = date("date")
    if published is None and "date" not in unread:
        published = date("year")
    if scheme.cs1_errors:
        has_archive_date = params.first(scheme.fields["archive_date"]) is not None
        if archive_url and not has_archive_date:
            errors.append("archive-url without archive-date")
        if has_archive_date and not archive_url:
            errors.append("archive-date without archive-url")
        if params.first(scheme.fields["access_date"]) and not url:
            errors.append("access-date without url")
        if archive_url and not url:
            errors.append("archive-url without url")

    language_label = get("language")
    language = _language(language_label) if language_label else None
    if language_label and language is None:
        unread.append("language")
    if language_label is None:
        for value in params.values.values():
            flag = _squash(_plain(value))
            if flag in scheme.positional_language:
                language_label, language = flag, scheme.positional_language[flag]

    return Reference(
        label=label,
        line=line,
        raw=raw,
        backlinks=backlinks,
        authors=_authors(params, scheme),
        title=get("title"),
        publisher=get("publisher"),
        published=published,
        accessed=accessed,
        archived=archived,
        has_archive=bool(archive_url or archived),
        language=language,
        language_label=language_label,
        issn=get("issn"),
        identifiers=tuple(
            f"{name} {found[1]}"
            for name in tables.IDENTIFIER_PARAMS
            if (found := params.first((name,))) is not None
        ),
        pages=get("pages"),
        chapter=get("chapter"),
        url=url,
        archive_url=archive_url,
        template_errors=tuple(errors),
        unread=tuple(unread),
    )


def _language(label: str) -> str | None:
    code = language_code(label)
    if code is None and re.search(r"[,;/]", label):
        # "ru, en": the first language is the one a rendering shows first.
        code = language_code(re.split(r"[,;/]", label, maxsplit=1)[0].strip())
    return code


def _authors(params: _Params, scheme: tables.CitationScheme) -> tuple[str, ...]:
    """Authors in CS1 order (the number: last = last1, then last2…), "Last, First"."""
    found: dict[int, str] = {}
    for number, last_name, first_name in _author_params(scheme.authors):
        if number in found or last_name not in params.values:
            continue
        last = params.first((last_name,))
        if last is None:
            continue
        first = params.first((first_name,)) if first_name else None
        found[number] = f"{last[1]}, {first[1]}" if first else last[1]
    return tuple(found[n] for n in sorted(found))


@functools.cache
def _author_params(patterns: tuple[tuple[str, str], ...]) -> tuple[tuple[int, str, str], ...]:
    """(number, last, first) parameter names of a scheme's author ``patterns``, in the order
    ``_authors`` tries them."""
    return tuple(
        (number, last.format(n=suffix), first.format(n=suffix) if first else "")
        for number in range(1, 10)
        for last, first in patterns
        for suffix in (("", "1") if number == 1 else (str(number),))
    )


def _with_archive_templates(reference: Reference, templates: list[Template]) -> Reference:
    """{{Webarchive}}, {{Wayback}} and {{Архивировано}} after a citation add its archive."""
    for template in templates:
        kind = tables.ARCHIVE_TEMPLATES.get(_template_name(template))
        if kind is None:
            continue
        params = _Params(template)
        url = params.first(("url", "ссылка"))
        date = params.first(("date", "дата"))
        archive_url: str | None = None
        archived: PartialDate | None = None
        if kind == "snapshot" and url:
            archive_url = url[1]
        elif kind == "original" and url:
            stamp = date[1] if date else "*"
            archive_url = f"https://web.archive.org/web/{stamp}/{url[1]}"
            if reference.url is None:
                reference = replace(reference, url=url[1])
        if date is not None:
            # {{Wayback|date=}} is a snapshot timestamp (20230914123456), others a date.
            timestamp = re.fullmatch(r"\d{14}|\d{8}", date[1])
            archived = _wayback_date(f"/web/{date[1]}") if timestamp else parse_date(date[1])
        if archived is None and archive_url:
            archived = _wayback_date(archive_url)
        reference = replace(
            reference,
            has_archive=True,
            archive_url=reference.archive_url or archive_url,
            archived=reference.archived or archived,
        )
    return reference


def _wayback_date(url: str) -> PartialDate | None:
    match = _WAYBACK_STAMP.search(url)
    if match is None:
        return None
    try:
        return PartialDate(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _sfn_reference(
    template: Template, label: str, line: int, backlinks: tuple[str, ...]
) -> Reference:
    """{{sfn|Smith|Jones|2020|p=25}}: authors, then the year; the full work is elsewhere."""
    positional = [
        _squash(_plain(p.value)) for p in template.params if not p.showkey and str(p.value).strip()
    ]
    years = [match for v in positional if (match := _YEAR.match(v))]
    year = years[-1] if years else None
    authors = tuple(v for v in positional if year is None or v != year[0])
    published = parse_date(year[1]) if year else None
    return Reference(
        label=label,
        line=line,
        raw=str(template),
        backlinks=backlinks,
        authors=authors,
        published=published,
    )
