"""The one per-host scheduler: how much work each host gets at a time, and when.

Each host has one state (``_Host``), made from its ``HostPolicy`` once, and both levels of
scheduling read it:

- URLs: ``HostScheduler.batch`` runs a batch of URLs with at most the host's ``concurrency`` of
  them in progress at once, a worker per slot taking the host's next URL when one ends. One task
  per URL would start thousands of coroutines that each run until they wait for a slot, holding
  up the answers already arriving.
- Requests: ``slot(host)`` admits one network request: the host's concurrency, spacing between
  request starts, a pause for the whole host after it answers 429, and the global cap. Requests
  are counted apart from URLs because a URL's redirects may lead to other hosts, and retries
  and redirect hops of one URL each take a slot.

Only network requests take a slot; cache hits never wait here. With ``shared`` limits (a
corpus run's workers, ``citecheck.corpus.cluster``), a request also takes the host's lease
counted across every process, so the host's concurrency and spacing hold for them all.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Awaitable, Callable
from typing import Generic, Protocol, TypeVar

from citecheck.http.settings import HostPolicy

T = TypeVar("T")


class SharedHostLimits(Protocol):
    """A host's limits counted across processes: ``acquire`` returns when one more request to
    ``host`` keeps within ``policy`` (concurrency, and spacing between starts) for all of
    them; ``release`` ends that request."""

    async def acquire(self, host: str, policy: HostPolicy) -> None: ...

    async def release(self, host: str) -> None: ...


class _Host:
    def __init__(self, name: str, policy: HostPolicy) -> None:
        self.name = name
        self.policy = policy
        self.allowed = max(1, policy.concurrency)
        self.slots = asyncio.Semaphore(self.allowed)
        self.next_start = 0.0  # loop time before which no new request may start


class HostScheduler:
    """Per-host work: ``batch`` for URLs, ``async with scheduler.slot(host)`` for requests."""

    def __init__(
        self,
        concurrency: int,
        policy_for: Callable[[str], HostPolicy],
        clock: Callable[[], float] | None = None,
        shared: SharedHostLimits | None = None,
    ) -> None:
        self._global = asyncio.Semaphore(max(1, concurrency))
        self._shared = shared
        self._policy_for = policy_for
        self._hosts: dict[str, _Host] = {}
        self._clock = clock

    def _now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    def _host(self, host: str) -> _Host:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(host, self._policy_for(host))
        return state

    def slot(self, host: str) -> _Slot:
        """``async with scheduler.slot(host):`` one request to ``host`` within the limits."""
        return _Slot(self, self._host(host))

    def pause(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` (it said 429: keeping on gets us banned)."""
        state = self._host(host)
        state.next_start = max(state.next_start, self._now() + max(0.0, seconds))

    def batch(self, run: Callable[[T], Awaitable[None]]) -> HostBatch[T]:
        """A batch of items (URLs), each ``run`` in turn, as many per host as the host allows."""
        return HostBatch(self, run)


class HostBatch(Generic[T]):
    """Items queued by host and run by per-host workers; ``finish`` waits for them all."""

    def __init__(self, scheduler: HostScheduler, run: Callable[[T], Awaitable[None]]) -> None:
        self._scheduler = scheduler
        self._run = run
        self._queues: dict[str, collections.deque[T]] = {}
        self._running: dict[str, int] = {}  # host -> its workers
        self._workers: list[asyncio.Task[None]] = []

    @property
    def started(self) -> bool:
        return bool(self._workers)

    def add(self, host: str, item: T) -> None:
        queue = self._queues.get(host)
        if queue is None:
            queue = self._queues[host] = collections.deque()
            self._running[host] = 0
        queue.append(item)
        # A worker leaves only when its queue is empty, so one more is needed only while the
        # host has fewer than it may have and fewer than it has items waiting.
        running = self._running[host]
        if running < self._scheduler._host(host).allowed and running < len(queue):
            self._running[host] += 1
            self._workers.append(asyncio.get_running_loop().create_task(self._work(host)))

    async def _work(self, host: str) -> None:
        queue = self._queues[host]
        try:
            while queue:
                await self._run(queue.popleft())
        finally:
            self._running[host] -= 1

    async def finish(self) -> None:
        await asyncio.gather(*self._workers)

    def cancel(self) -> list[T]:
        """Cancel the workers (a no-op on finished ones); the items never begun."""
        for task in self._workers:
            task.cancel()
        return [item for queue in self._queues.values() for item in queue]


class _Slot:
    """The host's slot, then a start time one interval after the last, then a global slot.

    A plain class rather than ``@asynccontextmanager``: it is entered once per request, and the
    generator machinery cost more than the waiting it does when nothing has to wait.
    """

    __slots__ = ("_limiter", "_state")

    def __init__(self, limiter: HostScheduler, state: _Host) -> None:
        self._limiter = limiter
        self._state = state

    async def __aenter__(self) -> None:
        state = self._state
        await state.slots.acquire()
        try:
            if state.policy.min_interval or state.next_start:  # spaced, or paused after a 429
                # Reserve a start time before sleeping, so waiters queue up one interval apart.
                now = self._limiter._now()
                start = max(now, state.next_start)
                state.next_start = start + state.policy.min_interval
                if start > now:
                    await asyncio.sleep(start - now)
            shared = self._limiter._shared
            if shared is not None:
                await shared.acquire(state.name, state.policy)
            try:
                await self._limiter._global.acquire()
            except BaseException:
                if shared is not None:
                    await shared.release(state.name)
                raise
        except BaseException:
            state.slots.release()
            raise

    async def __aexit__(self, *exc: object) -> None:
        self._limiter._global.release()
        shared = self._limiter._shared
        try:
            if shared is not None:
                await shared.release(self._state.name)
        finally:
            self._state.slots.release()
