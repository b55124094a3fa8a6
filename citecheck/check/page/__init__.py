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

from citecheck.check.page.dates import parse_page_date
from citecheck.check.page.decoding import decode
from citecheck.check.page.language import main_text
from citecheck.check.page.memo import evidence_from_json, evidence_to_json, page_of, pages_of
from citecheck.check.page.read import read_page
from citecheck.check.page.titles import strip_site_suffix
from citecheck.evidence.page import PageDate, PageEvidence, PageLanguage, TitleCandidate
from citecheck.parse.languages import detect_language

__all__ = [
    "PageDate",
    "PageEvidence",
    "PageLanguage",
    "TitleCandidate",
    "decode",
    "detect_language",
    "evidence_from_json",
    "evidence_to_json",
    "main_text",
    "page_of",
    "pages_of",
    "parse_page_date",
    "read_page",
    "strip_site_suffix",
]
