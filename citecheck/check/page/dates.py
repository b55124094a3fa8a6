"""A page's publication date: JSON-LD, ``<meta>``, ``<time>``, then visible text and the URL.

Only unambiguous days are read (year first, or the month named): a rule weighs a date from
metadata more than one guessed from the text or the address (``PageDate.strong``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from citecheck.check.page.markup import Metas, canonical, clean, meta
from citecheck.evidence.page import PageDate
from citecheck.model import PartialDate
from citecheck.parse.dates import DATE_PATTERN, make_date, parse_date

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

_PUBLISHED_META = (
    "article:published_time",
    "article:published",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
    "pdate",
)
# yyyy-mm-dd, yyyy/mm/dd and yyyy.mm.dd: the year first leaves no day/month doubt.
_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{6})?$")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_-]|\.html?|$)"
)
_DATE_CLASS = re.compile(r"pub|date|time|post-?meta|byline|article-?info", re.I)
_JSON_LD_LIMIT = 20


def parse_page_date(raw: str) -> PartialDate | None:
    """A day read from a machine-readable value (ISO 8601, ``20170113``) or an unambiguous text
    date (year first, ``2023年9月14日``, ``14 September 2023``); None for anything vaguer."""
    raw = raw.strip()
    if m := _COMPACT.match(raw):
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _YMD.search(raw):
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    # Compiled on first use (re's own cache keeps it): ~5 ms that a re-audit, which reads no
    # page, would spend at import.
    for m in re.finditer(DATE_PATTERN, raw):
        found = parse_date(m.group(0))
        if found is not None and found.day is not None:
            return found
    return None


def _json_ld(tree: HTMLParser) -> Iterator[Mapping[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks, ``@graph`` members included."""
    for script in tree.css('script[type="application/ld+json"]')[:_JSON_LD_LIMIT]:
        try:
            data = json.loads(script.text() or "null")
        except ValueError:
            continue
        stack = [data]
        for _ in range(200):  # bounded: JSON-LD nests, but not deeply
            if not stack:
                break
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def published(tree: HTMLParser, metas: Metas, url: str) -> PageDate | None:
    """The first day the page states, machine-readable sources first; ``url`` is the page's
    own address (an archive copy's original), whose path may carry the day."""
    for item in _json_ld(tree):
        value = item.get("datePublished")
        if isinstance(value, str) and (day := parse_page_date(value)):
            return PageDate(day, "json-ld datePublished", value)
    for name in _PUBLISHED_META:
        value = meta(metas, name)
        if value and (day := parse_page_date(value)):
            return PageDate(day, f"meta {name}", value)
    for node in tree.css(
        'time[itemprop="datePublished"], time[pubdate], [itemprop="datePublished"]'
    ):
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        if value and (day := parse_page_date(value)):
            return PageDate(day, "time datePublished", clean(value))
    page_url, _ = canonical(tree, metas, url)
    return _visible_date(tree) or _url_date(url) or (_url_date(page_url) if page_url else None)


def _visible_date(tree: HTMLParser) -> PageDate | None:
    """The first short element whose class or id says date/time/pub and whose text has a day."""
    body = tree.body
    if body is None:
        return None
    for node in body.traverse(include_text=False):
        if node.tag in ("script", "style", "a", "option"):
            continue
        marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if node.tag != "time" and not _DATE_CLASS.search(marks):
            continue
        text = clean(node.text(separator=" "))
        if not text or len(text) > 80:
            continue
        if day := parse_page_date(text):
            return PageDate(day, "visible", text)
    return None


def _url_date(url: str) -> PageDate | None:
    m = _URL_DATE.search(urlsplit(url).path)
    if m and (day := make_date(int(m[1]), int(m[2]), int(m[3]))):
        return PageDate(day, "url", m.group(0).strip("/"))
    return None
