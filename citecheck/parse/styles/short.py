"""Short citations: ``Wells, p. 6``, ``Shaw, pg. 40``, ``Fitzgerald (1998), pp. 120–1``,
``Иванов 2001, с. 5``: the author (and perhaps the year) and where in the work, the full entry
being in the bibliography. The locator is taken out by reftext before :func:`read` sees the body,
so only the name and year are left; the entry names no title, and saying it could not be read
would be wrong (``Fields.titled`` is false).
"""

from __future__ import annotations

import re

from citecheck.parse.dates import make_date
from citecheck.parse.styles.common import Fields

NAME = "short"
BRACKETED_ACCESS = False
PAREN_DATES = False

# One to three capitalised words, or two names joined by "and"/"&"/"и"/"і", perhaps "et al.".
_WORD = r"[^\W\d_][\w'’-]*"
_NAMES = rf"{_WORD}(?: {_WORD}){{0,2}}(?: (?:and|&|и|і|та) {_WORD}(?: {_WORD})?| et al\.?)?"
_YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
_HEAD = rf"(?P<name>{_NAMES}),?(?: \(?(?P<year>{_YEAR})\)?,?)?"
_LOCATOR = r"(?:pp?|pg|[СсPР]|стор|Стор)\.\s?\d[\d\s,–—-]{0,20}"
_WHOLE = re.compile(rf"{_HEAD} {_LOCATOR}\.?")
_BODY = re.compile(rf"{_HEAD}[.,:]?")
_AND = re.compile(r" (?:and|&|и|і|та) ")
# Words that open a note, not a name: "Ibid., p. 5" points at the entry before.
_NOT_NAMES = frozenset({"ibid", "ibidem", "id", "op", "там", "там же", "там само", "see", "cf"})


def _is_name(name: str) -> bool:
    folded = name.casefold().rstrip(".")
    return name[0].isupper() and folded not in _NOT_NAMES and folded.split()[0] not in _NOT_NAMES


def detect(text: str) -> float:
    found = _WHOLE.fullmatch(text.strip())
    return 0.95 if found is not None and _is_name(found["name"]) else 0.0


def read(text: str, *, zh: bool = False) -> Fields:
    found = _BODY.fullmatch(text.strip(" .,;:"))
    if found is None or not _is_name(found["name"]):
        return Fields(leftover=(text,) if text.strip() else ())
    year = found["year"]
    published = make_date(int(year[:4])) if year else None
    authors = tuple(a.strip() for a in _AND.split(found["name"]))
    return Fields(authors=authors, published=published, titled=False)
