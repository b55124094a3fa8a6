"""A corpus run on a Dask distributed cluster: the documents' links asked once across all the
workers, each host's limits held across them by the cluster's own coordination.

The corpus goes through in waves of segments, three steps each:

1. plan: the workers parse each segment's documents (the parse is kept in the memo) and send
   back what they cite: original URLs and (archive URL, cited URL) pairs;
2. fetch: the wave's distinct links, grouped by host and the hosts dealt out to the workers
   (the busiest first, each to the least loaded), are checked into the shared cache: each URL
   once, a host's URLs on one worker;
3. audit: each segment is audited as in a serial run, its answers now from the cache.

The steps of neighbouring waves overlap: while wave n is fetched (mostly waiting on the
network), wave n+1 is planned and its fetch begun beside the end of wave n's, and earlier waves
are audited (CPU). A host stays with the worker that fetched it in the wave before, so the two
waves' fetches of a host meet in one worker's leases; a link the previous wave fetches is not
given to the next, so each URL is asked once.

Every request also takes its host's lease (``leases.DaskHostLimits``; a redirect may lead a
worker to another worker's host), so a host's concurrency and spacing hold across the cluster.

``--workers N`` starts a ``LocalCluster`` of N processes; ``--scheduler tcp://host:8786`` uses a
running cluster (its workers must see the output folder and the cache: SQLite on one machine,
``redis://`` across machines). A wave holds a bounded number of documents whatever the corpus
size; rows come back as segments finish.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from citecheck.audit import checking
from citecheck.corpus.leases import DaskHostLimits
from citecheck.corpus.run import (
    RunSettings,
    audit_segment,
    parsed_articles,
    segments,
)
from citecheck.model import Document

if TYPE_CHECKING:
    from distributed import Client, Future


# Segments in a wave, per worker: the links of this many are fetched together.
WAVE = 8
# Documents in a segment on a cluster: small, so that the audits spread over the workers (their
# links are asked once per wave already, whatever the segments).
SEGMENT = 10
# Threads per worker of a LocalCluster: two waves' fetches, mostly waiting, beside one task
# using the CPU.
THREADS = 3
# How often the client looks for finished audits while a wave is fetched, in seconds.
POLL = 0.1

Segment = list[tuple[str, Document | str]]
Plan = tuple[set[str], set[tuple[str, str | None]]]
Share = tuple[list[str], list[tuple[str, str | None]]]


def _segment_task(
    documents: Segment, settings: RunSettings, *fetched: object
) -> list[dict[str, Any]]:
    """Step 3: one segment audited on a worker, its answers from the cache (``fetched``: the
    fetch steps it waited for)."""
    from distributed import get_client

    with DaskHostLimits(get_client()) as limits:
        return audit_segment(documents, settings, limits)


def _plan_task(documents: Segment, settings: RunSettings) -> Plan:
    """Step 1: what a segment's documents cite (their parse kept in the memo for step 3)."""
    originals: set[str] = set()
    pairs: set[tuple[str, str | None]] = set()
    assert settings.http is not None  # steps 1 and 2 run only when links are checked
    with checking(settings.http, settings.archives) as (_, _, cache):
        articles = list(parsed_articles(documents, cache if cache.keeps_derived else None))
    for article in articles:
        for ref in article.references:
            originals.update(u for u in (ref.url, *ref.more_urls) if u)
            if ref.archive_url:
                pairs.add((ref.archive_url, ref.url))
    return originals, pairs


def _fetch_task(
    originals: list[str], pairs: list[tuple[str, str | None]], settings: RunSettings
) -> int:
    """Step 2: these links checked into the shared cache (their pages read, kept too, and
    their main text for the claims step 3 judges); how many. The checker is given them as an
    article of bare references, so the manners, the archives and the page reading are the
    serial run's own."""
    from distributed import get_client

    from citecheck.check import check_article
    from citecheck.model import Article, Reference

    references = [
        Reference(label=str(i + 1), line=0, raw="", url=u) for i, u in enumerate(originals)
    ]
    references += [
        Reference(label=str(len(references) + i + 1), line=0, raw="", url=cited, archive_url=a)
        for i, (a, cited) in enumerate(pairs)
    ]
    assert settings.http is not None
    with (
        checking(settings.http, settings.archives) as (http, services, cache),
        DaskHostLimits(get_client()) as limits,
    ):
        check_article(
            Article((), tuple(references)),
            http,
            services,
            cache=cache,
            shared=limits,
            keep_texts=settings.judges_claims and cache.keeps_derived,
            read_pages=settings.reads_pages,
        )
    return len(references)


def deal_by_host(
    originals: Iterable[str],
    pairs: Iterable[tuple[str, str | None]],
    workers: int,
    owners: dict[str, int] | None = None,
) -> list[Share]:
    """The links dealt out to ``workers`` shares by host: each host's links in one share, the
    hosts with most links first, each to the share with fewest so far, except that a host in
    ``owners`` (host -> share: the previous wave's) stays with its share, which may still be
    fetching it. ``owners`` is replaced by this wave's; empty shares are left out unless
    ``owners`` is given (then share i is always worker i's)."""
    by_host: dict[str, Share] = {}
    for url in sorted(originals):
        by_host.setdefault(host_of(url), ([], []))[0].append(url)
    for pair in sorted(pairs, key=lambda p: (p[0], p[1] or "")):
        by_host.setdefault(host_of(pair[0]), ([], []))[1].append(pair)
    shares: list[Share] = [([], []) for _ in range(max(1, workers))]
    loads = [0] * len(shares)
    before = dict(owners or {})
    dealt: dict[str, int] = {}
    hosts = sorted(
        by_host, key=lambda h: (h not in before, -len(by_host[h][0]) - len(by_host[h][1]), h)
    )
    for host in hosts:
        urls, host_pairs = by_host[host]
        share = before.get(host)
        if share is None or share >= len(shares):
            share = loads.index(min(loads))
        shares[share][0].extend(urls)
        shares[share][1].extend(host_pairs)
        loads[share] += len(urls) + len(host_pairs)
        dealt[host] = share
    if owners is None:
        return [share for share in shares if share[0] or share[1]]
    owners.clear()
    owners.update(dealt)
    return shares


