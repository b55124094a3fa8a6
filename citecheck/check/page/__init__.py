"""Evidence from a fetched page: its titles, language, publication date, canonical URL and, for
archive and snapshot-service pages, the original address and the capture time.

Pure: it reads the bytes the checker already fetched and never asks the network. Every value
keeps where it came from (``og:title``, ``<html lang>``, JSON-LD…), because a rule must weigh a
``<meta>`` tag differently from a date guessed out of the URL, and the report must show which.

One module per concern: ``decoding`` (charsets), ``titles``, ``language``, ``dates``,
``banners`` (archive and snapshot-service pages), ``markup`` (what they share), ``read`` (the
whole page), ``evidence`` (the values) and ``memo`` (kept evidence for re-audits).

Measured on the readability samples in ``tests/data/pages/readability/`` (see
``tests/check/page/``); that is also where a change to the heuristics is caught.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.check.page.dates import parse_page_date
    from citecheck.check.page.decoding import decode
    from citecheck.check.page.language import main_text
    from citecheck.check.page.memo import evidence_from_json, evidence_to_json, page_of, pages_of
    from citecheck.check.page.read import read_page
    from citecheck.check.page.titles import strip_site_suffix
    from citecheck.evidence.page import PageDate, PageEvidence, PageLanguage, TitleCandidate

# Where each name lives. Loaded on first use: a re-audit whose pages are all kept reads none, so
# it need not load the readers (citecheck.speedups).
_HOMES = {
    "parse_page_date": "citecheck.check.page.dates",
    "decode": "citecheck.check.page.decoding",
    "main_text": "citecheck.check.page.language",
    "evidence_from_json": "citecheck.check.page.memo",
    "evidence_to_json": "citecheck.check.page.memo",
    "page_of": "citecheck.check.page.memo",
    "pages_of": "citecheck.check.page.memo",
    "read_page": "citecheck.check.page.read",
    "strip_site_suffix": "citecheck.check.page.titles",
    "PageDate": "citecheck.evidence.page",
    "PageEvidence": "citecheck.evidence.page",
    "PageLanguage": "citecheck.evidence.page",
    "TitleCandidate": "citecheck.evidence.page",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "PageDate",
    "PageEvidence",
    "PageLanguage",
    "TitleCandidate",
    "decode",
    "evidence_from_json",
    "evidence_to_json",
    "main_text",
    "page_of",
    "pages_of",
    "parse_page_date",
    "read_page",
    "strip_site_suffix",
]
