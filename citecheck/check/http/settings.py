"""The HTTP layer's settings: one frozen dataclass the CLI fills from its flags.

Defaults are chosen to be polite: a few requests at a time per host, fewer and spaced out for
the archives (the Wayback Machine blocks clients that keep going after a 429), a timeout on every
request, bounded redirects, bounded bodies and a bounded retry budget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from citecheck.check.archives import DEFAULT_SERVICES
from citecheck.check.archives._types import UNKNOWN_ARCHIVE_MANNERS

# Snapshot URLs name one capture, which never changes, so their responses never expire; each
# archive service lists its own.
DEFAULT_SNAPSHOT_PATTERNS: tuple[str, ...] = tuple(
    pattern for service in DEFAULT_SERVICES for pattern in service.snapshot_patterns
)

USER_AGENT = "citecheck/0.1 (citation auditor; +https://github.com/citecheck/citecheck)"


@dataclass(frozen=True)
class HostPolicy:
    """How hard one host may be asked: requests in flight and seconds between request starts."""

    concurrency: int
    min_interval: float = 0.0


# The archives' own limits, from each service (the Wayback Machine blocks clients that keep
# going after a 429; archive.today is stricter still).
DEFAULT_HOST_POLICIES: Mapping[str, HostPolicy] = MappingProxyType(
    {
        host: HostPolicy(manners.concurrency, manners.min_interval)
        for service in DEFAULT_SERVICES
        for host, manners in service.manners.items()
    }
)

UNKNOWN_ARCHIVE_POLICY = HostPolicy(
    UNKNOWN_ARCHIVE_MANNERS.concurrency, UNKNOWN_ARCHIVE_MANNERS.min_interval
)


@dataclass(frozen=True)
class HttpSettings:
    """Everything the HTTP layer can be told. Times are in seconds.

    Cache selection, first match wins: ``record`` (write a cassette folder), ``cassette`` (read a
    cassette folder), ``cache`` (an SQLite path, or a ``redis://`` / ``mongodb://`` URL), else
    SQLite in the user cache directory. ``cache=None`` together with ``no_cache=True`` keeps
    responses in memory only.
    """

    cache: str | Path | None = None
    cassette: Path | None = None
    record: Path | None = None
    cassette_format: str = "json"  # or "yaml" (needs PyYAML)
    no_cache: bool = False
    offline: bool = False
    allow_private: bool = False

    concurrency: int = 64
    per_host: int = 4
    host_policies: Mapping[str, HostPolicy] = field(
        default_factory=lambda: DEFAULT_HOST_POLICIES, hash=False
    )

    timeout: float = 20.0
    max_redirects: int = 10
    max_bytes: int = 2_000_000

    max_age: dt.timedelta = dt.timedelta(days=1)
    snapshot_patterns: tuple[str, ...] = DEFAULT_SNAPSHOT_PATTERNS

    max_attempts: int = 4
    retry_initial: float = 1.0
    retry_max_wait: float = 30.0
    retry_jitter: float = 1.0
    retry_after_cap: float = 60.0
    retry_budget: float = 120.0  # total seconds spent waiting between attempts, per hop

    user_agent: str = USER_AGENT
    proxy: str | None = None
    # The socket layer under httpx: "aiohttp" (fast at high concurrency; needs the aiohttp
    # package), "httpx" (httpcore's own pool), or "auto" (aiohttp when installed).
    network_transport: str = "auto"

    def policy_for(self, host: str) -> HostPolicy:
        """The host's own policy, else the generic one (``per_host`` at a time, no spacing)."""
        host = host.lower()
        if host in self.host_policies:
            return self.host_policies[host]
        parent = host.partition(".")[2]
        if parent in self.host_policies and parent.count(".") >= 1:
            return self.host_policies[parent]
        return HostPolicy(concurrency=self.per_host)
