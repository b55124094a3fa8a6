"""A page's title candidates, best first, with the site's name taken off the headline."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from citecheck.check.page.markup import Metas, clean, meta
from citecheck.evidence.page import TitleCandidate

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

# Separators between a headline and the site's name: "Headline - BBC News", "标题_科技_腾讯网".
_SUFFIX_SEP = re.compile(r"\s+[-|–—:·»«]{1,2}\s+|\s*(?:::|｜|_|—|\|)\s*")


def strip_site_suffix(title: str, site_names: tuple[str, ...] = ()) -> str:
    """The headline without the site's name after it (or before it), when one is recognised.

    A trailing segment goes when it names the site (``og:site_name`` or the host) or is short
    next to the rest; at most three segments go (``_探索者 _光明网``), and never the headline.
    """
    names = {_fold(n) for n in site_names if n}
    current = title.strip()
    for _ in range(3):
        parts = list(_split_last(current))
        if not parts:
            break
        head, tail = parts[0]
        known = _fold(tail) in names or any(n and n in _fold(tail) for n in names)
        short = len(tail) <= max(4, len(head) // 2) and len(tail.split()) <= 4
        if not head or not (known or short):
            break
        current = head
    return current


def _split_last(title: str) -> Iterator[tuple[str, str]]:
    matches = list(_SUFFIX_SEP.finditer(title))
    if matches:
        last = matches[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip(" :")
        if tail:
            yield head, tail


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", text).casefold())


def titles(tree: HTMLParser, metas: Metas, host: str) -> tuple[TitleCandidate, ...]:
    """``og:title``, ``<title>`` (stripped, then whole) and the first ``<h1>``, each once."""
    site = meta(metas, "og:site_name", "application-name")
    names = tuple(n for n in (site, host.removeprefix("www.").split(".")[0]) if n)
    found: list[TitleCandidate] = []
    og = meta(metas, "og:title", "twitter:title")
    if og:
        stripped = strip_site_suffix(og, names)
        found.append(TitleCandidate(stripped, "og:title"))
    title_node = tree.css_first("head title") or tree.css_first("title")
    raw = clean(title_node.text()) if title_node else ""
    if raw:
        stripped = strip_site_suffix(raw, names)
        found.append(TitleCandidate(stripped, "title"))
        if stripped != raw:
            found.append(TitleCandidate(raw, "title (whole)"))
    h1 = tree.css_first("h1")
    heading = clean(h1.text()) if h1 else ""
    if heading and len(heading) <= 300:
        found.append(TitleCandidate(heading, "h1"))
    unique: dict[str, TitleCandidate] = {}
    for candidate in found:
        unique.setdefault(candidate.text, candidate)
    return tuple(unique.values())
