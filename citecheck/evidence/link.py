"""What a check of an original URL decided: a closed status, its reason, the fetches behind it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from citecheck.evidence.fetch import FetchResult


class LinkStatus(StrEnum):
    ALIVE = "alive"
    DEAD = "dead"
    SOFT_404 = "soft-404"
    UNVERIFIED = "unverified"
    NOT_RECORDED = "not-recorded"
    # Filtered out by the user (--exclude, not --include): never requested, nothing learnt.
    EXCLUDED = "excluded"

    @property
    def is_unverified(self) -> bool:
        """Nothing was learnt of the page: a bot wall, a rate limit, no recording of it."""
        return self in (LinkStatus.UNVERIFIED, LinkStatus.NOT_RECORDED)


@dataclass(frozen=True)
class LinkVerdict:
    """A link's status with the one-line reason a report shows next to it."""

    status: LinkStatus
    reason: str


@dataclass(frozen=True)
class LinkCheck:
    """A link's verdict with the fetches it rests on (the evidence a finding carries).

    Built by ``citecheck.http.links`` (``classify`` decides the verdict)."""

    result: FetchResult
    verdict: LinkVerdict
    probe: FetchResult | None = None
