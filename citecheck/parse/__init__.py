"""parse: Document -> Article, pure, no network.

Each input format is one module in ``formats/`` that registers itself with ``@input_format``;
``parse`` picks the format named by the document or detects it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, replace

from citecheck.model import Article, Document, Reference
from citecheck.urls import is_valid_url


class ParseError(Exception):
    """The input cannot be read at all. The message names the place (file, line)."""


@dataclass(frozen=True)
class InputFormat:
    name: str
    # How sure this format is that the text is written in it: 0 (no) to 1 (certain).
    detect: Callable[[str], float]
    parse: Callable[[Document], Article]


FORMATS: dict[str, InputFormat] = {}


def input_format(
    name: str, detect: Callable[[str], float]
) -> Callable[[Callable[[Document], Article]], Callable[[Document], Article]]:
    """Register a parser for one input format."""

    def register(func: Callable[[Document], Article]) -> Callable[[Document], Article]:
        FORMATS[name] = InputFormat(name, detect, func)
        return func

    return register


def load_formats() -> None:
    """Import every module of ``formats/`` so each registers itself (idempotent)."""
    from citecheck.parse import formats

    for info in pkgutil.iter_modules(formats.__path__):
        importlib.import_module(f"{formats.__name__}.{info.name}")


def format_names() -> list[str]:
    """The input formats' names, sorted, without importing their modules: each module of
    ``formats/`` registers the format it is named for."""
    from citecheck.parse import formats

    return sorted(info.name for info in pkgutil.iter_modules(formats.__path__))


def detect_format(text: str) -> str:
    """The registered format most sure of itself; rendered plain text when none is."""
    load_formats()
    # Each detector runs once; ties go to the first name, as max keeps the first of equals.
    scores = [(f.detect(text), f.name) for f in sorted(FORMATS.values(), key=lambda f: f.name)]
    score, name = max(scores, key=lambda s: s[0])
    return name if score > 0 else "text"


def parse(document: Document) -> Article:
    """Read a document in its format. A document with no cited sentence and no reference list is
    an empty Article (nothing to audit), unless its format was named: then the name is the
    likelier mistake, and it is an error."""
    load_formats()
    named = document.format != "auto"
    name = document.format if named else detect_format(document.text)
    try:
        fmt = FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ParseError(
            f"{document.origin}: unknown input format {name!r} (known: {known})"
        ) from None
    article = _without_invalid_urls(fmt.parse(document))
    if named and not (article.claims or article.references or article.notes):
        raise ParseError(f"{document.origin}: nothing could be read as {name}")
    return article


def _without_invalid_urls(article: Article) -> Article:
    """The article with every link no client could request (``http://[::1``, ``https://``)
    taken out of its entries and named in their ``unread``, so a bad link becomes a finding
    (unreadable-reference) and no later stage meets it. One place for every format."""
    if all(_urls_valid(r) for r in (*article.references, *article.notes)):
        return article
    return replace(
        article,
        references=tuple(_valid_links(r) for r in article.references),
        notes=tuple(_valid_links(r) for r in article.notes),
    )


def _urls_valid(ref: Reference) -> bool:
    links = (ref.url, ref.archive_url, *ref.more_urls)
    return all(is_valid_url(u) for u in links if u is not None)


def _valid_links(ref: Reference) -> Reference:
    if _urls_valid(ref):
        return ref
    bad = [u for u in (ref.url, ref.archive_url, *ref.more_urls) if u and not is_valid_url(u)]
    return replace(
        ref,
        url=ref.url if ref.url is None or is_valid_url(ref.url) else None,
        archive_url=(
            ref.archive_url if ref.archive_url is None or is_valid_url(ref.archive_url) else None
        ),
        more_urls=tuple(u for u in ref.more_urls if is_valid_url(u)),
        unread=(*ref.unread, *(f"link (not a valid URL): {u}" for u in bad)),
    )
