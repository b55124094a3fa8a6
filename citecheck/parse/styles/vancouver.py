"""Vancouver (ICMJE, NLM) and ISO 690: full stops between author list, title, journal and date.

    Smith J, Doe AB. Title of the article. J Vet Intern Med. 2019 Mar;33(2):45-52.
    SMITH, John. Title of the article. Journal of Feline Medicine. 2019, 21(3), 45–52.

The date opens the last part, with the volume, issue and pages after it: ``2019;33(2):45-52``
(Vancouver) or ``2019, 21(3), 45–52`` (ISO 690). The parts before it are, from the end, the
journal, the title and the authors.
"""

from __future__ import annotations

import re

from citecheck.model import PartialDate
from citecheck.parse.dates import make_date
from citecheck.parse.styles.common import PAGE_RANGE, Fields, clean, covers, split_names
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
# Vancouver names: "Smith J", "van der Berg AB", "Smith-Jones JA"; ISO 690: "SMITH, John".
_VANCOUVER_NAME = re.compile(
    r"(?:[a-z]+ )*[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)* (?:[A-Z]{1,3}|(?:[A-Z]\.\s?-?){1,3})"
)
_ISO_NAMES = re.compile(r"[A-ZÀ-Þ'’-]{2,}, [A-Z][\w.'’ -]*(?:; [A-ZÀ-Þ'’-]{2,}, [A-Z][\w.'’ -]*)*")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    )
}


def detect(text: str) -> float:
    return 0.8 if ". " in text and _DETECT.search(text) else 0.0


def read(text: str, *, zh: bool = False) -> Fields:
    parts = [p.strip() for p in re.split(r"\.\s+", text.strip(" .")) if p.strip()]
    for k, part in enumerate(parts):
        if k and (m := _SERIAL.match(part) or _BARE_YEAR.fullmatch(part)):
            break
    else:
        return Fields()
    published = _date(m.group("date"))
    before = parts[:k]
    container = clean(before.pop()) if len(before) >= 2 else None
    authors: tuple[str, ...] = ()
    if len(before) >= 2 and (names := _names(before[0])):
        authors, before = names, before[1:]
    return Fields(authors, clean(". ".join(before)), container, published, m.group("pages") or None)


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
    names = split_names(text)
    return names if names and all(_VANCOUVER_NAME.fullmatch(n) for n in names) else ()
