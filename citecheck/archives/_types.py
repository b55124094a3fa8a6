"""The plain data of the archive side: a parsed archive URL and a service. A malformed one is
evidence (``citecheck.evidence.MalformedArchiveUrl``): rules read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from citecheck.archives._lookup import Lookup
from citecheck.evidence import MalformedArchiveUrl
from citecheck.model import PartialDate


class Precision(StrEnum):
    """How much of a snapshot timestamp an archive URL gave (``/web/2023/…`` gives the year)."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    HOUR = "hour"
    MINUTE = "minute"
    SECOND = "second"


@dataclass(frozen=True)
class ArchiveRef:
    """A snapshot as an archive URL names it.

    ``timestamp`` is the earliest instant the URL's timestamp may mean, in UTC, at the given
    ``precision``; both are ``None`` when the URL gives no time (``/web/<url>``, a short
    archive.today link). ``original`` is ``None`` only where the URL does not carry it
    (archive.today short links). ``stamp`` keeps the timestamp digits as written, so the raw
    URL asks the archive for exactly what the citation asked for.
    """

    service: str
    url: str
    original: str | None
    timestamp: dt.datetime | None = None
    precision: Precision | None = None
    stamp: str | None = None
    flag: str | None = None
    short_id: str | None = None

    @property
    def date(self) -> PartialDate | None:
        """The snapshot's date at the precision the URL gave, to compare with a cited date."""
        if self.timestamp is None or self.precision is None:
            return None
        ts = self.timestamp
        if self.precision is Precision.YEAR:
            return PartialDate(ts.year)
        if self.precision is Precision.MONTH:
            return PartialDate(ts.year, ts.month)
        return PartialDate(ts.year, ts.month, ts.day)


ParseResult = ArchiveRef | MalformedArchiveUrl | None


@dataclass(frozen=True)
class CaptureBanner:
    """What a capture says about itself in its own text (a banner, a comment), not its headers.

    ``published`` is the publication date as the banner writes it, for the page reader to read
    as a day; ``published_raw`` is the text it was found in, ``published_source`` names it.
    """

    source: str
    captured: dt.datetime | None = None
    original: str | None = None
    title: str | None = None
    published: str | None = None
    published_raw: str | None = None
    published_source: str | None = None


class BannerReader(Protocol):
    """Reads one kind of capture banner out of a fetched page's decoded text."""

    @property
    def name(self) -> str: ...

    def read_banner(self, text: str) -> CaptureBanner | None:
        """The capture ``text`` says it is; ``None`` when it carries no banner of this kind."""
        ...


@dataclass(frozen=True)
class Manners:
    """How hard an archive may be asked, per host: requests in flight and seconds between request
    starts. The HTTP settings build their host policies from each service's."""

    concurrency: int
    min_interval: float = 0.0


# An archive known only by its URL grammar or by the citation naming it (a local pywb, an
# institution's OpenWayback): its limits are unknown, so the cautious end of the known ones'.
UNKNOWN_ARCHIVE_MANNERS = Manners(concurrency=2, min_interval=0.5)


class ArchiveService(Protocol):
    """One archive: its URL grammar, its manners, how to ask it for a snapshot's own bytes and
    how to look a capture up."""

    @property
    def name(self) -> str: ...

    @property
    def blocked_markers(self) -> tuple[str, ...]:
        """Texts by which the service says, in a header or a page, that a URL is excluded."""
        ...

    @property
    def forbidden_means_blocked(self) -> bool:
        """Whether a 403 from the service means it excludes the URL, rather than a bot wall."""
        ...

    @property
    def marks_mementos(self) -> bool:
        """Whether every capture it serves has ``Memento-Datetime``, so a 200 without it is the
        archive's own page (an error or exclusion notice), not a capture."""
        ...

    @property
    def manners(self) -> Mapping[str, Manners]:
        """Its hosts' limits (the Wayback Machine blocks clients that ignore its 429s)."""
        ...

    @property
    def snapshot_patterns(self) -> tuple[str, ...]:
        """URL patterns (``host/path*``) of its snapshots, whose answers never expire."""
        ...

    @property
    def lookups(self) -> tuple[Lookup, ...]:
        """How to find its capture of a URL near a time, in order of preference (a CDX server,
        a URL TimeGate); empty when it cannot be searched by URL and date."""
        ...

    @property
    def banner(self) -> BannerReader | None:
        """How its capture pages state, in their own text, what and when they captured."""
        ...

    def parse(self, url: str) -> ParseResult:
        """The snapshot ``url`` names; ``None`` when ``url`` is not on this service."""
        ...

    def raw_url(self, ref: ArchiveRef) -> str:
        """Where to fetch the snapshot's own bytes: raw mode if the service has one."""
        ...

    def archival_url(self, ref: ArchiveRef, original: str) -> str | None:
        """The snapshot of ``original`` nearest ``ref``'s time, or ``None`` if not expressible.

        Used to follow a captured redirect inside the archive instead of onto the live web.
        """
        ...
