"""Dates as reference lists write them, in zh, ja, ru, uk and en, kept at their precision.

``DATE_PATTERN`` is a regular expression (without anchors) that matches any date form read here,
so other parsers can find dates inside longer text and hand the match to ``parse_date``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from citecheck.lang import LANGUAGES, merged
from citecheck.model import PartialDate

# Month names by their stem, from every language module (citecheck.lang): genitive and
# nominative forms in ru/uk share it (сентября, сентябрь; вересня, вересень), and English long
# and short forms (Sept., Sep, September).
_MONTH_STEMS: Mapping[str, int] = merged("months")

_MONTH_WORD = r"[A-Za-zА-Яа-яЁёІіЇїЄєҐґ]{3,10}\.?"
# What the search pattern accepts as a month: real names and their usual short forms only, so
# that "Newsweek. 2014" or "Cruelty to Animals. 2011" is not taken for a month and a year.
_MONTH_NAME = (
    r"(?<![\w])(?i:"
    + "|".join(lang.month_pattern for lang in LANGUAGES.values() if lang.month_pattern)
    + r")\.?(?![\w])"
)
# The word for "year" after a date: "22 сентября 2020 года", "5 квіт. 2001 р.".
_YEAR_WORDS = "|".join(re.escape(w) for lang in LANGUAGES.values() for w in lang.year_words)
_ISO = r"\d{4}-\d{1,2}(?:-\d{1,2})?"
# Year first with slashes or dots, as Japanese and Chinese papers write it: 2020/11/15, 2020.8.14.
_YMD_SEP = r"(?<![\d.])\d{4}(?:/\d{1,2}/|\.\d{1,2}\.)\d{1,2}(?!\.?\d)"
_CJK = r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
_DMY_WORDS = rf"\d{{1,2}}\s+{_MONTH_NAME}\s+\d{{4}}(?:\s*(?:{_YEAR_WORDS}))?"
_MDY_WORDS = rf"{_MONTH_NAME}\s+\d{{1,2}},\s*\d{{4}}"
_MY_WORDS = rf"{_MONTH_NAME},?\s+\d{{4}}(?:\s*(?:{_YEAR_WORDS}))?"
# IEEE's day-month-year with hyphens (27-Aug-2018, 03- Feb- 2022), APA's (2026, June 18) and
# Vancouver's 2020 Jan 5.
_DMY_DASHED = rf"\d{{1,2}}\s?-\s?{_MONTH_NAME}\s?-\s?\d{{4}}"
_YMD_WORDS = rf"\d{{4}},?\s{_MONTH_NAME}(?:\s\d{{1,2}})?(?![\d\w])"
_DOTTED = r"\d{1,2}\.\d{1,2}\.\d{4}"
_YEAR = r"(?:1[5-9]|20)\d{2}"

# Longest forms first so a full date is not read as its year alone.
DATE_PATTERN = (
    rf"(?:{_ISO}|{_YMD_SEP}|{_CJK}|{_DMY_WORDS}|{_MDY_WORDS}|{_DMY_DASHED}|{_YMD_WORDS}|{_DOTTED}|"
    rf"{_MY_WORDS}|(?<!\d){_YEAR}(?!\d))"
)
# After a word that announces a date ("Retrieved", "Архивировано"…) any month-like word is
# taken, so that a misspelt month is reported as an unreadable date rather than left as text.
_LOOSE_WORDS = (
    rf"\d{{1,2}}\s+{_MONTH_WORD}\s+\d{{4}}(?:\s*(?:{_YEAR_WORDS}))?|"
    rf"{_MONTH_WORD}\s+\d{{1,2}},\s*\d{{4}}"
)
LOOSE_DATE_PATTERN = (
    rf"(?:{_ISO}|{_YMD_SEP}|{_CJK}|{_LOOSE_WORDS}|{_DMY_DASHED}|{_DOTTED}|{_MY_WORDS}|"
    rf"(?<!\d){_YEAR}(?!\d))"
)


def month_number(word: str) -> int | None:
    """Month number of an en/ru/uk month name in any case or short form; None otherwise."""
    word = word.lower().rstrip(".")
    for stem, number in _MONTH_STEMS.items():
        if word.startswith(stem):
            return number
    return None


def make_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """The date, or None when there is no such day (2023-02-30)."""
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


_ISO_FULL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_CJK_FULL = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_DOTTED_FULL = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# The same with its full stop optional at the end of a date ("2001 р").
_YEAR_WORD = re.compile(
    r"\s*(?:"
    + "|".join(
        re.escape(w.rstrip(".")) + "\\.?" * w.endswith(".")
        for lang in LANGUAGES.values()
        for w in lang.year_words
    )
    + ")$"
)
_DMY_FULL = re.compile(rf"(\d{{1,2}})\s+({_MONTH_WORD})\s+(\d{{4}})")
_MDY_FULL = re.compile(rf"({_MONTH_WORD})\s+(\d{{1,2}}),\s*(\d{{4}})")
_MY_FULL = re.compile(rf"({_MONTH_WORD}),?\s+(\d{{4}})")
_YMD_SEP_FULL = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})")
_DMY_DASHED_FULL = re.compile(rf"(\d{{1,2}})\s?-\s?({_MONTH_WORD})\s?-\s?(\d{{4}})")
_YMD_WORDS_FULL = re.compile(rf"(\d{{4}}),?\s({_MONTH_WORD})(?:\s(\d{{1,2}}))?")


@lru_cache(maxsize=4096)  # reference lists repeat the same few dates
def parse_date(text: str) -> PartialDate | None:
    """Read one date (``2023-09-13``, ``2023年9月13日``, ``14 February 2023``, ``22 сентября 2020
    года``, ``04.12.2022``…); None when ``text`` is not a date."""
    text = text.strip().rstrip(".,;")
    if m := _ISO_FULL.fullmatch(text):
        return make_date(int(m[1]), _int(m[2]), _int(m[3]))
    if m := _CJK_FULL.fullmatch(text):
        return make_date(int(m[1]), _int(m[2]), _int(m[3]))
    if m := _DOTTED_FULL.fullmatch(text):
        return make_date(int(m[3]), int(m[2]), int(m[1]))
    if m := _YMD_SEP_FULL.fullmatch(text):
        return make_date(int(m[1]), int(m[3]), int(m[4]))
    text = _YEAR_WORD.sub("", text)
    if m := _DMY_FULL.fullmatch(text):
        month = month_number(m[2])
        return make_date(int(m[3]), month, int(m[1])) if month else None
    if m := _MDY_FULL.fullmatch(text):
        month = month_number(m[1])
        return make_date(int(m[3]), month, int(m[2])) if month else None
    if m := _DMY_DASHED_FULL.fullmatch(text):
        month = month_number(m[2])
        return make_date(int(m[3]), month, int(m[1])) if month else None
    if m := _YMD_WORDS_FULL.fullmatch(text):
        month = month_number(m[2])
        return make_date(int(m[1]), month, _int(m[3])) if month else None
    if m := _MY_FULL.fullmatch(text):
        month = month_number(m[1])
        return make_date(int(m[2]), month) if month else None
    return None


def _int(group: str | None) -> int | None:
    return int(group) if group else None
