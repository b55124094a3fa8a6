"""The library entry point: the pipeline load -> parse -> rules, as one call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from citecheck import rules
from citecheck.load import load
from citecheck.model import Report
from citecheck.parse import parse


def audit(
    source: str | Path,
    *,
    today: dt.date | None = None,
    input_format: str = "auto",
    select: Iterable[str] = ("all",),
    ignore: Iterable[str] = (),
) -> Report:
    """Audit the references of an article.

    ``source`` is a path, ``-`` for standard input, or the article's text itself. ``today`` is
    the audit date the date rules compare against (default: the real date), so a report can be
    reproduced. Raises ``LoadError``/``ParseError`` when the input cannot be read at all, and
    ``SelectionError`` for an unknown rule code.
    """
    document = load(source, input_format=input_format)
    article = parse(document)
    chosen = rules.select(select, ignore)
    today = today or dt.date.today()
    return Report(document.origin, today, article, rules.run(article, today, chosen))
