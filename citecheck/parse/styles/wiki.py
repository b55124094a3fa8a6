"""Wiki citation templates as rendered (zh/en CS1, ruwiki, ukwiki, jawiki): the fallback style.

``Surname, Given. Title. Work. 2023-09-12.``, ``Surname, Given (12 September 2023). "Title".
Work.``, ``Title (англ.). Publisher (12 сентября 2023).``, ``"Title" (英語). Publisher.``: an author
list at the head, then sentence-like segments read as title, work and a publication date. Every
entry no other style claims is read here, so this reader must stay as it is for the wiki pages.
"""

from __future__ import annotations

import bisect
import re

from citecheck.model import PartialDate
from citecheck.parse.dates import DATE_PATTERN, parse_date
from citecheck.parse.spans import paired_spans
from citecheck.parse.styles.common import (
    CJK_NAME,
    CJK_NAMES,
    CJK_SEP,
    Fields,
    bracketed_imprint,
)

NAME = "wiki"
BRACKETED_ACCESS = True
PAREN_DATES = True

# A bracketed title, perhaps with its translation: "Sur une …" [Tentative estimation …].
_QUOTED = re.compile(r'^(?:"(.+)"|“(.+)”|«(.+)»|「(.+)」|『(.+)』)(?: \[[^\[\]]+\])?$')
# A segment that is only a volume, issue and pages: ``31 (5): 645–651``, ``II: 162–163``,
# ``Special Issue 11: 21``, ``11 (1): e0147295``; after a date: ``2016-01-22, 11 (1)``.
_PAGES = r"[A-Za-z]{0,2}\d[\dA-Za-z]*(?:\s?[–—−-]\s?[A-Za-z]{0,2}\d[\dA-Za-z]*)?"
_VOLUME = (
    r"(?:(?:Special Issue|Supplement|Suppl\.|Series|Part|Issue|No\.|Volume)\s*)?"
    r"(?:(?:\d+|[IVXLC]+)(?:\s?[–—−-]\s?(?:\d+|[IVXLC]+))?(?:\s?\([^()]*\))?)?"
    rf"(?::\s?{_PAGES})?"
)
_LOCATOR_SEGMENT = re.compile(rf"(?=[^,:]*\d|[IVXLC]+\b){_VOLUME}")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
# "23 Dec. 2016", ", Sept. 2023": an abbreviated month's full stop ends no sentence.
_DAY_MONTH_BEFORE_STOP = re.compile(
    r"(?:\d{1,2}|,) (?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$"
)
# A person's or body's name alone: a few words, no digits nor sentence punctuation.
_LONE_NAME = re.compile(r"[^\d.,;:!?\"“”()]{1,40}")
_DAY_AT_END = re.compile(
    rf"(?<=[\w.]),?\s+((?:{_MONTH}\s+\d{{1,2}},\s*|\d{{1,2}}\s+{_MONTH}\s+)\d{{4}})$"
)
_YEAR_AFTER = re.compile(r",\s((?:1[5-9]|20)\d\d)[a-z]?$")
# ISO 690 author-date: the year (or "[no date]") between the names and their full stop.
_YEAR_TAIL = r"(?:,\s\[?(?:(?:1[5-9]|20)\d\d[a-z]?|no date|n\.d\.)\]?)?"
_MONTH_YEAR_AFTER_WORK = re.compile(rf",\s({_MONTH}\s(?:1[5-9]|20)\d\d)(?:,\s*)*$")
# Commas left where the volume and issue were taken out: "Journal, , , Sept".
_EMPTY_PIECES = re.compile(r"(?:,\s*)+(?=,|$)")
# (also after a quoted name: "ООО «Кот» 2007")
_YEAR_AFTER_WORK = re.compile(r"(?<=[^\W\d_]|[»”])\s+((?:1[5-9]|20)\d\d)$")
_VOLUME_PAGES_AFTER_WORK = re.compile(r"(?<=[^\W\d_])\s+\d+(?:\s?\([^()]+\))?,\s(\d+[–-]\d+|\d+)$")
_DATED_LOCATOR = re.compile(rf"({DATE_PATTERN})\s*(?:[,:]\s*{_VOLUME})?")

