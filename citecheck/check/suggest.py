"""Archive suggestions: for a citation without an archive, the capture an editor should cite.

The capture wanted is the latest good one (a captured 200) at or before the date the citation
was consulted (its access date, else its publication date): that is the version of the page the
citation vouches for. When the archive holds none before, the earliest after is suggested, and
the suggestion says so. A citation with no date at all gets the latest capture.

How each archive is asked (each service declares which of these it offers, in its
``lookups``; :func:`source_for` turns the first into a query source):

- A CDX server (the Internet Archive's ``/cdx/search/cdx``, pywb's ``<collection>/cdx``):
  ``url=…&to=<stamp>&filter=statuscode:200`` asks for captures up to the wanted time, newest
  last (the Internet Archive: ``limit=-1`` returns only the last one) or newest first (pywb:
  ``sort=reverse&limit=1``). If none, a second query ``from=<stamp>&limit=1`` finds the
  earliest after. The two servers name fields differently (``original``/``statuscode`` against
  pywb's ``url``/``status``) and answer in different shapes (space-separated text, a JSON
  array of arrays, pywb's JSON lines or CDXJ): :func:`read_cdx` reads them all.
- Any other Wayback-grammar archive: its URL TimeGate ``<base><stamp>id_/<url>``, which
  redirects to the capture *closest* to the stamp (before or after) and serves it with
  ``Memento-Datetime`` and ``Link: <…>; rel="original"``. Closest is all it can say, so a
  capture after the wanted date may be suggested although one before exists.
- A Memento TimeMap (RFC 7089 §5; archive.today's ``https://archive.ph/timemap/<url>``,
  pywb's ``<collection>/timemap/link/<url>``): every capture of the URL with its time, each
  named by its own URL, which is what is suggested (archive.today's short
  ``https://archive.ph/AbCd1``), chosen as from a CDX answer. A paged TimeMap is followed for
  at most :data:`MAX_TIMEMAP_PAGES` pages, skipping pages whose declared span (``from``,
  ``until``) cannot hold a closer capture than one already found. A TimeMap does not say what
  was captured (a page, a redirect, an error page), so every memento it lists is taken as a
  replayable capture: pywb's lists captured 404s that its CDX query would have filtered out.
  The suggestion's method (``timemap``) tells such a suggestion apart.

Query building and answer reading are pure functions; :func:`suggest_archives` does the I/O, all
of it through the one ``Fetcher`` (cache, per-host limits, retries honouring ``Retry-After``).
The Wayback CDX allows about 60 requests a minute: ``HttpSettings``' policy for
web.archive.org (two at a time, one second between starts) keeps under that, and after a 429
(which the Fetcher already retried no faster than ``Retry-After`` asked) this module stops
asking that archive for the rest of the run instead of walking into a ban.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar
from urllib.parse import urlencode, urljoin, urlsplit

from citecheck.archives import (
    INTERNET_ARCHIVE,
    ArchiveService,
    CdxDialect,
    CdxLookup,
    Lookup,
    TimeGateLookup,
    TimeMapLookup,
)
from citecheck.archives._registry import blocked_markers
from citecheck.archives._stamps import parse_digits, parse_http_date, to_digits
from citecheck.archives._types import Precision
from citecheck.archives.memento import parse_link_header
from citecheck.evidence import (
    Method,
    NoSuggestion,
    Relation,
    Suggestion,
    SuggestionResult,
    SuggestStatus,
)
from citecheck.http import ErrorKind, FetchResult, HttpSettings
from citecheck.model import Article, PartialDate, Reference

__all__ = [
    "INTERNET_ARCHIVE_CDX",
    "MAX_TIMEMAP_PAGES",
    "CdxArchive",
    "CdxDialect",
    "CdxRecord",
    "FetcherLike",
    "Memento",
    "SuggestionRequest",
    "SuggestionSource",
    "TimeGateArchive",
    "TimeMapArchive",
    "TimeMapPage",
    "cdx_query_url",
    "choose_capture",
    "choose_memento",
    "failure_of",
    "read_cdx",
    "read_timegate",
    "read_timemap",
    "request_for",
    "requests_for",
    "source_for",
    "suggest_archives",
    "timegate_url",
    "timemap_pages",
    "timemap_url",
    "wanted_instant",
]


@dataclass(frozen=True)
class SuggestionRequest:
    """One citation to find a capture for: its URL, the date it was consulted, its label.

    ``wanted_from`` says which of the citation's dates ``wanted`` is (``access-date``,
    ``publication-date``, or ``none``), so the report can say what the capture was matched to.
    Requests are hashable: :func:`suggest_archives` returns its answers keyed by them.
    """

    url: str
    wanted: PartialDate | None
    label: str = ""
    wanted_from: str = "access-date"


@dataclass(frozen=True, order=True)
class CdxRecord:
    """One capture as a CDX line lists it."""

    timestamp: dt.datetime
    stamp: str
    original: str
    status: int | None = None


@dataclass(frozen=True, order=True)
class Memento:
    """A capture to cite: when it was made, the URL the archive serves it at, and of what."""

    timestamp: dt.datetime
    url: str
    original: str


# -- where to ask ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CdxArchive:
    """An archive with a CDX server; snapshots are ``<snapshot_base><stamp>/<original>``."""

    name: str
    endpoint: str
    snapshot_base: str
    dialect: CdxDialect = CdxDialect.WAYBACK

    @property
    def host(self) -> str:
        return (urlsplit(self.endpoint).hostname or "").lower()


@dataclass(frozen=True)
class TimeGateArchive:
    """A Wayback-grammar archive asked through its URL TimeGate (no CDX server known)."""

    name: str
    snapshot_base: str

    @property
    def host(self) -> str:
        return (urlsplit(self.snapshot_base).hostname or "").lower()


@dataclass(frozen=True)
class TimeMapArchive:
    """An archive asked for the TimeMap of a URL at ``<endpoint><url>``; its mementos are cited
    at the URLs the TimeMap names (no URL grammar needed)."""

    name: str
    endpoint: str

    @property
    def host(self) -> str:
        return (urlsplit(self.endpoint).hostname or "").lower()


SuggestionSource = CdxArchive | TimeGateArchive | TimeMapArchive


def _source(name: str, lookup: Lookup) -> SuggestionSource:
    if isinstance(lookup, CdxLookup):
        return CdxArchive(name, lookup.endpoint, lookup.snapshot_base, lookup.dialect)
    if isinstance(lookup, TimeMapLookup):
        return TimeMapArchive(name, lookup.endpoint)
    return TimeGateArchive(name, lookup.snapshot_base)


INTERNET_ARCHIVE_CDX = _source(INTERNET_ARCHIVE.name, INTERNET_ARCHIVE.lookups[0])


def source_for(service: ArchiveService, *, cdx: bool = True) -> SuggestionSource | None:
    """How to ask ``service`` for captures: the first of the ways it declares
    (``service.lookups``), or ``None`` when it declares none.

    ``cdx=False`` prefers a URL TimeGate where the service offers one (another Wayback-grammar
    archive whose CDX server is not wanted). archive.today is asked through its TimeMap.
    """
    lookups = service.lookups
    if not cdx:
        lookups = (
            *(x for x in lookups if isinstance(x, TimeGateLookup)),
            *(x for x in lookups if not isinstance(x, TimeGateLookup)),
        )
    if not lookups:
        return None
    return _source(service.name, lookups[0])


# -- which capture is wanted ---------------------------------------------------------------------


def wanted_instant(wanted: PartialDate) -> dt.datetime:
    """The last second of the wanted date, in UTC: a capture later that day is still "before".

    A month or a year means its last day, since the citation may have been written on any of
    them. Archive stamps are UTC and editors write local dates; a day's slack is accepted.
    """
    return dt.datetime.combine(wanted.latest(), dt.time(23, 59, 59), tzinfo=dt.UTC)


def request_for(reference: Reference) -> SuggestionRequest | None:
    """The request for one reference: its URL and its access date, else its publication date.

    ``None`` when the reference has no web URL or already names an archive (the same test as
    the ``missing-archive`` rule, so every such finding can carry a suggestion).
    """
    url = reference.url
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    if reference.archive_url or reference.archived or reference.has_archive:
        return None
    if reference.accessed is not None:
        return SuggestionRequest(url, reference.accessed, reference.label, "access-date")
    if reference.published is not None:
        return SuggestionRequest(url, reference.published, reference.label, "publication-date")
    return SuggestionRequest(url, None, reference.label, "none")


def requests_for(article: Article) -> list[SuggestionRequest]:
    """Requests for every reference of ``article`` that has a URL and no archive."""
    return [req for ref in article.references if (req := request_for(ref)) is not None]


# -- CDX: the query and the answer ---------------------------------------------------------------

# The default fields of a CDX line when no ``fl`` is given (the Internet Archive's layout).
DEFAULT_CDX_FIELDS: tuple[str, ...] = (
    "urlkey",
    "timestamp",
    "original",
    "mimetype",
    "statuscode",
    "digest",
    "length",
)
_FIELDS: Mapping[CdxDialect, tuple[str, ...]] = {
    CdxDialect.WAYBACK: ("timestamp", "original", "statuscode"),
    CdxDialect.PYWB: ("timestamp", "url", "status"),
}
# pywb's names for the same fields.
_ALIASES: Mapping[str, str] = {"url": "original", "status": "statuscode"}


def cdx_query_url(
    archive: CdxArchive, url: str, wanted: dt.datetime | None, *, after: bool = False
) -> str:
    """The CDX query for the latest good capture of ``url`` at or before ``wanted``.

    ``after=True`` asks for the earliest good capture after ``wanted`` instead (the fallback);
    ``wanted=None`` asks for the latest capture of all.
    """
    params: list[tuple[str, str]] = [("url", url)]
    stamp = to_digits(wanted) if wanted is not None else None
    if after and stamp is not None:
        params += [("from", stamp), ("limit", "1")]
    else:
        if stamp is not None:
            params.append(("to", stamp))
        if archive.dialect is CdxDialect.PYWB:
            params += [("sort", "reverse"), ("limit", "1")]
        else:
            params.append(("limit", "-1"))  # the last line only: the newest in range
    params += [("filter", "statuscode:200"), ("fl", ",".join(_FIELDS[archive.dialect]))]
    if archive.dialect is CdxDialect.PYWB:
        params.append(("output", "json"))
    # ":" "," and "/" stay readable (the query is shown as evidence); "&", "?", "=" are encoded.
    return f"{archive.endpoint}?{urlencode(params, safe=':,/')}"


def _record(values: Mapping[str, str]) -> CdxRecord | None:
    """A record from one line's fields by name; ``None`` when it names no real capture."""
    named = {_ALIASES.get(key, key): value for key, value in values.items()}
    stamp, original = named.get("timestamp", ""), named.get("original", "")
    # Indexes also list mailto:, data: and garbage "originals" that no snapshot can replay.
    if urlsplit(original).scheme.lower() not in ("http", "https"):
        return None
    parsed = parse_digits(stamp)
    # Real CDX indexes hold truncated or impossible stamps (month 00): skip those lines.
    if isinstance(parsed, str) or parsed[1] is not Precision.SECOND:
        return None
    status_text = str(named.get("statuscode", "")).strip()
    status = int(status_text) if status_text.isdigit() else None
    return CdxRecord(timestamp=parsed[0], stamp=stamp, original=original, status=status)


