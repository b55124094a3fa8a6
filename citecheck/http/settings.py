"""The HTTP layer's settings: one frozen dataclass the CLI fills from its flags.

Defaults are chosen to be polite: a few requests at a time per host, a timeout on every request,
bounded redirects, bounded bodies and a bounded retry budget. Stricter policies for particular
hosts come in ``host_policies``: the checker adds the archives' own there (fewer requests, spaced
out: the Wayback Machine blocks clients that keep going after a 429), see citecheck.check.manners.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

USER_AGENT = "citecheck/0.1 (citation auditor; +https://github.com/citecheck/citecheck)"


@dataclass(frozen=True)
class HostPolicy:
    """How hard one host may be asked (requests in flight, seconds between request starts) and
    what the user told citecheck about it (``[tool.citecheck.hosts."example.org"]``): headers
    sent with each request, the statuses that count as alive there (``None``: the global
    ``accept``), and ``alive``: links there are taken as alive and never requested."""

    concurrency: int
    min_interval: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()
    accept: frozenset[int] | None = None
    alive: bool = False


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
    # Per-host politeness, by host (a parent domain covers its subdomains). The archives' own
    # are added where the checker meets the HTTP layer (citecheck.check.manners).
    host_policies: Mapping[str, HostPolicy] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )

    timeout: float = 20.0
    max_redirects: int = 10
    max_bytes: int = 2_000_000

    max_age: dt.timedelta = dt.timedelta(days=1)
    # URL patterns of answers that never change (archive snapshots): cached without expiry.
    snapshot_patterns: tuple[str, ...] = ()

    max_attempts: int = 4
    retry_initial: float = 1.0
    retry_max_wait: float = 30.0
    retry_jitter: float = 1.0
    retry_after_cap: float = 60.0
    retry_budget: float = 120.0  # total seconds spent waiting between attempts, per hop

    user_agent: str = USER_AGENT
    # Sent with every request (--header), before a host's own (HostPolicy.headers).
    headers: tuple[tuple[str, str], ...] = ()
    # The statuses an original URL counts as alive with (--accept); None: the default verdicts.
    accept: frozenset[int] | None = None
    # URL filters (--exclude, --include; regular expressions searched in the URL, as lychee's):
    # a link matching an exclude pattern and no include pattern is not requested.
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    proxy: str | None = None
    # The socket layer under httpx: "aiohttp" (fast at high concurrency; needs the aiohttp
    # package), "httpx" (httpcore's own pool), or "auto" (aiohttp when installed).
    network_transport: str = "auto"

    def policy_for(self, host: str) -> HostPolicy:
        """The host's own policy, else its nearest parent domain's (``a.b.example.org`` takes
        ``example.org``'s; a bare top-level name never matches), else the generic one
        (``per_host`` at a time, no spacing)."""
        policies = self.host_policies
        host = host.lower()
        if host in policies:
            return policies[host]
        if policies:
            parent = host.partition(".")[2]
            while parent.count(".") >= 1:
                if parent in policies:
                    return policies[parent]
                parent = parent.partition(".")[2]
        return HostPolicy(concurrency=self.per_host)

    def headers_for(self, host: str) -> dict[str, str]:
        """The extra request headers for ``host``: the global ones, then the host's own."""
        return {**dict(self.headers), **dict(self.policy_for(host).headers)}

    def accept_for(self, host: str) -> frozenset[int] | None:
        """The statuses that count as alive on ``host``: its own, else the global ones."""
        own = self.policy_for(host).accept
        return own if own is not None else self.accept

    def is_excluded(self, url: str) -> bool:
        """Whether ``url`` is filtered out: it matches an exclude pattern and no include pattern
        (an include wins, as in lychee). Patterns are searched anywhere in the URL."""
        return _matches(self.exclude, url) and not _matches(self.include, url)


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _matches(patterns: tuple[str, ...], url: str) -> bool:
    pattern = _compiled(patterns)
    return pattern is not None and pattern.search(url) is not None
