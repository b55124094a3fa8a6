"""One page's evidence, assembled: decode the bytes, find a capture banner, parse the HTML once
and ask each reader (titles, language, dates, canonical address) what the page says.

Pure: it reads the bytes the checker already fetched and never asks the network.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from citecheck.check.page import banners, dates, language, markup, titles
from citecheck.check.page.decoding import decode
from citecheck.evidence.page import PageEvidence, TitleCandidate

_HTML_TAG = re.compile(r"<(?:html|head|body|title|meta|div|p)\b", re.I)


def read_page(
    body: bytes,
    url: str,
    content_type: str | None = None,
    content_language: str | None = None,
) -> PageEvidence:
    """Everything ``body`` (fetched from ``url``) says about itself."""
    text, charset, charset_source = decode(body, content_type)
    capture = banners.capture_banner(text)
    is_html = looks_like_html(text, content_type)
    from selectolax.lexbor import LexborHTMLParser

    page = text if is_html else f"<html><body><pre>{_escape(text)}</pre></body></html>"
    tree = LexborHTMLParser(page)
    # An archive copy is read as the page it copies: its site's name, its address's date.
    address = capture.original if capture and capture.original else url
    host = urlsplit(address).hostname or ""
    metas = markup.read_metas(tree)
    found = titles.titles(tree, metas, host) if is_html else ()
    if capture and capture.title:
        found = (TitleCandidate(capture.title, capture.source or "capture"), *found)
    declared = language.declared_language(tree, metas, content_language)
    used, detected = language.language(declared, language.main_text(tree))
    canonical, canonical_source = markup.canonical(tree, metas, url)
    published = capture.published if capture and capture.published else None
    published = published or dates.published(tree, metas, address)
    return PageEvidence(
        url=url,
        charset=charset,
        charset_source=charset_source,
        titles=found,
        language=used,
        declared_language=declared,
        detected_language=detected,
        published=published,
        canonical=canonical,
        canonical_source=canonical_source,
        original_url=capture.original if capture else None,
        captured=capture.captured if capture else None,
        captured_source=capture.source if capture else None,
    )


def looks_like_html(text: str, content_type: str | None) -> bool:
    """Whether a decoded page is HTML: by its content type, else by a tag near its start."""
    return "html" in (content_type or "").lower() or bool(
        _HTML_TAG.search(text[: markup.SNIFF_BYTES])
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