def _cdx_rows(text: str, fields: Sequence[str]) -> Iterator[Mapping[str, str]]:
    body = text.strip()
    if body.startswith("["):  # the Internet Archive's output=json: a header row, then rows
        try:
            rows = json.loads(body)
        except ValueError:
            return
        if not isinstance(rows, list) or not rows or not isinstance(rows[0], list):
            return
        header = [str(name) for name in rows[0]]
        for row in rows[1:]:
            if isinstance(row, list):
                yield dict(zip(header, (str(v) for v in row), strict=False))
        return
    for line in body.splitlines():
        line = line.strip()
        if not line:
            # showResumeKey: a blank line, then a resume key, which is not a capture.
            break
        if line.startswith("{"):  # pywb's output=json: one object per line
            yield from _json_object(line)
            continue
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[2].startswith("{"):  # CDXJ: urlkey stamp {json}
            for named in _json_object(parts[2]):
                yield {"timestamp": parts[1], **named}
            continue
        columns = line.split()
        # A server that ignores ``fl`` answers in its default layout; some append fields.
        layout = fields if len(columns) == len(fields) else DEFAULT_CDX_FIELDS
        if len(columns) >= len(layout):
            yield dict(zip(layout, columns[: len(layout)], strict=True))


def _json_object(text: str) -> Iterator[Mapping[str, str]]:
    try:
        value = json.loads(text)
    except ValueError:
        return
    if isinstance(value, dict):
        yield {str(k): str(v) for k, v in value.items()}


