"""Check an article's links: original URLs classified, archive snapshots fetched and decided.

All I/O goes through ``citecheck.http.Fetcher``; the decisions are the pure functions of
``citecheck.http.classify`` (original URLs) and ``citecheck.archives`` (snapshots). What they
decide is returned as ``citecheck.evidence.Evidence``, the contract the rules read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from citecheck import archives
from citecheck.check.manners import with_service_manners, with_unknown_archive_manners
from citecheck.check.page.memo import pages_of
from citecheck.evidence import (
    Evidence,
    FetchResult,
    LinkCheck,
    LinkStatus,
    LinkVerdict,
    SnapshotOutcome,
    SnapshotStatus,
)
from citecheck.http import Fetcher, HttpSettings, ResponseCache, check_links
from citecheck.http.classify import classify
from citecheck.http.fetch import run_sync
from citecheck.http.limits import SharedHostLimits
from citecheck.model import Article

if TYPE_CHECKING:
    # Loaded on use (with --suggest-archives): an audit without it never needs the module.
    from citecheck.check.suggest import SuggestionRequest
    from citecheck.evidence import SuggestionResult


def _hops(result: FetchResult, services: Sequence[archives.ArchiveService]) -> list[archives.Hop]:
    """The fetch's responses as the archive logic reads them, the body only on the last."""
    hops = [archives.Hop(h.url, h.status, dict(h.headers)) for h in result.chain]
    if hops and result.status is not None:
        last = hops[-1]
        head = result.text()[: archives.BODY_HEAD]
        hops[-1] = archives.Hop(last.url, last.status, dict(last.headers), head)
    # The client follows every redirect; keep only the hops the archive logic would follow,
    # so a captured redirect to the live web ends the chain where the archive says it does.
    for i in range(1, len(hops)):
        if archives.next_url(hops[:i], services=services) != hops[i].url:
            return hops[:i]
    return hops


def snapshot_outcome(
    archive_url: str,
    cited_url: str | None,
    result: FetchResult,
    hops: Sequence[archives.Hop],
    services: Sequence[archives.ArchiveService] = archives.DEFAULT_SERVICES,
) -> SnapshotOutcome:
    """What the archive says of a capture, from the fetch's ``hops`` (``_hops(result)``)."""
    if not hops:
        # No response at all (refused, timeout, not recorded): the archive did not say.
        return SnapshotOutcome(
            status=SnapshotStatus.ARCHIVE_ERROR,
            detail=f"no answer from the archive ({result.error or 'no response'}: {result.detail})",
            memento_url=archive_url,
            archive_status=0,
            cited_url=cited_url,
        )
    return archives.decide_snapshot(hops, cited_url=cited_url, services=services)


def fetch_plan(
    article: Article, services: Sequence[archives.ArchiveService]
) -> tuple[list[str], dict[tuple[str, str | None], str]]:
    """What checking ``article`` fetches: its original URLs, and for each (archive URL, cited
    URL) the raw capture to fetch. ``services`` include those its links were discovered from."""
    originals = sorted({u for r in article.references for u in (r.url, *r.more_urls) if u})
    pairs: dict[tuple[str, str | None], str] = {}
    for ref in article.references:
        if not ref.archive_url:
            continue
        parsed = archives.parse_archive_url(ref.archive_url, services)
        if isinstance(parsed, archives.ArchiveRef):
            pairs[(ref.archive_url, ref.url)] = archives.raw_url(parsed, services)
        elif parsed is None and ref.archive_url.startswith(("http://", "https://")):
            # An archive no grammar names (a link the citation calls its archived copy): fetched
            # as it is, and a capture by its Memento-Datetime, whatever its host.
            pairs[(ref.archive_url, ref.url)] = ref.archive_url
    return originals, pairs


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # text that only looks like a URL
        return ""


def _unasked(url: str, settings: HttpSettings) -> LinkVerdict | None:
    """Why ``url`` is not to be requested (the user's filters), or None to ask for it."""
    if settings.is_excluded(url):
        return LinkVerdict(LinkStatus.EXCLUDED, "excluded by the URL filters; not requested")
    host = _host(url)
    if host and settings.policy_for(host).alive:
        return LinkVerdict(LinkStatus.ALIVE, f"{host} is treated as alive; not requested")
    return None