# Author lists at the head of an entry, as CS1 (en, zh), Vancouver and GOST write them.
_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ"
_WORD = rf"[{_UP}][\w'’-]+"
_INIT = rf"[{_UP}](?:\.-?[{_UP}])*\.?(?![\w'’-])"
_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|du|dos|das|le|la|ten|ter|al|el|bin)"
_SURNAME = rf"(?:{_PARTICLE} ){{0,2}}{_WORD}(?:(?: {_PARTICLE}){{0,2}} {_WORD})?"
_GIVEN = rf"(?:{_WORD}(?: {_WORD}){{0,2}}(?: {_INIT}){{0,2}}|{_INIT}(?: ?{_INIT}){{0,3}})"
_NAME = rf"{_SURNAME}, {_GIVEN}"
_SEP = r"(?:;? & |,? and |; (?:and )?| и | і | та )"
_ETAL = r"(?:[,;]? (?:et al\.?|и др\.|та ін\.))?"
_EDS = r"(?:,? eds?\.|,? \((?:eds?\.|编|編|主编|主編|ред\.)\))"
_GIVEN_FIRST = rf"{_WORD}(?: (?:{_WORD}|{_INIT})){{1,3}}"
_VANCOUVER = rf"{_WORD}(?: {_WORD})? [{_UP}]{{1,3}}"
_SLAVIC = r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+(?: [А-ЯЁІЇЄҐ]\.){1,2}"
_NAME_SEP = re.compile(_SEP)
# What may follow an author list: the full stop (perhaps the last initial's own) and a space.
_END = r"(?:(?<=\.)\s+|\s*[.。]\s*|\s+(?=[.。]))"
# Each pattern, how to split its names, and whether a bare final initial lost its full stop.
_AUTHOR_LISTS = [
    # Surname AB, Surname C (two or more); first, or "Маслова ЖГ, Артемьева ПТ" would read as
    # one CS1 "Surname, Given".
    (re.compile(rf"({_VANCOUVER}(?:, {_VANCOUVER})+){_ETAL}{_END}"), re.compile(", "), False),
    # Surname, Given; Surname, G. & Surname, G. G., eds. (a group author may stand between).
    (
        re.compile(
            rf"({_NAME}(?:{_SEP}(?:{_NAME}|{_WORD}(?: {_WORD}){{1,3}}(?=;)))*){_ETAL}{_EDS}?{_END}"
        ),
        _NAME_SEP,
        True,
    ),
    # Given Surname; Given M. Surname (two or more).
    (re.compile(rf"({_GIVEN_FIRST}(?:; {_GIVEN_FIRST})+){_ETAL}{_END}"), re.compile("; "), False),
    # Иванов И. И., Петров П.
    (re.compile(rf"({_SLAVIC}(?:, {_SLAVIC})*){_END}"), re.compile(", "), True),
]
# Lists parted by commas where each name carries its initials, so a name's own comma is told
# from the list's: Nature's "Morgan, B., Davis, E. & Phillips, M. W.", Chicago's and MLA's
# "Reese, J., L. Warner, and T. Kirby"; ISO 690's capitals "WEEKS, Kevin and ALLEN, Kelly N.".
_INITIALS = rf"[{_UP}]\.(?:\s?-?[{_UP}]\.){{0,3}}"
_INITIALLED = rf"{_SURNAME}, {_INITIALS}|{_INITIALS} {_SURNAME}"
_CAPS = "A-ZÀ-ÞА-ЯЁІЇЄҐ"
_CAPITALS = rf"[{_CAPS}][{_CAPS}'’-]+(?: [{_CAPS}][{_CAPS}'’-]+)?, {_GIVEN}"
_LIST_SEP = r"(?:,? & |,? and |, )"
_NAME_LISTS = [
    (
        re.compile(rf"((?:{_SURNAME}, {_INITIALS})(?:{_LIST_SEP}(?:{_INITIALLED}))+){_ETAL}{_END}"),
        re.compile(_INITIALLED),
    ),
    (
        # ISO 690 author-date puts the year after them: "MITCHELL, Laura and SHORT, Ann, 2017."
        re.compile(
            rf"((?:{_CAPITALS})(?:(?:{_LIST_SEP}|; )(?:{_CAPITALS}))*){_ETAL}{_YEAR_TAIL}{_END}"
        ),
        re.compile(_CAPITALS),
    ),
    # Two or more CJK names (one alone is as likely a short title), or one before "et al.".
    (
        re.compile(
            rf"((?:{CJK_NAME}){CJK_SEP}(?:{CJK_NAMES})(?:,?\s?et al\.?)?"
            rf"|{CJK_NAME},?\set al\.?){_YEAR_TAIL}{_END}"
        ),
        re.compile(CJK_NAME),
    ),
]
# One CJK name alone: a two- or three-character zh name, or a ja family and given name apart
# by a space (four characters without one are as likely a short title).
_LONE_CJK_NAME = re.compile(
    r"[\u3400-\u9fff]{2,3}|[\u3005\u3400-\u9fff]{1,4} [\u3005\u3040-\u30ff\u3400-\u9fff]{1,4}"
)
_FINAL_INITIAL = re.compile(rf"(?<![\w'’.-])[{_UP}]$")
_EDITORS = re.compile(rf"(?:In )?{_NAME}(?:{_SEP}{_NAME})*{_ETAL}{_EDS}")
# A place before the publisher: "Leiden, Boston: Brill", "New York: Gramercy (Random House)".
_PLACE_PUBLISHER = re.compile(rf"[{_UP}][\w.'’-]*(?:,? [{_UP}][\w.'’-]*){{0,3}}: \S.*")
# A short name with no digits after the work: the publisher behind it (Oxford University Press).
_PUBLISHER = re.compile(r"[^\d:]+")
# No sentence break after an initial inside a name: "D. Appleton", "Reeder, D. M. (eds.)".
_INITIAL_BEFORE_STOP = re.compile(rf"(?:^|[,;:&]\s|(?<![\w])[{_UP}]\.\s?|-)[{_UP}]$")
_INITIAL_AFTER_STOP = re.compile(rf"[{_UP}]\.|\((?:eds?\.|编|編)\)")
# Where sentences end: ". ", "。" and GOST's ". — ".
_STOP = re.compile(r"(?<=\.)\s+(?:[—–]\s+)?|。")
# GOST's imprint: "М.: Наука, 2019", "Київ: Наукова думка, 2020".
# The lookahead finds the first ": " once; [^,]+?:\s[^,]+ tried every colon, each against the
# rest of the segment (a segment of 5,000 colons: seconds).
_IMPRINT = re.compile(rf"(?=[^,]+?:\s[^,])([^,]++),\s*({DATE_PATTERN})")
_QUOTES = {'"': '"', "“": "”", "«": "»", "「": "」", "『": "』"}


