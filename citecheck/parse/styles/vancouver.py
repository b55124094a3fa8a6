"""Vancouver (ICMJE, NLM, Elsevier), AMA and ISO 690: full stops between author list, title,
journal and date.

    Smith J, Doe AB. Title of the article. J Vet Intern Med. 2019 Mar;33(2):45-52.
    SMITH, John. Title of the article. Journal of Feline Medicine. 2019, 21(3), 45–52.
    Smith J, Doe AB. Title of the article. J Vet Intern Med 2019;33:45–52.      (Elsevier)
    Smith J. Book Title. Publisher; 2019.                                       (AMA book)
    Smith J. Chapter. In: Doe A, ed. Book Title. Publisher; 2019:45-52.         (AMA chapter)
    Smith J. Page title. Site. May 21, 2011. Accessed June 1, 2020. URL          (AMA web)
    SMITH, John and DOE, Ann, 2019. Title. Journal. 2019. Vol. 21, no. 3, p. 45–52. (ISO 690 a-d)
    SMITH, John, [no date]. Title. Publisher. Online. Available from: URL   (ISO 690 author-date)
    Title, 2020. Publisher. Online. 6 October 2020.                      (ISO 690, no author)

ISO 690 author-date puts the year (or "[no date]") after the names, before their full stop;
with no author the title takes the names' place. What follows is the title, then the journal,
the publisher (after its place) or, after "In: EDITOR (ed.),", the book; a date sentence later
on only makes the year more precise.

Otherwise the date opens the last part, with the volume, issue and pages after it:
``2019;33(2):45-52`` (Vancouver) or ``2019, 21(3), 45–52`` (ISO 690); Elsevier and AMA's books
keep the journal or the publisher in the same part, before it (``J Vet Intern Med 2019;33``,
``Publisher; 2019``); AMA's web pages close with a date of their own. The parts before it are,
from the end, the journal (or publisher, or site), the title and the authors; AMA's chapter
names its book after "In: …, ed.".
"""

from __future__ import annotations

import re

from citecheck.model import PartialDate
from citecheck.parse.dates import make_date
from citecheck.parse.styles import wiki
from citecheck.parse.styles.common import (
    CJK_NAMES,
    PAGE_RANGE,
    Fields,
    cjk_names,
    clean,
    covers,
    only_date,
    split_names,
)
from citecheck.parse.styles.wiki import take_authors

NAME = "Vancouver / ISO 690"
BRACKETED_ACCESS = True
PAREN_DATES = True

_YEAR = r"(?:1[5-9]|20)\d\d"
# "2019 Mar;33(2):45-52", "2019;33:45", "2019, 21(3), 45–52".
_SERIAL = re.compile(
    rf"(?P<date>{_YEAR}(?:\s[A-Z][a-z]{{2}}(?:\s\d{{1,2}})?)?)年?"
    rf"(?:;\s?|,\s)(?:\d+)?(?:\s?\([^()]+\))?(?:[:,]\s?(?P<pages>{PAGE_RANGE}))?"
)
# ISO 690 also writes the year as a sentence before the volume: ". 2010. Vol. 70, no. 2".
_BARE_YEAR = re.compile(rf"(?P<date>{_YEAR})(?P<pages>)")
_DETECT = re.compile(
    rf"\.\s{_YEAR}(?:\s[A-Z][a-z]{{2}}(?:\s\d{{1,2}})?)?年?(?:;\s?\d|,\s\d+\(\d|\.\s(?:Vol|Т)\.)"
)
# The last part when it holds the journal or publisher before the date: Elsevier's "J Vet
# Intern Med 2019;33:45–52" and "Publisher 2019" (or "n.d."), AMA's "Publisher; 2019:45-52".
_NAMED_SERIAL = re.compile(
    rf"(?P<name>.*?[^\W\d_»”)）.])(?:;\s|\s)(?P<date>{_YEAR})(?:;\d+(?:\s?\([^()]+\))?)?"
    rf"(?::\s?(?P<pages>{PAGE_RANGE}))?|(?P<undated>.*?\S)\sn\.d"
)
# Needles of those forms: Elsevier's "Journal 2019;33", AMA's closing "; 2019." or "; 2019:45-52."
_DETECT_NAMED = re.compile(rf"[^\W\d_]\s{_YEAR};\d|;\s{_YEAR}(?::\s?{PAGE_RANGE})?\.?$")
# Vancouver names: "Smith J", "van der Berg AB", "Smith-Jones JA", "Иванов ИИ"; ISO 690: "SMITH,
# John".
_UP = "A-ZА-ЯЁІЇЄҐ"
_VANCOUVER_NAME = re.compile(
    rf"(?:[a-z]+ )*[{_UP}][\w'’-]+(?: [{_UP}][\w'’-]+)* "
    rf"(?:[{_UP}]{{1,3}}|(?:[{_UP}]\.\s?-?){{1,3}})"
)
# An entry that opens with a Vancouver name list: "Smith J, Doe AB. ", "Иванов ИИ. ".
_ONE = rf"[{_UP}][\w'’-]+(?: [{_UP}][\w'’-]+)? [{_UP}]{{1,3}}"
_VANCOUVER_HEAD = re.compile(rf"(?:{_ONE}(?:, {_ONE})*|{CJK_NAMES})(?:,? et al)?\.\s")
# AMA's chapter: "In: Doe A, ed." before the book's title.
_IN_EDITORS = re.compile(r"In:\s.*\beds?")
_ISO_NAMES = re.compile(r"[A-ZÀ-Þ'’-]{2,}, [A-Z][\w.'’ -]*(?:; [A-ZÀ-Þ'’-]{2,}, [A-Z][\w.'’ -]*)*")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    )
}


