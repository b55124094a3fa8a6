"""What a fetched archive snapshot turned out to be: a closed status and the evidence for it.

``citecheck.archives.decide_snapshot`` decides it from the chain of responses; rules and
reports read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from citecheck.model import PartialDate


class SnapshotStatus(StrEnum):
    """The closed set of snapshot outcomes. Values are stable codes."""

    OK = "ok"
    NOT_ARCHIVED = "not-archived"
    BLOCKED = "blocked"
    RATE_LIMITED = "rate-limited"
    CAPTURE_IS_ERROR = "capture-is-error"
    REDIRECT_LOOP = "redirect-loop"
    SNAPSHOT_OF_OTHER_URL = "snapshot-of-other-url"
    ARCHIVE_ERROR = "archive-error"

    @property
    def is_ok(self) -> bool:
        return self is SnapshotStatus.OK

    @property
    def is_dead(self) -> bool:
        """The cited snapshot does not give the reader the page: a ``dead-archive`` finding."""
        return self in _DEAD

    @property
    def is_unverified(self) -> bool:
        """The archive did not say (rate limit, its own error): never report these as dead."""
        return self in _UNVERIFIED

    @property
    def is_mismatch(self) -> bool:
        return self is SnapshotStatus.SNAPSHOT_OF_OTHER_URL


_DEAD = frozenset(
    {
        SnapshotStatus.NOT_ARCHIVED,
        SnapshotStatus.BLOCKED,
        SnapshotStatus.CAPTURE_IS_ERROR,
        SnapshotStatus.REDIRECT_LOOP,
    }
)
_UNVERIFIED = frozenset({SnapshotStatus.RATE_LIMITED, SnapshotStatus.ARCHIVE_ERROR})


@dataclass(frozen=True)
class SnapshotOutcome:
    """A snapshot's outcome with the evidence for it.

    ``original`` and ``timestamp`` describe the last capture reached, whatever the outcome
    (a captured 404 still has a time). ``timestamp_source`` says whether the time came from
    ``Memento-Datetime`` or only from the URL's 14-digit stamp.
    """

    status: SnapshotStatus
    detail: str
    memento_url: str
    archive_status: int
    cited_url: str | None = None
    original: str | None = None
    timestamp: dt.datetime | None = None
    timestamp_source: str | None = None
    capture_status: int | None = None
    to_home_page: bool = False
    retry_after: str | None = None
    chain: tuple[tuple[str, int], ...] = ()

    @property
    def date(self) -> PartialDate | None:
        """The capture day, to compare with a cited archive date."""
        if self.timestamp is None:
            return None
        return PartialDate(self.timestamp.year, self.timestamp.month, self.timestamp.day)

    def to_dict(self) -> dict[str, Any]:
        """A small stable shape for a finding's evidence and for JSON reports."""
        return {
            "status": self.status.value,
            "detail": self.detail,
            "memento_url": self.memento_url,
            "archive_status": self.archive_status,
            "cited_url": self.cited_url,
            "original": self.original,
            "timestamp": self.timestamp.isoformat() if self.timestamp else None,
            "timestamp_source": self.timestamp_source,
            "capture_status": self.capture_status,
            "to_home_page": self.to_home_page,
            "retry_after": self.retry_after,
            "chain": [[url, status] for url, status in self.chain],
        }