def read_cdx(text: str, fields: Sequence[str] | None = None) -> list[CdxRecord]:
    """The captures a CDX answer lists, in the answer's order; unreadable lines are skipped.

    ``fields`` names the columns of a text answer (the query's ``fl``); a line with another
    number of columns is read in the seven-column default layout (urlkey, timestamp, original,
    mimetype, statuscode, digest, length), which servers use when they ignore ``fl``. JSON
    arrays (with their header row), JSON lines and CDXJ carry their own field names.
    """
    columns = tuple(fields) if fields else DEFAULT_CDX_FIELDS
    records = (_record(values) for values in _cdx_rows(text, columns))
    return [record for record in records if record is not None]


_Capture = TypeVar("_Capture", CdxRecord, Memento)


def _closest(
    captures: Iterable[_Capture], wanted: dt.datetime | None
) -> tuple[_Capture, Relation] | None:
    """The latest of ``captures`` at or before ``wanted``, else the earliest after, else None."""
    ordered = sorted(captures)
    if not ordered:
        return None
    if wanted is None:
        return ordered[-1], Relation.LATEST
    before = [c for c in ordered if c.timestamp <= wanted]
    if before:
        return before[-1], Relation.BEFORE
    return ordered[0], Relation.AFTER


def choose_capture(
    records: Iterable[CdxRecord], wanted: dt.datetime | None
) -> tuple[CdxRecord, Relation] | None:
    """The latest good capture at or before ``wanted``, else the earliest after, else None.

    A good capture is a captured 200. A record without a status (``-``: a revisit the server
    did not resolve) does not count: real indexes hold revisits of redirects and error pages.
    """
    return _closest((r for r in records if r.status == 200), wanted)


