"""The Wayback Machine URL grammar: the Internet Archive's, and pywb's and OpenWayback's too.

A snapshot URL is ``<base><timestamp><flag>/<original URL>``, with base
``https://web.archive.org/web/`` at the Internet Archive (``http://host/<collection>/`` in pywb):

- ``timestamp`` is 4–14 digits ``YYYYMMDDhhmmss``; a shorter one asks for a capture around that
  year, month, day… (which end of the period it pads to is the archive's choice: pywb pads to
  the end). It may be left out (``/web/<url>``) to ask for the latest.
- ``flag`` picks a replay mode: ``id_`` is raw mode (the captured bytes and status, unrewritten),
  ``if_``/``mp_`` serve the page without the banner, ``im_``/``js_``/``cs_`` are for embeds.
- The server answers a request for a time it holds no capture at with a redirect (302 at the
  Internet Archive, 307 in pywb) to the nearest capture's exact timestamp; that redirect has no
  ``Memento-Datetime``. A capture is served with ``Memento-Datetime`` and a ``Link`` header
  naming the original URL (see :mod:`.memento`); in raw mode its status is the captured status,
  so a capture of a 301 comes back as a 301 *with* ``Memento-Datetime``.
- 404 without ``Memento-Datetime``: nothing archived. An excluded URL answers 403 (the CDX API
  adds ``X-Archive-Wayback-Runtime-Error: …AdministrativeAccessControlException``) or, on older
  playback, a 200 page saying "This URL has been excluded from the Wayback Machine". 429 means
  the client is going too fast, and the archive blocks clients that keep going.

Looking a capture up: a CDX server lists captures by URL and time (the Internet Archive's at
``/cdx/search/cdx``, pywb's at ``<collection>/cdx``); the URL TimeGate ``<base><stamp>id_/<url>``
redirects to the capture closest to the stamp, before or after (see ``WaybackService.lookups``).

Its replay pages (not raw mode) end with a comment ``FILE ARCHIVED ON 14:45:03 Sep 13, 2023 AND
RETRIEVED FROM THE INTERNET ARCHIVE…``, which :class:`WaybackReplayComment` reads (UTC).

Not snapshots: ``/save/<url>`` (a capture command), ``/web/*/<url>`` and ``/web/2016*/<url>``
(listings), ``liveweb.archive.org`` (a live-web proxy).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import urlsplit

from citecheck.archives._lookup import CdxDialect, CdxLookup, Lookup, TimeGateLookup
from citecheck.archives._refs import snapshot_ref
from citecheck.archives._types import (
    UNKNOWN_ARCHIVE_MANNERS,
    ArchiveRef,
    BannerReader,
    CaptureBanner,
    Manners,
    ParseResult,
)
from citecheck.evidence import MalformedArchiveUrl, MalformedReason
from citecheck.urls import split_url

_STAMP_AND_FLAG = re.compile(r"(?P<stamp>\d+)?(?P<flag>[a-z]{2}_)?")
_NOT_SNAPSHOT_SEGMENTS = frozenset({"timemap", "cdx", "sitemap", "search", "submit", "changes"})
_REPLAY_COMMENT = re.compile(
    r"FILE ARCHIVED ON (\d{2}:\d{2}:\d{2}) ([A-Z][a-z]{2} \d{2}, \d{4}) AND RETRIEVED"
)


@dataclass(frozen=True)
class WaybackReplayComment:
    """The capture time the Internet Archive's replay comment states, at the end of the page."""

    name: str = "wayback-replay-comment"

    def read_banner(self, text: str) -> CaptureBanner | None:
        m = _REPLAY_COMMENT.search(text[-20_000:])
        if m is None:
            return None
        when = dt.datetime.strptime(f"{m[2]} {m[1]}", "%b %d, %Y %H:%M:%S").replace(tzinfo=dt.UTC)
        return CaptureBanner(source="wayback replay comment", captured=when)


