"""Author–date styles: APA (6 and 7), Chicago author-date, Springer LNCS, and MLA's two authors.

    Patel, P., Vanga, M., & Brandenburg, B. B. (2017). Title. *Journal*, *37*(5), 164–177.
    Silberschatz, A., & Gagne, G. (2018). *Book title* (10th ed.). Wiley.
    Korkin, I. (2026, June 18). *Title* [Conference presentation]. Conference, Moscow, Russia.
    Title. www.site.com. (n.d.). Retrieved October 26, 2021, from https://…     (APA, no author)
    Dor, D., Zwick, U.: Title. Computational Geometry 13(4), 215–228 (1999).   (LNCS)
    Cox, Murray. 2014. Inside Airbnb.                                          (Chicago)
    Gustafsson, Alexander, and Sebastian Wogenius. Title. Publisher, 2014.     (MLA)

The date after the authors splits the entry: names before it, then the title's sentence, then
the container with its volume and pages.
"""

from __future__ import annotations

import re

from citecheck.model import PartialDate
from citecheck.parse.dates import make_date, month_number, parse_date
from citecheck.parse.styles.common import (
    PAGE_RANGE,
    YEAR,
    Fields,
    cjk_names,
    clean,
    covers,
    is_place,
    only_date,
    split_outside,
    unquote,
)
from citecheck.parse.styles.wiki import take_authors

NAME = "APA / author-date"
BRACKETED_ACCESS = True
PAREN_DATES = False

_DATE = r"\d{4}[a-z]?(?:,\s[^()]{1,30})?|n\.\s?d\.|no date"
# The date after the authors: "(2019).", "(2026, June 18).", "(n.d.)."; found from its bracket,
# which is cheaper than trying every length of head.
# Harvard drops the full stop before a quoted title: "Smith, J. (2019) 'Title', Journal".
_APA_DATE = re.compile(rf"\((?P<date>{_DATE})\)(?P<stop>\.\s|\.?$|\s(?=['‘\"“])|\s(?=[^\W\d_]))")
# Latin and Cyrillic: "Patel, P.", "Брагина, Т.Н.", "Іваненко, І. І.".
_UP = "A-ZÀ-ÞĀ-ŽА-ЯЁІЇЄҐ"
_NAME = rf"[{_UP}][\w'’ -]*?,\s[{_UP}]\.(?:\s?-?[{_UP}]\.)*"
_NAMES = re.compile(rf"(?:^|,\s(?:&\s|and\s)?|\s&\s|\sand\s)({_NAME})")
_LNCS = re.compile(rf"(?P<head>{_NAME}(?:,\s{_NAME})*(?:,?\set al\.)?):\s")
# Chicago author-date: the names, then the year as a sentence of its own.
_CHICAGO = re.compile(r"(?P<head>[^\d()\"“]{2,300}?)\.\s(?P<date>(?:1[5-9]|20)\d\d)[a-z]?\.\s")
_MONTH_DAY = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{1,2}"
)
_MLA = re.compile(
    r"(?P<head>[A-Z][\w'’-]+, [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)?), and "
    r"(?P<second>[A-Z][\w'’-]+ [A-Z][\w'’-]+)\.\s"
)
# What follows a title and is not part of it: "(10th ed.)", "[Conference presentation]".
_TITLE_NOTES = re.compile(r"(?:\s*(?:\([^()]*\bed\.\)|\[[^\[\]]*\]))+$")
_VOLUME = re.compile(r"\d+\s?(?:\(\s?[\w–-]+\s?\))?|vol\.\s?\d+.*|no\.\s?\d+.*", re.I)
_TRAILING_VOLUME = re.compile(r"\s+\d+\s?\([\w–-]+\)$")
_IN_BOOK = re.compile(r"In\s.+?\((?:Eds?|Hrsg|Ред)\.\),\s(.+?)(?:\s\([^()]*\))?$")
_HARVARD_WORK = re.compile(r"([^'‘\"“.][^.]*?),\s([^,.]+)\.?$")
_QUOTED_FIRST = re.compile(r"['‘\"“](.+?)[.,]?['’\"”][.,]?\s+")
# Not after an initial nor an abbreviation: "Vol. I", "St. Louis", "2nd ed. Wiley".
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\bVol)(?<!\bvol)(?<!\bNo)(?<!\bno)(?<!\bSt)(?<!\bed)(?<!\bpp)(?<!\bInc)"
    r"[.?!]\s+|[.?!”\"]\s*$"
)
_YEAR_IN_BRACKETS = re.compile(r"\s*\((\d{4})\)$")


