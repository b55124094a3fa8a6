"""Wikitext handed to mwparserfromhell in linear time.

mwparserfromhell's tokenizer tries every opener (``{{``, ``[[``, ``[``, ``{|``, ``<!--``,
``<tag>``) as far as the construct could reach before it gives up and reads the opener as
text, then starts again one character later: each opener that nothing closes costs a scan to
the end of its line or of the text. 4,000 unclosed ``{{a|`` (16 KB) took 5 s, and the time
grows with the square of the count. And it recurses over nested braces: 1,500 ``{`` closed by
as many ``}`` overflow Python's stack.

:func:`parse` finds, in one linear pass, the openers that no closer could match (a stack per
kind, comments and verbatim tags skipped as the parser skips them), and the pairs nested
``_DEEP`` deep. A few unmatched openers are the ordinary slips of a real page and cost little,
so they are left alone: up to ``_FEW`` of a kind the parse is exactly mwparserfromhell's. Past
that, each such opener's delimiter (and both ends of a too-deep pair) is replaced by
``_STAND_IN`` before parsing, and put back in the parsed tree's text afterwards: the parser
could not have closed the opener, so it reads as text either way. Only such hostile or badly
broken text is read differently, and only in details (a bare URL right before a stand-in runs
on into it). A NUL character, which ends mwparserfromhell's input, stands in the same way. The
tree prints back to the exact source; if it ever did not, the text is parsed as it is.
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
# Pairs nested this deep in their kind are read as text (real pages nest templates a few deep).
_DEEP = 40
# What stands in for a delimiter's characters while the parser reads the text: a character
# with no meaning to it (DEL; not a NUL, which ends its input).
_STAND_IN = "\x7f"
_VERBATIM = frozenset(PARSER_BLACKLIST)
# Tags the parser closes by itself when no closing tag follows (<br>, <li>…).
_SELF_CLOSING = frozenset(SINGLE)

_TOKEN = re.compile(
    r"(?P<copen><!--)|(?P<cclose>-->)"
    r"|</\s*(?P<close>[A-Za-z][\w-]*)\s*>"
    r"|<(?P<open>[A-Za-z][\w-]*)(?=[\s/>])[^<>]*>"
    # A tag that never gets its ">": the parser reads on to the end for its attributes.
    r"|<(?P<unfinished>[A-Za-z][\w-]*)(?=[\s/])"
    r"|^[ \t]*(?P<tab>\{\|)|^[ \t]*(?P<untab>\|\})(?!\}(?!\}))"
    r"|(?P<tpl>\{\{)|(?P<untpl>\}\})|(?P<link>\[\[)|(?P<unlink>\]\])"
    r"|(?P<ext>\[)|(?P<unext>\])|(?P<nl>\n)",
    re.MULTILINE,
)
_COMMENT_END = re.compile("-->")
_PAIRS = {"tab": "untab", "tpl": "untpl", "link": "unlink", "ext": "unext"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}


def _tokens(text: str) -> Iterator[tuple[re.Match[str], bool]]:
    """The delimiters of ``text`` outside comments and verbatim tags (<nowiki>, <pre>…), where
    the parser reads nothing, each with whether it is a comment or verbatim tag that nothing
    closes. After a closed one the scan goes on after its closer; after an unclosed one right
    after it, as the parser reads it as text. Once a closer is missing it is not looked for
    again (each look would scan to the end)."""
    missing: set[str] = set()
    at = 0
    while (token := _TOKEN.search(text, at)) is not None:
        at = token.end()
        kind = token.lastgroup
        if kind == "copen":
            name, closer = "--", _COMMENT_END
        elif (
            kind == "open"
            and not token.group().endswith("/>")
            and (name := token.group("open").lower()) in _VERBATIM
        ):
            closer = re.compile(rf"</\s*{re.escape(name)}\s*>", re.IGNORECASE)
        else:
            yield token, False
            continue
        end = None if name in missing else closer.search(text, at)
        if end is None:
            missing.add(name)
        else:
            at = end.end()
        yield token, end is None


def unmatched_openers(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each kind's openers that nothing after them closes, as (start, end) of the delimiter.

    Kinds: ``comment``, ``tag``, ``tab`` ({|), ``tpl`` ({{), ``link`` ([[), ``ext`` ([). Each
    closer closes the nearest open opener of its kind (of its name, for tags); an external
    link's [ is closed on its own line or never. Tags the parser may close by themselves
    (<br>, <li>…) are left out. Under ``deep``, both ends of each pair nested ``_DEEP`` deep in
    its kind or deeper: the parser recurses over them (1,500 braces closed by as many overflow
    Python's stack).
    """
    found: dict[str, list[tuple[int, int]]] = {"comment": [], "tag": []}
    stacks: dict[str, list[tuple[int, int]]] = {kind: [] for kind in _PAIRS}
    tags: dict[str, list[tuple[int, int]]] = {}
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []  # (opener, closer) of {{ [[ [ {|
    for token, unclosed in _tokens(text):
        kind = token.lastgroup or ""
        span = token.span() if kind in ("open", "copen") else token.span(kind)
        if kind == "unfinished":
            span = (span[0] - 1, span[1])
        if unclosed:
            found["comment" if kind == "copen" else "tag"].append(span)
        elif kind == "unfinished":
            found["tag"].append(span)
        elif kind == "open" and not token.group().endswith("/>"):
            name = token.group("open").lower()
            if name not in _VERBATIM and name not in _SELF_CLOSING:
                tags.setdefault(name, []).append(span)
        elif kind == "close":
            opened = tags.get(token.group("close").lower())
            if opened:
                opened.pop()
        elif kind in _PAIRS:
            stacks[kind].append(span)
        elif kind in _CLOSERS:
            stack = stacks[_CLOSERS[kind]]
            if stack:
                pairs.append((stack.pop(), span))
        elif kind == "nl":
            found.setdefault("ext", []).extend(stacks["ext"])
            stacks["ext"].clear()
    for kind, stack in stacks.items():
        found.setdefault(kind, []).extend(stack)
    found["deep"] = _too_deep(pairs)
    found["tag"].extend(span for opened in tags.values() for span in opened)
    return found


def _too_deep(pairs: list[tuple[tuple[int, int], tuple[int, int]]]) -> list[tuple[int, int]]:
    """Both ends of each pair with ``_DEEP`` or more pairs around it. Pairs of one kind nest
    (each closer closed the nearest opener), and pairs of different kinds are counted together
    (the parser's recursion is over both). Openers nothing closes do not count: a thousand of
    them around a template are text, not depth."""
    events = sorted(
        [(opener[0], 1, opener, closer) for opener, closer in pairs]
        + [(closer[0], -1, opener, closer) for opener, closer in pairs]
    )
    deep: list[tuple[int, int]] = []
    depth = 0
    for _, step, opener, closer in events:
        if step > 0 and depth >= _DEEP:
            deep += [opener, closer]
        depth += step
    return deep


def _stand_in(text: str) -> tuple[str, list[str]] | None:
    """``text`` with the delimiters of each plentiful kind of unmatched opener, and of pairs
    nested too deep, replaced by ``_STAND_IN``, and the characters replaced, in order; None
    when there are none to replace (or the text holds the stand-in already)."""
    spans = sorted(
        [
            span
            for kind, openers in unmatched_openers(text).items()
            if len(openers) > _FEW or kind == "deep"
            for span in openers
        ]
        # A NUL ends the parser's input: the text after it would not be read at all.
        + [(m.start(), m.end()) for m in re.finditer("\x00", text)]
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