def choose_memento(
    mementos: Iterable[Memento], wanted: dt.datetime | None
) -> tuple[Memento, Relation] | None:
    """As :func:`choose_capture`, for a TimeMap's mementos: every one counts as good, since a
    TimeMap gives no captured status (the suggestion says ``timemap`` as its method)."""
    return _closest(mementos, wanted)


# -- TimeGate: the query and the answer ----------------------------------------------------------


def timegate_url(archive: TimeGateArchive, url: str, wanted: dt.datetime | None) -> str:
    """The archive's URL TimeGate for ``url`` near ``wanted`` (raw mode, so the captured status
    comes back as the response status); no stamp asks for the latest capture."""
    stamp = to_digits(wanted) if wanted is not None else ""
    return f"{archive.snapshot_base}{stamp}id_/{url}"


def read_timegate(result: FetchResult) -> CdxRecord | None:
    """The capture a TimeGate led to: its time (``Memento-Datetime``), original URL (``Link``
    rel=original) and captured status (raw mode). ``None`` if the answer is not a memento."""
    when = parse_http_date(result.headers.get("memento-datetime"))
    if when is None or result.status is None:
        return None
    original = None
    for link in parse_link_header(result.headers.get("link", "")):
        if "original" in link.rels:
            original = link.url
            break
    if original is None:
        return None
    return CdxRecord(timestamp=when, stamp=to_digits(when), original=original, status=result.status)


# -- TimeMap: the query and the answer -----------------------------------------------------------

# Pages of one paged TimeMap fetched at most, the first included: archive.today allows one
# request every two seconds, and a URL with more captures than that is rare among citations.
MAX_TIMEMAP_PAGES = 3
# The relation types of a link to another page of the same TimeMap (RFC 7089 pages with
# ``timemap`` links carrying ``from``/``until``; some servers say ``next``/``prev``).
_PAGE_RELS = frozenset({"timemap", "next", "prev"})
_WEB = frozenset({"http", "https"})