@dataclass(frozen=True)
class WaybackService:
    """An archive with the Wayback grammar, on ``hosts`` under ``prefix``.

    ``shared_hosts`` also serve other things (``archive.org/details/…`` is a library item, not a
    snapshot), so only paths under ``prefix`` there are archive URLs.
    """

    name: str
    hosts: frozenset[str]
    prefix: str = "/web/"
    shared_hosts: frozenset[str] = frozenset()
    liveweb_hosts: frozenset[str] = frozenset()
    # Where raw URLs point; ``None`` keeps the scheme and host the citation used.
    base: str | None = None
    blocked_markers: tuple[str, ...] = ()
    forbidden_means_blocked: bool = True
    marks_mementos: bool = True
    raw_flag: str = field(default="id_")
    # Per-host limits; an archive known only by its grammar is asked cautiously.
    manners: Mapping[str, Manners] = field(default_factory=lambda: MappingProxyType({}))
    snapshot_patterns: tuple[str, ...] = ()
    # Its CDX server; ``None``: pywb's, at ``<base>cdx``.
    cdx_endpoint: str | None = None
    cdx_dialect: CdxDialect = CdxDialect.PYWB
    # Whether its URL TimeGate is offered as a second way to look a capture up.
    url_timegate: bool = True
    # What its replay pages say about themselves, if it marks them.
    banner: BannerReader | None = None

    @property
    def lookups(self) -> tuple[Lookup, ...]:
        """Its CDX server, then its URL TimeGate; none without a fixed ``base`` to ask at."""
        if self.base is None:
            return ()
        endpoint = self.cdx_endpoint or f"{self.base}cdx"
        cdx = CdxLookup(endpoint=endpoint, snapshot_base=self.base, dialect=self.cdx_dialect)
        return (cdx, TimeGateLookup(self.base)) if self.url_timegate else (cdx,)

    def _host(self, url: str) -> tuple[str, str] | None:
        parts = split_url(url)
        if parts.scheme.lower() not in ("http", "https"):
            return None
        return (parts.hostname or "").lower(), parts.netloc.lower()

    def parse(self, url: str) -> ParseResult:
        hosts = self._host(url)
        if hosts is None:
            return None
        hostname, netloc = hosts
        if hostname in self.liveweb_hosts:
            return self._malformed(url, MalformedReason.LIVEWEB, "a live-web proxy, no snapshot")
        dedicated = hostname in self.hosts or netloc in self.hosts
        if not dedicated and hostname not in self.shared_hosts:
            return None
        rest = url.split("#", 1)[0]
        rest = rest[rest.lower().index(netloc) + len(netloc) :]
        if rest.startswith("/save/") or rest.startswith(self.prefix + "save/"):
            return self._malformed(url, MalformedReason.SAVE_COMMAND, "a capture command")
        if not rest.startswith(self.prefix):
            if not dedicated:
                return None
            return self._malformed(url, MalformedReason.NOT_A_SNAPSHOT, f"not under {self.prefix}")
        return self._parse_rest(url, rest[len(self.prefix) :])

    def _parse_rest(self, url: str, rest: str) -> ParseResult:
        segment, slash, tail = rest.partition("/")
        if "*" in segment or segment in _NOT_SNAPSHOT_SEGMENTS or rest.endswith("*"):
            return self._malformed(url, MalformedReason.NOT_A_SNAPSHOT, "a listing of captures")
        match = _STAMP_AND_FLAG.fullmatch(segment) if segment else None
        if match is None:
            stamp, flag, original_text = None, None, rest
        else:
            stamp, flag, original_text = match["stamp"], match["flag"], tail if slash else ""
        return snapshot_ref(self.name, url, stamp, original_text, flag)

    def _malformed(self, url: str, reason: MalformedReason, detail: str) -> MalformedArchiveUrl:
        return MalformedArchiveUrl(service=self.name, url=url, reason=reason, detail=detail)

    def _base(self, ref: ArchiveRef) -> str:
        if self.base is not None:
            return self.base
        parts = split_url(ref.url)
        return f"{parts.scheme}://{parts.netloc}{self.prefix}"

    def raw_url(self, ref: ArchiveRef) -> str:
        return f"{self._base(ref)}{ref.stamp or ''}{self.raw_flag}/{ref.original}"

    def archival_url(self, ref: ArchiveRef, original: str) -> str | None:
        return f"{self._base(ref)}{ref.stamp or ''}{ref.flag or ''}/{original}"


