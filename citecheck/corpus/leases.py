"""Each host's limits across a Dask cluster's workers: the cluster's own coordination, leases
kept while a worker has work for the host.

A ``distributed.Semaphore`` per host, named after it, counts the host's requests in flight
everywhere; a spaced host (an archive's 0.5 s between requests) also keeps its next start time in
a ``distributed.Variable`` under a ``distributed.Lock``. The scheduler holds them: nothing here is
a server of its own.

Asking the scheduler for a lease per request cost ~1.3 ms of CPU a request (two round trips
through a thread), as much as reading the page. So a worker keeps a lease its request has ended
with for the host's next request, and gives it back once no request of its own has used it for
``KEEP`` seconds: a host a worker is busy with costs a round trip per lease, not per request.

Why this cannot deadlock: a request holds its host's lease only for its own exchange (a
redirect's next hop takes its own host's lease after the first is let go), so a worker whose
requests all wait on another worker's hosts has none of its own in flight, and gives its kept
leases back within ``KEEP``. The leases are never held across a wait for another.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from distributed import Client, Semaphore

    from citecheck.http.settings import HostPolicy

logger = logging.getLogger(__name__)


@dataclass
class _Kept:
    """One host's leases in this worker."""

    semaphore: Semaphore
    held: int = 0  # taken from the scheduler and not given back
    busy: int = 0  # of those, in use by a request
    timer: asyncio.TimerHandle | None = None


class DaskHostLimits:
    """``http.limits.SharedHostLimits`` on a Dask cluster. Use it around the checks of one task
    (``with DaskHostLimits(client) as limits:``): leaving gives back what is still kept.

    Calls that block on the scheduler run in threads beside the fetcher's event loop.
    """

    # How long a thread waits for a lease before it lets another call have it, in seconds.
    POLL = 0.02
    # How long a lease no request uses is kept for the host's next one, in seconds.
    KEEP = 0.05

    def __init__(self, client: Client) -> None:
        self._client = client
        self._hosts: dict[str, _Kept] = {}
        self._making = asyncio.Lock()
        self._giving: set[asyncio.Future[None]] = set()

    def __enter__(self) -> DaskHostLimits:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    async def acquire(self, host: str, policy: HostPolicy) -> None:
        kept = await self._kept(host, policy)
        if kept.timer is not None:
            kept.timer.cancel()
            kept.timer = None
        pause = self.POLL
        # A lease this worker keeps and no request uses is taken at once; otherwise one more is
        # asked for, a little at a time (one of ours may be let go meanwhile).
        while kept.held <= kept.busy:
            if await self._try(kept.semaphore):
                kept.held += 1
                break
            await asyncio.sleep(pause)
            pause = min(pause * 2, 4 * self.POLL)
        kept.busy += 1
        if policy.min_interval:
            try:
                wait = await asyncio.to_thread(self._reserve, host, policy.min_interval)
            except BaseException:
                await self.release(host)
                raise
            if wait > 0:
                await asyncio.sleep(wait)

    async def release(self, host: str) -> None:
        kept = self._hosts[host]
        kept.busy -= 1
        if kept.busy == 0 and kept.timer is None:
            loop = asyncio.get_running_loop()
            kept.timer = loop.call_later(self.KEEP, self._give_back_idle, kept)

    def close(self) -> None:
        """Give back every lease still kept (called when the task's event loop has ended, so no
        request is in flight). The semaphores stay at the scheduler: other workers use them."""
        for kept in self._hosts.values():
            _release(kept.semaphore, kept.held)
            kept.held = kept.busy = 0
        self._hosts.clear()

    def _give_back_idle(self, kept: _Kept) -> None:
        kept.timer = None
        idle = kept.held - kept.busy
        if idle <= 0:
            return
        # Handed to a thread now, not in a task that might never start if the loop ends first;
        # the loop's end waits for its threads. A loop already ending takes no more: the
        # leases stay counted as held, and ``close`` gives them back (counted as given here
        # first, they were lost to the scheduler for as long as the worker lived: a hang).
        try:
            giving = asyncio.get_running_loop().run_in_executor(
                None, _release, kept.semaphore, idle
            )
        except RuntimeError:
            return
        kept.held -= idle
        self._giving.add(giving)
        giving.add_done_callback(self._giving.discard)

    async def _kept(self, host: str, policy: HostPolicy) -> _Kept:
        kept = self._hosts.get(host)
        if kept is None:
            async with self._making:
                kept = self._hosts.get(host)
                if kept is None:
                    semaphore = await asyncio.to_thread(_semaphore, host, policy)
                    kept = self._hosts[host] = _Kept(semaphore)
        return kept

    async def _try(self, semaphore: Semaphore) -> bool:
        """One wait for a lease, ``POLL`` seconds at most: a thread blocked until another worker
        gives a lease back would hold one of the few threads this worker's own give-backs
        need. A request given up meanwhile (a timeout, Ctrl-C) leaves the thread's answer
        behind: a lease it got is given back, not leaked to the scheduler for as long as the
        worker lives."""
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


def _semaphore(host: str, policy: HostPolicy) -> Semaphore:
    from distributed import Semaphore

    return Semaphore(max_leases=max(1, policy.concurrency), name=f"citecheck-host:{host}")


def _release(semaphore: Semaphore, leases: int) -> None:
    try:
        for _ in range(leases):
            semaphore.release()
    except Exception as exc:  # the scheduler gone: it frees a worker's leases when it goes
        logger.warning("could not give back a lease of %s: %s", semaphore.name, exc)
