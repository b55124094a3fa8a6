"""A page's main text as passages: the article without its menus, footers, banners, related
links and comments, cut into paragraph-sized pieces in page order.

The extractor follows Mozilla Readability's idea on a selectolax tree, in one read-only walk:
text is gathered into the block element that holds it (``p``, ``li``, a ``div`` of bare text…),
each block of prose scores the elements above it, the best-scored element (with its like
siblings) is the article, and the article's blocks that are mostly links are dropped. Elements
whose class or id names boilerplate (``sidebar``, ``comment``, ``share``…) and hidden or
non-text elements (scripts, navigation, forms' controls) are never entered.

Pure: the functions read their argument and never modify it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["MAX_PASSAGE_CHARS", "passages", "passages_of_tree"]

MAX_PASSAGE_CHARS = 600
"""No passage is longer: a longer paragraph is cut at sentence ends (at spaces if it must)."""

# Subtrees that never hold article text.
_SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "canvas", "video", "audio", "select", "button", "input", "textarea", "option", "head",
        "nav", "footer", "aside", "menu", "dialog", "form-control", "#comment", "_em_comment",
    }
)  # fmt: skip
# Elements that start a new block of text; anything else is inline and adds to its block.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "body", "center", "dd", "details", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_SKIP_ROLES = frozenset(
    {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner"}
)
# Readability's lists (REGEXPS in Readability.js), with a few words of our own (cookie, consent,
# newsletter, share, galleries, captions, text for screen readers only, author bios) and the
# zh/ja sites' habits (recommend, hot).
_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr"
    r"|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor"
    r"|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter"
    r"|share|sharing|recommend|hotnews|toolbar|navbar|subscribe|gallery|promo|interstitial|caption"
    r"|off-?screen|sr-only|visually-?hidden|screen-?reader|(?<![a-z])bio(?![a-z])",
    re.I,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|mathjax|shadow", re.I)
_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead"
    r"|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor"
    r"|shopping|tags|widget|caption|credit",
    re.I,
)
_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", re.I
)
_TAG_SCORE = {
    "div": 5.0, "article": 5.0, "section": 3.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0,
    "address": -3.0, "ol": -3.0, "ul": -3.0, "dl": -3.0, "dd": -3.0, "dt": -3.0, "li": -3.0,
    "form": -3.0, "h1": -5.0, "h2": -5.0, "h3": -5.0, "h4": -5.0, "h5": -5.0, "h6": -5.0,
    "th": -5.0,
}  # fmt: skip
_COMMAS = re.compile(r"[,，、،]")
_SPACES = re.compile(r"\s+")
_WIDE = re.compile(r"[\u2e80-\U0002ffff]")
_BREAK = "\x00"  # stands for <br> while a block's text is gathered
_PARAGRAPH_BREAK = re.compile(r"\s*\x00\s*\x00[\s\x00]*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+|(?<=[。！？])[」』”’）】]*\s*")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？:：;；][\"'»”’)\]」』）】]*$")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LIST_ITEM = re.compile(r"(?:\d+[.)]|[-*•·])\s")
_COPYRIGHT = ("©", "(c) ", "Copyright ")
_MIN_SCORING_CHARS = 25
_MENU_LINE_CHARS = 60


@dataclass(slots=True)
class _Block:
    """Text gathered into one block element while the tree is walked (mutable, private)."""

    path: tuple[int, ...]  # ids of the elements from <html> down to the block itself
    tag: str
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0
    text: str = ""


@dataclass(slots=True)
class _Walk:
    """What one walk gathers: blocks in page order, and each element's tag and class weight."""

    blocks: list[_Block] = field(default_factory=list)
    elements: dict[int, tuple[str, float]] = field(default_factory=dict)


def passages(html: str, *, is_html: bool = True) -> tuple[str, ...]:
    """The main text of a page (HTML, or plain text when ``is_html`` is false) as passages."""
    if not is_html:
        return _text_passages(html)
    from selectolax.lexbor import LexborHTMLParser

    return passages_of_tree(LexborHTMLParser(html))


