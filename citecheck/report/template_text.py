"""Parameters set in a citation template's source text, without parsing it again.

The parser recorded where each parameter of the template lies in its text
(:class:`~citecheck.model.CitationSource`); :func:`set_params` edits those pieces as
mwparserfromhell's ``Template.add`` edits its tree, so a fix reads as it did when fixes were
written with it (the tests compare the two):

- a parameter the template has (by its name as written, trimmed) gets the new value between
  the old value's surrounding whitespace; later parameters of the same name are removed, as
  MediaWiki reads only the last;
- a new one is appended, spaced as most of the template's named parameters are (the name's and
  the value's leading and trailing whitespace each follow the majority, when there is one).

One deliberate difference: a ``|`` in a value is always written ``&#124;``, where
mwparserfromhell left it bare inside a bare URL, which split the parameter in two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citecheck.model import CitationSource

__all__ = ["set_params"]

_EDGES = re.compile(r"^(\s*).*?(\s*)$", re.DOTALL)


def set_params(source: CitationSource, params: Iterable[tuple[str, str]]) -> str:
    """``source``'s template text with each ``(name, value)`` of ``params`` set, in order."""
    text = source.text
    # The template as its pieces: "{{name", then each parameter as [name or None, value].
    head = text[: source.params[0][0] - 1] if source.params else text[:-2]
    items: list[tuple[str | None, str]] = [
        (text[start:equals], text[equals + 1 : end]) if equals >= 0 else (None, text[start:end])
        for start, equals, end in source.params
    ]
    for name, value in params:
        value = value.replace("|", "&#124;")
        same = [i for i, (n, _) in enumerate(items) if n is not None and n.strip() == name]
        if same:
            first = same[0]
            before, after = _blank(items[first][1])
            items[first] = (items[first][0], before + value + after)
            for i in reversed(same[1:]):
                del items[i]
            continue
        before_n, after_n = _convention([n for n, _ in items if n is not None], values=False)
        before_v, after_v = _convention([v for n, v in items if n is not None], values=True)
        items.append((before_n + name + after_n, before_v + value + after_v))
    pieces = [value if name is None else f"{name}={value}" for name, value in items]
    return "".join([head, *(f"|{piece}" for piece in pieces), "}}"])


def _edges(text: str) -> tuple[str, str]:
    match = _EDGES.search(text)
    assert match is not None  # the pattern matches any text
    return match[1], match[2]


def _blank(value: str) -> tuple[str, str]:
    """The whitespace kept around a value that is replaced (all of it after, when blank)."""
    if value.isspace():
        return "", value
    return _edges(value)


def _convention(components: list[str], *, values: bool) -> tuple[str, str]:
    """The leading and trailing whitespace most named parameters' names (or values) have: each
    the one more than half of them share, else none."""
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    for component in components:
        lead, trail = _edges(component)
        if values and component.isspace() and "\n" in lead:
            # An empty value's newline ends it rather than starts it.
            lead, rest = lead.split("\n", 1)
            trail = "\n" + rest
        before[lead] = before.get(lead, 0) + 1
        after[trail] = after.get(trail, 0) + 1
    return _majority(before), _majority(after)


def _majority(counts: dict[str, int]) -> str:
    if not counts:
        return ""
    best = max(counts.values())
    if best / sum(counts.values()) <= 0.5:
        return ""
    return next(k for k, n in counts.items() if n == best)
