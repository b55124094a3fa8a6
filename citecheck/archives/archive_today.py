"""archive.today (archive.ph, .is, .li, .vn, .md, .fo): one archive under seven domains.

Snapshot URLs come in two forms:

- long: ``https://archive.ph/2023.09.14-123059/https://example.com/page`` (also written with a
  14-digit ``20230914123059`` stamp), which names the capture time and the original URL;
- short: ``https://archive.ph/AbCd1`` (4–6 letters and digits), which names neither; the
  time and original URL come back in the snapshot's ``Memento-Datetime`` and ``Link`` headers.

``/newest/<url>``, ``/oldest/<url>`` and ``/timegate/<url>`` are TimeGates (the service speaks
Memento): they redirect to a capture, so they cite a snapshot without a time. ``/<url>`` alone
and ``/timemap/…`` list captures; ``/submit/…`` asks for a new capture. There is no raw mode:
snapshots are stored rewritten, so the snapshot URL itself is what is fetched. The service
answers bots with CAPTCHA pages (429 or 403), which say nothing about the snapshot.

Suggestions ask its Memento TimeMap, ``https://archive.ph/timemap/<url>``
(``application/link-format``): every capture of the URL with its time, each named by its
snapshot URL, which is what is suggested. It gives no captured status, so a capture of an error
page cannot be told apart (see :mod:`citecheck.check.suggest`). With one request every two
seconds, it is asked only when named (``--suggest-from archive.today``), never by default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from citecheck.archives._lookup import Lookup, TimeMapLookup
from citecheck.archives._refs import snapshot_ref
from citecheck.archives._types import (
    ArchiveRef,
    BannerReader,
    Manners,
    ParseResult,
)
from citecheck.evidence import MalformedArchiveUrl, MalformedReason
from citecheck.urls import split_url

NAME = "archive.today"
DOMAINS = frozenset(f"archive.{tld}" for tld in ("today", "ph", "is", "li", "vn", "md", "fo"))
_DOTTED = re.compile(r"\d{4}\.\d{2}\.\d{2}-\d{6}")
_DOTTED_LOOSE = re.compile(r"\d{4}\.\d{1,2}\.\d{1,2}(?:-\d*)?")
_SHORT = re.compile(r"[A-Za-z0-9]{4,6}")
_TIMEGATES = frozenset({"newest", "oldest", "latest", "timegate"})
_LISTINGS = frozenset({"timemap", "search", "faq", "robots.txt"})


def _host(url: str) -> str | None:
    parts = split_url(url)
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host if host in DOMAINS else None


@dataclass(frozen=True)
class ArchiveTodayService:
    name: str = NAME
    blocked_markers: tuple[str, ...] = ()
    # A 403 here is a CAPTCHA or bot wall, not a statement about the snapshot.
    forbidden_means_blocked: bool = False
    marks_mementos: bool = False
    # Stricter than the Wayback Machine: it answers fast clients with CAPTCHAs.
    manners: Mapping[str, Manners] = field(
        default_factory=lambda: MappingProxyType(
            {domain: Manners(concurrency=1, min_interval=2.0) for domain in sorted(DOMAINS)}
        )
    )
    snapshot_patterns: tuple[str, ...] = tuple(f"{domain}/*" for domain in sorted(DOMAINS))
    # No CDX server, and no URL grammar to reach a capture near a date by: its TimeMap lists
    # every capture of a URL.
    lookups: tuple[Lookup, ...] = (TimeMapLookup("https://archive.ph/timemap/"),)
    # Its pages' own header ("saved from … on …") is not read yet.
    banner: BannerReader | None = None

    def parse(self, url: str) -> ParseResult:
        if _host(url) is None:
            return None
        parts = split_url(url)
        # The original URL after the first segment keeps its own query string.
        rest = url.split("#", 1)[0].split(parts.netloc, 1)[1].lstrip("/")
        segment, _, tail = rest.partition("/")
        if segment in ("submit", "") or segment.startswith("?"):
            reason = MalformedReason.SAVE_COMMAND if rest else MalformedReason.NOT_A_SNAPSHOT
            return self._malformed(url, reason, "a capture command" if rest else "the home page")
        if segment in _LISTINGS:
            return self._malformed(url, MalformedReason.NOT_A_SNAPSHOT, "a listing of captures")
        if segment in _TIMEGATES:
            return snapshot_ref(self.name, url, None, tail)
        if _SHORT.fullmatch(segment) and tail in ("", "image"):
            return ArchiveRef(service=self.name, url=url, original=None, short_id=segment)
        if _DOTTED.fullmatch(segment) or segment.isdigit():
            return snapshot_ref(self.name, url, segment.replace(".", "").replace("-", ""), tail)
        if _DOTTED_LOOSE.fullmatch(segment):
            detail = f"timestamp {segment!r} is not YYYY.MM.DD-hhmmss"
            return self._malformed(url, MalformedReason.BAD_TIMESTAMP, detail)
        if ":" in segment or "." in segment:
            return self._malformed(url, MalformedReason.NOT_A_SNAPSHOT, "a listing of captures")
        return self._malformed(url, MalformedReason.NOT_A_SNAPSHOT, f"unknown path /{segment}")

    def _malformed(self, url: str, reason: MalformedReason, detail: str) -> MalformedArchiveUrl:
        return MalformedArchiveUrl(service=self.name, url=url, reason=reason, detail=detail)

    def raw_url(self, ref: ArchiveRef) -> str:
        return ref.url

    def archival_url(self, ref: ArchiveRef, original: str) -> str | None:
        return None


ARCHIVE_TODAY = ArchiveTodayService()
