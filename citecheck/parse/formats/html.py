"""MediaWiki HTML: the legacy parser's output (``action=parse``, saved pages) and Parsoid HTML.

Both renderings share the shape this module relies on:

- reference lists are ``ol.references`` (Parsoid: ``ol.mw-references``) whose ``li#cite_note-…``
  entries hold the reference text in ``span.reference-text`` (Parsoid: ``span.mw-reference-text``)
  and the backlinks to the body in ``span.mw-cite-backlink``;
- body markers are ``sup.reference`` (Parsoid: ``typeof="mw:Extension/ref"``) linking to
  ``#cite_note-…``.

Labels are the numbers a reader sees: an entry's position in its list. Notes (a ``group=``, a
``{{efn}}``, a lower-alpha list) are numbered a, b, c… across the page, so ``[註 1]`` and ``[a]``
both become notes. Body markers take the label of the entry their ``#cite_note-…`` points to.

Line numbers: selectolax keeps no source positions, so an element's line is found by counting
start tags: the k-th ``<p`` of the source is the k-th ``p`` element of the tree. When a tag's
counts disagree (the HTML5 parser invented or dropped elements), every line falls back to the
element's ordinal among the elements this module reads, so lines stay stable either way.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from citecheck.lang import union
from citecheck.model import Article, Claim, Document, Marker, Reference
from citecheck.parse import ParseError, input_format
from citecheck.parse.reftext import is_archived_copy, parse_reference_text
from citecheck.parse.sentences import MARKER, note_label, split_claims
from citecheck.parse.spans import replace_spans
from citecheck.urls import split_url

__all__ = ["RawEntry", "detect", "parse_html"]

# Identifier resolvers (doi:, PMID, PMC, S2CID…). CS1 prints them after the title, so they are
# the cited URL only when the entry links nothing else.
IDENTIFIER_HOSTS = frozenset(
    {
        "doi.org",
        "dx.doi.org",
        "hdl.handle.net",
        "pubmed.ncbi.nlm.nih.gov",
        "pmc.ncbi.nlm.nih.gov",
        "api.semanticscholar.org",
        "ui.adsabs.harvard.edu",
        "adsabs.harvard.edu",
        "search.worldcat.org",
        "www.worldcat.org",
        "zbmath.org",
        "id.loc.gov",
    }
)
IDENTIFIER_PATHS = (
    "www.ncbi.nlm.nih.gov/pmc/",
    "www.ncbi.nlm.nih.gov/pubmed/",
    "www.jstor.org/stable/",
    "arxiv.org/abs/",
)

# Headings that name a notes section even when its list is missing or empty: each language's
# notes headings, and "Footnotes", which heads the {{notelist}} of an enwiki page, whereas in
# the documents the Markdown and text readers see it heads the works cited (a reference heading).
NOTES_HEADINGS = union("notes_headings") | {"footnotes"}

# Containers that are page furniture, not prose. Markers inside them are not claims.
SKIP_CLASSES = frozenset(
    {
        "navbox",
        "navbox-styles",
        "vertical-navbox",
        "sidebar",
        "hatnote",
        "dablink",
        "rellink",
        "mw-editsection",
        "toc",
        "ambox",
        "metadata",
        "catlinks",
        "mw-empty-elt",
        "shortdescription",
        "sistersitebox",
        "portalbox",
        "authority-control",
        "mw-authority-control",
        "printfooter",
        "refbegin",
        "noprint",
        "mw-jump-link",
    }
)
SKIP_IDS = frozenset({"toc", "catlinks", "siteSub", "contentSub", "jump-to-nav"})
# Invisible to a reader, so not part of the text they would copy: COinS metadata, hidden CS1
# maintenance messages, styles.
HIDDEN_CLASSES = frozenset({"Z3988", "cs1-maint", "cs1-hidden-error", "mw-cite-backlink"})
HIDDEN_TAGS = frozenset({"style", "script", "link", "meta", "noscript", "template", "head"})
# Blocks that a surrounding block's text leaves out; the walk reads them on their own.
BLOCK_TAGS = frozenset(
    {
        "p",
        "ul",
        "ol",
        "dl",
        "li",
        "dd",
        "dt",
        "table",
        "div",
        "blockquote",
        "figure",
        "section",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "center",
    }
)
PROSE_TAGS = frozenset({"p", "li", "dd", "dt", "figcaption", "caption"})
# Blocks that hold prose only sometimes: a caption div, a bare blockquote, a mobile <section>.
CONTAINER_TAGS = frozenset(
    {"div", "section", "blockquote", "center", "figure", "article", "main", "body", "td", "th"}
)
SECTION_HEADINGS = frozenset({"h2", "h3"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
NOTE_LIST_STYLES = re.compile(r"(lower|upper)-(alpha|latin|roman|greek)")
# Tags whose source lines are looked up by counting start tags (see the module docstring).
LINED_TAGS = ("p", "li", "dd", "dt", "tr", "div", "figcaption", "caption", "blockquote")

_SPACE = re.compile(r"\s+")
# While claims are read, a bracket in the page's own text ("[t]he health of…", "[1]" quoted
# in prose) gets this character after it, so the sentence splitter's MARKER pattern finds only
# the markers written from ``sup.reference`` elements; it is removed again from claim texts.
_LITERAL = "\ue000"
_NUMBERED_GROUP = re.compile(r"^\D*?\s*(\d+)$")


@dataclass(frozen=True)
class RawEntry:
    """One ``li`` of a reference or notes list as found in the HTML, before its text is read.

    ``text`` is what a reader would copy from the entry (markers inside it written ``[n]``);
    ``url`` and ``archive_url`` come from its links, which the text alone does not carry.
    """

    id: str
    label: str
    is_note: bool
    line: int
    text: str
    backlinks: tuple[str, ...]
    url: str | None
    archive_url: str | None


def detect(text: str) -> float:
    """Near-certain for MediaWiki HTML, some for other HTML, 0 for anything else.

    ``cite_note`` alone is not enough: Markdown converted from a wiki page links to
    ``#cite_note-…`` too, so it must sit inside an HTML tag.
    """
    head = text[:200_000]
    if re.search(
        r"class=\"[^\"]*\bmw-parser-output\b|typeof=\"mw:|<[a-z]+\b[^<>]*cite_note-", head
    ):
        return 0.95
    if re.search(r"<(!doctype\s+html|html\b)", head[:2000], re.IGNORECASE):
        return 0.5
    return 0.0


@input_format("html", detect=detect)
def parse_html(document: Document) -> Article:
    """Read claims, references and notes from a MediaWiki HTML page."""
    if not document.text.strip():
        raise ParseError(f"{document.origin}: empty HTML document")
    page = _Page(document.text)
    if not page.root.text(deep=True).strip() and not page.entries:
        raise ParseError(f"{document.origin}: no readable text in the HTML document")
    references: list[Reference] = []
    notes: list[Reference] = []
    for entry in page.entries:
        ref = parse_reference_text(
            entry.text, label=entry.label, line=entry.line, backlinks=entry.backlinks
        )
        ref = dataclasses.replace(
            ref, url=entry.url or ref.url, archive_url=entry.archive_url or ref.archive_url
        )
        (notes if entry.is_note else references).append(ref)
    return Article(
        claims=tuple(page.claims()),
        references=tuple(references),
        notes=tuple(notes),
        title=page.title,
        has_notes_section=page.has_notes_section,
    )


# Comments and style/script bodies, whose "<p" is no element; each opener's closer.
_COMMENT_OR_RAW = re.compile(r"<!--|<(style|script)\b", re.IGNORECASE)
_RAW_ENDS = {
    None: re.compile(r"-->"),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
}


def _masked(html: str) -> str:
    """``html`` with comments and style/script bodies blanked out, offsets kept, so a "<p" in
    them is not counted."""
    return replace_spans(
        html,
        _COMMENT_OR_RAW,
        lambda m: _RAW_ENDS[m.group(1) and m.group(1).lower()],
        lambda span: " " * len(span),
    )


# Past this depth, elements of the middle of a deep chain are read as their text. The HTML
# parser looks through the elements open around each new one, so 64,000 nested <div> took 10 s
# and twice as many four times that; real pages nest a few dozen deep (Chromium's parser stops
# nesting at 512).
MAX_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)[^<>]*>")
# Elements that do not nest in what they are left open in (a new <p> or <li> closes the last),
# and void elements: neither deepens the tree for the count below.
_OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt"}
_TABLE_PARTS = {"tbody", "thead", "tfoot", "colgroup", "caption"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_FLAT = frozenset(_OPTIONAL_END | _TABLE_PARTS | _VOID | {"track", "wbr"})
# How far down the open elements an end tag looks for its start tag (a bound, so a stray end
# tag costs no walk down a deep stack).
_END_TAG_REACH = 8


@dataclass
class _Element:
    start: tuple[int, int]
    name: str
    depth: int
    end: tuple[int, int] | None = None
    height: int = 0  # levels of elements below it


def _elements(masked: str) -> list[_Element]:
    """The elements of ``masked`` as its tags nest them (see ``_FLAT``), with their depth and
    height; an end tag closes the nearest open element of its name within reach."""
    elements: list[_Element] = []
    open_: list[_Element] = []

    def close() -> None:
        element = open_.pop()
        if open_:
            open_[-1].height = max(open_[-1].height, element.height + 1)

    for tag in _TAG.finditer(masked):
        name = tag.group(2).lower()
        if name in _FLAT or tag.group().endswith("/>"):
            continue
        if not tag.group(1):
            open_.append(_Element(tag.span(), name, len(open_)))
            elements.append(open_[-1])
            continue
        reach = range(len(open_) - 1, max(len(open_) - 1 - _END_TAG_REACH, -1), -1)
        at = next((i for i in reach if open_[i].name == name), None)
        if at is not None:
            open_[at].end = tag.span()
            while len(open_) > at:
                close()
    while open_:
        close()
    return elements


def _bounded_depth(html: str) -> str:
    """``html`` with both tags of each element that has more than ``MAX_DEPTH / 2`` levels
    both above and below it blanked out: the top and the bottom of a deep chain stay, so the
    innermost markup (a marker's link) is still read, and no element is nested more than
    ``MAX_DEPTH`` deep. Offsets stay (blanks of the same length), so lines stay right."""
    masked = _masked(html)
    if masked.count("<") < MAX_DEPTH:
        return html
    half = MAX_DEPTH // 2
    blanked = sorted(
        span
        for element in _elements(masked)
        if element.depth > half and element.height > half
        for span in (element.start, element.end)
        if span is not None
    )
    if not blanked:
        return html
    pieces: list[str] = []
    done = 0
    for start, end in blanked:
        pieces += [html[done:start], " " * (end - start)]
        done = end
    pieces.append(html[done:])
    return "".join(pieces)


class _Page:
    """One parsed page: its lists, the label of every ``cite_note`` id, and the line finder."""

    def __init__(self, html: str) -> None:
        html = _bounded_depth(html)
        self.tree = LexborHTMLParser(html)
        root = _content_root(self.tree)
        if root is None:
            raise ParseError("the HTML parser returned no document")
        self.root: LexborNode = root
        self.lines = _Lines(html, self.tree)
        title = self.tree.css_first("title")
        self.title = _squash(title.text()) if title is not None else None
        self.labels: dict[str, str] = {}
        # Marker ids already read: a page that repeats a block (the mobile taxobox) repeats a
        # marker with the same cite_ref id, which MediaWiki counts as one use.
        self._markers_seen: set[str] | None = None
        self.note_lists: set[int] = set()
        # MediaWiki marks every external link (legacy: class "external", Parsoid: rel
        # mw:ExtLink); on such a page the other links of an entry (the publisher's article,
        # "ISBN (identifier)", interwiki) point into the wiki and are not what it cites.
        self.marks_external = self.root.css_first(_EXTERNAL_ANCHOR) is not None
        self.entries = self._read_lists()
        self.has_notes_section = bool(self.note_lists) or any(
            _squash(self._plain(h)).lower() in NOTES_HEADINGS for h in self.root.css("h2, h3, h4")
        )

    # -- lists ------------------------------------------------------------------------------

    def _read_lists(self) -> list[RawEntry]:
        shown = self._marker_texts()
        # A selector group returns an element once per selector it matches (Parsoid's
        # <ol class="mw-references references">), so keep the first of each.
        lists = list(
            {ol.mem_id: ol for ol in self.root.css("ol.references, ol.mw-references")}.values()
        )
        kinds = [self._is_note_list(ol, shown) for ol in lists]
        # Labels first: a note may cite a reference that is listed after it.
        items: list[tuple[LexborNode, bool, str]] = []
        notes_seen = 0
        for ol, is_note in zip(lists, kinds, strict=True):
            if is_note:
                self.note_lists.add(ol.mem_id)
            for position, li in enumerate(_entry_items(ol), start=1):
                if is_note:
                    notes_seen += 1
                    label = note_label(notes_seen)
                else:
                    # Parsoid states the number it displays; legacy output leaves it to the <ol>.
                    label = li.attributes.get("data-mw-footnote-number") or str(position)
                ident = _fragment(li.attributes.get("id") or "")
                if ident:
                    self.labels.setdefault(ident, label)
                items.append((li, is_note, label))
        return [self._entry(li, is_note, label) for li, is_note, label in items]

    def _marker_texts(self) -> dict[str, list[str]]:
        """What each ``cite_note`` id's markers display, brackets removed (``1``, ``註 1``)."""
        shown: dict[str, list[str]] = {}
        for sup in self.root.css("sup, span.mw-ref"):
            target = _marker_target(sup)
            if target is not None:
                shown.setdefault(target, []).append(_squash(sup.text()).strip("[]"))
        return shown

    def _is_note_list(self, ol: LexborNode, shown: dict[str, list[str]]) -> bool:
        # Parsoid names the group; legacy output only shows it through the list style…
        if ol.attributes.get("data-mw-group"):
            return True
        node: LexborNode | None = ol
        for _ in range(4):
            if node is None:
                break
            attrs = node.attributes
            if NOTE_LIST_STYLES.search((attrs.get("class") or "") + (attrs.get("style") or "")):
                return True
            node = node.parent
        # …or through its markers, which read [註 1], [a], [note 2] instead of [1].
        texts = [
            text
            for li in _entry_items(ol)
            for text in shown.get(_fragment(li.attributes.get("id") or ""), [])
        ]
        return bool(texts) and not any(text.isdigit() for text in texts)

    def _entry(self, li: LexborNode, is_note: bool, label: str) -> RawEntry:
        ident = _fragment(li.attributes.get("id") or "")
        body = _entry_body(li)
        url: str | None = None
        identifier: str | None = None
        archive_url: str | None = None
        for anchor in body.css("a[href]"):
            href = _external(anchor.attributes.get("href") or "")
            if href is None or _hidden(anchor):
                continue
            if self.marks_external and not _is_external_anchor(anchor):
                continue
            if is_archived_copy(href, _squash(anchor.text())):
                archive_url = archive_url or href
            elif _is_identifier(href):
                identifier = identifier or href
            else:
                url = url or href
        return RawEntry(
            id=ident,
            label=label,
            is_note=is_note,
            line=self.lines.line(li),
            text=_squash(self._inline(body, skip=frozenset())),
            backlinks=_backlinks(li),
            url=url or identifier,
            archive_url=archive_url,
        )

    # -- claims -----------------------------------------------------------------------------

    def claims(self) -> Iterator[Claim]:
        next_id = 1
        self._markers_seen = set()  # while reading claims: one use per marker id
        for text, section, line, is_prose in self._blocks(self.root, [None]):
            if is_prose:
                found = split_claims(text, section=section, line=line, first_id=next_id)
            else:
                # A table row is not a sentence; it is one claim when it carries markers.
                markers = tuple(Marker(m.group(1)) for m in MARKER.finditer(text))
                row = _squash(MARKER.sub(" ", text))
                found = [Claim(next_id, section, line, row, markers)] if markers else []
            next_id += len(found)
            for claim in found:
                yield dataclasses.replace(claim, text=claim.text.replace(_LITERAL, ""))
        self._markers_seen = None

    def _blocks(
        self, node: LexborNode, section: list[str | None]
    ) -> Iterator[tuple[str, str | None, int, bool]]:
        """(text, section, line, is_prose) of every block that may carry claims, in page order.

        ``section`` is a one-item list so headings found deep in the tree (mobile output wraps
        them in ``div.mw-heading``) update it for the blocks after them. The tree is walked with
        a stack of its levels, not by recursion: hostile pages nest elements 100,000 deep.
        """
        levels: list[Iterator[LexborNode]] = [node.iter()]
        while levels:
            child = next(levels[-1], None)
            if child is None:
                levels.pop()
                continue
            tag = child.tag or ""
            if tag in HEADING_TAGS:
                # A marker in a heading is a use of its entry, and the heading a claim.
                text = _squash(self._plain(child))
                if _has_marker(text):
                    yield text, section[0], self.lines.line(child), False
                if tag in SECTION_HEADINGS:
                    section[0] = _squash(MARKER.sub("", text).replace(_LITERAL, "")) or None
                continue
            if tag in HIDDEN_TAGS or _skipped(child):
                continue
            if _is_reference_list(child):
                # Not prose, but notes may cite references, and those citations count.
                for ol in [child, *child.css("ol")]:
                    if ol.mem_id not in self.note_lists:
                        continue
                    for li in _entry_items(ol):
                        text = _squash(self._inline(_entry_body(li), skip=frozenset()))
                        if _has_marker(text):
                            yield text, section[0], self.lines.line(li), True
                continue
            if tag == "table":
                # Captions are the table's prose; rows (nested tables' too) are one claim each.
                for caption in child.css("caption"):
                    text = _squash(self._inline(caption, skip=frozenset({"table"})))
                    if _has_marker(text):
                        yield text, section[0], self.lines.line(caption), True
                for row in child.css("tr"):
                    text = _squash(self._inline(row, skip=frozenset({"table"})))
                    if _has_marker(text):
                        yield text, section[0], self.lines.line(row), False
                continue
            # Inline elements belong to the block around them; only their nested blocks (a
            # <div> inside a <span>, rare but valid HTML5) are read on their own.
            if tag in PROSE_TAGS or (tag in CONTAINER_TAGS and _has_own_text(child)):
                text = _squash(self._inline(child, skip=BLOCK_TAGS))
                if text:
                    yield text, section[0], self.lines.line(child), True
            levels.append(child.iter())

    # -- text -------------------------------------------------------------------------------

    def _inline(self, node: LexborNode, skip: frozenset[str]) -> str:
        """The text a reader sees in ``node``, with markers written ``[label]`` and the blocks
        named in ``skip`` left out."""
        parts: list[str] = []
        self._collect(node, skip, parts)
        return "".join(parts)

    def _collect(self, node: LexborNode, skip: frozenset[str], parts: list[str]) -> None:
        # A stack of levels (and of the spaces that close blocks), not recursion: see _blocks.
        levels: list[Iterator[LexborNode] | str] = [node.iter(include_text=True)]
        while levels:
            level = levels[-1]
            if isinstance(level, str):
                parts.append(level)
                levels.pop()
                continue
            child = next(level, None)
            if child is None:
                levels.pop()
                continue
            tag = child.tag or ""
            if tag == "-text":
                text = child.text_content or ""
                if self._markers_seen is not None:
                    text = text.replace("[", "[" + _LITERAL)
                parts.append(text)
                continue
            if tag.startswith("-") or tag in HIDDEN_TAGS or tag in skip or _hidden(child):
                continue
            target = _marker_target(child)
            if target is not None:
                ident = child.attributes.get("id")
                if ident and self._markers_seen is not None:
                    if ident in self._markers_seen:
                        continue
                    self._markers_seen.add(ident)
                parts.append(f"[{self._label_for(target, child)}]")
                continue
            if _is_decoration(child):
                continue
            if tag == "br":
                parts.append(" ")
                continue
            # Table cells and blocks are separate words to a reader ("Species: F. catus").
            if tag in BLOCK_TAGS or tag in {"td", "th", "tr"}:
                parts.append(" ")
                levels.append(" ")
            levels.append(child.iter(include_text=True))

    def _label_for(self, target: str, marker: LexborNode) -> str:
        if target in self.labels:
            return self.labels[target]
        # A marker whose entry is missing keeps what it displays, so rules can name it;
        # a group marker ([註 3], [note 3]) becomes the note letter it would have had.
        shown = _squash(marker.text()).strip("[]") or target
        numbered = _NUMBERED_GROUP.match(shown)
        if numbered and not shown.isdigit():
            return note_label(int(numbered.group(1)))
        return shown.replace(" ", "")

    def _plain(self, node: LexborNode) -> str:
        return self._inline(node, skip=frozenset())


class _Lines:
    """Source line of an element, by matching the k-th start tag of its name in the source."""

    def __init__(self, html: str, tree: LexborHTMLParser) -> None:
        # Blank out comments and style/script bodies (keeping offsets) so a "<p" in them
        # is not counted.
        masked = _masked(html)
        newlines = [i for i, char in enumerate(html) if char == "\n"]
        self.by_node: dict[int, int] = {}
        self.ordinal: dict[int, int] = {}
        exact = True
        for tag in LINED_TAGS:
            nodes = tree.css(tag)
            offsets = [m.start() for m in re.finditer(rf"<{tag}(?=[\s>/])", masked, re.I)]
            exact = exact and len(nodes) == len(offsets)
            for node, offset in zip(nodes, offsets, strict=False):
                self.by_node[node.mem_id] = bisect.bisect_left(newlines, offset) + 1
        if not exact:
            self.by_node.clear()
        for number, node in enumerate(tree.css(", ".join(LINED_TAGS)), start=1):
            self.ordinal[node.mem_id] = number

    def line(self, node: LexborNode) -> int:
        key = node.mem_id
        return self.by_node.get(key) or self.ordinal.get(key, 0)


def _content_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The article body: a saved page has other ``mw-parser-output`` blocks (the site notice),
    so prefer the one under ``#mw-content-text``, else the one with the most text."""
    main = tree.css_first("#mw-content-text .mw-parser-output")
    if main is not None:
        return main
    outputs = tree.css(".mw-parser-output")
    if outputs:
        return max(outputs, key=lambda node: len(node.text(deep=True)))
    return tree.body or tree.root


def _entry_items(ol: LexborNode) -> list[LexborNode]:
    return [li for li in ol.iter() if li.tag == "li"]


def _entry_body(li: LexborNode) -> LexborNode:
    return li.css_first("span.reference-text, span.mw-reference-text") or li


def _marker_target(node: LexborNode) -> str | None:
    """The ``cite_note`` id a citation marker points to, or None if ``node`` is no marker."""
    if node.tag not in {"sup", "span"}:
        return None
    classes = _classes(node)
    if not ({"reference", "mw-ref"} & classes or "mw:Extension/ref" in _typeof(node)):
        return None
    anchor = node.css_first("a[href]")
    if anchor is None:
        return None
    href = anchor.attributes.get("href") or ""
    if "#cite_note" not in href:
        return None
    return _fragment(href.split("#", 1)[1])


def _fragment(value: str) -> str:
    # Links percent-encode non-ASCII ids (cite_note-%E8%A9%81…) that the id attribute spells out.
    return urllib.parse.unquote(value)


def _backlinks(li: LexborNode) -> tuple[str, ...]:
    """Labels of the entry's backlinks (``4.0 4.1``, ``a b c``); none for a lone ``^``/``↑``,
    so one use reads the same as in the plain-text format.

    The forms: legacy ``span.mw-cite-backlink`` holding one ``^`` link or several ``a b c`` /
    ``4.0 4.1`` links (after a ``^`` or "Jump up to:" that is no link); Parsoid's single
    ``a[rel=mw:referencedBy]`` (``↑``) and its group ``span[rel=mw:referencedBy]`` of ``1 2 3``
    links. Any other ``#cite_ref`` link outside the reference text counts too.
    """
    labels = [
        _backlink_label(a)
        for a in li.css("a[href]")
        if _is_backlink(a) and not a.css_matches(".reference-text a, .mw-reference-text a")
    ]
    if len(labels) == 1:
        return ()
    return tuple(label or str(n) for n, label in enumerate(labels, start=1))


def _backlink_label(anchor: LexborNode) -> str:
    """The letter or number a backlink shows, without the screen-reader words ("Jump up to:")
    newer legacy output puts inside the first link of a group."""
    parts: list[str] = []
    levels = [anchor.iter(include_text=True)]
    while levels:
        child = next(levels[-1], None)
        if child is None:
            levels.pop()
        elif child.tag == "-text":
            parts.append(child.text_content or "")
        elif not ({"cite-accessibility-label"} & _classes(child) or _hidden(child)):
            levels.append(child.iter(include_text=True))
    return _squash("".join(parts))


def _is_backlink(anchor: LexborNode) -> bool:
    href = anchor.attributes.get("href") or ""
    if "#cite_ref" in href or anchor.attributes.get("rel") == "mw:referencedBy":
        return True
    # A group's links sit in a span[rel=mw:referencedBy] or span.mw-cite-backlink; their
    # targets are the marker ids (cite_ref-… on Wikimedia wikis, other prefixes elsewhere).
    if "#" not in href:
        return False
    parent = anchor.parent
    for _ in range(3):
        if parent is None or parent.tag == "li":
            return False
        if parent.attributes.get("rel") == "mw:referencedBy" or "mw-cite-backlink" in _classes(
            parent
        ):
            return True
        parent = parent.parent
    return False


_EXTERNAL_ANCHOR = "a.external, a[rel~='mw:ExtLink']"


def _is_external_anchor(anchor: LexborNode) -> bool:
    return (
        "external" in _classes(anchor)
        or "mw:ExtLink" in (anchor.attributes.get("rel") or "").split()
    )


def _external(href: str) -> str | None:
    if href.startswith("//"):
        href = "https:" + href
    return href if href.startswith(("http://", "https://")) else None


def _host_and_path(url: str) -> tuple[str, str]:
    parts = split_url(url)
    return (parts.hostname or "").lower(), parts.path


def _is_identifier(url: str) -> bool:
    host, path = _host_and_path(url)
    return host in IDENTIFIER_HOSTS or (host + path).startswith(IDENTIFIER_PATHS)


def _classes(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").split())


def _typeof(node: LexborNode) -> str:
    return node.attributes.get("typeof") or ""


def _hidden(node: LexborNode) -> bool:
    style = (node.attributes.get("style") or "").replace(" ", "").lower()
    return (
        "display:none" in style
        or bool(HIDDEN_CLASSES & _classes(node))
        # Parsoid's backlinks (a lone ↑ link or a group span) are no part of an entry's text.
        or node.attributes.get("rel") == "mw:referencedBy"
    )


def _is_decoration(node: LexborNode) -> bool:
    """Inline bits that are not prose: edit links, [citation needed] tags, {{rp}} page numbers
    (a ``sup.reference`` that links nowhere)."""
    classes = _classes(node)
    if "mw-editsection" in classes or (node.tag == "sup" and "noprint" in classes):
        return True
    return node.tag == "sup" and "reference" in classes


def _skipped(node: LexborNode) -> bool:
    attrs = node.attributes
    return (
        bool(SKIP_CLASSES & _classes(node))
        or (attrs.get("id") or "") in SKIP_IDS
        or attrs.get("role") == "navigation"
    )


def _is_reference_list(node: LexborNode) -> bool:
    classes = _classes(node)
    return bool({"references", "mw-references", "reflist", "mw-references-wrap"} & classes) or (
        "mw:Extension/references" in _typeof(node)
    )


def _has_own_text(node: LexborNode) -> bool:
    """Whether text sits directly in ``node`` (a caption div, a bare blockquote), not only in
    child blocks."""
    for child in node.iter(include_text=True):
        tag = child.tag or ""
        if tag == "-text":
            if (child.text_content or "").strip():
                return True
            continue
        if (
            tag.startswith("-")
            or tag in BLOCK_TAGS | PROSE_TAGS | CONTAINER_TAGS | HIDDEN_TAGS
            or _skipped(child)
            or _hidden(child)
        ):
            continue
        if _marker_target(child) is not None or child.text().strip():
            return True
    return False


def _has_marker(text: str) -> bool:
    return MARKER.search(text) is not None


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
