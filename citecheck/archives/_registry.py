"""The known archive services, and the URL questions asked of all of them at once.

Adding an archive is one module with a service object, listed in ``DEFAULT_SERVICES`` (a
snapshot service known only by its capture banner: a reader in ``BANNER_READERS``); callers
with archives of their own (a local pywb) pass their own tuple.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from citecheck.archives import memento
from citecheck.archives._types import ArchiveRef, ArchiveService, BannerReader, ParseResult
from citecheck.archives.archive_today import ARCHIVE_TODAY
from citecheck.archives.feed_capture import FEED_CAPTURE
from citecheck.archives.wayback import INTERNET_ARCHIVE, wayback_archive_of
from citecheck.archives.zh_snapshot import ZH_SNAPSHOT_SERVICE
from citecheck.evidence import MalformedArchiveUrl

DEFAULT_SERVICES: tuple[ArchiveService, ...] = (INTERNET_ARCHIVE, ARCHIVE_TODAY)

# The capture banners the page reader looks for, first match wins: snapshot services known only
# by their banner, then the services' own.
BANNER_READERS: tuple[BannerReader, ...] = (
    FEED_CAPTURE,
    ZH_SNAPSHOT_SERVICE,
    *(service.banner for service in DEFAULT_SERVICES if service.banner is not None),
)


def parse_archive_url(
    url: str, services: Sequence[ArchiveService] = DEFAULT_SERVICES
) -> ParseResult:
    """The snapshot an archive URL names, why it names none, or ``None`` if not an archive URL.
    Besides the ``services``, any URL with the Wayback grammar is a snapshot of the archive that
    grammar names (see :func:`discovered_services`)."""
    for service in services:
        result = service.parse(url)
        if result is not None:
            return result
    found = wayback_archive_of(url)
    return found.parse(url) if found is not None else None


def malformed_archive_urls(
    urls: Iterable[str], services: Sequence[ArchiveService] = DEFAULT_SERVICES
) -> dict[str, MalformedArchiveUrl]:
    """The URLs among ``urls`` that are on an archive but name no snapshot, with why: the
    verdicts the ``malformed-archive-url`` rule reads, so that rules need no archive grammar."""
    found: dict[str, MalformedArchiveUrl] = {}
    for url in urls:
        parsed = parse_archive_url(url, services)
        if isinstance(parsed, MalformedArchiveUrl):
            found[url] = parsed
    return found


def discovered_services(
    urls: Iterable[str], services: Sequence[ArchiveService] = DEFAULT_SERVICES
) -> tuple[ArchiveService, ...]:
    """The archives that cited snapshot URLs name by their Wayback grammar on hosts no service
    in ``services`` knows: a local pywb, an institution's OpenWayback. Registered with the
    others, their snapshots are fetched in raw mode and their redirects followed like the
    Internet Archive's, without ``--archive``."""
    found: dict[str, ArchiveService] = {}
    for url in urls:
        if any(service.parse(url) is not None for service in services):
            continue
        service = wayback_archive_of(url)
        if service is not None and service.name not in found:
            found[service.name] = service
    return tuple(found[name] for name in sorted(found))


def service_for(
    ref: ArchiveRef, services: Sequence[ArchiveService] = DEFAULT_SERVICES
) -> ArchiveService:
    """The service a reference came from; the generic Memento one when none is registered."""
    for service in services:
        if service.name == ref.service:
            return service
    return memento.GENERIC


def raw_url(ref: ArchiveRef, services: Sequence[ArchiveService] = DEFAULT_SERVICES) -> str:
    """The URL to fetch for the snapshot's own bytes: raw mode (``id_``) where the service has
    one, else the snapshot URL itself."""
    return service_for(ref, services).raw_url(ref)


def blocked_markers(services: Sequence[ArchiveService] = DEFAULT_SERVICES) -> tuple[str, ...]:
    return tuple(marker for service in services for marker in service.blocked_markers)