def passages_of_tree(tree: LexborHTMLParser) -> tuple[str, ...]:
    """The main text of an already parsed page as passages; ``tree`` is only read."""
    root = tree.body
    if root is None:
        return ()
    walk = _Walk()
    body = _Block(path=(root.mem_id,), tag="body")
    walk.blocks.append(body)
    walk.elements[root.mem_id] = ("body", 0.0)
    _visit(root, body.path, body, False, walk)
    blocks = [b for b in walk.blocks if _finish(b)]
    if not blocks:
        return ()
    chosen = _article(blocks, walk.elements)
    out: list[str] = []
    for block in chosen:
        for paragraph in block.text.split("\n"):
            out.extend(_split(paragraph))
    return tuple(out)


def _visit(
    node: LexborNode, path: tuple[int, ...], block: _Block, in_link: bool, walk: _Walk
) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            text = child.text_content
            if text:
                block.pieces.append(text)
                if in_link:
                    block.link_chars += len(text.strip())
            continue
        if tag == "br":
            block.pieces.append(_BREAK)
            continue
        if tag is None or tag in _SKIP_TAGS or tag[0] in "-_#!":
            continue
        attrs = child.attributes
        if "hidden" in attrs or attrs.get("aria-hidden") == "true":
            continue
        if attrs.get("role") in _SKIP_ROLES:
            continue
        style = attrs.get("style")
        if style and "display:none" in style.replace(" ", ""):
            continue
        unlikely, weight = _names(attrs.get("class"), attrs.get("id"))
        if unlikely and tag != "a":
            continue
        own = child.mem_id
        child_path = (*path, own)
        if tag in _BLOCK_TAGS:
            walk.elements[own] = (tag, weight + _TAG_SCORE.get(tag, 0.0))
            inner = _Block(path=child_path, tag=tag)
            walk.blocks.append(inner)
            _visit(child, child_path, inner, False, walk)
            # Text after a nested block belongs to a new stretch of its parent, kept in order.
            if block.pieces:
                block.pieces.append(_BREAK + _BREAK)
        else:
            _visit(child, child_path, block, in_link or tag == "a", walk)


@lru_cache(maxsize=4096)
def _names(class_: str | None, id_: str | None) -> tuple[bool, float]:
    """Whether an element's class and id name boilerplate, and the weight they give a candidate."""
    names = f"{class_ or ''} {id_ or ''}"
    if names == " ":
        return False, 0.0
    unlikely = bool(_UNLIKELY.search(names)) and not _MAYBE.search(names)
    weight = (-25.0 if _NEGATIVE.search(names) else 0.0) + (
        25.0 if _POSITIVE.search(names) else 0.0
    )
    return unlikely, weight


def _finish(block: _Block) -> bool:
    """Join the block's pieces into its text (paragraphs on lines); false if it has none."""
    raw = "".join(block.pieces)
    block.pieces = []
    if _BREAK not in raw:
        block.text = _SPACES.sub(" ", raw).strip()
        return bool(block.text)
    # Two <br> in a row end a paragraph (pages that set text in one <div> of lines).
    split = _PARAGRAPH_BREAK.split(raw)
    paragraphs = (_SPACES.sub(" ", p.replace(_BREAK, " ")).strip() for p in split)
    block.text = "\n".join(p for p in paragraphs if p)
    return bool(block.text)


def _weight(text: str) -> int:
    """Characters of prose, a CJK character counting as two Latin ones (it carries a word)."""
    return len(text) + len(_WIDE.findall(text))


