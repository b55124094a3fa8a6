"""Memento (RFC 7089): the protocol every modern web archive speaks, whatever its URL grammar.

A *memento* is an archived response. The archive marks it with two headers:

- ``Memento-Datetime: Tue, 12 Sep 2023 08:30:00 GMT`` — when the page was captured. Only a
  memento carries it; a redirect from a *TimeGate* (a URL that picks the capture nearest an
  ``Accept-Datetime`` or a URL timestamp) does not.
- ``Link`` (RFC 8288) with ``rel="original"`` (the captured URL), ``rel="timegate"``,
  ``rel="timemap"`` (the list of all captures) and ``rel="memento"`` / ``"first memento"`` /
  ``"prev memento"`` … entries with a ``datetime`` parameter.

An archive whose URL grammar citecheck does not know can still be checked: fetch the cited URL
and, if the answer carries ``Memento-Datetime``, :func:`ref_from_headers` reads the snapshot's
time and original URL from the headers alone. Such archives have no known raw mode, so the
snapshot is fetched at its own URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from citecheck.archives._lookup import Lookup
from citecheck.archives._stamps import parse_http_date
from citecheck.archives._types import (
    ArchiveRef,
    BannerReader,
    Manners,
    ParseResult,
    Precision,
)

NAME = "memento"


@dataclass(frozen=True)
class Link:
    """One entry of a ``Link`` header: its target, its relation types and other parameters."""

    url: str
    rels: tuple[str, ...]
    params: Mapping[str, str]


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = bracketed = False
    for char in text:
        if char == '"' and not bracketed:
            quoted = not quoted
        elif char == "<" and not quoted:
            bracketed = True
        elif char == ">" and not quoted:
            bracketed = False
        if char == sep and not quoted and not bracketed:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse_link_header(value: str) -> tuple[Link, ...]:
    """The entries of a ``Link`` header; entries that are not ``<url>; …`` are skipped."""
    links: list[Link] = []
    for entry in _split_outside_quotes(value, ","):
        pieces = _split_outside_quotes(entry.strip(), ";")
        target = pieces[0].strip()
        if not (target.startswith("<") and target.endswith(">")):
            continue
        params: dict[str, str] = {}
        for piece in pieces[1:]:
            key, _, raw = piece.partition("=")
            params[key.strip().lower()] = raw.strip().strip('"')
        rels = tuple(params.get("rel", "").lower().split())
        links.append(Link(url=target[1:-1].strip(), rels=rels, params=params))
    return tuple(links)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def original_from_headers(headers: Mapping[str, str]) -> str | None:
    """The ``rel="original"`` URL of a ``Link`` header, if any."""
    for link in parse_link_header(_header(headers, "link") or ""):
        if "original" in link.rels:
            return link.url
    return None


def ref_from_headers(url: str, headers: Mapping[str, str]) -> ArchiveRef | None:
    """The snapshot a response at ``url`` is, read from its Memento headers alone.

    ``None`` unless the response carries a readable ``Memento-Datetime``.
    """
    when = parse_http_date(_header(headers, "memento-datetime"))
    if when is None:
        return None
    return ArchiveRef(
        service=NAME,
        url=url,
        original=original_from_headers(headers),
        timestamp=when,
        precision=Precision.SECOND,
    )


@dataclass(frozen=True)
class MementoService:
    """Any Memento archive: no URL grammar, so snapshots are recognised by their headers."""

    name: str = NAME
    blocked_markers: tuple[str, ...] = ()
    # An unknown archive's 403 may be a bot wall: unverified rather than blocked.
    forbidden_means_blocked: bool = False
    marks_mementos: bool = False
    manners: Mapping[str, Manners] = field(default_factory=lambda: MappingProxyType({}))
    snapshot_patterns: tuple[str, ...] = ()
    # Known only by its headers: there is no TimeGate or CDX server to ask.
    lookups: tuple[Lookup, ...] = ()
    # An archive known only by its headers: nothing known to read in its pages.
    banner: BannerReader | None = None

    def parse(self, url: str) -> ParseResult:
        return None

    def raw_url(self, ref: ArchiveRef) -> str:
        return ref.url

    def archival_url(self, ref: ArchiveRef, original: str) -> str | None:
        return None


GENERIC = MementoService()
