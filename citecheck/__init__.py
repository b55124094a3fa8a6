"""citecheck: audit the references of an article for missing, dead and mismatched citations.

    >>> import citecheck
    >>> report = citecheck.audit("article.txt")          # doctest: +SKIP
    >>> print(report.summary)                            # doctest: +SKIP
    >>> text = citecheck.render(report, "json")          # doctest: +SKIP

``audit`` runs the pipeline (load, parse, check links when given ``http`` settings, rules) and
returns a ``Report``; ``aaudit`` is the same on a running event loop (``await
citecheck.aaudit(...)``); ``render`` writes a report as Markdown, JSON or SARIF. The JSON
report's schema ships as ``citecheck/report/schema.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from citecheck.audit import aaudit, audit
from citecheck.load import LoadError
from citecheck.model import (
    Article,
    Claim,
    Document,
    Family,
    Finding,
    Marker,
    PartialDate,
    Reference,
    Report,
    Severity,
    Summary,
)
from citecheck.parse import ParseError
from citecheck.rules import SelectionError

if TYPE_CHECKING:
    from citecheck.report import render

__all__ = [
    "Article",
    "Claim",
    "Document",
    "Family",
    "Finding",
    "LoadError",
    "Marker",
    "ParseError",
    "PartialDate",
    "Reference",
    "Report",
    "SelectionError",
    "Severity",
    "Summary",
    "__version__",
    "aaudit",
    "audit",
    "render",
]


def __getattr__(name: str) -> Any:
    """``render``, loaded on first use."""
    # The reporters import the template tables and the wikitext parser: load them when asked,
    # so a program using another part (the HTTP layer, say) does not pay for them.
    if name == "render":
        from citecheck.report import render

        return render
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names with the lazily loaded ones, so ``help(citecheck)`` and completion
    list ``render`` too."""
    return sorted({*globals(), *__all__})
