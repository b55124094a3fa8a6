"""Dates and numbers a text states, normalised so that one fact written in different languages,
scripts and units compares equal.

:func:`facts_in` scans a text once with one compiled regular expression (no nested quantifier
can backtrack: every repeated group starts with a separator its body cannot match) and returns
its :class:`Fact` objects in text order. Full-width digits are read as ASCII digits; offsets are
the text's own.

Keys (:attr:`Fact.value`):

- dates at their precision, ISO 8601: ``2023-09-13``, ``2023-09``, ``2023``; without a year
  ``--09-13`` (13 September), ``--09`` (九月), ``---13`` (13日). :func:`resolve` fills the missing
  parts from a reference date (the page's own).
- numbers: the value, then the unit's key when there is one: ``1300 km``, ``45 %``, ``2 h``,
  ``1300``. Counts of people (人, человек, people) and money in no known currency stay
  unit-less.

Separators. ``1,5`` and ``1.25`` are decimals; ``1 300`` (any space), ``1,300,000`` and
``1.300.000`` group thousands. A single group of three digits after one ``,`` or ``.``
(``1,300``, ``1.300``) is the one ambiguous case: it is read as the ``language`` argument writes
numbers (ru, uk, fr, pt, de…: ``.`` groups, ``,`` is the decimal sign; en, zh, ja: the other way
round). Without a language both are read as thousands (what en, zh and ja pages write, and what
a dot most often means there), and ``1.300`` is flagged :attr:`Fact.weak`.

Two comparisons, both precision first: :func:`matches` (does the source state what the claim
states?) and :func:`conflicts` (does it state something else?) need the same unit; a pair may
do neither (can't tell). See their docstrings for the rounding each allows.

Digits inside words and URLs (``G7``, ``COVID-19``, ``A320``, ``http://x/2023``), list markers
(``[3]``, ``1.`` starting a line), clock times (``18:45``, ``13h36``) and ordinals (``第3``)
are no facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from citecheck.lang import LANGUAGES, merged, union
from citecheck.model import PartialDate
from citecheck.parse.dates import make_date, month_number

__all__ = [
    "Fact",
    "FactKind",
    "conflicts",
    "facts_in",
    "matches",
    "resolve",
]


class FactKind(StrEnum):
    DATE = "date"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Fact:
    """One date or number as a text states it."""

    kind: FactKind
    # The normalised key: "2023-09-13", "--09-13", "1300 km", "45 %", "1300".
    value: str
    # As written, and where: text[start:end] == text.
    text: str
    start: int
    end: int
    # A date's parts; None where the text does not say.
    year: int | None = None
    month: int | None = None
    day: int | None = None
    # A number's value and unit key ("" when unit-less).
    amount: Decimal | None = None
    unit: str = ""
    # The last place the number was written to: 1 for "1300", 0.1 for "1.3", 100 000 for
    # "1,2 млн"; rounding_step also counts trailing zeros ("1300" may be rounded to 100).
    step: Decimal = Decimal(1)
    rounding_step: Decimal = Decimal(1)
    # "about", "约", "около" before it, or "左右" after.
    approximate: bool = False
    # May not be what it seems (an ambiguous separator, a leading zero): never matches or
    # conflicts.
    weak: bool = False

    @property
    def precision(self) -> str:
        """A date's finest part: "day", "month" or "year" ("" for numbers)."""
        if self.kind is not FactKind.DATE:
            return ""
        return "day" if self.day else "month" if self.month else "year"


# --- the words, from the language modules ---------------------------------------------------------