def timemap_url(archive: TimeMapArchive, url: str) -> str:
    """The TimeMap of ``url``: every capture, whatever the date (a TimeMap takes none)."""
    return f"{archive.endpoint}{url}"


def read_timemap(text: str, base: str = "") -> list[Memento]:
    """The mementos a TimeMap (``application/link-format``) lists, once each, in its order.

    A memento is a link whose relation types include ``memento`` (``first memento``, ``last
    memento`` …) with a readable ``datetime``; its original is the TimeMap's ``rel="original"``
    (empty if it names none). Relative URLs are resolved against ``base``, the TimeMap's URL.
    """
    links = parse_link_header(text)
    original = next((urljoin(base, x.url) for x in links if "original" in x.rels), "")
    mementos: dict[Memento, None] = {}
    for link in links:
        when = parse_http_date(link.params.get("datetime"))
        url = urljoin(base, link.url)
        if "memento" in link.rels and when is not None and urlsplit(url).scheme in _WEB:
            mementos.setdefault(Memento(when, url, original))
    return list(mementos)


@dataclass(frozen=True)
class TimeMapPage:
    """Another page of a paged TimeMap, and the span of captures it says it holds, if it says."""

    url: str
    start: dt.datetime | None = None  # its ``from``
    end: dt.datetime | None = None  # its ``until``


def timemap_pages(text: str, base: str = "") -> list[TimeMapPage]:
    """The other pages of a paged TimeMap that this page links to, once each, in its order:
    never itself (``rel="self"``) nor a memento (``rel="prev memento"`` is a capture)."""
    links = parse_link_header(text)
    own = {base, *(urljoin(base, x.url) for x in links if "self" in x.rels)}
    pages: dict[str, TimeMapPage] = {}
    for link in links:
        url = urljoin(base, link.url)
        rels = set(link.rels)
        if _PAGE_RELS & rels and not {"self", "memento"} & rels and url not in own:
            start, end = (parse_http_date(link.params.get(k)) for k in ("from", "until"))
            pages.setdefault(url, TimeMapPage(url, start, end))
    return list(pages.values())


def _may_hold_better(
    page: TimeMapPage, best: tuple[Memento, Relation] | None, wanted: dt.datetime | None
) -> bool:
    """Whether ``page`` can hold a closer capture than ``best``, by the span it declares (a page
    that declares none may): each further request to archive.today costs two seconds."""
    if best is None:
        return True
    found, relation = best
    later = page.end is None or page.end > found.timestamp
    if relation is Relation.LATEST:
        return later
    if relation is Relation.BEFORE and wanted is not None:
        return later and (page.start is None or page.start <= wanted)
    return page.start is None or page.start < found.timestamp  # after: only earlier is closer


def _is_link_format(text: str) -> bool:
    """Whether an answer reads as a TimeMap at all (a CAPTCHA page answered 200 does not)."""
    return any(link.rels for link in parse_link_header(text))


# -- the I/O ---------------------------------------------------------------------------------------


class FetcherLike(Protocol):
    """What this module needs of ``citecheck.http.Fetcher``: its settings (for the
    per-host limits) and one GET that never raises."""

    @property
    def settings(self) -> HttpSettings: ...

    async def fetch(self, url: str, method: str = "GET") -> FetchResult: ...


# How the archives say a URL is excluded, from each service's own list.
_BLOCKED_MARKERS = blocked_markers()


def failure_of(result: FetchResult, archive: str, query_url: str) -> NoSuggestion | None:
    """Why an archive's answer cannot be read as captures, or ``None`` if it can."""
    if result.ok:
        return None
    if result.error is ErrorKind.NOT_RECORDED:
        status, detail = SuggestStatus.NOT_RECORDED, "not in the cache or cassette"
    elif result.status == 429 or result.error is ErrorKind.RATE_LIMITED:
        status = SuggestStatus.RATE_LIMITED
        asked = result.headers.get("retry-after", "not given")
        detail = f"the archive is rate limiting this client (Retry-After: {asked})"
    elif result.status == 403 and any(
        marker in result.text() + " ".join(result.headers.values()) for marker in _BLOCKED_MARKERS
    ):
        status, detail = SuggestStatus.BLOCKED, "the archive excludes this URL"
    elif result.status in (404, 410):
        # A TimeGate's or TimeMap's 404: nothing archived. (A CDX server answers an empty 200.)
        status, detail = SuggestStatus.NO_CAPTURE, f"the archive has no capture ({result.status})"
    else:
        status = SuggestStatus.ARCHIVE_ERROR
        detail = f"{result.error.value if result.error else result.status} {result.detail}"
    return NoSuggestion(status, detail.strip(), archive, query_url)


