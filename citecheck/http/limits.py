"""Politeness: global and per-host concurrency, spacing between requests to one host, and a
pause for the whole host after it answers 429.

Only network requests take a slot; cache hits never wait here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from citecheck.http.settings import HostPolicy


class _Host:
    def __init__(self, policy: HostPolicy) -> None:
        self.policy = policy
        self.slots = asyncio.Semaphore(max(1, policy.concurrency))
        self.next_start = 0.0  # loop time before which no new request may start


class HostLimiter:
    """Hands out request slots: ``async with limiter.slot(host): ...``."""

    def __init__(
        self,
        concurrency: int,
        policy_for: Callable[[str], HostPolicy],
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._global = asyncio.Semaphore(max(1, concurrency))
        self._policy_for = policy_for
        self._hosts: dict[str, _Host] = {}
        self._clock = clock

    def _now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    def _host(self, host: str) -> _Host:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(self._policy_for(host))
        return state

    def slot(self, host: str) -> _Slot:
        """``async with limiter.slot(host):`` one request to ``host`` within the limits."""
        return _Slot(self, self._host(host))

    def pause(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` (it said 429: keeping on gets us banned)."""
        state = self._host(host)
        state.next_start = max(state.next_start, self._now() + max(0.0, seconds))


class _Slot:
    """The host's slot, then a start time one interval after the last, then a global slot.

    A plain class rather than ``@asynccontextmanager``: it is entered once per request, and the
    generator machinery cost more than the waiting it does when nothing has to wait.
    """

    __slots__ = ("_limiter", "_state")

    def __init__(self, limiter: HostLimiter, state: _Host) -> None:
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
            await self._limiter._global.acquire()
        except BaseException:
            state.slots.release()
            raise

    async def __aexit__(self, *exc: object) -> None:
        self._limiter._global.release()
        self._state.slots.release()
