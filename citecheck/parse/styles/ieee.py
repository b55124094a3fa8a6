"""IEEE: the quoted title with its comma inside the quotes.

    A. Author, B. Author and C. Author, "Title," *Journal*, vol. 3, no. 2, pp. 1–5, Feb. 2020.
    Org, “Title,” Site, 2026. [Online]. Available: URL. [Accessed: 5 Nov. 2017].
    "Title." Site, 2020. [Online]. Available: URL        (no authors, no year: both stay empty)
    Canonical Ltd., ``Title,'' 2024.                      (LaTeX quotes)
    M. Cohn, SUCCEEDING WITH AGILE. 2010, p. 312.         (a book, unquoted)

The names before the quote are the authors; after it come the container, volume, number, pages
and date, apart by commas. "[Online]", "Available:" and the access date are taken by reftext.
"""

from __future__ import annotations

import re

from citecheck.model import PartialDate
from citecheck.parse.styles.common import (
    DATE,
    PAGE_RANGE,
    Fields,
    bracketed_imprint,
    clean,
    date_of,
    split_names,
    split_outside,
)

NAME = "IEEE"
BRACKETED_ACCESS = True
PAREN_DATES = True

# An opening quote, the title, and the closing quote after a comma or full stop (or LaTeX's).
# Some put the comma outside ("Title", Site); a quoted URL taken out leaves "" behind.
_QUOTED = re.compile(
    r"``(?P<latex>[^`']+?)''|[\"“](?P<q>[^\"“”]+?[,.])[\"”]|[\"“](?P<c>[^\"“”]*)[\"”],"
    r"|'(?P<s>[^']+?)',"
)
# Authors with initials first: "A. Radford, I. Sutskever and S. Agarwal, Title", and in
# Cyrillic as Chicago's notes write them: "С. Д. Бирюков and К. А. Сорокин, Title".
_UP = "A-ZА-ЯЁІЇЄҐ"
_INITIALLED = rf"[{_UP}]\.(?:\s?-?[{_UP}]\.)*\s[{_UP}][\w'’-]+"
_INITIALS_FIRST = re.compile(
    rf"((?:{_INITIALLED}(?:,\s(?:and\s)?|\sand\s))*{_INITIALLED})(?:\set al\.)?,\s"
)
# CS2 ({{citation}}) renders IEEE-like: "Surname, Given; Surname, Given (2020), "Title", Work".
_CS_NAME = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, [A-Z][\w'’-]+(?: [A-Z][\w'’-]+| [A-Z]\.)*"
_CS_NAMES = re.compile(rf"{_CS_NAME}(?:; {_CS_NAME})*")
_IN = re.compile(r"^in\s+", re.I)
# Short capitalised words with a full stop that abbreviate a name: Proc., Conf., Int., Trans.
_ABBREVIATION = re.compile(r"(?:^|\s)[A-Z][a-z]{0,5}\.$")
_SKIP = re.compile(r"(?:vol|no|pp?|ch|sec|art)\.?\s.*|\d+(?:st|nd|rd|th)? ed\..*|\[.*\]", re.I)


def detect(text: str) -> float:
    if "``" in text or "[Online]" in text or "[online]" in text:
        return 0.9
    # Below APA's 0.85: Harvard also quotes, after an author-date head IEEE never writes.
    if ('"' in text or "“" in text or "'," in text) and _QUOTED.search(text):
        return 0.8
    if _INITIALS_FIRST.match(text):
        return 0.5
    return 0.0


def read(text: str, *, zh: bool = False) -> Fields:
    m = _QUOTED.search(text)
    if m is None:
        return _read_unquoted(text)
    title = clean((m.group("latex") or m.group("q") or m.group("c") or m.group("s")).rstrip(","))
    # "Jiang, Peihua; Josue, Jesusa" (CS2): each name carries its own comma.
    head = text[: m.start()].strip(" ,")
    if re.search(r"[a-z]\.$", head):  # MLA's "Smith, John." but not an initial's full stop
        head = head[:-1]
    if ";" in head or _CS_NAMES.fullmatch(head):
        names = tuple(n.strip(" ,") for n in head.split(";") if n.strip(" ,"))
    else:
        names = split_names(head)
    container, published, pages = _after(text[m.end() :])
    return Fields(names, title, container, published, pages)


def _after(text: str) -> tuple[str | None, PartialDate | None, str | None]:
    """The container and date after the title."""
    published = date_of(text)
    # Chicago notes: "… no. 3 (2019): 45–52".
    pages = m.group(1) if (m := re.search(rf"\):\s?({PAGE_RANGE})", text)) else None
    text = DATE.sub(" ", text)
    container = None
    for piece in _pieces(text):
        piece = _IN.sub("", piece.strip(" .;"))
        if piece and not _SKIP.fullmatch(piece):
            # A stray quote mark left from the title ("chessboardjs.com " Homepage) is no name.
            # "Journal of Feline Medicine 21, no. 3": the number after a name is its volume.
            piece = re.sub(r"\s\d{1,3}$", "", piece)
            container = None if '"' in piece or "”" in piece else clean(piece)
            break
    return container, published, pages


def _pieces(text: str) -> list[str]:
    """The comma-parted pieces after the title; a full stop parts them too, but not after an
    abbreviation of a proceedings' name ("in Proc. IEEE Conf. Computer Vision")."""
    pieces: list[str] = []
    for piece in split_outside(text, ","):
        for part in re.split(r"(?<=\.)\s+", piece):
            if pieces and _ABBREVIATION.search(pieces[-1]) and part[:1].isupper():
                pieces[-1] += " " + part
            else:
                pieces.append(part)
        pieces[-1] = pieces[-1] + ","
    return [p.rstrip(",") for p in pieces]


def _read_unquoted(text: str) -> Fields:
    m = _INITIALS_FIRST.match(text)
    if m is None:
        return Fields()
    rest = text[m.end() :].strip(" .")
    # Chicago notes: "M. Mayer, Title (Springer, 1998)".
    rest, publisher, year = bracketed_imprint(rest)
    title, _, after = rest.partition(". ")
    # "Improving the Design of Existing Code(2nd Edition)": a glued edition is no clean title.
    clean_title = None if re.search(r"\w\(", title) else clean(title)
    return Fields(split_names(m.group(1)), clean_title, publisher, year or date_of(after))