def split_unasked(
    urls: Sequence[str], settings: HttpSettings
) -> tuple[list[str], dict[str, LinkCheck]]:
    """``urls`` split into those to request and, for the rest, their checks without a request:
    ``excluded`` (``--exclude`` and no ``--include`` matched) or alive (a host the config treats
    as alive). Pure."""
    asked: list[str] = []
    unasked: dict[str, LinkCheck] = {}
    for url in urls:
        verdict = _unasked(url, settings)
        if verdict is None:
            asked.append(url)
        else:
            unasked[url] = LinkCheck(
                FetchResult(url, "GET", None, url, detail=verdict.reason), verdict
            )
    return asked, unasked


def with_accepted(links: dict[str, LinkCheck], settings: HttpSettings) -> dict[str, LinkCheck]:
    """The verdicts judged again where the user named the statuses that count as alive
    (``--accept``, a host's ``accept``). Pure."""
    if settings.accept is None and not any(
        p.accept is not None for p in settings.host_policies.values()
    ):
        return links
    judged: dict[str, LinkCheck] = {}
    for url, check in links.items():
        accept = settings.accept_for(_host(url))
        if accept is not None:
            check = replace(check, verdict=classify(check.result, check.probe, accept))
        judged[url] = check
    return judged


async def acheck_article(
    article: Article,
    fetcher: Fetcher,
    services: Sequence[archives.ArchiveService] = archives.DEFAULT_SERVICES,
    *,
    suggest: bool = False,
    suggest_from: Sequence[archives.ArchiveService] | None = None,
    support: bool = False,
    documents: Sequence[Sequence[int]] = (),
    keep_texts: bool = False,
    read_pages: bool = True,
) -> Evidence:
    services = (*services, *_discovered(article, services))
    originals, pairs = fetch_plan(article, services)
    originals, unasked = split_unasked(originals, fetcher.settings)
    pairs = {pair: raw for pair, raw in pairs.items() if not _unasked(pair[0], fetcher.settings)}
    links, raw_results = await asyncio.gather(
        check_links(fetcher, originals), fetcher.fetch_many(sorted(set(pairs.values())))
    )
    links = with_accepted(links, fetcher.settings)
    links.update(unasked)
    # Each raw fetch's hops once: the outcome reads them, and so does the capture check below.
    hops = {raw: _hops(result, services) for raw, result in raw_results.items()}
    snapshots = {
        (archive_url, cited): snapshot_outcome(
            archive_url, cited, raw_results[raw], hops[raw], services
        )
        for (archive_url, cited), raw in sorted(pairs.items(), key=_pair_order)
    }
    # Pages are read from the bodies fetched above: no request of their own; none when no
    # chosen rule reads what pages say (a dead-link check).
    alive = [
        url
        for url, check in links.items()
        if read_pages and check.verdict.status is LinkStatus.ALIVE and url not in unasked
    ]
    read = pages_of(
        [(links[url].result, None) for url in alive], memo=fetcher.cache, body_of=fetcher.body_of
    )
    pages = {url: page for url, page in zip(alive, read, strict=True) if page}
    captures: dict[str, tuple[FetchResult, str | None]] = {}
    for (archive_url, cited), outcome in snapshots.items():
        if archive_url in captures or not outcome.status.is_ok or not read_pages:
            continue
        raw = pairs[(archive_url, cited)]
        result = raw_results[raw]
        # Only when the archive logic read the whole chain is the body the capture's own.
        if len(hops[raw]) == len(result.chain):
            captures[archive_url] = (result, outcome.original or result.final_url)
    read = pages_of(list(captures.values()), memo=fetcher.cache)
    snapshot_pages = {url: page for url, page in zip(captures, read, strict=True) if page}
    suggestions = await _suggestions(article, fetcher, services, suggest_from) if suggest else {}
    evidence = Evidence(
        links=links,
        snapshots=snapshots,
        pages=pages,
        snapshot_pages=snapshot_pages,
        suggestions=suggestions,
    )
    if not (support or keep_texts):
        return evidence
    # Claim support reads the same bodies again; loaded only when asked for.
    from citecheck.check.support import claim_supports, keep_page_texts

    fetched = {url: links[url].result for url in pages}
    fetched.update({url: captures[url][0] for url in snapshot_pages})
    if not support:
        keep_page_texts(evidence, fetched, fetcher.cache, fetcher.body_of)
        return evidence
    supports = claim_supports(article, evidence, fetched, fetcher.cache, fetcher.body_of, documents)
    return replace(evidence, supports=supports)