def _segments(text: str) -> list[str]:
    """Sentence-like pieces separated by ``. `` or ``。``; not inside quotes nor after an initial
    within a name (``D. Appleton``, ``Reeder, D. M.``)."""
    quoted = paired_spans(text, _QUOTES) if '"' in text or "“" in text else []
    # The spans are sorted and apart: the last to start before a stop is the only one to test.
    starts = [a for a, _ in quoted]
    pieces: list[str] = []
    start = 0
    for m in _STOP.finditer(text):
        at = m.start()
        inside = bisect.bisect_left(starts, at) - 1
        if (inside >= 0 and at < quoted[inside][1]) or _DAY_MONTH_BEFORE_STOP.search(
            text, max(0, at - 12), at - 1
        ):
            continue
        if m.group(0) != "。" and (
            _INITIAL_BEFORE_STOP.search(text, max(0, at - 6), at - 1)
            or (
                _FINAL_INITIAL.search(text, max(0, at - 3), at - 1)
                and _INITIAL_AFTER_STOP.match(text, m.end())
            )
        ):
            continue
        pieces.append(text[start:at])
        start = m.end()
    pieces.append(text[start:])
    return [p for p in (piece.strip(" .。,;—–") for piece in pieces) if p]


def take_authors(text: str) -> tuple[tuple[str, ...], str]:
    """The author list at the head of the text, if there is one, and the text after it."""
    for pattern, name in _NAME_LISTS:
        if (m := pattern.match(text)) and (rest := text[m.end() :].strip(" .。")):
            found = (n.group(0) for n in name.finditer(m.group(1)))
            return tuple(n + "." if _FINAL_INITIAL.search(n) else n for n in found), rest
    for pattern, separator, dotted in _AUTHOR_LISTS:
        m = pattern.match(text)
        if not m or not (rest := text[m.end() :].strip(" .。")):
            continue
        names = [n.strip() for n in separator.split(m.group(1)) if n.strip()]
        # The list's full stop was also its last initial's: "Barnes, Julian E." + " Title".
        return tuple(n + "." if dotted and _FINAL_INITIAL.search(n) else n for n in names), rest
    return (), text