# ISO 690 author-date: "NAMES, 2019. " or "Title, [no date]. " at the head (its first 420
# characters); what stands before it decides between names and a title.
_ISO_HEAD = re.compile(rf",\s(?:(?P<year>{_YEAR})[a-z]?|\[no date\]|\[n\.d\.\])\.\s")
# Where ISO 690's sentences end: not after an initial ("BELL, Carol R. (ed.)").
_ISO_STOP = re.compile(r"(?<![\s(.-][^\W\d_])\.\s+")
_ISO_IN_BOOK = re.compile(r"In:\s[^()]*?\((?:eds?|ред|编|編)\.?\),\s")
_ISO_IMPRINT = re.compile(r"[^\W\d_][^:]{0,40}:\s(?P<publisher>[^:]+)")
# "Online", "[Online]", "Онлайн": ISO 690's medium between the work and its date.
_ISO_MEDIUM = frozenset({"online", "[online]", "онлайн", "[онлайн]", "онлайн-ресурс"})
# A title standing where the names would: one sentence, no quotes, no year of its own.
_ISO_TITLE_HEAD = re.compile(r"[^\W\d_][^.\"“”«»()\[\]]{1,298}")


def _iso_head(text: str) -> tuple[tuple[str, ...], str, re.Match[str]] | None:
    """ISO 690 author-date's head: its names (none when the title stands first), the head's
    text and the year's match; None when the entry does not open so."""
    if ", " not in text[:420]:
        return None
    m = _ISO_HEAD.search(text, 0, 440)
    if m is None or not text[m.end() :].strip(" ."):
        return None
    head = text[: m.start()].strip()
    if names := _iso_names(head):
        return names, head, m
    if _ISO_TITLE_HEAD.fullmatch(head) and not _ISO_HEAD.search(head):
        return (), head, m
    return None


def _iso_names(head: str) -> tuple[str, ...]:
    """ISO 690's names: capitals before the comma ("MITCHELL, Laura N. and SHORT, Ann") or CJK
    names ("田中 学", "陈文 and 王平"); nothing when another word stands among them."""
    if cjk := cjk_names(head):
        return cjk
    names = take_authors(head + ". x")[0]
    if not covers(names, head):
        return ()
    return names if all("," in n and n.split(",")[0].isupper() for n in names) else ()


