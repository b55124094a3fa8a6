"""GB/T 7714-2015, the Chinese national standard, in Chinese and English entries alike.

    蔡维德, 郁莲, 王星, 等. 基于区块链的电子投票系统研究[J]. 软件学报, 2018, 29(10): 2912-2933.
    王珊, 萨师煊. 数据库系统概论[M]. 北京: 高等教育出版社, 2019.
    McCorry P, Hao F. A smart contract …[C]//Financial Cryptography. Cham: Springer, 2017: 357-375.
    VLLM TEAM. KV Offloading Usage Guide[EB/OL]. (2026-07-20)[2026-07-26]. https://…

The document-type mark ([J] journal, [M] book, [C] proceedings, [D] thesis, [R] report,
[EB/OL] online…) ends the title; the authors run to the first full stop before it; after it come
the container (``//`` for a part of a proceedings) and the imprint ``Place: Publisher, Year`` or
``Journal, Year, Volume(Issue): Pages``. Dates in brackets are taken by reftext.
"""

from __future__ import annotations

import re
import unicodedata

from citecheck.model import PartialDate
from citecheck.parse.dates import DATE_PATTERN, parse_date
from citecheck.parse.styles.common import (
    CJK_NAMES,
    IMPRINT,
    PAGE_RANGE,
    Fields,
    clean,
    only_date,
    plausible_names,
    split_names,
)

NAME = "GB/T 7714"
BRACKETED_ACCESS = True
PAREN_DATES = True

_TYPES = r"(?:J|M|C|N|D|R|S|P|A|G|Z|K|CP|DB|EB|DS|CM)(?:/(?:OL|MT|DK|CD))?"
_MARK = re.compile(rf"\[{_TYPES}\]")
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
# A footnote number glued to the title: "PagedAttention 失效后世界会怎样？[4][EB/OL]".
_TRAILING_NOTE = re.compile(r"(?:\s*\[\d{1,3}\])+$|\.?\s*\(\d{4}\)$")
_AUTHOR_STOP = re.compile(r"\.\s+|\.(?=[^\s.\w])|(?<=[^\x00-\x7f])\.")
# "Journal, 2019, 42(3): 1-10", "Journal, 2025", "Cham: Springer, 2017: 357-375", "2020: 9459-9474".
_SERIAL = re.compile(
    rf"(?:(?P<container>[^,]+?),\s*)?(?P<date>{DATE_PATTERN})"
    rf"(?:,\s*[^:,]*?)?(?:\s*:\s*(?P<pages>{PAGE_RANGE}))?"
)
# (The author-date variant moves the year to the head: "Journal, 29(1): 1709-1745.")
_JOURNAL_END = re.compile(rf"\.\s[^.]+,\s(?:(?:1[5-9]|20)\d\d,\s)?\d+\(\d+\):\s?{PAGE_RANGE}\.?$")
_SERIAL_NO_YEAR = re.compile(
    rf"(?P<container>[^,]+?),\s*\d+(?:\(\d+\))?:\s*(?P<pages>{PAGE_RANGE})"
)
_YEAR_AFTER_NAMES = re.compile(r",\s*\[?((?:1[5-9]|20)\d\d)\]?[a-z]?$")
# "Anonymous", as GB/T writes it when no author is known.
_ANONYMOUS = frozenset({"佚名", "Anon", "Anonymous", "无名氏"})
_EDITION = re.compile(r"\d+(?:st|nd|rd|th)? ed\.?|第\s*\d+\s*版|\d+\s*版", re.I)
# Without a type mark (books and chapters, as some tools print them) the names say GB/T: a
# capitalised surname and bare initials, "REYNOLDS N, PINEDA J M", "ФОКИНА У К", or CJK names;
# the author-date variant puts the year after them.
_UP = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_CAPS_NAME = rf"[{_UP}][{_UP}'’ʼ-]+(?: [{_UP}][{_UP}'’ʼ-]+)?(?: [{_UP}]){{1,3}}"
_CAPS_NAMES = rf"{_CAPS_NAME}(?:, {_CAPS_NAME})*(?:,? (?:et al|等)\.?)?"
_HEAD = re.compile(
    rf"(?P<names>{_CAPS_NAMES}|{CJK_NAMES}(?:, 等)?)(?:, (?P<year>(?:1[5-9]|20)\d\d)[a-z]?)?\.\s"
)
_CAPS_HEAD = re.compile(rf"{_CAPS_NAMES}(?:, (?:1[5-9]|20)\d\d[a-z]?)?\.\s")
_EDITOR = re.compile(rf"(?:{_CAPS_NAMES}|{CJK_NAMES})(?:, eds?\.?|, 编|, 主编)?")
# A part's host, glued to the title: "Title//EDITOR A. Book. Place: Publisher, 2020: 5-6".
_HOST = re.compile(r"(?<=[^\s:/])//(?=[^\s/])")
# The imprint closing a book: "Place: Publisher", "Place: Publisher, 2020", "…: 5-6".
_BOOK_IMPRINT = re.compile(
    rf"[{_UP}\u4e00-\u9fff\u3040-\u30ff][^.:\d\[\]]{{0,30}}:\s?"
    rf"(?P<publisher>[^:\d\s\[\]()][^:\[\]()]*?)"
    rf"(?:,\s?(?P<date>{DATE_PATTERN}))?(?:\s?:\s?(?P<pages>{PAGE_RANGE}))?"
)