@dataclass
class _Run:
    """State shared by the requests of one ``suggest_archives`` call."""

    fetcher: FetcherLike
    tripped: dict[str, NoSuggestion] = field(default_factory=dict)  # source name -> 429 seen
    slots: dict[str, asyncio.Semaphore] = field(default_factory=dict)

    def _slot(self, source: SuggestionSource) -> asyncio.Semaphore:
        # As many queries in flight as the host allows, and no more queued behind them in the
        # Fetcher: after a 429 only those few are answered, the rest are never sent.
        slot = self.slots.get(source.name)
        if slot is None:
            policy = self.fetcher.settings.policy_for(source.host)
            slot = self.slots[source.name] = asyncio.Semaphore(max(1, policy.concurrency))
        return slot

    async def get(self, source: SuggestionSource, url: str) -> FetchResult | NoSuggestion:
        async with self._slot(source):
            if source.name in self.tripped:
                return self.tripped[source.name]
            result = await self.fetcher.fetch(url)
        failure = failure_of(result, source.name, url)
        if failure is not None and failure.status is SuggestStatus.RATE_LIMITED:
            # The Fetcher already waited as long as Retry-After asked; a client that keeps
            # going after that gets banned, so this archive is done for this run.
            self.tripped.setdefault(source.name, failure)
        return result if failure is None else failure


def _suggestion(
    source: SuggestionSource,
    capture: Memento,
    relation: Relation,
    request: SuggestionRequest,
    query_url: str,
    from_cache: bool,
    method: Method,
) -> Suggestion:
    return Suggestion(
        archive_url=capture.url,
        timestamp=capture.timestamp,
        original=capture.original,
        archive=source.name,
        method=method,
        relation=relation,
        wanted=request.wanted,
        wanted_from=request.wanted_from if request.wanted else "none",
        query_url=query_url,
        from_cache=from_cache,
    )


def _cited(source: CdxArchive | TimeGateArchive, record: CdxRecord) -> Memento:
    """A listed capture at its Wayback-grammar snapshot URL."""
    url = f"{source.snapshot_base}{record.stamp}/{record.original}"
    return Memento(record.timestamp, url, record.original)


async def _ask_cdx(run: _Run, source: CdxArchive, request: SuggestionRequest) -> SuggestionResult:
    wanted = wanted_instant(request.wanted) if request.wanted else None
    fields = _FIELDS[source.dialect]
    queries = [cdx_query_url(source, request.url, wanted)]
    if wanted is not None:
        queries.append(cdx_query_url(source, request.url, wanted, after=True))
    for query in queries:  # at most two: before, then the fallback after
        answer = await run.get(source, query)
        if isinstance(answer, NoSuggestion):
            return answer
        chosen = choose_capture(read_cdx(answer.text(), fields), wanted)
        if chosen is not None:
            capture, relation = _cited(source, chosen[0]), chosen[1]
            return _suggestion(
                source, capture, relation, request, answer.url, answer.from_cache, Method.CDX
            )
    return NoSuggestion(
        SuggestStatus.NO_CAPTURE,
        "the archive holds no 200 capture of this URL",
        source.name,
        queries[0],
    )


async def _ask_timegate(
    run: _Run, source: TimeGateArchive, request: SuggestionRequest
) -> SuggestionResult:
    wanted = wanted_instant(request.wanted) if request.wanted else None
    query = timegate_url(source, request.url, wanted)
    answer = await run.get(source, query)
    if isinstance(answer, NoSuggestion):
        return answer
    record = read_timegate(answer)
    if record is None:
        detail = "the TimeGate's answer is not a capture (no Memento-Datetime or original)"
        return NoSuggestion(SuggestStatus.ARCHIVE_ERROR, detail, source.name, query)
    chosen = choose_capture([record], wanted)
    if chosen is None:
        detail = f"the closest capture is itself a {record.status} response"
        return NoSuggestion(SuggestStatus.NO_CAPTURE, detail, source.name, query)
    capture, relation = _cited(source, record), chosen[1]
    return _suggestion(
        source, capture, relation, request, answer.url, answer.from_cache, Method.TIMEGATE
    )