def _article(blocks: list[_Block], elements: dict[int, tuple[str, float]]) -> list[_Block]:
    """The blocks of the best-scored element and of its siblings that score like it."""
    scores: dict[int, float] = {}
    for block in blocks:
        size = _weight(block.text)
        if size < _MIN_SCORING_CHARS:
            continue
        score = 1.0 + len(_COMMAS.findall(block.text)) + min(size // 100, 3)
        ancestors = block.path[-2:-7:-1]
        for level, ancestor in enumerate(ancestors):
            if ancestor not in scores:
                scores[ancestor] = elements.get(ancestor, ("", 0.0))[1]
            scores[ancestor] += score / (1 if level == 0 else 2 if level == 1 else level * 3)
    if not scores:
        return [b for b in blocks if _keep(b)]
    best = sorted(scores, key=scores.__getitem__, reverse=True)[:5]
    final = {c: scores[c] * (1.0 - _link_density(blocks, c)) for c in best}
    top = max(best, key=final.__getitem__)
    top_path = next(b.path for b in blocks if top in b.path)
    depth = top_path.index(top) + 1
    parent = top_path[: depth - 1]
    threshold = max(10.0, final[top] * 0.2)
    chosen: list[_Block] = []
    for block in blocks:
        if block.path[: depth - 1] != parent or len(block.path) < depth:
            continue
        sibling = block.path[depth - 1]
        if sibling == top or scores.get(sibling, 0.0) >= threshold:
            if _keep(block):
                chosen.append(block)
        elif len(block.path) == depth and block.tag == "p" and _keep(block):
            density = block.link_chars / max(len(block.text), 1)
            if (len(block.text) > 80 and density < 0.25) or (
                density == 0 and _ENDS_SENTENCE.search(block.text)
            ):
                chosen.append(block)
    return chosen


def _link_density(blocks: list[_Block], element: int) -> float:
    total = links = 0
    for block in blocks:
        if element in block.path:
            total += len(block.text)
            links += block.link_chars
    return links / total if total else 0.0


def _keep(block: _Block) -> bool:
    """Whether an article's block is text: not mostly links, not a scrap of a label."""
    size = len(block.text)
    if block.link_chars > 0.5 * size:
        return False
    if block.tag in _HEADINGS:
        return True
    if _weight(block.text) >= _MIN_SCORING_CHARS:
        return True
    # A short block is kept only as a sentence ("正在加载..." and "Loading…" are not).
    return bool(_ENDS_SENTENCE.search(block.text)) and not block.text.endswith(("...", "…"))


def _split(paragraph: str) -> list[str]:
    """A paragraph in pieces of at most MAX_PASSAGE_CHARS, cut at sentence ends."""
    paragraph = paragraph.strip()
    if not paragraph:
        return []
    if len(paragraph) <= MAX_PASSAGE_CHARS:
        return [paragraph]
    pieces: list[str] = []
    current = ""
    for sentence in _sentences(paragraph):
        if current and len(current) + 1 + len(sentence) > MAX_PASSAGE_CHARS:
            pieces.append(current)
            current = ""
        joined = (
            f"{current} {sentence}"
            if current and _spaced(current, sentence)
            else current + sentence
        )
        while len(joined) > MAX_PASSAGE_CHARS:
            cut = joined.rfind(" ", 0, MAX_PASSAGE_CHARS + 1)
            cut = cut if cut > MAX_PASSAGE_CHARS // 2 else MAX_PASSAGE_CHARS
            pieces.append(joined[:cut].rstrip())
            joined = joined[cut:].lstrip()
        current = joined
    if current:
        pieces.append(current)
    return pieces


def _spaced(left: str, right: str) -> bool:
    """Whether two sentences are joined by a space (not after a zh/ja full stop)."""
    return not (left[-1] >= "\u2e80" or right[0] >= "\u2e80")


def _sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        if match.end() > start:
            out.append(paragraph[start : match.end()].strip())
            start = match.end()
    if start < len(paragraph):
        out.append(paragraph[start:].strip())
    return [s for s in out if s]


def _text_passages(text: str) -> tuple[str, ...]:
    """Blank-line-separated blocks of plain text, without lines that look like menu entries."""
    out: list[str] = []
    for chunk in _BLANK_LINE.split(text):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        # A block that ends a sentence and is not a list is one wrapped paragraph: its short
        # lines are the paragraph's, not menu entries.
        wrapped = bool(_ENDS_SENTENCE.search(lines[-1])) and not any(
            _LIST_ITEM.match(line) for line in lines
        )
        kept = lines if wrapped else [line for line in lines if not _menu_line(line)]
        kept = [line for line in kept if not line.startswith(_COPYRIGHT)]
        if kept:
            spaced = all(_spaced(a, b) for a, b in pairwise(kept))
            out.extend(_split((" " if spaced else "").join(kept)))
    return tuple(out)


def _menu_line(line: str) -> bool:
    """A short line with no sentence end: a menu entry, a date, a label."""
    return len(line) < _MENU_LINE_CHARS and not _ENDS_SENTENCE.search(line)
