"""Wikitext as syntax: the parsed tree with each node's offset, and a node's plain text.

Nothing here knows what a template means, only what it is: a name and parameters. The tree
prints back to the exact source (mwparserfromhell is lossless), which is what makes each node's
offset, and so each reference's span, exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import ExternalLink, HTMLEntity, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from citecheck.parse import templates as tables
from citecheck.parse import wikibounds

# Tags whose content is shown verbatim: nothing inside them is markup.
_VERBATIM_TAGS = frozenset({"nowiki", "pre", "syntaxhighlight", "source", "math", "code", "chem"})

# Tags whose lines mwparserfromhell leaves as text, though each holds wikitext after its "|".
_LINE_TAGS = frozenset({"gallery", "imagemap"})

_GALLERY = re.compile(r"<(?:gallery|imagemap)\b", re.IGNORECASE)

_NAMELESS_TEMPLATE = re.compile(r"\{\{\s*\|")

_BOLD_ITALIC = re.compile(r"'{2,}")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the wikitext itself, at a source line."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


# A template's length and, per parameter, ``(start, equals, end)`` relative to its start: its
# name ``text[start:equals]`` and value ``text[equals + 1:end]``; ``equals`` is -1 for a
# positional one (its value from ``start``).
Layout = tuple[int, tuple[tuple[int, int, int], ...]]


def _index(
    code: Wikicode,
    base: int,
    offsets: dict[int, int],
    texts: list[Text],
    layouts: dict[int, Layout],
) -> int:
    """Record every node's offset in the source (the tree prints back to the exact text), each
    template's layout, and collect the Text nodes where markup would count (not inside
    <nowiki>, <pre>…). Returns the length of ``code``'s text.

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
            at += _index(node.name, at, offsets, texts, layouts)
            params: list[tuple[int, int, int]] = []
            for param in node.params:
                start = at = at + 1
                equals = -1  # a positional parameter
                if param.showkey:
                    at += _index(param.name, at, offsets, texts, layouts)
                    equals = at - position
                    at += 1  # name=
                at += _index(param.value, at, offsets, texts, layouts)
                params.append((start - position, equals, at - position))
            layouts[id(node)] = (at + 2 - position, tuple(params))
            position = at + 2
        elif isinstance(node, Wikilink):
            title = _index(node.title, position + 2, offsets, texts, layouts)
            at = position + 2 + title  # [[title|text]]
            if node.text is not None:
                at += 1 + _index(node.text, at + 1, offsets, texts, layouts)
            position = at + 2
        else:
            source = str(node)
            verbatim = isinstance(node, Tag) and _tag_name(node) in _VERBATIM_TAGS
            inner = 0
            for child in node.__children__():
                found = source.find(str(child), inner)
                if found < 0:
                    continue
                shown = [] if verbatim else texts
                inner = found + _index(child, position + found, offsets, shown, layouts)
            position += len(source)
    return position - base


@dataclass(frozen=True)
class _Tree:
    """Wikitext parsed, with every node's offset in the source and the Text nodes where markup
    counts (see ``_index``)."""

    code: Wikicode
    offsets: dict[int, int]
    texts: list[Text]
    layouts: dict[int, Layout]

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
        layouts: dict[int, Layout] = {}
        _index(code, 0, offsets, texts, layouts)
        return cls(code, offsets, texts, layouts)


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


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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
