"""What citecheck knows about each language it reads, one data module per language.

Every module of this package except this one (``zh.py``, ``ja.py``, ``ru.py``, ``uk.py``,
``en.py``) defines ``LANGUAGE = Language(...)``; :data:`LANGUAGES` finds them all, so adding a
language is one new file, checked by the contract test in ``tests/lang/test_languages.py``.

The stages read this data, never a copy of it: a consumer either reads one language's
:class:`Language` or the union of a field over all languages (:func:`union`), which is
computed once and cached. Phrases that a consumer compares case-insensitively are stored
lower-case.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType


@dataclass(frozen=True)
class Language:
    # The language's code as citecheck uses it everywhere: "zh", "ja", "ru", "uk", "en".
    code: str

    # Headings of a list of the works cited, lower-case (parse/headings.py: heading_kind).
    reference_headings: tuple[str, ...]
    # Headings of explanatory notes, kept apart from the reference list (parse/headings.py).
    notes_headings: tuple[str, ...]
    # Headings of the sections that follow a reference list and end it: external links, see
    # also, further reading; lower-case (parse/headings.py: ends_lists).
    ending_headings: tuple[str, ...]
    # The words of a wiki section's edit link as a browser copy shows them in brackets
    # ("[编辑]", "[править | править код]"), lower-case (parse/formats/text.py: EDIT_LINK).
    edit_links: tuple[str, ...]
    # Words of the lines of a wiki page's footer (last edited, licence, categories, retrieved
    # from), lower-case; a line containing one ends the article in a browser copy (document
    # reader).
    footer_phrases: tuple[str, ...]
    # Words of the lines of the sister-project boxes a wiki page shows beside its lists
    # (Commons, Wikiquote, Scholia), lower-case; such a line is no entry (document reader).
    box_phrases: tuple[str, ...]


def _load() -> Mapping[str, Language]:
    found: dict[str, Language] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        language = module.LANGUAGE
        if not isinstance(language, Language) or language.code != info.name:
            raise TypeError(f"{module.__name__}.LANGUAGE is no Language for {info.name!r}")
        found[language.code] = language
    return MappingProxyType(dict(sorted(found.items())))


# Every registered language by its code, in code order.
LANGUAGES: Mapping[str, Language] = _load()


@cache
def union(field: str) -> frozenset[str]:
    """Every value of a tuple field over all languages (``union("edit_links")``)."""
    return frozenset(p for lang in LANGUAGES.values() for p in getattr(lang, field))


@cache
def alternation(field: str) -> str:
    """A regular-expression alternation of a field's phrases over all languages, escaped,
    longest first so that a phrase never stops a longer one from matching."""
    return "|".join(re.escape(p) for p in sorted(union(field), key=lambda p: (-len(p), p)))


__all__ = ["LANGUAGES", "Language", "alternation", "union"]
