"""A corpus run on a Dask distributed cluster: the documents' links asked once across all the
workers, each host's limits held across them by the cluster's own coordination.

The corpus goes through in waves of segments, three steps each:

1. plan: the workers parse each segment's documents (the parse is kept in the memo) and send
   back what they cite: original URLs and (archive URL, cited URL) pairs;
2. fetch: the wave's distinct links, grouped by host and the hosts dealt out to the workers
   (the busiest first, each to the least loaded), are checked into the shared cache: each URL
   once, a host's URLs on one worker;
3. audit: each segment is audited as in a serial run, its answers now from the cache.

Every request also takes its host's lease from ``DaskHostLimits`` (a redirect may lead a worker
to another worker's host), so a host's concurrency and spacing hold across the cluster.

``--workers N`` starts a ``LocalCluster`` of N processes; ``--scheduler tcp://host:8786`` uses a
running cluster (its workers must see the output folder and the cache: SQLite on one machine,
``redis://`` across machines). A wave holds a bounded number of documents whatever the corpus
size; rows come back as segments finish.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from citecheck.audit import checking
from citecheck.corpus.run import (
    RunSettings,
    audit_segment,
    parsed_articles,
    segments,
)
from citecheck.model import Document

if TYPE_CHECKING:
    from distributed import Client, Semaphore

    from citecheck.http.settings import HostPolicy

# Segments in a wave, per worker: the links of this many are fetched together.
WAVE = 8
# Documents in a segment on a cluster: small, so that the audits spread over the workers (their
# links are asked once per wave already, whatever the segments).
SEGMENT = 10


class DaskHostLimits:
    """Each host's concurrency and spacing across the cluster's workers.

    A ``distributed.Semaphore`` per host, named after it, is the host's requests in flight
    everywhere (its leases: one per request, the dealt hosts' too, for a redirect may lead
    another worker there); a spaced host (an archive's 0.5 s between requests) also keeps its
    next start time in a ``distributed.Variable`` under a ``distributed.Lock``. The scheduler
    holds them: nothing here is a server of its own. Calls block on the scheduler, so they run
    in threads beside the fetcher's event loop.
    """

    # How long a thread waits for a lease before it lets another call have it, in seconds.
    POLL = 0.02

    def __init__(self, client: Client) -> None:
        self._client = client
        self._semaphores: dict[str, Semaphore] = {}
        # One Semaphore object per host: a lease is released through the object that took it.
        self._making = asyncio.Lock()

    async def acquire(self, host: str, policy: HostPolicy) -> None:
        semaphore = self._semaphores.get(host)
        if semaphore is None:
            async with self._making:
                semaphore = self._semaphores.get(host)
                if semaphore is None:
                    semaphore = self._semaphores[host] = await asyncio.to_thread(
                        self._semaphore, host, policy
                    )
        await self._take(semaphore)
        if policy.min_interval:
            try:
                wait = await asyncio.to_thread(self._reserve, host, policy.min_interval)
            except BaseException:
                await asyncio.to_thread(semaphore.release)
                raise
            if wait > 0:
                await asyncio.sleep(wait)

    async def _take(self, semaphore: Semaphore) -> None:
        """One lease, waited for a little at a time: a thread blocked until another worker
        gives a lease back would hold one of the few threads this worker's own releases need,
        and two workers could wait on each other so (the 500-document bench hung)."""
        pause = self.POLL
        while not await self._try(semaphore):
            await asyncio.sleep(pause)
            pause = min(pause * 2, 4 * self.POLL)

    async def _try(self, semaphore: Semaphore) -> bool:
        """One wait for a lease. A request given up meanwhile (a timeout, Ctrl-C) leaves the
        thread's answer behind: a lease it got is given back, not leaked to the scheduler for
        as long as the worker lives."""
        loop = asyncio.get_running_loop()
        taking = loop.run_in_executor(None, functools.partial(semaphore.acquire, timeout=self.POLL))
        try:
            return bool(await asyncio.shield(taking))
        except asyncio.CancelledError:

            def give_back(done: asyncio.Future[Any]) -> None:
                if not done.cancelled() and done.exception() is None and done.result():
                    threading.Thread(target=semaphore.release, daemon=True).start()

            taking.add_done_callback(give_back)
            raise

    async def release(self, host: str) -> None:
        await asyncio.to_thread(self._semaphores[host].release)

    def _semaphore(self, host: str, policy: HostPolicy) -> Semaphore:
        from distributed import Semaphore

        leases = max(1, policy.concurrency)
        return Semaphore(max_leases=leases, name=f"citecheck-host:{host}")

    def _reserve(self, host: str, interval: float) -> float:
        """The host's next start, taken: how long to wait before it."""
        from distributed import Lock, Variable

        with Lock(f"citecheck-spacing:{host}"):
            variable = Variable(f"citecheck-next:{host}", client=self._client)
            try:
                next_start = float(variable.get(timeout=0.05))
            except TimeoutError:  # never set: the host's first spaced request
                next_start = 0.0
            now = time.time()
            start = max(now, next_start)
            variable.set(start + interval)
        return start - now


def _segment_task(
    documents: list[tuple[str, Document | str]], settings: RunSettings
) -> list[dict[str, Any]]:
    """Step 3: one segment audited on a worker, its answers from the cache."""
    from distributed import get_client

    return audit_segment(documents, settings, DaskHostLimits(get_client()))


def _plan_task(
    documents: list[tuple[str, Document | str]], settings: RunSettings
) -> tuple[set[str], set[tuple[str, str | None]]]:
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
    """Step 2: these links checked into the shared cache (their pages read, kept too); how
    many. The checker is given them as an article of bare references, so the manners, the
    archives and the page reading are the serial run's own."""
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
    with checking(settings.http, settings.archives) as (http, services, cache):
        check_article(
            Article((), tuple(references)),
            http,
            services,
            cache=cache,
            shared=DaskHostLimits(get_client()),
        )
    return len(references)


def deal_by_host(
    originals: Iterable[str], pairs: Iterable[tuple[str, str | None]], workers: int
) -> list[tuple[list[str], list[tuple[str, str | None]]]]:
    """The links dealt out to ``workers`` shares by host: each host's links in one share, the
    hosts with most links first, each to the share with fewest so far."""
    by_host: dict[str, tuple[list[str], list[tuple[str, str | None]]]] = {}
    for url in sorted(originals):
        by_host.setdefault(host_of(url), ([], []))[0].append(url)
    for pair in sorted(pairs, key=lambda p: (p[0], p[1] or "")):
        by_host.setdefault(host_of(pair[0]), ([], []))[1].append(pair)
    shares: list[tuple[list[str], list[tuple[str, str | None]]]] = [
        ([], []) for _ in range(max(1, workers))
    ]
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
    from distributed import Client, LocalCluster, as_completed, wait

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        count = max(1, len(client.scheduler_info()["workers"]))
        batches = segments(documents, min(settings.segment, SEGMENT))
        while wave := list(itertools.islice(batches, WAVE * count)):
            if settings.http is not None:
                plans = client.map(_plan_task, wave, settings=settings, pure=False)
                originals: set[str] = set()
                pairs: set[tuple[str, str | None]] = set()
                for plan in client.gather(plans):
                    originals |= plan[0]
                    pairs |= plan[1]
                fetches = [
                    client.submit(_fetch_task, urls, share, settings, pure=False)
                    for urls, share in deal_by_host(originals, pairs, count)
                ]
                wait(fetches)
                client.gather(fetches)  # a failed fetch task raises here
                del plans, fetches
            for future in as_completed(
                client.map(_segment_task, wave, settings=settings, pure=False)
            ):
                for row in future.result():
                    done(row)
                future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
