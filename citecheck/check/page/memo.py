"""Page evidence for the checker's fetches, kept in the cache's derived-data memo so that a
warm re-audit reads no page again; and the JSON it is kept as."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Sequence
from hashlib import blake2b
from pathlib import Path
from typing import Any

from citecheck import model
from citecheck.archives import BANNER_READERS, CaptureBanner
from citecheck.evidence import fetch as fetch_evidence
from citecheck.evidence import page as page_evidence
from citecheck.evidence.fetch import FetchResult
from citecheck.evidence.page import PageDate, PageEvidence, PageLanguage, TitleCandidate
from citecheck.http import outcome
from citecheck.model import PartialDate
from citecheck.parse import dates, languages
from citecheck.parse.memo import Memo, code_digest

_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


@functools.cache
def reader_version() -> str:
    """What decides ``read_page``'s output for the same bytes: this package's modules, the
    capture-banner readers and the readers of dates, languages and charsets it calls, the model,
    and the HTML and language-detection libraries. A kept page read by other code is read again
    (see ``pages_of``)."""
    # Every module of the package, in a fixed order: the readers and the evidence they fill.
    sources = sorted(Path(__file__).parent.glob("*.py"))
    sources += [
        Path(m.__file__ or "")
        for m in (model, outcome, fetch_evidence, page_evidence, dates, languages)
    ]
    # The banner readers' modules, and the one that says what a banner gives.
    readers = dict.fromkeys(type(r).__module__ for r in BANNER_READERS)
    sources += [
        Path(sys.modules[name].__file__ or "") for name in (*readers, CaptureBanner.__module__)
    ]
    return code_digest(b"citecheck-page", sources, ("selectolax", "langdetect")).hex()


def page_of(
    result: FetchResult, url: str | None = None, memo: Memo | None = None
) -> PageEvidence | None:
    """Evidence from a fetch that ended in a complete 2xx page; None for anything else.

    ``url`` is the page's own address when the fetch was of an archive's raw copy of it.
    With a ``memo``, a page read before is not read again (see ``pages_of``).
    """
    return pages_of([(result, url)], memo)[0]


def pages_of(
    fetched: Sequence[tuple[FetchResult, str | None]],
    memo: Memo | None = None,
    body_of: Callable[[FetchResult], bytes] | None = None,
) -> list[PageEvidence | None]:
    """``page_of`` for many fetches (result, page address or None), with one memo lookup.

    With a ``memo``, a page read before from the same response is not read again, so a warm
    re-audit neither parses pages nor loads langdetect. There is one entry per requested URL,
    page address and headers, holding what identifies the code that read it (``reader_version``)
    and the response it was read from: when the response was fetched and its length (a response
    replayed from the cache keeps the time it was fetched at, so hashing its bytes is not
    needed), or the bytes' digest when the time is not known. A page fetched again, or read by
    other code, replaces its entry instead of adding one.

    A result whose body was left in the cache (``FetchResult.facts``) is read with ``body_of``
    (``Fetcher.body_of``) when its page is not in the memo; without it, or when the cache no
    longer holds the body, it has no page.
    """
    pages: list[PageEvidence | None] = [None] * len(fetched)
    wanted: list[tuple[int, str, str | None, str | None, str, str]] = []
    for i, (result, url) in enumerate(fetched):
        content_type = result.headers.get("content-type")
        if not result.ok or not result.size or not _is_page_type(content_type):
            continue
        address = url or result.final_url
        content_language = result.headers.get("content-language")
        key = made_from = ""
        if memo is not None:
            where = blake2b(b"citecheck-page-1", digest_size=16)
            for part in (result.url, address, content_type or "", content_language or ""):
                where.update(part.encode("utf-8", "surrogatepass") + b"\0")
            key = "page:" + where.hexdigest()
            made_from = f"{reader_version()} {response_identity(result, body_of)}\n"
        wanted.append((i, address, content_type, content_language, key, made_from))
    known = memo.get_derived_many([w[4] for w in wanted]) if memo is not None else {}
    for i, address, content_type, content_language, key, made_from in wanted:
        value = known.get(key)
        if value is not None and value.startswith(made_from):
            pages[i] = evidence_from_json(value[len(made_from) :])
            continue
        result = fetched[i][0]
        body = body_of_result(result, body_of)
        if not body:
            continue
        # The readers load only when a page is read, not for a re-audit of kept pages.
        from citecheck.check.page import read

        page = read.read_page(
            body,
            address,
            content_type=content_type,
            content_language=content_language,
        )
        if memo is not None:
            memo.put_derived(key, made_from + evidence_to_json(page))
        pages[i] = page
    return pages


def _is_page_type(content_type: str | None) -> bool:
    return not content_type or content_type.lower().startswith(_PAGE_TYPES)


def body_of_result(result: FetchResult, body_of: Callable[[FetchResult], bytes] | None) -> bytes:
    """The result's body, read with ``body_of`` when it was left in the cache."""
    return result.body if result.facts is None or body_of is None else body_of(result)


def response_identity(
    result: FetchResult, body_of: Callable[[FetchResult], bytes] | None = None
) -> str:
    """What identifies the response a value was derived from: when it was fetched and its
    length, or its bytes' digest when the time is not known."""
    if result.checked_at is not None:
        return f"{result.checked_at.isoformat()} {result.size}"
    body = body_of_result(result, body_of)
    return blake2b(body, digest_size=16).hexdigest()


def evidence_to_json(page: PageEvidence) -> str:
    """``page`` as JSON that ``evidence_from_json`` reads back to an equal PageEvidence."""

    def language(lang: PageLanguage | None) -> list[Any] | None:
        return None if lang is None else [lang.code, lang.source, lang.probability]

    published = page.published
    return json.dumps(
        [
            page.url,
            page.charset,
            page.charset_source,
            [[t.text, t.source] for t in page.titles],
            language(page.language),
            language(page.declared_language),
            language(page.detected_language),
            None
            if published is None
            else [
                [published.date.year, published.date.month, published.date.day],
                published.source,
                published.raw,
            ],
            page.canonical,
            page.canonical_source,
            page.original_url,
            page.captured.isoformat() if page.captured else None,
            page.captured_source,
        ],
        ensure_ascii=False,
    )


def evidence_from_json(text: str) -> PageEvidence:
    (
        url,
        charset,
        charset_source,
        titles,
        lang,
        declared,
        detected,
        published,
        canonical,
        canonical_source,
        original_url,
        captured,
        captured_source,
    ) = json.loads(text)

    def language(value: list[Any] | None) -> PageLanguage | None:
        return None if value is None else PageLanguage(*value)

    return PageEvidence(
        url=url,
        charset=charset,
        charset_source=charset_source,
        titles=tuple(TitleCandidate(t, source) for t, source in titles),
        language=language(lang),
        declared_language=language(declared),
        detected_language=language(detected),
        published=None
        if published is None
        else PageDate(PartialDate(*published[0]), published[1], published[2]),
        canonical=canonical,
        canonical_source=canonical_source,
        original_url=original_url,
        captured=dt.datetime.fromisoformat(captured) if captured else None,
        captured_source=captured_source,
    )
