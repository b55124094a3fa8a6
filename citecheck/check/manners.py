"""How hard each archive may be asked, given to the HTTP layer as plain settings.

The archive services (``citecheck.archives``) declare their manners (requests in flight,
seconds between starts) and the URL patterns of their snapshots (which never change, so their
cached answers never expire). The HTTP layer knows nothing of archives: it takes host policies
and snapshot patterns in its settings, and this module, at the meeting point, puts the services'
declarations there. Policies the caller set for a host win over a service's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from types import MappingProxyType

from citecheck import archives
from citecheck.archives._types import UNKNOWN_ARCHIVE_MANNERS
from citecheck.http.settings import HostPolicy, HttpSettings

# A host whose links have the Wayback grammar but that no service knows: cautious manners.
UNKNOWN_ARCHIVE_POLICY = HostPolicy(
    UNKNOWN_ARCHIVE_MANNERS.concurrency, UNKNOWN_ARCHIVE_MANNERS.min_interval
)


def with_service_manners(
    settings: HttpSettings,
    services: Sequence[archives.ArchiveService] = archives.DEFAULT_SERVICES,
) -> HttpSettings:
    """``settings`` with each service's host policies and snapshot patterns added."""
    policies = {
        host: HostPolicy(manners.concurrency, manners.min_interval)
        for service in services
        for host, manners in service.manners.items()
    }
    patterns = tuple(p for service in services for p in service.snapshot_patterns)
    merged_patterns = tuple(dict.fromkeys((*settings.snapshot_patterns, *patterns)))
    if policies.keys() <= settings.host_policies.keys() and merged_patterns == (
        settings.snapshot_patterns
    ):
        return settings
    return replace(
        settings,
        host_policies=MappingProxyType({**policies, **settings.host_policies}),
        snapshot_patterns=merged_patterns,
    )


def with_unknown_archive_manners(settings: HttpSettings, hosts: Iterable[str]) -> HttpSettings:
    """``settings`` with cautious manners (:data:`UNKNOWN_ARCHIVE_POLICY`) for archive hosts
    no service knows; a host with a policy of its own keeps it."""
    new = set(hosts) - settings.host_policies.keys()
    if not new:
        return settings
    policies = {host: UNKNOWN_ARCHIVE_POLICY for host in sorted(new)}
    policies.update(settings.host_policies)
    return replace(settings, host_policies=MappingProxyType(policies))