def _read_iso_author_date(names: tuple[str, ...], head: str, m: re.Match[str], text: str) -> Fields:
    year = make_date(int(m.group("year"))) if m.group("year") else None
    pieces = [p.strip(" ,.") for p in _ISO_STOP.split(text[m.end() :].strip(" ."))]
    pieces = [p for p in pieces if any(c.isalnum() for c in p) and p.lower() not in _ISO_MEDIUM]
    if not names:
        pieces.insert(0, head)
    if not pieces:
        return Fields(names, None, None, year)
    title, rest = pieces[0], pieces[1:]
    published = year
    # A later date of the same year says the month and day: "Online. 6 October 2020."
    for piece in rest:
        if (date := only_date(piece)) and year and date.year == year.year:
            published = date if date.month else published
    rest = [p for p in rest if not only_date(p)]
    container = None
    if rest and rest[0].startswith("In:"):
        book = _ISO_IN_BOOK.match(rest[0])
        container = rest[0][book.end() :] if book else None
    elif rest:
        imprint = _ISO_IMPRINT.fullmatch(rest[0])
        container = imprint.group("publisher") if imprint else rest[0]
    return Fields(names, clean(title), clean(container), published)


def detect(text: str) -> float:
    if ". " not in text:
        return 0.0
    # GB/T 7714 author-date opens the same way ("蒋春梅, 2003. Title."): its marks and journal
    # ends score it higher.
    iso = 0.0 if (head := _iso_head(text)) is None else 0.65 if head[0] else 0.5
    return max(iso, _detect(text))


def _detect(text: str) -> float:
    if _DETECT.search(text):
        return 0.8
    if ";" in text and _DETECT_NAMED.search(text.rstrip()):
        return 0.8
    # AMA's web pages and Elsevier's: "Smith J. Title. Site. May 21, 2011. Accessed …".
    if "ccessed" in text and _VANCOUVER_HEAD.match(text):
        return 0.8
    return 0.0


def read(text: str, *, zh: bool = False) -> Fields:
    if (head := _iso_head(text.strip())) is not None:
        return _read_iso_author_date(*head, text.strip())
    parts = [p.strip() for p in re.split(r"\.\s+", text.strip(" .")) if p.strip()]
    name = None
    for k, part in enumerate(parts):
        if k and (m := _SERIAL.match(part) or _BARE_YEAR.fullmatch(part)):
            published, pages = _date(m.group("date")), m.group("pages")
            break
    else:
        k = len(parts) - 1
        if k < 1:
            return wiki.read(text, zh=zh)
        if (date := only_date(parts[k])) and not parts[k].isdigit():
            published, pages = date, None  # AMA's web page: "Site. May 21, 2011."
        elif m := _NAMED_SERIAL.fullmatch(parts[k]):
            name = m.group("name") or m.group("undated")
            published = _date(m.group("date")) if m.group("date") else None
            pages = m.group("pages")
        else:
            # No date closes it (a web page without one): read as the wiki renderings are.
            return wiki.read(text, zh=zh)
    before = parts[:k] + ([name] if name else [])
    # AMA's chapter: "Title. In: Doe A, ed. Book. Publisher; 2019:45-52." is in the book.
    for i, part in enumerate(before):
        if i and i + 1 < len(before) and _IN_EDITORS.fullmatch(part):
            before = [*before[:i], before[i + 1]]
            break
    container = clean(before.pop()) if len(before) >= 2 else None
    authors: tuple[str, ...] = ()
    if len(before) >= 2 and (names := _names(before[0])):
        authors, before = names, before[1:]
    return Fields(authors, clean(". ".join(before)), container, published, pages or None)


def _date(text: str) -> PartialDate | None:
    """``2019``, ``2019 Mar`` or ``2007 Jul 27`` at its precision."""
    year, *rest = text.split()
    month = _MONTHS.get(rest[0]) if rest else None
    day = int(rest[1]) if month and len(rest) > 1 else None
    return make_date(int(year), month, day)


def _names(text: str) -> tuple[str, ...]:
    # ISO 690: "BARNES, Tina and JOHNSON, Jack", as the wiki reader knows such lists.
    if (listed := take_authors(text + ". x")[0]) and covers(listed, text):
        return listed
    text = re.sub(r",?\s(?:et al|и др)\.?$", "", text)
    if _ISO_NAMES.fullmatch(text):
        return tuple(n.strip() for n in text.split(";"))
    if cjk := cjk_names(text):
        return cjk
    names = split_names(text)
    return names if names and all(_VANCOUVER_NAME.fullmatch(n) for n in names) else ()