async def _ask_timemap(
    run: _Run, source: TimeMapArchive, request: SuggestionRequest
) -> SuggestionResult:
    wanted = wanted_instant(request.wanted) if request.wanted else None
    query = timemap_url(source, request.url)
    pending = [TimeMapPage(query)]
    answers: list[FetchResult] = []
    mementos: list[Memento] = []
    while pending and len(answers) < MAX_TIMEMAP_PAGES:
        page = pending.pop(0).url
        answer = await run.get(source, page)
        if isinstance(answer, NoSuggestion):
            return answer  # a page missing: choosing from the rest could miss the best capture
        text = answer.text()
        if text.strip() and not _is_link_format(text):
            detail = "the answer is not a TimeMap (a CAPTCHA or error page?)"
            return NoSuggestion(SuggestStatus.ARCHIVE_ERROR, detail, source.name, page)
        answers.append(answer)
        base = answer.final_url or page
        mementos += read_timemap(text, base)
        known = {query, *(a.url for a in answers), *(p.url for p in pending)}
        pending += [p for p in timemap_pages(text, base) if p.url not in known]
        best = choose_memento(mementos, wanted)
        pending = [p for p in pending if _may_hold_better(p, best, wanted)]
    # A TimeMap that names no original is taken to be of the URL asked for.
    mementos = [dataclasses.replace(m, original=m.original or request.url) for m in mementos]
    chosen = choose_memento(mementos, wanted)
    if chosen is None:
        detail = "the TimeMap lists no capture of this URL"
        return NoSuggestion(SuggestStatus.NO_CAPTURE, detail, source.name, query)
    from_cache = all(a.from_cache for a in answers)
    return _suggestion(source, *chosen, request, query, from_cache, Method.TIMEMAP)


def _rank(result: SuggestionResult) -> int:
    """Which of several archives' answers to keep: a capture before the date wins."""
    if isinstance(result, Suggestion):
        return 0 if result.relation is not Relation.AFTER else 1
    return 2 if result.status is SuggestStatus.NO_CAPTURE else 3


async def _suggest_one(
    run: _Run, request: SuggestionRequest, sources: Sequence[SuggestionSource]
) -> SuggestionResult:
    best: SuggestionResult | None = None
    for source in sources:  # in the caller's order of preference
        if isinstance(source, CdxArchive):
            answer = await _ask_cdx(run, source, request)
        elif isinstance(source, TimeMapArchive):
            answer = await _ask_timemap(run, source, request)
        else:
            answer = await _ask_timegate(run, source, request)
        if best is None or _rank(answer) < _rank(best):
            best = answer
        if _rank(best) == 0:
            break
        if (
            isinstance(best, Suggestion)
            and isinstance(answer, Suggestion)
            and answer.timestamp < best.timestamp
        ):
            best = answer  # both after the date: the earlier is closer to what was cited
    if best is None:
        return NoSuggestion(SuggestStatus.ARCHIVE_ERROR, "no archive to ask")
    return best


async def suggest_archives(
    fetcher: FetcherLike,
    requests: Sequence[SuggestionRequest],
    services: Sequence[SuggestionSource] = (INTERNET_ARCHIVE_CDX,),
) -> dict[SuggestionRequest, SuggestionResult]:
    """A suggested capture (or why none) for each distinct request, asked of ``services`` in
    order until one has a capture before the wanted date.

    All requests run concurrently; the Fetcher's per-host limits space them (a few at a time
    per archive), its cache answers repeats, and identical queries are sent once.
    """
    run = _Run(fetcher)
    unique = list(dict.fromkeys(requests))
    answers = await asyncio.gather(*(_suggest_one(run, req, services) for req in unique))
    return dict(zip(unique, answers, strict=True))
