"""Is this link an archive's copy rather than the cited page? The one answer every input format
and stage asks.

A link is an archive link when a registered service reads it (the Internet Archive's and
archive.today's hosts, an archive named with ``--archive``), when its path has the Wayback
grammar on any host (:func:`~.wayback.wayback_archive_of`), or when it is on the host of an
archive that has no service module yet (below): those are checked by their Memento headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from citecheck.archives._registry import DEFAULT_SERVICES, parse_archive_url
from citecheck.archives._types import ArchiveService

# Archives known by their hosts alone: no URL grammar read here, so their snapshots are
# decided by the Memento headers they answer with. A host's subdomains count too.
HOST_ONLY_ARCHIVES = frozenset(
    {
        "webarchive.org",
        "webcitation.org",
        "archive.wikiwix.com",
        "ghostarchive.org",
        "perma.cc",
        "arquivo.pt",
        "wayback.archive-it.org",
        "webarchive.loc.gov",
        "webarchive.nla.gov.au",
        "webarchive.nationalarchives.gov.uk",
        "webarchive.org.uk",
        "vefsafn.is",
        "web.archive.bibalex.org",
        "megalodon.jp",
        "timetravel.mementoweb.org",
    }
)


def is_archive_link(url: str, services: Sequence[ArchiveService] = DEFAULT_SERVICES) -> bool:
    """Whether ``url`` links to an archive's copy (a snapshot, or an archive command such as
    ``/save/``, which the malformed-archive rule then names) rather than to the cited page."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # "Invalid IPv6 URL": text that only looks like a URL
        return False
    if any(host == h or host.endswith("." + h) for h in HOST_ONLY_ARCHIVES):
        return True
    # Most links are ordinary pages: the services' hosts all say "archive", and any other
    # archive's snapshot carries its original URL in the path. Settled without parsing.
    if "archive" not in host and ":/" not in parts.path:
        return False
    return parse_archive_url(url, services) is not None
