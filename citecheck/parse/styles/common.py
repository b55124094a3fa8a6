"""What every citation style reads the same way: the fields a style returns, name lists, dates,
pages and the splitting of an entry into its pieces.

A style's reader gets the entry's *body*: the text left once the shared clauses (URLs, access and
archive notes, identifiers, language labels, explicit page locators) are taken out by reftext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.model import PartialDate
from citecheck.parse.dates import DATE_PATTERN, parse_date


@dataclass(frozen=True)
class Fields:
    """What a style read from an entry's body. ``leftover`` is text it could not place."""

    authors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None
    published: PartialDate | None = None
    pages: str | None = None
    leftover: tuple[str, ...] = ()
    # False for a short citation ("Wells, p. 6"), which names no title on purpose.
    titled: bool = True


DATE = re.compile(DATE_PATTERN)
YEAR = re.compile(r"(?<![\d.])(?:1[5-9]|20)\d{2}(?![\d])")
# A page or page range without its "pp.": 481-494, 3–12, e0147295, 3_12-3_28.
PAGE_RANGE = r"[A-Za-z]{0,2}\d[\dA-Za-z_]*(?:\s?[–—−-]\s?[A-Za-z]{0,2}\d[\dA-Za-z_]*)?"
_EDGES = " \t.,;:。，、；：—–"
_QUOTES = "\"“”«»'‘’「」『』《》"


def clean(text: str | None) -> str | None:
    """The text without edge punctuation and spaces; None when nothing is left."""
    if text is None:
        return None
    text = text.strip(_EDGES)
    return text or None


def unquote(text: str) -> str:
    """A title without the quotes around it: "Title," -> Title."""
    text = text.strip(_EDGES)
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip(" ,")
    return text


def date_of(text: str) -> PartialDate | None:
    """The first date written in ``text``."""
    for m in DATE.finditer(text):
        if (date := parse_date(m.group(0))) is not None:
            return date
    return None


def only_date(text: str) -> PartialDate | None:
    """The date when ``text`` is nothing but a date (edge punctuation and brackets aside)."""
    text = text.strip(_EDGES + "[]()（）")
    return parse_date(text) if text and DATE.fullmatch(text) else None


def split_outside(text: str, separators: str) -> list[str]:
    """Split at any of the ``separators`` characters that stand outside brackets and quotes."""
    pieces: list[str] = []
    depth = 0
    start = 0
    quoted = False
    for i, ch in enumerate(text):
        if ch in "([（【《「『“«":
            depth += 1
        elif ch in ")]）】》」』”»" and depth:
            depth -= 1
        elif ch == '"':
            quoted = not quoted
        elif ch in separators and not depth and not quoted:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return join_name_lists([p.strip() for p in pieces if p.strip(_EDGES)])


_AND_PAIR = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'’-]*(?: [A-ZА-ЯЁІЇЄҐ][\w'’-]*)? (?:and|и|і|та|&) \S+")
_ONE_NAME = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'’-]*")


def join_name_lists(pieces: list[str]) -> list[str]:
    """Pieces that a publisher's own commas parted, put back: "Wilkins", "Wilkinson and Evans"
    -> "Wilkins, Wilkinson and Evans" (firms named after their founders)."""
    out: list[str] = []
    for piece in pieces:
        if out and _AND_PAIR.fullmatch(piece):
            start = len(out)
            while start and _ONE_NAME.fullmatch(out[start - 1]):
                start -= 1
            if start < len(out):
                out[start:] = [", ".join([*out[start:], piece])]
                continue
        out.append(piece)
    return out


# Words that close an author list: "et al.", GB/T's 等, Japanese 他, GOST's "и др.", "та ін.".
_ET_AL = re.compile(r"(?:,?\s*(?:et al\.?|\[et al\.\]|и др\.?|та ін\.?)|\s*[等他])\s*$")
_NAME_SPLIT = re.compile(r"\s*(?:[,，、;；]\s*(?:and\s+|&\s*)?|\s+and\s+|\s+&\s+|\s+и\s+|\s+та\s+)")


def split_names(text: str) -> tuple[str, ...]:
    """The names of an author list: "A, B and C", "蔡维德, 郁莲, 等", "Lewis P. et al."."""
    text = _ET_AL.sub("", text.strip(_EDGES)).strip(_EDGES)
    names = (_ET_AL.sub("", n).strip(" ,;") for n in _NAME_SPLIT.split(text))
    return tuple(n for n in names if n)