def detect(text: str) -> float:
    if "[" in text and _MARK.search(text):
        return 1.0
    if "［" in text and _MARK.search(unicodedata.normalize("NFKC", text)):
        return 1.0
    # Without its mark the journal article still ends "Journal, 2022, 21(1): 476-492.".
    if "):" in text and _JOURNAL_END.search(text):
        # With GB/T's own names first ("莫桂芝, 巩强, 2016. Title. Journal, 20(7): 1-2") it is
        # surer than Vancouver's reading of the same names.
        return 0.95 if _HEAD.match(text) else 0.7
    if "//" in text and ":" in text and _HOST.search(text) and _HEAD.match(text):
        return 0.9
    # Capitalised names, or any names with the author-date year: "蒋春梅, 2003. Title.".
    if (
        ": " in text
        and (_CAPS_HEAD.match(text) or ((m := _HEAD.match(text)) and m.group("year")))
        and _book_imprint(text)
    ):
        return 0.8
    return 0.0


def _book_imprint(text: str) -> re.Match[str] | None:
    """The imprint when the entry's last sentence is one: "… Title. Place: Publisher, 2020"."""
    last = text.strip(" .").rpartition(". ")[2]
    return _BOOK_IMPRINT.fullmatch(last)


def read(text: str, *, zh: bool = False) -> Fields:
    # Chinese papers often set the whole entry in full-width punctuation: "王五，赵六．标题[J]．".
    text = unicodedata.normalize("NFKC", text) if _FULL_WIDTH.search(text) else text
    mark = _MARK.search(text)
    if mark is not None:
        head, tail = text[: mark.start()], text[mark.end() :]
    elif m := _JOURNAL_END.search(text):
        head, tail = text[: m.start()], text[m.start() :]
    else:
        return _read_markless(text.strip(" ."))
    head = _TRAILING_NOTE.sub("", head.strip()).strip(" .")
    authors: tuple[str, ...] = ()
    title = head
    published: PartialDate | None = None
    if stop := _AUTHOR_STOP.search(head):
        named = head[: stop.start()]
        # The author-date variant: "MCNEIL C, HIGGINS L, 2022. Title[EB/OL]".
        if m := _YEAR_AFTER_NAMES.search(named):
            published, named = parse_date(m.group(1)), named[: m.start()]
        names = tuple(n for n in split_names(named) if n not in _ANONYMOUS)
        if plausible_names(names, max_words=4) or (named and not names):
            authors, title = names, head[stop.end() :]
    if mark is None and ". " in title:
        # No mark ends the title: its first sentence is the title, the rest the journal's name
        # ("Известия РАН. Серия физическая, 2004, 80(8): 803-806").
        title, more = title.split(". ", 1)
        tail = f"{more}{tail}"
    container, date, pages = _read_tail(tail)
    return Fields(authors, clean(title), container, date or published, pages)


def _read_markless(text: str) -> Fields:
    """A book or a chapter printed without its mark: ``NAMES. Title. Place: Publisher, 2020``,
    ``NAMES, 2020. Title//EDITOR. Book. Place: Publisher: 5-6``."""
    authors: tuple[str, ...] = ()
    published: PartialDate | None = None
    if m := _HEAD.match(text):
        authors = split_names(m.group("names"))
        published = parse_date(m.group("year")) if m.group("year") else None
        text = text[m.end() :]
    if host := _HOST.search(text):
        title, tail = text[: host.start()], text[host.start() :]
    elif _book_imprint(text):
        title, _, tail = text.rpartition(". ")
    else:
        return Fields()
    container, date, pages = _read_tail(tail)
    return Fields(authors, clean(title), container, date or published, pages)


def _read_tail(tail: str) -> tuple[str | None, PartialDate | None, str | None]:
    """Container, date and pages from what follows the type mark."""
    tail = tail.strip(" .")
    host = tail.startswith("//")
    container: str | None = None
    published: PartialDate | None = None
    pages: str | None = None
    pieces = [p.strip() for p in re.split(r"\.\s+|\.$", tail.lstrip("/ ")) if p.strip(" .")]
    before: list[str] = []  # pieces of a journal's name with full stops inside ("Серия 1. …")
    # "//EDITOR A. Book. Place: …": the host's editors before its title.
    if host and len(pieces) >= 3 and _EDITOR.fullmatch(pieces[0]):
        pieces = pieces[1:]
    for i, piece in enumerate(pieces):
        if host and i == 0:
            container = clean(piece)
            continue
        # After a URL was taken out: "https://…, 2019-11-04" leaves ", 2019-11-04", the date the
        # page was cited on, not one of the work.
        if piece.startswith(",") or _EDITION.fullmatch(piece):
            continue
        if date := only_date(piece):
            published = published or date
        elif m := IMPRINT.match(piece):
            container = container or clean(m.group("publisher"))
            published = published or parse_date(m.group("date"))
            pages = pages or _pages_after(piece[m.end() :])
        elif m := _SERIAL.fullmatch(piece):
            if m.group("container") and not m.group("container")[0].isdigit():
                container = container or clean(". ".join([*before, m.group("container")]))
            published = published or parse_date(m.group("date"))
            pages = pages or m.group("pages")
        elif m := _SERIAL_NO_YEAR.fullmatch(piece):
            container = container or clean(". ".join([*before, m.group("container")]))
            pages = pages or m.group("pages")
        elif (m := _BOOK_IMPRINT.fullmatch(piece)) and i == len(pieces) - 1:
            # A book's "Place: Publisher" with no year (the author-date variant).
            container = container or clean(m.group("publisher"))
            published = published or (parse_date(m["date"]) if m["date"] else None)
            pages = pages or m.group("pages")
        elif container is None and i == 0 and piece.endswith(","):
            # "[N/OL]. Reuters, 2017-07-04[2024-03-25]": reftext took the dates after the name.
            container = clean(piece)
        else:
            before.append(piece)
            continue
        before = []
    return container, published, pages


def _pages_after(text: str) -> str | None:
    m = re.match(rf"\s*:\s*({PAGE_RANGE})", text)
    return m.group(1) if m else None
