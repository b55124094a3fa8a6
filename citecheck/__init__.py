"""citecheck: audit the references of an article for missing, dead and mismatched citations.

>>> import citecheck
>>> report = citecheck.audit("article.txt")          # doctest: +SKIP
>>> print(report.summary)                            # doctest: +SKIP
"""

__version__ = "0.1.0"

from citecheck.audit import audit
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
from citecheck.report import render
from citecheck.rules import SelectionError

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
    "audit",
    "render",
]
