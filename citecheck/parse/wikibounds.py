"""Wikitext handed to mwparserfromhell in linear time.

mwparserfromhell's tokenizer tries every opener (``{{``, ``[[``, ``[``, ``{|``, ``<!--``,
``<tag>``) as far as the construct could reach before it gives up and reads the opener as
text, then starts again one character later: each opener that nothing closes costs a scan to
the end of its line or of the text. 4,000 unclosed ``{{a|`` (16 KB) take 5 s, and the time
grows with the square of the count.

:func:`parse` finds, in one linear pass, the openers that no closer could match (a stack per
kind, comments and verbatim tags skipped as the parser skips them). A few are the ordinary slips
of a real page and cost little, so they are left alone; past ``_FEW`` of a kind, each such
opener's delimiter is replaced by a private-use character before parsing (the parser could not
have closed it, so it would have been text anyway) and put back in the parsed tree afterwards.
The tree prints back to the exact source; if it ever did not, the text is parsed as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import mwparserfromhell
from mwparserfromhell.definitions import PARSER_BLACKLIST, SINGLE
from mwparserfromhell.nodes import Comment, Text
from mwparserfromhell.wikicode import Wikicode

__all__ = ["parse", "unmatched_openers"]

# Unmatched openers of one kind below this many are parsed as written (each costs one scan).
_FEW = 16
# What stands in for an opener's delimiter characters while the parser reads the text.
_STAND_IN = "\x7f"
_VERBATIM = frozenset(PARSER_BLACKLIST)
# Tags the parser closes by itself when no closing tag follows (<br>, <li>…).
_SELF_CLOSING = frozenset(SINGLE)

_TOKEN = re.compile(
    r"(?P<copen><!--)|(?P<cclose>-->)"
    r"|</\s*(?P<close>[A-Za-z][\w-]*)\s*>"
    r"|<(?P<open>[A-Za-z][\w-]*)(?=[\s/>])[^<>]*(?<!/)>"
    r"|^[ \t]*(?P<tab>\{\|)|^[ \t]*(?P<untab>\|\})(?!\}(?!\}))"
    r"|(?P<tpl>\{\{)|(?P<untpl>\}\})|(?P<link>\[\[)|(?P<unlink>\]\])"
    r"|(?P<ext>\[)|(?P<unext>\])|(?P<nl>\n)",
    re.MULTILINE,
)
_PAIRS = {"tab": "untab", "tpl": "untpl", "link": "unlink", "ext": "unext"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}


def _tokens(text: str) -> Iterator[re.Match[str]]:
    """The delimiters of ``text`` outside comments and verbatim tags (<nowiki>, <pre>…), where
    the parser reads nothing. An opener of either is yielded; if it is closed, the scan goes on
    after its closer (not yielded), else right after it, as the parser reads it as text."""
    at = 0
    while (token := _TOKEN.search(text, at)) is not None:
        yield token
        at = token.end()
        kind = token.lastgroup
        if kind == "copen":
            found = text.find("-->", at)
            at = at if found < 0 else found + 3
        elif kind == "open" and (name := token.group("open").lower()) in _VERBATIM:
            closer = re.compile(rf"</\s*{re.escape(name)}\s*>", re.IGNORECASE).search(text, at)
            at = at if closer is None else closer.end()


def unmatched_openers(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each kind's openers that nothing after them closes, as (start, end) of the delimiter.

    Kinds: ``comment``, ``tag``, ``tab`` ({|), ``tpl`` ({{), ``link`` ([[), ``ext`` ([). Each
    closer closes the nearest open opener of its kind (of its name, for tags); an external
    link's [ is closed on its own line or never. Tags the parser may close by themselves
    (<br>, <li>…) are left out.
    """
    found: dict[str, list[tuple[int, int]]] = {"comment": [], "tag": []}
    stacks: dict[str, list[tuple[int, int]]] = {kind: [] for kind in _PAIRS}
    tags: dict[str, list[tuple[int, int]]] = {}
    for token in _tokens(text):
        kind = token.lastgroup or ""
        span = token.span() if kind in ("open", "copen") else token.span(kind)
        if kind == "copen":
            if text.find("-->", token.end()) < 0:
                found["comment"].append(span)
        elif kind == "open":
            name = token.group("open").lower()
            if name in _VERBATIM:
                if not re.compile(rf"</\s*{re.escape(name)}\s*>", re.I).search(text, span[1]):
                    found["tag"].append(span)
            elif name not in _SELF_CLOSING:
                tags.setdefault(name, []).append(span)
        elif kind == "close":
            opened = tags.get(token.group("close").lower())
            if opened:
                opened.pop()
        elif kind in _PAIRS:
            stacks[kind].append(span)
        elif kind in _CLOSERS:
            if stacks[_CLOSERS[kind]]:
                stacks[_CLOSERS[kind]].pop()
        elif kind == "nl":
            found.setdefault("ext", []).extend(stacks["ext"])
            stacks["ext"].clear()
    for kind, stack in stacks.items():
        found.setdefault(kind, []).extend(stack)
    found["tag"].extend(span for opened in tags.values() for span in opened)
    return found


def _stand_in(text: str) -> tuple[str, list[str]] | None:
    """``text`` with the delimiters of each plentiful kind of unmatched opener replaced by
    ``_STAND_IN``, and the characters replaced, in order; None when there are none to replace
    (or the text holds the stand-in already)."""
    spans = sorted(
        span
        for kind, openers in unmatched_openers(text).items()
        if len(openers) > _FEW
        for span in openers
    )
    if not spans or _STAND_IN in text:
        return None
    chars = list(text)
    for start, end in spans:
        # The brackets only: "<ref name=a>" keeps its name, so the text around stays as it was.
        for i in range(start, start + 1 if text[start] == "<" else end):
            chars[i] = _STAND_IN
    replaced = [text[i] for i, c in enumerate(chars) if c == _STAND_IN]
    return "".join(chars), replaced


def _put_back(value: str, replaced: Iterator[str]) -> str:
    """``value`` with each stand-in replaced by the next character of ``replaced``."""
    if _STAND_IN not in value:
        return value
    parts = value.split(_STAND_IN)
    return "".join(part + next(replaced) for part in parts[:-1]) + parts[-1]


def parse(text: str) -> Wikicode:
    """``mwparserfromhell.parse(text, skip_style_tags=True)``, in time linear in the openers
    nothing closes (see the module's docstring)."""
    standing_in = _stand_in(text)
    if standing_in is None:
        return mwparserfromhell.parse(text, skip_style_tags=True)
    code = mwparserfromhell.parse(standing_in[0], skip_style_tags=True)
    replaced = iter(standing_in[1])
    try:
        # Nodes come in the order they print, so the stand-ins come back in order.
        for node in code.ifilter(recursive=True):
            if isinstance(node, Text):
                node.value = _put_back(node.value, replaced)
            elif isinstance(node, Comment):
                node.contents = _put_back(node.contents, replaced)
    except StopIteration:  # pragma: no cover - more stand-ins than were put in
        pass
    if str(code) != text:  # a stand-in landed outside Text and Comment (a tag's name…)
        return mwparserfromhell.parse(text, skip_style_tags=True)
    return code