def host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def run_on_cluster(
    documents: Iterable[tuple[str, Document | str]],
    settings: RunSettings,
    done: Callable[[dict[str, Any]], None],
    *,
    workers: int = 2,
    scheduler: str | None = None,
) -> None:
    """The run on a cluster: a ``LocalCluster`` of ``workers`` processes, or the one at
    ``scheduler``; ``done`` gets each row as its segment finishes."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=THREADS,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
        client = Client(cluster)
        client.run(_collect_in_batches)  # our own worker processes: tuned as the command is
    else:
        client = Client(scheduler)
    try:
        _Pipeline(client, settings, done).run(segments(documents, min(settings.segment, SEGMENT)))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect_in_batches() -> None:
    """In a worker process: the cyclic garbage collector tuned as ``speedups.batch_collection``
    tunes the command's (the audit's objects live long and make few cycles), for good."""
    import gc

    from citecheck.speedups import AUDIT_GC_THRESHOLDS

    gc.freeze()
    gc.set_threshold(*AUDIT_GC_THRESHOLDS)


@dataclass
class _Fetching:
    """One wave's fetch tasks and the links they were given."""

    futures: list[Future[Any]]
    originals: set[str]
    pairs: set[tuple[str, str | None]]


class _Pipeline:
    """The waves on ``client``'s workers: wave n+1 planned, and its fetch begun on each worker
    beside the end of wave n's (the slowest host of a wave no longer holds the next back),
    while earlier waves are audited as their links are in. At most two waves fetch at once, and
    a link the previous wave fetches is not given to the next (each URL asked once); a wave's
    audit waits for its own fetch and the previous one."""

    def __init__(
        self, client: Client, settings: RunSettings, done: Callable[[dict[str, Any]], None]
    ) -> None:
        from distributed import as_completed

        self._client = client
        self._settings = settings
        self._done = done
        self._workers = sorted(client.scheduler_info()["workers"])
        self._audits = as_completed()
        self._fetching: list[_Fetching] = []
        self._owners: dict[str, int] = {}  # host -> worker index, the last wave's

    def run(self, batches: Iterator[Segment]) -> None:
        size = WAVE * max(1, len(self._workers))
        waves = iter(lambda: list(itertools.islice(batches, size)), [])
        wave = next(waves, None)
        plans = self._plan(wave)
        while wave is not None:
            following = next(waves, None)
            after: list[Future[Any]] = []
            if self._settings.http is not None:
                originals: set[str] = set()
                pairs: set[tuple[str, str | None]] = set()
                for plan in self._client.gather(plans):
                    originals |= plan[0]
                    pairs |= plan[1]
                plans = self._plan(following)  # parsed while this wave is fetched
                after = self._fetch(originals, pairs)
            self._audit(wave, after)
            wave = following
        for future in self._audits:
            self._deliver(future)
        for fetching in self._fetching:
            self._client.gather(fetching.futures)  # a failed fetch raises here

    def _plan(self, wave: Sequence[Segment] | None) -> list[Future[Any]]:
        if wave is None or self._settings.http is None:
            return []
        return self._client.map(_plan_task, wave, settings=self._settings, pure=False)

    def _fetch(self, originals: set[str], pairs: set[tuple[str, str | None]]) -> list[Future[Any]]:
        """The wave's links fetched, each worker's share pinned to it and first in its queue;
        the fetches this wave's audit must wait for."""
        if len(self._fetching) == 2:  # the wave before the last is fetched whole first
            oldest = self._fetching.pop(0)
            self._wait(oldest.futures)
            self._client.gather(oldest.futures)  # a failed fetch raises here
        if self._fetching:  # still fetching, or done: in the cache either way
            originals = originals - self._fetching[-1].originals
            pairs = pairs - self._fetching[-1].pairs
        shares = deal_by_host(originals, pairs, len(self._workers), self._owners)
        futures = [
            self._client.submit(
                _fetch_task,
                urls,
                share_pairs,
                self._settings,
                workers=[worker],
                allow_other_workers=False,
                priority=10,
                pure=False,
            )
            for worker, (urls, share_pairs) in zip(self._workers, shares, strict=False)
            if urls or share_pairs
        ]
        self._fetching.append(_Fetching(futures, originals, pairs))
        return [future for fetching in self._fetching for future in fetching.futures]

    def _wait(self, futures: Sequence[Future[Any]]) -> None:
        """Until ``futures`` are done, the rows of finished audits delivered meanwhile."""
        from distributed import wait

        while not all(future.done() for future in futures):
            with contextlib.suppress(TimeoutError):  # the wait is only a pause between looks
                wait(futures, timeout=POLL)
            for future in self._audits.next_batch(block=False):
                self._deliver(future)

    def _audit(self, wave: Sequence[Segment], after: Sequence[Future[Any]]) -> None:
        """The wave's segments queued for their audit, each to start once ``after`` are done;
        a wave earlier's rows delivered first, so that at most two waves wait to be audited."""
        while self._audits.count() > len(wave):
            self._deliver(next(self._audits))
        self._audits.update(
            self._client.submit(_segment_task, segment, self._settings, *after, pure=False)
            for segment in wave
        )

    def _deliver(self, future: Future[Any]) -> None:
        for row in future.result():
            self._done(row)
        future.release()