def detect(text: str) -> float:
    if ":" in text and _LNCS.match(text):
        return 0.9
    # CS1 renders the same head but parts its names with ";" and quotes the title: "Title".
    # APA gives initials ("Malek, J."); a full given name after a comma is CS1's "Surname, Given".
    # Nature closes with the year: "Title. Publisher (2011)." has no title after its date.
    if (
        "(" in text
        and (m := _apa(text))
        and text[m.end() :].strip(" .")
        and ";" not in (head := text[: m.start()].rstrip(" ."))
    ):
        cs1 = text[m.end() :].startswith('"') or ("," in head and not _names(head))
        # Harvard writes no full stop after the year; then the head must be names.
        harvard = m["stop"].strip() == "" and m["stop"] != "" and not _names(head)
        return 0.0 if cs1 or harvard else 0.85
    chicago = ". 19" in text or ". 20" in text  # the year sentence, cheaply first
    if chicago and (m := _CHICAGO.match(text)) and _chicago_names(m["head"]):
        return 0.9  # "Surname, Given. 2019. Title.": nothing else starts so
    if _MLA.match(text):
        return 0.6
    return 0.0


def read(text: str, *, zh: bool = False) -> Fields:
    text = text.strip(" .")
    if m := _LNCS.match(text):
        return _read_rest(_names(m.group("head")), None, text[m.end() :])
    if m := _apa(text):
        harvard = not m["stop"].startswith(".") and bool(m["stop"])
        return _read_apa(
            text[: m.start()].rstrip(" ."), m.group("date"), text[m.end() :], harvard=harvard
        )
    if (m := _CHICAGO.match(text)) and (names := _chicago_names(m["head"])):
        return _read_rest(names, parse_date(m.group("date")), text[m.end() :])
    if m := _MLA.match(text):
        return _read_rest((m.group("head"), m.group("second")), None, text[m.end() :])
    return Fields()


def _apa(text: str) -> re.Match[str] | None:
    """The date closing an author list of at most 400 characters."""
    for m in _APA_DATE.finditer(text, 1, 420):
        if text[m.start() - 1] == " ":
            return m
    return None


def _read_apa(head: str, date: str, rest: str, *, harvard: bool = False) -> Fields:
    published = parse_date(date.rstrip("abcdefgh")) if date[0].isdigit() else None
    names = _names(head)
    if not names:
        sentences = [s for s in re.split(r"\.\s+", head) if s]
        if len(sentences) >= 2:
            # "Title. www.site.com. (n.d.).": APA puts the title first when there is no author.
            return Fields((), clean(sentences[0]), clean(sentences[1]), published)
        names = (head.strip(" ."),)
    if harvard and _HARVARD_WORK.match(rest):
        # Harvard: "(2007) Title, Publisher. Available at: …": one sentence, its last piece
        # the publisher (whose own commas stay: "Henry, Jackson and Sharp").
        *title_pieces, publisher = split_outside(rest.strip(" ."), ",")
        return Fields(names, clean(", ".join(title_pieces)), clean(publisher), published)
    return _read_rest(names, published, rest)


