"""The evidence contract: what the network and the archives said, as rules and reports read it.

Beside ``citecheck.model`` (what was read from the article), this is the other input of the
rules: closed statuses (``LinkStatus``, ``SnapshotStatus``, ``ErrorKind``, ``MalformedReason``,
``SuggestStatus``) and frozen records. The producers import these types and build them: the
HTTP layer (``FetchResult``, ``LinkCheck``), the archives (``SnapshotOutcome``,
``MalformedArchiveUrl``), the checker (``Evidence``, page evidence, claim ``Support``) and the
suggester (``Suggestion``). ``rules/`` and ``report/`` import them from here, never from the
producers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from citecheck.evidence.archive_url import MalformedArchiveUrl, MalformedReason
from citecheck.evidence.fetch import TITLE_WITHIN, BodyFacts, ErrorKind, FetchResult, Hop, raw_title
from citecheck.evidence.link import LinkCheck, LinkStatus, LinkVerdict
from citecheck.evidence.page import PageDate, PageEvidence, PageLanguage, TitleCandidate
from citecheck.evidence.snapshot import SnapshotOutcome, SnapshotStatus
from citecheck.evidence.suggestion import (
    Method,
    NoSuggestion,
    Relation,
    Suggestion,
    SuggestionResult,
    SuggestStatus,
)
from citecheck.evidence.support import Support, SupportVerdict

__all__ = [
    "TITLE_WITHIN",
    "BodyFacts",
    "ErrorKind",
    "Evidence",
    "FetchResult",
    "Hop",
    "LinkCheck",
    "LinkStatus",
    "LinkVerdict",
    "MalformedArchiveUrl",
    "MalformedReason",
    "Method",
    "NoSuggestion",
    "PageDate",
    "PageEvidence",
    "PageLanguage",
    "Relation",
    "SnapshotOutcome",
    "SnapshotStatus",
    "SuggestStatus",
    "Suggestion",
    "SuggestionResult",
    "Support",
    "SupportVerdict",
    "TitleCandidate",
    "raw_title",
]


@dataclass(frozen=True)
class Evidence:
    """What the network said about an article's links.

    ``links`` maps an original URL to its verdict; ``snapshots`` maps (archive URL, cited URL)
    to the snapshot's outcome, since whether a snapshot is of the right page depends on the
    citation that names it.
    """

    links: Mapping[str, LinkCheck] = field(default_factory=dict, hash=False)
    snapshots: Mapping[tuple[str, str | None], SnapshotOutcome] = field(
        default_factory=dict, hash=False
    )
    # What the fetched pages say about themselves: original URL -> its page when it answered
    # with one; archive URL -> the captured page when the snapshot is a good one.
    pages: Mapping[str, PageEvidence] = field(default_factory=dict, hash=False)
    snapshot_pages: Mapping[str, PageEvidence] = field(default_factory=dict, hash=False)
    # With --suggest-archives: reference label -> a capture to cite, or why there is none.
    suggestions: Mapping[str, SuggestionResult] = field(default_factory=dict, hash=False)
    # (claim id, reference label) -> whether the page the reference cites says the claim.
    supports: Mapping[tuple[int, str], Support] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "links", MappingProxyType(dict(self.links)))
        object.__setattr__(self, "snapshots", MappingProxyType(dict(self.snapshots)))
        object.__setattr__(self, "pages", MappingProxyType(dict(self.pages)))
        object.__setattr__(self, "snapshot_pages", MappingProxyType(dict(self.snapshot_pages)))
        object.__setattr__(self, "suggestions", MappingProxyType(dict(self.suggestions)))
        object.__setattr__(self, "supports", MappingProxyType(dict(self.supports)))

    def page_for(self, url: str | None, archive_url: str | None) -> tuple[str, PageEvidence] | None:
        """The page a citation's work can be read from, and which one (``original`` or
        ``snapshot``): the original while it is alive, else the archive's capture of it."""
        check = self.links.get(url) if url else None
        if url and check is not None and check.verdict.status is LinkStatus.ALIVE:
            page = self.pages.get(url)
            if page is not None:
                return "original", page
        snapshot = self.snapshots.get((archive_url, url)) if archive_url else None
        if archive_url and snapshot is not None and snapshot.status.is_ok:
            page = self.snapshot_pages.get(archive_url)
            if page is not None:
                return "snapshot", page
        return None
