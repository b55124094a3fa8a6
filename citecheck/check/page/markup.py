"""What the page readers share: whitespace folding, the page's ``<meta>`` tags, its canonical
address. The HTML tree comes from ``read.read_page``; nothing here parses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urljoin

if TYPE_CHECKING:
    # The HTML parser is loaded where a page is read: a re-audit answered from the page memo
    # reads none and never loads it (~10 ms).
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

# Only the start of a page is read for charsets, banners and the HTML sniff.
SNIFF_BYTES = 4096

_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """``text`` with its runs of whitespace made one space, stripped; "" for None."""
    return _SPACES.sub(" ", text or "").strip()


Metas = Mapping[str, str]


def read_metas(tree: HTMLParser) -> Metas:
    """Each ``<meta>`` name (its property, name, itemprop or http-equiv, lower-cased) with the
    first non-empty ``content`` given for it: read once per page, looked up by ``meta``."""
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = clean(attrs.get("content"))
        if not content:
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            value = (attrs.get(key) or "").strip().lower()
            if value:
                found.setdefault(value, content)
    return found


def meta(metas: Metas, *names: str) -> str | None:
    """The content of the first of ``names`` the page's metas give."""
    return next((metas[n] for n in names if n in metas), None)


def canonical(tree: HTMLParser, metas: Metas, url: str) -> tuple[str | None, str | None]:
    """The page's canonical address and where it was read (``link canonical``, ``og:url``)."""
    for node in tree.css("link[rel]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        href = clean(node.attributes.get("href"))
        if "canonical" in rels and href:
            return urljoin(url, href), "link canonical"
    if og := meta(metas, "og:url"):
        return urljoin(url, og), "og:url"
    return None, None
