"""What a fetched snapshot turned out to be, decided from its chain of responses alone.

The checker fetches the raw URL and follows redirects one hop at a time, asking
:func:`next_url` where to go; then :func:`decide_snapshot` reads the hops. Both are pure, so
every archive behaviour can be tested from recorded responses.

Two kinds of redirect look alike and mean opposite things: an archive's redirect to its nearest
capture (no ``Memento-Datetime``: keep going, the snapshot exists) and a *captured* redirect
(``Memento-Datetime`` on a 3xx: the page was already a redirect when archived).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from citecheck.archives import memento
from citecheck.archives._registry import (
    DEFAULT_SERVICES,
    blocked_markers,
    parse_archive_url,
    service_for,
)
from citecheck.archives._types import ArchiveRef, ArchiveService, Precision
from citecheck.evidence import SnapshotOutcome, SnapshotStatus
from citecheck.urls import is_home_page_of, join_url, same_resource, split_url

MAX_HOPS = 10
# The Wayback Machine's exclusion notice sits about 56,000 characters into its page.
BODY_HEAD = 65536


@dataclass(frozen=True)
class Hop:
    """One response of a snapshot fetch: where it was asked, its status, headers and body start.

    ``body_head`` is the start of the decoded body, where some archives say that a URL is
    excluded; :data:`BODY_HEAD` characters are enough for the Wayback Machine's notice.
    """

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)
    body_head: str = ""

    def __post_init__(self) -> None:
        lowered = {key.lower(): value for key, value in self.headers.items()}
        object.__setattr__(self, "headers", MappingProxyType(lowered))

    @property
    def is_redirect(self) -> bool:
        return 300 <= self.status < 400 and "location" in self.headers

    @property
    def is_memento(self) -> bool:
        """Whether this response is a capture (the Internet Archive's also have X-Archive-Src)."""
        return "memento-datetime" in self.headers or "x-archive-src" in self.headers

    @property
    def location(self) -> str | None:
        """The redirect target, resolved: archives send path-only and schemeless ones too."""
        target = self.headers.get("location")
        return join_url(self.url, target) if target else None


def _ref(url: str, services: Sequence[ArchiveService]) -> ArchiveRef | None:
    parsed = parse_archive_url(url, services)
    return parsed if isinstance(parsed, ArchiveRef) else None


def _on_archive(target: str, current: str, services: Sequence[ArchiveService]) -> bool:
    same_host = split_url(target).netloc.lower() == split_url(current).netloc.lower()
    return same_host or _ref(target, services) is not None


def next_url(
    hops: Sequence[Hop],
    *,
    services: Sequence[ArchiveService] = DEFAULT_SERVICES,
    max_hops: int = MAX_HOPS,
    follow_captured_redirects: bool = True,
) -> str | None:
    """The next URL to fetch after ``hops``, or ``None`` when the chain is complete.

    Never leaves the archive: a captured redirect to the live web is followed to that URL's
    capture at the same time instead. Stops at a URL already fetched (a loop) and after
    ``max_hops`` responses; :func:`decide_snapshot` names either case.
    """
    last = hops[-1]
    target = last.location
    if not last.is_redirect or target is None or len(hops) >= max_hops:
        return None
    if last.is_memento:
        if not follow_captured_redirects:
            return None
        if _ref(target, services) is None:
            here = _ref(last.url, services)
            # A captured Location is relative to the captured page, not to the archive.
            base = here.original if here else None
            live = join_url(base, last.headers["location"]) if base else None
            if here is None or live is None:
                return None
            target = service_for(here, services).archival_url(here, live)
    elif not _on_archive(target, last.url, services):
        return None
    if target is None or target in {hop.url for hop in hops}:
        return None
    return target


def _capture(last: Hop, services: Sequence[ArchiveService]) -> tuple[ArchiveRef | None, str | None]:
    """What the last response says about itself as a capture, and where its time came from.

    ``Memento-Datetime`` is the capture's real time; a URL's stamp counts only at full
    precision, since a 302 to the nearest capture always carries all 14 digits.
    """
    from_url = _ref(last.url, services)
    from_headers = memento.ref_from_headers(last.url, last.headers)
    if from_headers is not None:
        original = from_headers.original or (from_url.original if from_url else None)
        return replace(from_headers, original=original), "memento-datetime"
    if from_url is not None and from_url.precision is Precision.SECOND:
        return from_url, "url"
    return from_url, None


def _blocked(last: Hop, services: Sequence[ArchiveService]) -> bool:
    if last.status == 451:
        return True
    text = last.body_head + " ".join(last.headers.values())
    if any(marker in text for marker in blocked_markers(services)):
        return True
    here = _ref(last.url, services)
    return (
        last.status == 403
        and here is not None
        and service_for(here, services).forbidden_means_blocked
    )


def _marks_mementos(url: str, services: Sequence[ArchiveService]) -> bool:
    here = _ref(url, services)
    return here is not None and service_for(here, services).marks_mementos


def decide_snapshot(
    hops: Sequence[Hop],
    cited_url: str | None = None,
    *,
    services: Sequence[ArchiveService] = DEFAULT_SERVICES,
    max_hops: int = MAX_HOPS,
) -> SnapshotOutcome:
    """The outcome of a snapshot fetch, from the responses of its chain in order.

    ``cited_url`` is the page the citation says was archived; by default the original URL in
    the first archive URL. A snapshot of another page (after normalising scheme, ``www.``,
    default ports and trailing slashes) is ``snapshot-of-other-url``.
    """
    if not hops:
        raise ValueError("a snapshot fetch has at least one response")
    last = hops[-1]
    if cited_url is None:
        first = _ref(hops[0].url, services)
        cited_url = first.original if first else None
    base = SnapshotOutcome(
        status=SnapshotStatus.OK,
        detail="the snapshot exists",
        memento_url=last.url,
        archive_status=last.status,
        cited_url=cited_url,
        chain=tuple((hop.url, hop.status) for hop in hops),
    )
    seen = [hop.url for hop in hops]
    if len(set(seen)) < len(seen) or (last.is_redirect and last.location in seen):
        detail = f"the archive's redirects loop at {last.url}"
        return replace(base, status=SnapshotStatus.REDIRECT_LOOP, detail=detail)
    if last.is_memento or 200 <= last.status < 300:
        capture, source = _capture(last, services)
        if capture is not None:
            base = replace(
                base,
                original=capture.original,
                timestamp=capture.timestamp if source else None,
                timestamp_source=source,
            )
    if last.is_memento:
        return _decide_capture(base, last)
    return _decide_archive_answer(base, hops, services, max_hops)


def _decide_capture(base: SnapshotOutcome, last: Hop) -> SnapshotOutcome:
    """The last response is a capture: its own status is the captured page's."""
    if last.is_redirect:
        detail = f"the capture is a {last.status} redirect to {last.headers['location']}"
    elif last.status >= 400:
        detail = f"the capture is itself a {last.status} response"
    else:
        return _compare(base, last.status)
    return replace(
        base, status=SnapshotStatus.CAPTURE_IS_ERROR, detail=detail, capture_status=last.status
    )


def _decide_archive_answer(
    base: SnapshotOutcome, hops: Sequence[Hop], services: Sequence[ArchiveService], max_hops: int
) -> SnapshotOutcome:
    """The last response is the archive speaking for itself, not a capture."""
    last = hops[-1]
    retry_after = None
    if _blocked(last, services):
        status, detail = SnapshotStatus.BLOCKED, f"the archive excludes this URL ({last.status})"
    elif last.status == 429:
        retry_after = last.headers.get("retry-after")
        status = SnapshotStatus.RATE_LIMITED
        detail = "the archive is rate limiting this client; the snapshot is unverified"
    elif last.status in (404, 410):
        status, detail = SnapshotStatus.NOT_ARCHIVED, f"the archive has no capture ({last.status})"
    elif last.is_redirect and len(hops) >= max_hops:
        status = SnapshotStatus.REDIRECT_LOOP
        detail = f"the archive's redirects did not end within {max_hops} responses"
    elif last.is_redirect:
        status = SnapshotStatus.ARCHIVE_ERROR
        detail = f"the archive redirected out of the archive, to {last.location}"
    elif 200 <= last.status < 300 and not _marks_mementos(last.url, services):
        return _compare(base, last.status)
    elif 200 <= last.status < 300:
        status = SnapshotStatus.ARCHIVE_ERROR
        detail = "the archive answered with a page of its own, not a capture"
    else:
        status = SnapshotStatus.ARCHIVE_ERROR
        detail = f"the archive answered {last.status}; the snapshot is unverified"
    base = replace(base, original=None, timestamp=None, timestamp_source=None)
    return replace(base, status=status, detail=detail, retry_after=retry_after)


def _compare(base: SnapshotOutcome, capture_status: int) -> SnapshotOutcome:
    original, cited_url = base.original, base.cited_url
    if original and cited_url and not same_resource(original, cited_url):
        home = is_home_page_of(original, cited_url)
        where = "a home page" if home else "another page"
        detail = f"the snapshot is of {original} ({where}), not of {cited_url}"
        return replace(
            base,
            status=SnapshotStatus.SNAPSHOT_OF_OTHER_URL,
            detail=detail,
            capture_status=capture_status,
            to_home_page=home,
        )
    return replace(base, capture_status=capture_status)
