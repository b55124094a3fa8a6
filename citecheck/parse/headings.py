"""What a section heading says about the list under it: references, notes, or neither.

Real documents dress the same few words many ways: ``## 4 参考资料``, ``# 参考文献：``,
``**СПИСОК ВИКОРИСТАНИХ ДЖЕРЕЛ**``, ``Список використаних джерел до розділу 1``, ``REFERENCES``,
``References:``, ``VIII. Bibliography``, ``参考URL``. :func:`heading_kind` strips the dressing
(Unicode compatibility forms, emphasis, section numbers, a trailing colon, a qualifying suffix)
and compares what is left with the phrases each language module (``citecheck/lang/``) lists.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from citecheck.lang import alternation, union


class ListKind(StrEnum):
    REFERENCES = "references"
    NOTES = "notes"


# The phrases come from each language's module (citecheck/lang/), lower-case.
REFERENCE_HEADINGS = union("reference_headings")
NOTES_HEADINGS = union("notes_headings")
# Sections that follow a reference list on wiki pages and end it: external links, see also.
ENDING_HEADINGS = union("ending_headings")

# The words of numbering and qualifiers, from each language's module.
_UNITS = alternation("section_units")
_QUALIFIERS = alternation("heading_qualifiers")
_PREPOSITIONS = alternation("heading_part_prepositions")
_PARTS = alternation("heading_parts")
_SUFFIXES = alternation("heading_suffixes")

# Section numbering before a heading's words: "4 ", "4.", "IV. ", "7.2 ", "Глава 3.", "第五章".
_NUMBERING = re.compile(
    r"^(?:(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})[.):]?\s+|\d{1,3}\.(?=\D)"
    rf"|第[\d一二三四五六七八九十]+(?:{_UNITS})\s*)"
)
_EMPHASIS = re.compile(r"[*_`~]+")
# A suffix that qualifies the list without changing what it is: "(… до розділу 1)",
# " к главе 2", " for chapter 3", "（第1章）", a number, a plain "URL"/"リンク". Not any words:
# "Notes to self" and "Sources of funding" head no list of works cited.
_QUALIFIER = re.compile(
    rf"^(?:[(（\[].*[)）\]]|(?:{_QUALIFIERS})\s.{{1,40}}"
    rf"|(?:{_PREPOSITIONS})\s(?:{_PARTS})\b.{{0,20}}"
    rf"|(?:{_SUFFIXES})|\d{{1,3}})$"
)
_EDGE = " \t.:：;；。·-–—|#="


@lru_cache(maxsize=1024)
def heading_key(text: str) -> str:
    """A heading reduced to its words: compatibility forms folded (NFKC), emphasis, section
    numbers, a trailing colon and surrounding punctuation removed, lower-cased."""
    text = unicodedata.normalize("NFKC", text)
    text = _EMPHASIS.sub("", text).strip(_EDGE)
    text = _NUMBERING.sub("", text).strip(_EDGE)
    return " ".join(text.split()).lower()


def ends_lists(text: str) -> bool:
    """Whether ``text`` heads a section that follows a reference list and is not one (External
    links, See also, Ссылки, 外部リンク)."""
    return heading_key(text) in ENDING_HEADINGS


@lru_cache(maxsize=1024)
def heading_kind(text: str) -> ListKind | None:
    """REFERENCES or NOTES when ``text`` is a heading of such a list, else None.

    A heading is one of the phrases, alone or followed by a qualifier (``до розділу 1``,
    ``(selected)``, ``URL``); a phrase inside a longer title ("Notes on the design") is not.
    """
    key = heading_key(text)
    if not key or len(key) > 80:
        return None
    for kind, names in (
        (ListKind.REFERENCES, REFERENCE_HEADINGS),
        (ListKind.NOTES, NOTES_HEADINGS),
    ):
        if key in names:
            return kind
    for kind, names in (
        (ListKind.REFERENCES, REFERENCE_HEADINGS),
        (ListKind.NOTES, NOTES_HEADINGS),
    ):
        for name in names:
            if key.startswith(name):
                rest = key[len(name) :].strip(_EDGE)
                if _QUALIFIER.match(rest):
                    return kind
    return None
