"""Archive services: read archive URLs and decide what a fetched snapshot is. No I/O here.

One module per service (``wayback``, ``archive_today``, ``memento``), each documenting its
protocol and declaring its hosts' manners, snapshot patterns, ``lookups`` (how the suggester
finds a capture: CDX server, URL TimeGate, TimeMap) and ``banner`` (how the page reader finds what a
capture says of itself); ``DEFAULT_SERVICES`` lists them. Snapshot services known only by their
banner (``zh_snapshot``) are listed in ``BANNER_READERS``. The checker calls, per archive URL::

    ref = parse_archive_url(url)           # ArchiveRef | MalformedArchiveUrl | None
    hops = [fetch(raw_url(ref))]           # follow with next_url(hops) until it is None
    outcome = decide_snapshot(hops, cited_url=reference.url)
"""

from citecheck.archives._links import HOST_ONLY_ARCHIVES, is_archive_link
from citecheck.archives._lookup import (
    CdxDialect,
    CdxLookup,
    Lookup,
    TimeGateLookup,
    TimeMapLookup,
)
from citecheck.archives._registry import (
    BANNER_READERS,
    DEFAULT_SERVICES,
    discovered_services,
    malformed_archive_urls,
    parse_archive_url,
    raw_url,
    service_for,
)
from citecheck.archives._types import (
    ArchiveRef,
    ArchiveService,
    BannerReader,
    CaptureBanner,
    ParseResult,
    Precision,
)
from citecheck.archives.archive_today import ARCHIVE_TODAY
from citecheck.archives.memento import parse_link_header, ref_from_headers
from citecheck.archives.snapshot import (
    BODY_HEAD,
    MAX_HOPS,
    Hop,
    decide_snapshot,
    next_url,
)
from citecheck.archives.wayback import (
    INTERNET_ARCHIVE,
    WaybackService,
    pywb_collection,
    wayback_archive_at,
    wayback_archive_of,
)
from citecheck.urls import is_home_page_of, normalise_url, same_resource

__all__ = [
    "ARCHIVE_TODAY",
    "BANNER_READERS",
    "BODY_HEAD",
    "DEFAULT_SERVICES",
    "HOST_ONLY_ARCHIVES",
    "INTERNET_ARCHIVE",
    "MAX_HOPS",
    "ArchiveRef",
    "ArchiveService",
    "BannerReader",
    "CaptureBanner",
    "CdxDialect",
    "CdxLookup",
    "Hop",
    "Lookup",
    "ParseResult",
    "Precision",
    "TimeGateLookup",
    "TimeMapLookup",
    "WaybackService",
    "decide_snapshot",
    "discovered_services",
    "is_archive_link",
    "is_home_page_of",
    "malformed_archive_urls",
    "next_url",
    "normalise_url",
    "parse_archive_url",
    "parse_link_header",
    "pywb_collection",
    "raw_url",
    "ref_from_headers",
    "same_resource",
    "service_for",
    "wayback_archive_at",
    "wayback_archive_of",
]
