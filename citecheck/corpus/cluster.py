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
network), wave n+1 is planned and wave n-1 audited (CPU), each worker running a fetch beside
one other task. Fetches run one wave at a time, so a host is fetched by one worker at a time.

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
# Threads per worker of a LocalCluster: a fetch, mostly waiting, beside one task using the CPU.
THREADS = 2
# How often the client looks for finished audits while a wave is fetched, in seconds.
POLL = 0.1

Segment = list[tuple[str, Document | str]]
Plan = tuple[set[str], set[tuple[str, str | None]]]
Share = tuple[list[str], list[tuple[str, str | None]]]


def _segment_task(documents: Segment, settings: RunSettings) -> list[dict[str, Any]]:
    """Step 3: one segment audited on a worker, its answers from the cache."""
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
    originals: Iterable[str], pairs: Iterable[tuple[str, str | None]], workers: int
) -> list[Share]:
    """The links dealt out to ``workers`` shares by host: each host's links in one share, the
    hosts with most links first, each to the share with fewest so far."""
    by_host: dict[str, Share] = {}
    for url in sorted(originals):
        by_host.setdefault(host_of(url), ([], []))[0].append(url)
    for pair in sorted(pairs, key=lambda p: (p[0], p[1] or "")):
        by_host.setdefault(host_of(pair[0]), ([], []))[1].append(pair)
    shares: list[Share] = [([], []) for _ in range(max(1, workers))]
    loads = [0] * len(shares)
    for host in sorted(by_host, key=lambda h: (-len(by_host[h][0]) - len(by_host[h][1]), h)):
        urls, host_pairs = by_host[host]
        least = loads.index(min(loads))
        shares[least][0].extend(urls)
        shares[least][1].extend(host_pairs)
        loads[least] += len(urls) + len(host_pairs)
    return [share for share in shares if share[0] or share[1]]


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


class _Pipeline:
    """The waves on ``client``'s workers, wave n+1 planned and wave n-1 audited while wave n is
    fetched; at most three waves' documents held at once."""

    def __init__(
        self, client: Client, settings: RunSettings, done: Callable[[dict[str, Any]], None]
    ) -> None:
        from distributed import as_completed

        self._client = client
        self._settings = settings
        self._done = done
        self._workers = sorted(client.scheduler_info()["workers"])
        self._audits = as_completed()

    def run(self, batches: Iterator[Segment]) -> None:
        size = WAVE * max(1, len(self._workers))
        waves = iter(lambda: list(itertools.islice(batches, size)), [])
        wave = next(waves, None)
        plans = self._plan(wave)
        while wave is not None:
            following = next(waves, None)
            if self._settings.http is not None:
                originals: set[str] = set()
                pairs: set[tuple[str, str | None]] = set()
                for plan in self._client.gather(plans):
                    originals |= plan[0]
                    pairs |= plan[1]
                plans = self._plan(following)  # parsed while this wave is fetched
                self._fetch(deal_by_host(originals, pairs, len(self._workers)))
            self._audit(wave)
            wave = following
        for future in self._audits:
            self._deliver(future)

    def _plan(self, wave: Sequence[Segment] | None) -> list[Future[Any]]:
        if wave is None or self._settings.http is None:
            return []
        return self._client.map(_plan_task, wave, settings=self._settings, pure=False)

    def _fetch(self, shares: Sequence[Share]) -> None:
        """The wave's shares fetched, each on its own worker, first in its queue; the rows of
        earlier waves delivered meanwhile."""
        from distributed import wait

        fetches = [
            self._client.submit(
                _fetch_task,
                urls,
                pairs,
                self._settings,
                workers=[worker],
                allow_other_workers=False,
                priority=10,
                pure=False,
            )
            for worker, (urls, pairs) in zip(itertools.cycle(self._workers), shares)
        ]
        while not all(future.done() for future in fetches):
            with contextlib.suppress(TimeoutError):  # the wait is only a pause between looks
                wait(fetches, timeout=POLL)
            for future in self._audits.next_batch(block=False):
                self._deliver(future)
        self._client.gather(fetches)  # a failed fetch raises here

    def _audit(self, wave: Sequence[Segment]) -> None:
        """The wave's segments queued for their audit; a wave earlier's rows delivered first, so
        that at most two waves wait to be audited."""
        while self._audits.count() > len(wave):
            self._deliver(next(self._audits))
        self._audits.update(
            self._client.map(_segment_task, wave, settings=self._settings, pure=False)
        )

    def _deliver(self, future: Future[Any]) -> None:
        for row in future.result():
            self._done(row)
        future.release()