# Latin and Cyrillic letters: digits next to one are part of a word (G7, A320, 5G).
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿА-Яа-яЁёІіЇїЄєҐґ"
# Full-width digits, percent and full stop, one character each, so offsets stay the text's.
_FULL_WIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"％": "%", "．": "."})
# French and Portuguese month names (pages are cited in them; no language module yet).
_OTHER_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3,
    "abril": 4, "maio": 5, "junho": 6, "julho": 7, "agosto": 8, "setembro": 9, "outubro": 10,
    "novembro": 11, "dezembro": 12,
}  # fmt: skip
# Languages whose "1.300" is a thousand and three hundred and "1,300" is one and three tenths.
_COMMA_DECIMAL = frozenset({"ru", "uk", "fr", "pt", "de", "es", "it", "nl", "pl", "be", "tr"})
# Currency signs written before a number.
_CURRENCY_SIGNS = {"$": "usd", "€": "eur", "£": "gbp"}

_UNITS = merged("unit_words")
_MULTIPLIERS = merged("multiplier_words")
_NUMERALS = merged("number_words")
_APPROXIMATE = tuple(sorted(union("approximate_words"), key=len, reverse=True))
_APPROXIMATE_AFTER = tuple(sorted(union("approximate_suffixes"), key=len, reverse=True))


def _alternation(words: object) -> str:
    """Escaped alternatives, longest first, spaces in a phrase matching any space."""
    ordered = sorted(words, key=lambda w: (-len(w), w))  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s") for w in ordered)


_MONTH = (
    rf"(?<![{_LETTER}])(?i:{_alternation(_OTHER_MONTHS)}|"
    + "|".join(lang.month_pattern for lang in LANGUAGES.values() if lang.month_pattern)
    + rf")\.?(?![{_LETTER}])"
)
_SPACE = r"[\s\u00a0\u2009\u202f]"
_MONTH_AHEAD = rf"[{_LETTER}]{{3,10}}\.?,?{_SPACE}+(?:de{_SPACE}+)?\d"
_YEAR_WORDS = _alternation(union("year_words"))
_POWERS = "十百千万萬亿億"
_NUMERAL_CHARS = "".join(sorted(_NUMERALS)) + "万萬亿億"

