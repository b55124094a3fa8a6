"""Citation styles: how the author, title, container, date and pages of an entry are laid out.

One module per style family, each with a cheap ``detect(text) -> float`` (how sure it is that
``text`` is written in it; a few needle tests, no full parse) and ``read(body, zh=…) -> Fields``
for the entry's body once reftext has taken out what every style shares (URLs, access and archive
notes, identifiers, language labels, page locators). ``PAREN_DATES`` says whether reftext may take
a bracketed date such as ``(2019)`` out first, or the style reads it as part of its grammar
(APA's ``Author, A. (2019). Title.``); ``BRACKETED_ACCESS`` whether ``2023-09-13 [2023-09-18]``
and a lone ``[2023-09-18]`` are the zh CS1 and GB/T access date (GOST brackets a guessed year
of publication: ``[2004]``). The wiki renderings are the fallback: any entry no other
style is sure of is read as before.

Adding a style is one module here and one row in ``STYLES``;
tests/parse/test_styles.py runs its contract over every row.
"""

from __future__ import annotations

from typing import Protocol

from citecheck.parse.styles import apa, gbt7714, gost, ieee, japanese, short, vancouver, wiki
from citecheck.parse.styles.common import Fields

__all__ = ["STYLES", "Fields", "Style", "choose"]


class Style(Protocol):
    NAME: str
    PAREN_DATES: bool
    BRACKETED_ACCESS: bool

    def detect(self, text: str) -> float: ...

    def read(self, text: str, *, zh: bool = False) -> Fields: ...


# Highest score wins; on a tie the earlier row. The wiki fallback scores 0.1 on anything.
STYLES: tuple[Style, ...] = (gbt7714, ieee, apa, vancouver, gost, japanese, short, wiki)


def choose(text: str) -> Style:
    """The style ``text`` is most likely written in."""
    best: Style = wiki
    score = wiki.detect(text)
    for style in STYLES:
        if (s := style.detect(text)) > score:
            best, score = style, s
    return best