# CJK names as Latin-script styles list them: "柳丽丽, 任佳, and 伍玉兰", "岡本 真綾, & 小林 裕太",
# "中村 修平 and 木村 稔", "吴瑜, et al.": a family name, perhaps a space and a given name.
# (他 and 等 after a space are "and others", not a given name.)
CJK_NAME = (
    r"[\u3005\u3400-\u9fff]{1,4}"
    r"(?: (?![他等](?:[\s,.、，]|$))[\u3005\u3040-\u30ff\u3400-\u9fff]{1,4})?"
)
CJK_SEP = r"(?:,\s(?:&\s|and\s)?|\s(?:and|&)\s|、|，\s?)"
CJK_NAMES = rf"{CJK_NAME}(?:{CJK_SEP}{CJK_NAME})*"
_CJK_LIST = re.compile(rf"({CJK_NAMES})(?:,?\s?(?:et al\.?|等|他))?")
_CJK_SPLIT = re.compile(CJK_SEP)


def cjk_names(head: str) -> tuple[str, ...]:
    """The names when the whole head is a list of CJK names, else nothing."""
    m = _CJK_LIST.fullmatch(head.strip(" .,"))
    return tuple(_CJK_SPLIT.split(m.group(1))) if m else ()


_CONNECTORS = re.compile(r"\b(?:and|et al|и|і|та|и др|та ін)\b")


def covers(names: tuple[str, ...], head: str) -> bool:
    """Whether the names account for all the letters of the head, but for "and" and "et al"."""
    letters = sum(ch.isalnum() for ch in _CONNECTORS.sub("", head))
    return bool(names) and sum(ch.isalnum() for n in names for ch in n) >= letters - 1


_NOT_A_NAME = re.compile(r"\b(?:1[5-9]|20)\d\d\b|\d{5,}|https?:|[\[\]{}<>|=]|[.!?]\s\S+\s")


def plausible_names(names: tuple[str, ...], *, max_words: int = 6) -> bool:
    """Whether every piece could be a person's or a body's name: short, no long numbers."""
    return bool(names) and all(
        len(n) <= 60 and len(n.split()) <= max_words and not _NOT_A_NAME.search(n) for n in names
    )


# Where a book was published: "Boston : Pearson, 2015", "М.: Наука, 2019", "北京: 某出版社, 2019".
IMPRINT = re.compile(
    r"(?<![\w-])(?P<place>[A-ZÀ-ÞА-ЯЁІЇЄҐ\u4e00-\u9fff][^.,:;/]{0,25}?\.?)\s?[:：]\s?"
    r"(?P<publisher>[^\d\s,:;/—–][^,:;/—–]*?(?:,\s(?:Inc|LLC|Ltd)\.?)?),"
    rf"\s?(?P<date>{DATE_PATTERN})"
)
# Places often written alone before a year ("Одеса, 2022") or after a conference name.
PLACES = frozenset(
    [
        *("М", "Москва", "СПб", "Санкт-Петербург", "Минск", "Новосибирск", "Екатеринбург"),
        *("Казань", "К", "Київ", "Киев", "Х", "Харків", "Харьков", "Л", "Львів", "Одеса"),
        *("Одесса", "Запоріжжя", "Дніпро", "Russia", "Moscow", "Ukraine", "Kyiv", "London"),
        *("Boston", "Berlin", "Paris", "Tokyo", "Beijing", "北京", "上海", "東京", "New York"),
        *("Нью-Йорк", "Cham", "Heidelberg"),
    ]
)


# A book's imprint closing the entry in brackets: "(Routledge, 2023)", "(MIT Press, Cambridge,
# MA, 1992)": the publisher comes first, the year last.
_BRACKETED_IMPRINT = re.compile(r"\s?\(([^(),]+)(?:,\s[^(),]+)*,\s((?:1[5-9]|20)\d\d)\)$")


def bracketed_imprint(text: str) -> tuple[str, str | None, PartialDate | None]:
    """The text without a closing "(Publisher, Place, Year)", the publisher and the year."""
    m = _BRACKETED_IMPRINT.search(text)
    if m is None or not text.endswith(")"):
        return text, None, None
    return text[: m.start()].rstrip(" .,"), clean(m.group(1)), parse_date(m.group(2))


def is_place(text: str) -> bool:
    return text.strip(_EDGES) in PLACES