def suggestion_services(
    services: Sequence[archives.ArchiveService],
    only: Sequence[archives.ArchiveService] | None,
) -> tuple[archives.ArchiveService, ...]:
    """The archives asked for suggestions, in order: those in ``only``; by default the archives
    named by the user first, then the Internet Archive.

    Not archive.today by default: one request every two seconds, and CAPTCHAs for clients that
    ask for every citation; it is asked only when named (``--suggest-from archive.today``).
    """
    if only is not None:
        return tuple(only)
    named = [s for s in services if s not in archives.DEFAULT_SERVICES]
    return (*named, archives.INTERNET_ARCHIVE)


async def _suggestions(
    article: Article,
    fetcher: Fetcher,
    services: Sequence[archives.ArchiveService],
    only: Sequence[archives.ArchiveService] | None,
) -> dict[str, SuggestionResult]:
    """A capture for each reference with a URL and no archive, from the archives
    :func:`suggestion_services` picks. The Fetcher's per-host limits keep it polite."""
    from citecheck.check.suggest import requests_for, source_for, suggest_archives

    sources = [src for s in suggestion_services(services, only) if (src := source_for(s))]
    answers = await suggest_archives(fetcher, requests_for(article), sources)
    return {request.label: answer for request, answer in sorted(answers.items(), key=_by_label)}


def _by_label(item: tuple[SuggestionRequest, SuggestionResult]) -> tuple[int, str]:
    label = item[0].label
    return (int(label) if label.isdigit() else 10**6, label)


def _pair_order(item: tuple[tuple[str, str | None], str]) -> tuple[str, str]:
    (archive_url, cited), _ = item
    return archive_url, cited or ""


def _discovered(
    article: Article, services: Sequence[archives.ArchiveService]
) -> tuple[archives.ArchiveService, ...]:
    """The Wayback-compatible archives the article's snapshot links name by their grammar alone."""
    urls = sorted({r.archive_url for r in article.references if r.archive_url})
    return archives.discovered_services(urls, services)


def unknown_archive_hosts(
    article: Article, services: Sequence[archives.ArchiveService]
) -> set[str]:
    """The hosts of the article's archive links that no service in ``services`` knows: archives
    found by their grammar, and those only the citation calls archives."""
    hosts: set[str] = set()
    for url in {r.archive_url for r in article.references if r.archive_url}:
        if any(service.parse(url) is not None for service in services):
            continue
        try:
            host = urlsplit(url).hostname
        except ValueError:  # text that only looks like a URL
            continue
        if host:
            hosts.add(host)
    return hosts


def check_article(
    article: Article,
    settings: HttpSettings,
    services: Sequence[archives.ArchiveService] = archives.DEFAULT_SERVICES,
    *,
    suggest: bool = False,
    suggest_from: Sequence[archives.ArchiveService] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: ResponseCache | None = None,
    support: bool = False,
    shared: SharedHostLimits | None = None,
    documents: Sequence[Sequence[int]] = (),
    keep_texts: bool = False,
    read_pages: bool = True,
) -> Evidence:
    """The sync entry point: check every link of ``article`` with a fresh client.
    ``progress`` is told (done, total) as fetches are asked for and end. A ``cache`` passed in
    (the settings' own, already open) is left open, its writes committed. With ``support``,
    each claim is judged against the pages its references were read from (``Evidence.supports``).
    ``shared`` counts each host's limits across processes too (a corpus run's workers).
    ``documents``: the claim ids of each document ``article`` merges (a corpus segment), each
    claim's language told against its own document's. ``keep_texts`` (without ``support``):
    each read page's main text kept in the cache's memo for claims judged later. Without
    ``read_pages`` no page is read (no chosen rule reads what pages say)."""

    settings = with_service_manners(settings, services)
    settings = with_unknown_archive_manners(settings, unknown_archive_hosts(article, services))

    async def run() -> Evidence:
        async with Fetcher(settings, cache=cache, progress=progress, shared=shared) as fetcher:
            return await acheck_article(
                article,
                fetcher,
                services,
                suggest=suggest,
                suggest_from=suggest_from,
                support=support,
                documents=documents,
                keep_texts=keep_texts,
                read_pages=read_pages,
            )

    return run_sync(run())