def _read_rest(names: tuple[str, ...], published: PartialDate | None, rest: str) -> Fields:
    sentences = _sentences(rest)
    if not sentences:
        return Fields(names, None, None, published)
    title = sentences[0]
    # Harvard: "'Title', Journal, 21(3), pp. 45-52": the quoted title, then the container.
    if m := _QUOTED_FIRST.match(title):
        title, sentences = m.group(1), [title, title[m.end() :], *sentences[1:]]
    if m := _YEAR_IN_BRACKETS.search(title):  # LNCS: "Title (2019)."
        published = published or parse_date(m.group(1))
        title = title[: m.start()]
    title = unquote(_TITLE_NOTES.sub("", title))
    # A series statement ("Modular Text" series) names no container.
    after = [s for s in sentences[1:] if not s.endswith(" series")]
    # A chapter: "In B. Kim (Ed.), Book title (pp. 10–25). Publisher.": the book holds it.
    if after and (m := _IN_BOOK.match(after[0])):
        return Fields(names, clean(title), clean(m.group(1)), published)
    container, pages, date, month_day = _container(after[0]) if after else (None,) * 4
    if published and month_day and published.month is None:
        published = make_date(published.year, *month_day) or published
    return Fields(names, clean(title), container, published or date, pages)


def _sentences(text: str) -> list[str]:
    """Sentences apart by ". ", but not inside quotes or brackets nor after an initial."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start : m.end()].strip()
        if piece.count("(") == piece.count(")") and piece.count("“") == piece.count("”"):
            out.append(piece.rstrip(" ."))
            start = m.end()
    if text[start:].strip(" ."):
        out.append(text[start:].strip(" ."))
    return [s for s in out if s]


def _container(
    sentence: str,
) -> tuple[str | None, str | None, PartialDate | None, tuple[int, int] | None]:
    """Journal, volume(issue), pages and a year in brackets; or a publisher and its places;
    and a month and day without their year."""
    published = None
    month_day = None
    if m := _YEAR_IN_BRACKETS.search(sentence):
        published, sentence = parse_date(m.group(1)), sentence[: m.start()]
    pages = None
    # Chicago: "Journal 21 (3): 45–52".
    if m := re.search(rf":\s?({PAGE_RANGE})$", sentence):
        pages, sentence = m.group(1), sentence[: m.start()]
    pieces = [p.strip(" ,") for p in sentence.split(", ") if p.strip(" ,")] or [""]
    if len(pieces) > 1 and re.fullmatch(PAGE_RANGE, pieces[-1]) and not YEAR.fullmatch(pieces[-1]):
        pages = pieces.pop()
    if len(pieces) > 1 and (date := only_date(pieces[-1])):
        published = published or date
        pieces.pop()
    elif len(pieces) > 1 and _MONTH_DAY.fullmatch(pieces[-1]):
        # Chicago: "Publisher, June 20." completes the year the head gave.
        month, day = pieces.pop().split()
        month_day = (month_number(month) or 0, int(day))
    while len(pieces) > 1 and (_VOLUME.fullmatch(pieces[-1]) or is_place(pieces[-1])):
        pieces.pop()
    container = _TRAILING_VOLUME.sub("", ", ".join(pieces))
    return clean(container), pages, published, month_day


def _chicago_names(head: str) -> tuple[str, ...]:
    """The names of a Chicago head, when the names are all it holds."""
    names, _ = take_authors(head + ". x")
    return names if covers(names, head) else cjk_names(head)


def _names(head: str) -> tuple[str, ...]:
    """``Surname, I. I.`` (or CJK) names when they make up the whole head, else nothing."""
    if cjk := cjk_names(head):
        return cjk
    head = head.strip(" ") + ("" if head.endswith(".") else ".")
    names = tuple(m.group(1).strip() for m in _NAMES.finditer(head))
    covered = sum(len(n) for n in names)
    if names and covered >= len(re.sub(r",\s(?:&\s)?|\s&\s|,?\set al\.?", "", head)) - 2:
        return tuple(n if n.endswith(".") else n + "." for n in names)
    return ()