INTERNET_ARCHIVE = WaybackService(
    name="wayback",
    hosts=frozenset({"web.archive.org", "www.web.archive.org", "wayback.archive.org"}),
    shared_hosts=frozenset({"archive.org", "www.archive.org"}),
    liveweb_hosts=frozenset({"liveweb.archive.org"}),
    base="https://web.archive.org/web/",
    blocked_markers=(
        "has been excluded from the Wayback Machine",
        "AdministrativeAccessControlException",
        "Blocked Site Error",
    ),
    # The CDX API allows about 60 requests a minute per IP.
    manners=MappingProxyType(
        {
            "web.archive.org": Manners(concurrency=2, min_interval=1.0),
            "archive.org": Manners(concurrency=2, min_interval=1.0),
        }
    ),
    snapshot_patterns=("web.archive.org/web/*",),
    cdx_endpoint="https://web.archive.org/cdx/search/cdx",
    cdx_dialect=CdxDialect.WAYBACK,
    # Asked through its CDX server only: the CDX finds the capture before the wanted date, the
    # TimeGate only the closest one, and each query counts against the same rate limit.
    url_timegate=False,
    banner=WaybackReplayComment(),
)


def pywb_collection(netloc: str, collection: str, *, scheme: str = "http") -> WaybackService:
    """A pywb collection served at ``<scheme>://<netloc>/<collection>/``."""
    return WaybackService(
        name=f"pywb:{collection}",
        hosts=frozenset({netloc.lower()}),
        prefix=f"/{collection}/",
        base=f"{scheme}://{netloc}/{collection}/",
    )


# The Wayback grammar on a host no service names: an optional collection, a 4–14 digit stamp with
# an optional replay flag, then the original http(s) URL.
_ANY_WAYBACK_PATH = re.compile(
    r"/(?:(?P<collection>[A-Za-z0-9][\w.~-]{0,63})/)?\d{4,14}(?:[a-z]{2}_)?/(?:https?:)?/{1,2}\w"
)


def wayback_archive_of(url: str) -> WaybackService | None:
    """The Wayback-compatible archive a snapshot URL on an unknown host is served by, read from
    the URL's own grammar (``http://host/citations/20230914120000/http://…`` is a pywb
    collection ``citations``; ``http://host/20230914120000/http://…`` an archive at the root);
    None when the path has no such grammar."""
    parts = split_url(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    match = _ANY_WAYBACK_PATH.match(parts.path)
    if match is None:
        return None
    netloc, scheme = parts.netloc.lower(), parts.scheme.lower()
    prefix = f"/{match['collection']}/" if match["collection"] else "/"
    # Named by host and prefix: two hosts may both have a collection called "web".
    host = parts.hostname or netloc
    return WaybackService(
        name=f"wayback:{netloc}{prefix}",
        hosts=frozenset({netloc}),
        prefix=prefix,
        base=f"{scheme}://{netloc}{prefix}",
        manners=MappingProxyType({host: UNKNOWN_ARCHIVE_MANNERS}),
    )


def wayback_archive_at(prefix: str) -> WaybackService:
    """A Wayback-compatible archive (pywb, an institution's OpenWayback…) named by the URL
    prefix its snapshots start with, e.g. ``http://127.0.0.1:8080/citations/``."""
    parts = urlsplit(prefix)
    collection = parts.path.strip("/")
    if parts.scheme not in ("http", "https") or not parts.netloc or not collection:
        raise ValueError(f"not an archive prefix (scheme://host/collection/): {prefix!r}")
    return pywb_collection(parts.netloc, collection, scheme=parts.scheme)
