"""What the HTTP layer keeps of a response: the headers later steps read, the declared charset.

The result types (``FetchResult``, ``Hop``, ``BodyFacts``, ``ErrorKind``) are the evidence
contract's (``citecheck.evidence.fetch``): the HTTP layer builds them, rules and reports read
them.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "KEPT_HEADERS",
    "declared_charset",
    "keep_headers",
]

# The only response headers later steps read; everything else is dropped from results.
KEPT_HEADERS: tuple[str, ...] = (
    "location",
    "memento-datetime",
    "link",
    "content-type",
    "content-language",
    "retry-after",
    "content-location",
    "last-modified",
)


def declared_charset(content_type: str | None) -> str | None:
    """The charset a Content-Type header declares, lower-cased, or None."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'").lower() or None
    return None


_KEPT = frozenset(KEPT_HEADERS)


def keep_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers worth keeping, with lower-case names (in ``KEPT_HEADERS`` order)."""
    lowered = {}
    for name, value in headers.items():
        name = name.lower()
        if name in _KEPT:
            lowered[name] = value
    if len(lowered) < 2:
        return lowered
    return {name: lowered[name] for name in KEPT_HEADERS if name in lowered}
