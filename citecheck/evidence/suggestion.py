"""What ``--suggest-archives`` found for a citation: a capture to cite, or why there is none.

``citecheck.check.suggest`` asks the archives and builds these; the ``missing-archive`` rule puts
them in its findings and the report turns a capture into a fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from citecheck.model import PartialDate


class Relation(StrEnum):
    """Where the suggested capture lies relative to the wanted date. Values are stable."""

    BEFORE = "before"  # at or before the end of the wanted day: the version the citation saw
    AFTER = "after"  # none before; the earliest after (the page may have changed meanwhile)
    LATEST = "latest"  # the citation gives no date: the newest capture


class Method(StrEnum):
    """How the capture was found. Values are stable."""

    CDX = "cdx"
    TIMEGATE = "timegate"
    TIMEMAP = "timemap"  # listed in a TimeMap, which gives no status: taken as replayable


class SuggestStatus(StrEnum):
    """Why no capture is suggested. Values are stable."""

    NO_CAPTURE = "no-capture"  # the archive answered: it holds no good capture of the URL
    BLOCKED = "blocked"  # the archive excludes the URL
    RATE_LIMITED = "rate-limited"  # the archive said 429 (now or earlier in this run)
    NOT_RECORDED = "not-recorded"  # offline, and the cache or cassette has no answer
    ARCHIVE_ERROR = "archive-error"  # no usable answer: 5xx, unreadable, connection failed


@dataclass(frozen=True)
class Suggestion:
    """A capture to cite: where it is, when it was made, of what, and how it was found."""

    archive_url: str
    timestamp: dt.datetime
    original: str
    archive: str
    method: Method
    relation: Relation
    wanted: PartialDate | None = None
    wanted_from: str = "none"
    query_url: str = ""
    from_cache: bool = False

    @property
    def date(self) -> PartialDate:
        """The capture's day (UTC), the value for an ``archive-date`` parameter."""
        ts = self.timestamp
        return PartialDate(ts.year, ts.month, ts.day)

    @property
    def note(self) -> str:
        """One line for a report: what is suggested and how it relates to the citation's date."""
        when = self.timestamp.strftime("%Y-%m-%d %H:%M:%S UTC")
        if self.relation is Relation.LATEST or self.wanted is None:
            return f"latest capture: {when} ({self.archive})"
        return (
            f"capture of {when} ({self.archive}), {self.relation.value} the "
            f"{self.wanted_from.replace('-', ' ')} {self.wanted}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A stable, JSON-ready shape for a finding's evidence and for JSON reports."""
        return {
            "suggested_archive_url": self.archive_url,
            "suggested_archive_date": self.date.iso(),
            "timestamp": self.timestamp.isoformat(),
            "original": self.original,
            "archive": self.archive,
            "method": self.method.value,
            "relation": self.relation.value,
            "wanted": self.wanted.iso() if self.wanted else None,
            "wanted_from": self.wanted_from,
            "query_url": self.query_url,
            "from_cache": self.from_cache,
        }


@dataclass(frozen=True)
class NoSuggestion:
    """No capture to suggest, and why."""

    status: SuggestStatus
    detail: str
    archive: str = ""
    query_url: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "suggestion": self.status.value,
            "detail": self.detail,
            "archive": self.archive,
            "query_url": self.query_url,
        }


SuggestionResult = Suggestion | NoSuggestion
