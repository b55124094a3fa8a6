"""What an archive link's grammar says when it names no snapshot: a closed reason and a detail.

The archive services read archive URLs (``citecheck.archives.parse_archive_url``); the readings
that are not snapshots are recorded before the rules run, so ``malformed-archive-url`` reads a
verdict instead of the archives' grammar.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MalformedReason(StrEnum):
    """Why a URL on an archive's host does not name a snapshot. Values are stable codes."""

    SAVE_COMMAND = "save-command"  # asks the archive to capture now: no snapshot is cited
    BAD_TIMESTAMP = "bad-timestamp"  # month 13, 5 digits, 15 digits…
    LIVEWEB = "liveweb"  # a proxy of the live web, not an archive
    NO_ORIGINAL = "no-original"  # /web/20230914000000/ with nothing after it
    BAD_ORIGINAL = "bad-original"  # the archived URL is not an http(s) URL
    NOT_A_SNAPSHOT = "not-a-snapshot"  # a listing, calendar, timemap or search page


@dataclass(frozen=True)
class MalformedArchiveUrl:
    """A URL on an archive's host that does not name a snapshot, and why."""

    service: str
    url: str
    reason: MalformedReason
    detail: str
