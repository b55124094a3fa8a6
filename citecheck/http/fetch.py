"""Fetch URLs: one fetch per URL per audit, the cache first, the network for the rest.

The async core is ``Fetcher``; ``fetch_many_sync`` is the thin sync entry point. Every URL is
first walked through the cache alone, with no client built (``warm.py``: a warm re-audit never
builds one, and offline that walk is the whole answer); only URLs with a missing or stale hop go
to the network, a few per host at a time (``limits.HostScheduler``), each redirect followed hop by
hop (``redirects.py``) and each hop sent by ``hops.NetworkHops``, with retries.

The speed-ups that shape this layer are listed in ``speedups.py``.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from citecheck.evidence.fetch import ErrorKind, FetchResult
from citecheck.http.cache import ResponseCache
from citecheck.http.errors import FetchFailure
from citecheck.http.hops import NetworkHops
from citecheck.http.limits import HostScheduler, SharedHostLimits
from citecheck.http.redirects import walk
from citecheck.http.retry import Attempt
from citecheck.http.safety import check_url
from citecheck.http.settings import HttpSettings
from citecheck.http.speedups import SETUP_CHUNK
from citecheck.http.warm import answer_from_cache

if TYPE_CHECKING:
    import httpx

    from citecheck.http.wire import Wire

# httpx, aiohttp and the wires are imported when the first network request is about to be
# made: a warm re-audit answered from the cache never imports them.

T = TypeVar("T")

__all__ = ["SETUP_CHUNK", "Fetcher", "fetch_many", "fetch_many_sync", "run_sync"]


class Fetcher:
    """The project's one HTTP client. Use as ``async with Fetcher(settings) as fetcher``.

    ``network`` replaces the socket-level transport (tests pass ``httpx.MockTransport``); the
    safety checks, limits, cap and cache stay in place around it.
    """

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        cache: ResponseCache | None = None,
        network: httpx.AsyncBaseTransport | None = None,
        progress: Callable[[int, int], None] | None = None,
        shared: SharedHostLimits | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        # Told (done, total) each time a fetch is asked for or ends: for a progress display.
        self._progress = progress
        self._done = self._total = 0
        self._owns_cache = cache is None  # a cache passed in belongs to the caller
        # The settings' backend; an SQLite one is opened through requests-cache only when needed.
        self.cache = cache or ResponseCache(None, self.settings)
        # The one per-host scheduler: URLs by host (fetch_many) and requests (the gate's slots).
        # ``shared``: each host's limits counted across processes too (a corpus run's workers).
        self._scheduler = HostScheduler(
            self.settings.concurrency, self.settings.policy_for, shared=shared
        )
        self._hops = NetworkHops(self.settings, self.cache, self._scheduler, network)
        self._results: dict[tuple[str, str], asyncio.Future[FetchResult]] = {}
        self._missed: set[tuple[str, str]] = set()  # walked in the cache in bulk, not settled

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        # Ours is closed; the caller's is left open, with our writes committed.
        finish = self.cache.close if self._owns_cache else self.cache.flush
        if self._client is None:
            finish()
            return
        # The last commit and an SQLite close (its WAL checkpoint) take 15-30 ms after a cold
        # check: done in a thread (sqlite3 lets go of the GIL) while the connections close.
        finishing = asyncio.ensure_future(asyncio.to_thread(finish))
        try:
            await self._hops.aclose()
        finally:
            await finishing

    @property
    def _client(self) -> Wire | None:
        """The wire, once a network request has made one (a warm re-audit makes none)."""
        return self._hops.wire

    async def _cached_hop(self, method: str, url: str) -> Attempt:
        found = self.cache.lookup(method, url, allow_stale=self.settings.offline)
        if found is None:
            return Attempt(url=url, error=ErrorKind.NOT_RECORDED, detail="not in the cache")
        return found

    async def _fetch(self, url: str, method: str) -> FetchResult:
        limit = self.settings.max_redirects
        if (method, url) not in self._missed:  # the bulk pass already walked it in the cache
            result = await walk(url, method, self._cached_hop, limit)
            if self.settings.offline or result.error is not ErrorKind.NOT_RECORDED:
                return result
        # Hops the cache holds are still answered from it (``NetworkHops.send``).
        result = await walk(url, method, self._hops.hop, limit)
        # Some servers answer HEAD wrongly (405, 404, 403...); ask with GET before believing it.
        status = result.status
        if method == "HEAD" and status is not None and status >= 400 and status != 429:
            return await self.fetch(url, "GET")
        return result

    def _track(self, future: asyncio.Future[FetchResult]) -> None:
        if self._progress is None:
            return
        self._total += 1
        if future.done():
            self._advance(future)
        else:
            future.add_done_callback(self._advance)
            self._progress(self._done, self._total)

    def _advance(self, _future: asyncio.Future[FetchResult]) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(self._done, self._total)

    async def fetch(self, url: str, method: str = "GET") -> FetchResult:
        """Fetch one URL; a URL already fetched (or in flight) by this Fetcher is not refetched."""
        key = (method.upper(), url)
        task = self._results.get(key)
        if task is None:
            task = asyncio.ensure_future(self._fetch(url, key[0]))
            self._results[key] = task
            self._track(task)
        return self._with_body(await asyncio.shield(task))

    async def fetch_many(
        self,
        urls: Iterable[str],
        method: str = "GET",
        each: Callable[[str, FetchResult], None] | None = None,
        *,
        bodies: bool = True,
    ) -> dict[str, FetchResult]:
        """Fetch each distinct URL once, concurrently within the limits.

        Every URL the cache can answer completely (each hop stored and fresh) is answered from
        it, in bulk (a chunk of URLs at a time) and without building a client; only the rest go
        to the network, a few per host at a time. ``each(url, result)`` is called as each URL
        is settled, so a caller can start follow-up work while the rest are still in flight.
        With ``bodies=False`` an answer from the cache may leave its body there
        (``FetchResult.facts``; ``body_of`` reads it).
        """
        unique = list(dict.fromkeys(urls))
        upper = method.upper()
        try:
            await self._fetch_by_host(unique, upper, each, bodies)
            # Every URL is settled now, or in flight for another caller: wait for those.
            pending = [url for url in unique if not self._results[(upper, url)].done()]
            await asyncio.gather(*(self.fetch(url, upper) for url in pending))
        finally:
            # Committed in the background: the commit (~10 ms for the last batch of a cold
            # check) overlaps what the caller does next; closing the Fetcher waits for it.
            self.cache.flush(wait=False)
        results = {url: self._results[(upper, url)].result() for url in unique}
        if bodies:  # another caller may have settled some without: read those
            results = {url: self._with_body(result) for url, result in results.items()}
        return results

    async def _fetch_by_host(
        self,
        urls: list[str],
        method: str,
        each: Callable[[str, FetchResult], None] | None,
        bodies: bool,
    ) -> None:
        """Answer the URLs nobody has asked for yet from the cache, then fetch the rest, each
        host's as many at a time as it allows (the host scheduler's ``batch``).

        The URLs are taken ``SETUP_CHUNK`` at a time, so the first requests are on their way
        while the cache pass and the queues of the later ones are still being made: on a cold
        5,000-URL check that setup took 30-50 ms before any request was sent.
        """
        loop = asyncio.get_running_loop()

        async def settle(url: str) -> None:
            future = self._results[(method, url)]
            try:
                result = await self._fetch(url, method)
            except asyncio.CancelledError:
                future.cancel()  # whoever waits for it is not left hanging
                raise
            except Exception as exc:  # a bug: _fetch names every failure it expects
                future.set_exception(exc)
                raise
            future.set_result(result)

        batch = self._scheduler.batch(settle)
        try:
            for start in range(0, len(urls), SETUP_CHUNK):
                chunk = urls[start : start + SETUP_CHUNK]
                self.answer_from_cache(chunk, method, bodies=bodies)
                for url in chunk:
                    future = self._results.get((method, url))
                    if future is None:  # not settled from the cache: to the network
                        future = self._results[(method, url)] = loop.create_future()
                        self._track(future)
                        batch.add(_host_of(url), url)
                    if each is None:
                        continue
                    if future.done():  # settled from the cache: told now, before any await
                        _announce(url, each)(future)
                    else:
                        future.add_done_callback(_announce(url, each))
                if batch.started:
                    await asyncio.sleep(0)  # let the requests made so far go out
            await batch.finish()
        finally:
            # None outlives a cancelled fetch; cancelled part-way, so are the URLs not begun.
            for url in batch.cancel():
                self._results[(method, url)].cancel()

    def answer_from_cache(
        self, urls: Iterable[str], method: str = "GET", *, bodies: bool = True
    ) -> int:
        """Settle every URL whose whole redirect chain is in the cache; how many were settled.

        Synchronous and client-free (``warm.answer_from_cache``). Offline, every URL is settled
        (a miss is ``not-recorded``). A settled URL is never fetched again by this Fetcher.
        """
        method = method.upper()
        todo = [url for url in dict.fromkeys(urls) if (method, url) not in self._results]
        done = answer_from_cache(self.cache, todo, method, self.settings, bodies)
        self._missed.update((method, url) for url in done.missed)
        self._hops.unstored.update((method, url) for url in done.unstored)
        loop = asyncio.get_running_loop()
        for url, result in done.settled.items():
            future: asyncio.Future[FetchResult] = loop.create_future()
            future.set_result(result)
            self._results[(method, url)] = future
            self._track(future)
        return len(done.settled)

    def _with_body(self, result: FetchResult) -> FetchResult:
        """``result`` with its body, read from the cache if it was left there (unchanged when
        the cache no longer holds it: ``facts`` then still say what it was)."""
        if result.facts is None:
            return result
        body = self.body_of(result)
        if not body and result.size:
            return result
        return dataclasses.replace(result, body=body, facts=None)

    def body_of(self, result: FetchResult) -> bytes:
        """``result``'s body, read from the cache when it was left there (``facts``); empty
        when the cache no longer holds the response it was answered from."""
        if result.facts is None:
            return result.body
        stored = self.cache.lookup(result.method, result.final_url, allow_stale=True)
        if stored is None or stored.fetched_at != result.checked_at:
            return b""
        return stored.body


def _host_of(url: str) -> str:
    try:
        return check_url(url)[0]
    except FetchFailure:
        return ""  # walk_steps refuses it at once, with the reason


def _announce(
    url: str, each: Callable[[str, FetchResult], None]
) -> Callable[[asyncio.Future[FetchResult]], None]:
    def done(future: asyncio.Future[FetchResult]) -> None:
        if not future.cancelled() and future.exception() is None:
            each(url, future.result())

    return done


async def fetch_many(
    urls: Iterable[str], settings: HttpSettings | None = None, method: str = "GET"
) -> dict[str, FetchResult]:
    """Fetch ``urls`` with a fresh Fetcher, closed afterwards."""
    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch_many(urls, method)


def fetch_many_sync(
    urls: Iterable[str], settings: HttpSettings | None = None, method: str = "GET"
) -> dict[str, FetchResult]:
    """The sync entry point: runs ``fetch_many`` in a new event loop (not inside a running one)."""
    return run_sync(fetch_many(list(urls), settings, method))


def run_sync(work: Awaitable[T]) -> T:
    """``asyncio.run(work)``, without the repr of a large result.

    Restoring its SIGINT handler, asyncio.run (3.11) formats the repr of the finished task,
    result included: ~0.2 s for the evidence of 5,000 links. The task here returns nothing.
    """
    found: list[T] = []

    async def keep() -> None:
        found.append(await work)

    asyncio.run(keep())
    return found[0]