# One alternative per form, each in a group of its own name; inner groups are named by
# their form's letter. Longer forms first, so that a date is not read as its numbers.
_PATTERN = re.compile(
    "|".join(
        (
            r"(?P<url>(?:https?://|www\.)[^\s<>\"'）)]+)",
            # [3], and a list's number at the start of a line ("1. ").
            r"(?P<marker>\[\d{1,4}\]|(?m:^)[ \t]*\d{1,3}\.(?=[ \t]))",
            # Everything that starts with a digit is no part of a word.
            rf"(?=\d)(?<![{_LETTER}\d_])(?<![{_LETTER}]-)(?:"
            + "|".join(
                (
                    r"(?P<time>\d{1,2}(?::|h(?=\d\d))\d\d(?!\d))",
                    r"(?P<ymd>(?P<a_y>\d{4})(?P<a_s>[-/.])(?P<a_m>\d{1,2})(?P=a_s)(?P<a_d>\d{1,2})(?![\d.]\d))",
                    r"(?P<ym>(?P<b_y>\d{4})-(?P<b_m>0[1-9]|1[0-2])(?![\d-]))",
                    r"(?P<dmy>(?P<c_d>\d{1,2})\.(?P<c_m>\d{1,2})\.(?P<c_y>\d{4})(?!\d))",
                    rf"(?P<cjk>(?P<d_y>\d{{4}}){_SPACE}*年(?:{_SPACE}*(?P<d_m>\d{{1,2}}){_SPACE}*月"
                    rf"(?:{_SPACE}*(?P<d_d>\d{{1,2}}){_SPACE}*[日号號])?)?)",
                    rf"(?P<md>(?P<e_m>\d{{1,2}}){_SPACE}*月(?:{_SPACE}*(?P<e_d>\d{{1,2}}){_SPACE}*[日号號])?)",
                    r"(?P<d>(?P<f_d>\d{1,2})\s*日(?![間间元本]))",
                    r"(?P<slash>(?P<g_m>\d{1,2})/(?P<g_d>\d{1,2})(?=\s*[(（][月火水木金土日][)）]))",
                    rf"(?P<words>(?P<h_d>\d{{1,2}})(?:er)?{_SPACE}+(?:de{_SPACE}+)?(?P<h_m>{_MONTH})"
                    rf"(?:,?{_SPACE}+(?:de{_SPACE}+)?(?P<h_y>\d{{4}})(?!\d)(?:{_SPACE}*(?:{_YEAR_WORDS}))?)?)",
                    rf"(?P<year>(?:1[5-9]|20)\d\d(?![\d.,]\d)(?!{_SPACE}*(?:{_alternation(_MULTIPLIERS)}|"
                    rf"{_alternation(k for k, v in _UNITS.items() if v not in ('y', ''))})))",
                    # A number: digits with separators, read by _read_digits.
                    r"(?P<num>(?P<n_v>\d+(?:(?:[.,\u00a0\u2009\u202f]|\x20(?=\d{3}(?!\d)))\d+)*))",
                )
            )
            + ")",
            # Month names are tried only at a word followed by a number (a cheap look first).
            rf"(?<![{_LETTER}])(?={_MONTH_AHEAD})(?:"
            rf"(?P<mdy>(?P<i_m>{_MONTH}){_SPACE}+(?P<i_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d{_LETTER}])"
            rf"(?:,?{_SPACE}+(?P<i_y>\d{{4}})(?!\d))?)",
            rf"(?P<my>(?P<j_m>{_MONTH}),?{_SPACE}+(?:de{_SPACE}+)?(?P<j_y>\d{{4}})(?!\d)"
            rf"(?:{_SPACE}*(?:{_YEAR_WORDS}))?))",
            rf"(?P<percent_of>百分之(?P<p_v>\d+(?:\.\d+)?|[{_NUMERAL_CHARS}]+))",
            rf"(?P<numeral>(?=[{_NUMERAL_CHARS}])(?<![第{_NUMERAL_CHARS}])[{_NUMERAL_CHARS}]+)",
        )
    )
)
# What may follow a number: a multiplier, then a unit.
_AFTER = re.compile(
    rf"(?:{_SPACE}*(?P<mult>{_alternation(_MULTIPLIERS)})\.?)?"
    rf"(?:{_SPACE}*(?P<unit>{_alternation(_UNITS)}))?(?![{_LETTER}])"
)
_AFTER_NUMERAL = re.compile(rf"(?P<mult>)(?:(?P<unit>{_alternation(_UNITS)})(?![{_LETTER}]))?")


# Every fact has a digit or a numeral (百分之 too starts with one: 百).
_MAY_STATE = re.compile(rf"[\d{_NUMERAL_CHARS}]")


# --- reading --------------------------------------------------------------------------------------


def facts_in(text: str, language: str | None = None) -> tuple[Fact, ...]:
    """The dates and numbers ``text`` states, in text order. ``language`` (the text's, as a
    BCP-47 code) decides how ``1.300`` and ``1,300`` read; see the module's docstring."""
    plain = text.translate(_FULL_WIDTH)
    if not _MAY_STATE.search(plain):
        return ()  # most of a page's paragraphs: the pattern below costs far more to fail
    comma_decimal = None if language is None else language.split("-")[0] in _COMMA_DECIMAL
    found: list[Fact] = []
    for m in _PATTERN.finditer(plain):
        kind = m.lastgroup
        fact = None
        if kind in _DATE_FORMS:
            fact = _date(m, kind)
        elif kind == "num":
            fact = _number(plain, m, comma_decimal)
        elif kind == "numeral":
            fact = _numeral(plain, m)
        elif kind == "percent_of":
            fact = _percent_of(m)
        if fact is not None:
            found.append(replace(fact, text=text[fact.start : fact.end]))
    return tuple(found)


