"""stub"""

from __future__ import annotations

from citecheck.parse.styles.common import Fields

NAME = "ieee"
BRACKETED_ACCESS = True
PAREN_DATES = True


def detect(text: str) -> float:
    return 0.0


def read(text: str, *, zh: bool = False) -> Fields:
    return Fields()