def read_segments(
    text: str, *, quoted: bool
) -> tuple[tuple[str, ...], str | None, str | None, PartialDate | None, list[str], str | None]:
    """Authors, title, publisher, publication date and unplaced pieces of what is left."""
    authors, text = take_authors(text)
    date: PartialDate | None = None
    pages: str | None = None
    kept: list[str] = []
    for segment in _segments(text):
        if m := _DATED_LOCATOR.fullmatch(segment):
            date = date or parse_date(m.group(1))
        elif m := _IMPRINT.fullmatch(segment):
            date = date or parse_date(m.group(2))
            kept.append(m.group(1))
        elif not (_LOCATOR_SEGMENT.fullmatch(segment) or _EDITORS.fullmatch(segment)):
            kept.append(segment)
    if not kept:
        return authors, None, None, date, [], None
    # Nature and CS1 write one CJK name as its own sentence: "杨桂花. Title. Publisher (2011).",
    # "佐藤 陽子. Title. (出版社, 東京, 2005).": a name when a title and a work (or a bracketed
    # imprint) still follow it.
    if (
        not authors
        and len(kept) > 1
        and _LONE_CJK_NAME.fullmatch(kept[0])
        and (len(kept) > 2 or (kept[1][-1:] == ")" and bracketed_imprint(kept[1])[1]))
    ):
        authors, kept = (kept[0],), kept[1:]
    for i in range(1, len(kept) if date is None else 1):
        # "Bloomberg L.P. January 7, 2018": the initials kept the work and its date together.
        if kept[i][-4:].isdigit() and (m := _DAY_AT_END.search(kept[i])):
            date, kept[i] = parse_date(m.group(1)), kept[i][: m.start()]
            break
    if len(kept) > 1 and kept[0][-1:].isdigit() and (m := _YEAR_AFTER.search(kept[0])):
        # ISO 690 author-date without an author: "Title, 2005. Publisher."
        date, kept[0] = date or parse_date(m.group(1)), kept[0][: m.start()]
    if kept[-1].endswith(")"):
        # Chicago notes and Nature books: "Title (Routledge, 2023)", "(MIT Press, Cambridge, 1992)".
        rest, publisher, year = bracketed_imprint(kept[-1])
        if publisher:
            kept[-1:] = [rest] if rest else []
            return authors, ". ".join(kept) or None, publisher, date or year, [], pages
    if len(kept) > 1:
        # Vancouver (Elsevier): "Publisher 2019." or "Publisher n.d."; Nature: "Journal 47,
        # 706–723": the year, volume and pages after the work's name are not part of it.
        last = kept[-1]
        if date is None and last[-1:].isdigit() and (m := _YEAR_AFTER_WORK.search(last)):
            date, last = parse_date(m.group(1)), last[: m.start()]
        if last[-1:].isdigit() and (m := _VOLUME_PAGES_AFTER_WORK.search(last)):
            pages, last = m.group(1), last[: m.start()]
        if date is None and (m := _MONTH_YEAR_AFTER_WORK.search(last)):
            date, last = parse_date(m.group(1)), last[: m.start()]  # MLA: "Journal, Sept. 2023"
        last = _EMPTY_PIECES.sub("", last.removesuffix(" n.d"))
        if date is None and last[-1:].isdigit() and (m := _YEAR_AFTER.search(last)):
            date, last = parse_date(m.group(1)), last[: m.start()]  # MLA: "Journal, 1996"
        kept[-1] = last.strip(" ,") or kept[-1]
    if quoted:
        for i, segment in enumerate(kept):
            if m := _QUOTED.match(segment):
                title = next(g for g in m.groups() if g)
                work, after = (kept[i + 1], kept[i + 2 :]) if i + 1 < len(kept) else (None, [])
                # "Title". Work. [Place:] Publisher. The model keeps the work, as templates do.
                if after and _PLACE_PUBLISHER.fullmatch(after[-1]):
                    work, after = ". ".join([kept[i + 1], *after[:-1]]), []
                elif len(after) == 1 and _PUBLISHER.fullmatch(after[0]) and len(after[0]) < 60:
                    after = []
                before = kept[:i]
                # jawiki: "坪井明人 (2011年). “Title”": the one name before the quoted title.
                if not authors and len(before) == 1 and _LONE_NAME.fullmatch(before[0]):
                    authors, before = (before[0],), []
                return authors, title, work, date, before + after, pages
    if len(kept) == 1:
        return authors, kept[0], None, date, [], pages
    return authors, ". ".join(kept[:-1]), kept[-1], date, [], pages


def detect(text: str) -> float:
    """Any entry: the other styles must score above this to take it."""
    return 0.1


def read(text: str, *, zh: bool = False) -> Fields:
    authors, title, work, date, leftover, pages = read_segments(text, quoted=not zh)
    return Fields(authors, title, work, date, pages, tuple(leftover))
