"""Spans from an opener to its closer, replaced in linear time.

``re.sub(r"<!--.*?-->", …, flags=re.DOTALL)`` tries each opener against the whole rest of the
text when no closer follows, so 5,000 unclosed ``<!--`` cost 5,000 scans to the end.
:func:`replace_spans` looks for each kind of closer from where the last one was found, and once
a kind has none left it stops looking: every character is scanned a bounded number of times.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["replace_spans"]


def replace_spans(
    text: str,
    opener: re.Pattern[str],
    closer: Callable[[re.Match[str]], re.Pattern[str]],
    repl: Callable[[str], str],
) -> str:
    """``text`` with each span from a match of ``opener`` to the first match of
    ``closer(opening)`` after it replaced by ``repl(span)``, left to right, as
    ``re.sub(opener + ".*?" + closer, …, flags=re.DOTALL)`` would; an opener with no closer
    after it stays as it is."""
    pieces: list[str] = []
    done = 0
    missing: set[str] = set()  # closers (by pattern) that no longer occur after here
    at = 0
    while (opening := opener.search(text, at)) is not None:
        end_pattern = closer(opening)
        key = f"{end_pattern.flags}:{end_pattern.pattern}"
        ending = None if key in missing else end_pattern.search(text, opening.end())
        if ending is None:
            missing.add(key)
            at = opening.start() + 1
            continue
        pieces += [text[done : opening.start()], repl(text[opening.start() : ending.end()])]
        done = at = ending.end()
    pieces.append(text[done:])
    return "".join(pieces)


def paired_spans(text: str, pairs: dict[str, str]) -> list[tuple[int, int]]:
    """The spans from an opening character of ``pairs`` to the first of its closing character
    after it, left to right and not overlapping, as ``re.finditer('“[^”]*”|…')`` finds them,
    in linear time: a character whose closer is missing is skipped at once (the regex scanned
    the rest of the text from each of 10,000 unclosed “)."""
    opener = re.compile("|".join(re.escape(c) for c in pairs))
    spans: list[tuple[int, int]] = []
    missing: set[str] = set()
    at = 0
    while (opening := opener.search(text, at)) is not None:
        char = opening.group()
        end = -1 if char in missing else text.find(pairs[char], opening.end())
        if end < 0:
            missing.add(char)
            at = opening.end()
            continue
        spans.append((opening.start(), end + 1))
        at = end + 1
    return spans