_DATE_FORMS = {
    "ymd": "a", "ym": "b", "dmy": "c", "cjk": "d", "md": "e", "d": "f", "slash": "g",
    "words": "h", "year": "", "mdy": "i", "my": "j",
}  # fmt: skip


def _date(m: re.Match[str], kind: str) -> Fact | None:
    letter = _DATE_FORMS[kind]
    if not letter:
        return _date_fact(m, int(m[kind]), None, None)
    parts = m.groupdict()
    year, month, day = (parts.get(f"{letter}_{p}") for p in "ymd")
    month_value = _month(month) if month else None
    if month and month_value is None:
        return None
    return _date_fact(m, int(year) if year else None, month_value, int(day) if day else None)


def _month(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    word = text.lower().rstrip(".")
    return _OTHER_MONTHS.get(word) or month_number(word)


def _date_fact(
    m: re.Match[str], year: int | None, month: int | None, day: int | None
) -> Fact | None:
    if not _valid(year, month, day):
        return None
    return Fact(
        FactKind.DATE, _date_key(year, month, day), m[0], m.start(), m.end(), year, month, day
    )


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and not 1 <= day <= 31:
        return False
    # Without a year, 29 February may still be a day.
    return make_date(year or 2000, month, day if month else None) is not None


def _date_key(year: int | None, month: int | None, day: int | None) -> str:
    if year is not None:
        return "-".join((f"{year:04d}", *(f"{p:02d}" for p in (month, day) if p is not None)))
    if month is None:
        return f"---{day:02d}"
    return f"--{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _read_digits(digits: str, comma_decimal: bool | None) -> tuple[Decimal, int, bool] | None:
    """The value of digits with separators, the number of decimals written, and whether the
    reading is a guess; None when no number is written so (1.2.3, 10.0.0.1)."""
    seps = re.findall(r"\D", digits)
    groups = re.split(r"\D", digits)
    if not seps:
        return Decimal(digits), 0, False
    spaces = {s for s in seps if s not in ".,"}
    marks = [s for s in seps if s in ".,"]
    decimal_sign = ""
    guess = False
    if spaces:
        # Spaces group thousands; a last , or . is the decimal sign.
        if len(marks) > 1 or (marks and seps[-1] not in ".,"):
            return None
        decimal_sign = marks[0] if marks else ""
    elif len(set(marks)) == 2:
        decimal_sign = seps[-1]
        if seps.count(decimal_sign) > 1:
            return None
    elif len(marks) > 1:
        decimal_sign = ""
    elif len(groups[-1]) == 3 and groups[0] != "0" and len(groups[0]) <= 3:
        # 1,300 or 1.300: see the module's docstring.
        mark = marks[0]
        if comma_decimal is None:
            guess = mark == "."
        elif (mark == ",") == comma_decimal:
            decimal_sign = mark
    else:
        decimal_sign = marks[0]
    whole = groups[:-1] if decimal_sign else groups
    if any(len(g) != 3 for g in whole[1:]) or (len(whole[0]) > 3 and len(whole) > 1):
        return None
    if decimal_sign:
        number = "".join(whole) + "." + groups[-1]
        return Decimal(number), len(groups[-1]), guess
    return Decimal("".join(groups)), 0, guess


def _number(plain: str, m: re.Match[str], comma_decimal: bool | None) -> Fact | None:
    read = _read_digits(m["n_v"], comma_decimal)
    if read is None:
        return None
    amount, decimals, weak = read
    weak = weak or (len(m["n_v"]) > 1 and m["n_v"][0] == "0" and decimals == 0)
    step = Decimal(1).scaleb(-decimals)
    rounding = step
    if not decimals:
        digits = re.sub(r"\D", "", m["n_v"])
        whole = digits.rstrip("0")
        rounding = Decimal(1).scaleb(len(digits) - len(whole)) if whole else step
    start = m.start()
    if start and plain[start - 1] == "第":
        return None  # an ordinal
    return _quantity(plain, start, m.end(), amount, step, rounding, weak, _AFTER)


def _quantity(
    plain: str,
    start: int,
    end: int,
    amount: Decimal,
    step: Decimal,
    rounding: Decimal,
    weak: bool,
    after: re.Pattern[str],
) -> Fact | None:
    tail = after.match(plain, end)
    unit = ""
    if tail is not None:
        if tail["mult"]:
            factor = _MULTIPLIERS[tail["mult"].lower()]
            amount, step, rounding = amount * factor, step * factor, rounding * factor
        if tail["unit"]:
            unit = _UNITS[re.sub(r"\s+", " ", tail["unit"].lower())]
        end = tail.end() if tail["mult"] or tail["unit"] else end
    if end < len(plain) and re.match(f"[{_LETTER}]", plain[end]):
        return None  # digits of a word: 5G, 320A
    if not unit and start and plain[start - 1] in _CURRENCY_SIGNS:
        start -= 1
        unit = _CURRENCY_SIGNS[plain[start]]
    approximate = _approximate(plain, start, end)
    if rounding < step:
        rounding = step
    value = _format(amount) + (f" {unit}" if unit else "")
    return Fact(
        FactKind.NUMBER, value, plain[start:end], start, end, amount=amount, unit=unit,
        step=step, rounding_step=rounding, approximate=approximate, weak=weak,
    )  # fmt: skip


def _approximate(plain: str, start: int, end: int) -> bool:
    before = plain[max(0, start - 16) : start].rstrip().lower()
    for word in _APPROXIMATE:
        if before.endswith(word):
            cut = len(before) - len(word)
            # A word of a spaced language stands alone: "some", not "handsome".
            if not word.isascii() or cut == 0 or not before[cut - 1].isalpha():
                return True
    return plain.startswith(_APPROXIMATE_AFTER, end) if _APPROXIMATE_AFTER else False


def _format(amount: Decimal) -> str:
    text = format(amount.normalize(), "f")
    return text


def _numeral_value(text: str) -> tuple[int, int] | None:
    """The value of Chinese or Japanese numerals (三千, 一百二十, 两, 一亿五千万) and the place
    they were written to; None when they are no number (万一, 千万 as "by all means")."""
    if text[0] in _POWERS[1:]:
        return None
    total = section = 0
    digit: int | None = None
    place = 1
    for ch in text:
        if ch in "万萬亿億兆":
            big = 10**4 if ch in "万萬" else 10**8 if ch in "亿億" else 10**12
            total += (section + (digit or 0)) * big
            section, digit, place = 0, None, big
            continue
        value = _NUMERALS[ch]
        if value < 10:
            if digit is not None:
                return None  # 一二: a list, not a number
            digit, place = value, 1
        else:
            section += (1 if digit is None else digit) * value
            digit, place = None, value
    return total + section + (digit or 0), place


def _numeral(plain: str, m: re.Match[str]) -> Fact | None:
    read = _numeral_value(m[0])
    if read is None:
        return None
    value, place = read
    tail = _AFTER_NUMERAL.match(plain, m.end())
    has_unit = tail is not None and bool(tail["unit"])
    # Alone, a numeral is a word more often than a number (一直, 十分); with a power (十五,
    # 三千) or a unit (两小时) it is a number.
    if not has_unit and (len(m[0]) < 2 or not any(c in _POWERS for c in m[0])):
        return None
    step = Decimal(place)
    return _quantity(plain, m.start(), m.end(), Decimal(value), step, step, False, _AFTER_NUMERAL)


def _percent_of(m: re.Match[str]) -> Fact | None:
    digits = m["p_v"]
    if digits[0].isdigit():
        decimals = len(digits.partition(".")[2])
        amount, step = Decimal(digits), Decimal(1).scaleb(-decimals)
    else:
        read = _numeral_value(digits)
        if read is None:
            return None
        amount, step = Decimal(read[0]), Decimal(read[1])
    return Fact(
        FactKind.NUMBER, f"{_format(amount)} %", m[0], m.start(), m.end(), amount=amount,
        unit="%", step=step, rounding_step=step,
    )  # fmt: skip


# --- comparing ------------------------------------------------------------------------------------


def resolve(fact: Fact, reference: PartialDate) -> Fact:
    """A date without its year (or month) completed from ``reference``, the date of the page
    that states it: ``13日`` on a page of 2023-09-14 is 2023-09-13. The parts are taken as
    they are (the 28th on a page of 2 October stays in October). Other facts, and dates the
    reference cannot complete, come back unchanged."""
    if fact.kind is not FactKind.DATE or fact.year is not None:
        return fact
    month = fact.month if fact.month is not None else reference.month
    if month is None and fact.day is not None:
        return fact
    if make_date(reference.year, month, fact.day) is None:
        return fact
    return replace(
        fact, year=reference.year, month=month, value=_date_key(reference.year, month, fact.day)
    )


def matches(claim: Fact, source: Fact) -> bool:
    """Whether ``source`` states what ``claim`` states.

    A date matches a source date that gives every part the claim gives, with the same value
    (``September 2023`` is supported by ``2023-09-13``, not the other way round).

    A number matches a source number in the same unit (unit-less with unit-less) that is at
    least as precise and rounds to the claim at the place the claim was written to: ``1.3
    million`` is supported by ``1,296,000``. Trailing zeros count as rounding only when the
    claim says so ("about 1,300 km" is supported by "1,296 km"; a bare "1,300 km" is not, nor
    does it conflict: can't tell). The same value always matches (``102,000 t`` and ``10.2万吨``).
    """
    if claim.kind is not source.kind or claim.weak or source.weak:
        return False
    if claim.kind is FactKind.DATE:
        return all(
            c is None or c == s
            for c, s in (
                (claim.year, source.year),
                (claim.month, source.month),
                (claim.day, source.day),
            )
        )
    if claim.unit != source.unit or claim.amount is None or source.amount is None:
        return False
    if claim.amount == source.amount:  # 102,000 t is 10.2万吨, however each was rounded
        return True
    step = _step(claim)
    if _step(source) > step:
        return False
    return abs(claim.amount - source.amount) * 2 <= step


def conflicts(claim: Fact, source: Fact) -> bool:
    """Whether ``source`` states something else than ``claim`` on the same matter.

    Dates conflict when both give their year, both give a month or neither does, and they
    differ on a part both give (resolve dates without a year first). Numbers conflict only in
    the same unit (two unit-less numbers may count different things) when no rounding of
    either reaches the other: each stands for the interval it may have been rounded from,
    trailing zeros included, twice as wide when said to be approximate, and the intervals do
    not overlap (2 h and 3 h conflict; 1,300 km and 1,296 km do not).
    """
    if claim.kind is not source.kind or claim.weak or source.weak:
        return False
    if claim.kind is FactKind.DATE:
        if claim.year is None or source.year is None:
            return False
        if (claim.month is None) != (source.month is None):
            # A day and a bare year ("14 October 2016", "acquired in 2014") are seldom the
            # same event's: no conflict.
            return False
        pairs = ((claim.year, source.year), (claim.month, source.month), (claim.day, source.day))
        return any(c is not None and s is not None and c != s for c, s in pairs)
    if not claim.unit or claim.unit != source.unit:
        return False
    if claim.amount is None or source.amount is None:
        return False
    reach = _reach(claim) + _reach(source)
    return abs(claim.amount - source.amount) >= reach


def _step(fact: Fact) -> Decimal:
    return fact.rounding_step if fact.approximate else fact.step


def _reach(fact: Fact) -> Decimal:
    """Half the width of the interval a number may have been rounded from."""
    return fact.rounding_step if fact.approximate else fact.rounding_step / 2
