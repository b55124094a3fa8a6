"""Stop words per language, one data module each, found by :func:`stop_words`.

Every module of this package except this one defines ``WORDS``: a frozenset of lower-case
surface forms that carry no topic (articles, pronouns, auxiliaries, particles). Lists are short
on purpose: the page's own idf already discounts what is common on that page, so a list only
needs the words that would otherwise be counted as *missing* from a page and sink a claim's
coverage. Adding a language is one new file, checked by ``tests/verify/test_words.py``.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache


@cache
def languages() -> frozenset[str]:
    """The language codes that have a stop-word module."""
    return frozenset(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@cache
def stop_words(language: str) -> frozenset[str]:
    """The stop words of ``language``; empty for a language without a list."""
    if language not in languages():
        return frozenset()
    words: frozenset[str] = importlib.import_module(f"{__name__}.{language}").WORDS
    return words


@cache
def stop_chars(language: str) -> frozenset[str]:
    """Characters that end a run of Han characters before it is cut into bigrams (a module's
    optional ``STOP_CHARS``); empty for a language without them."""
    if language not in languages():
        return frozenset()
    chars: frozenset[str] = getattr(
        importlib.import_module(f"{__name__}.{language}"), "STOP_CHARS", frozenset()
    )
    return chars
