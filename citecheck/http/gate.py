"""The gate every network request passes, whatever wire carries it.

It refuses unsafe targets (non-public addresses unless allowed), waits for a polite slot from
the host scheduler, puts one deadline around the whole exchange (answer and body), and pauses the
host after a 429. It knows no HTTP library: the wire (``wire.py``) is handed in as ``send``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Awaitable, Callable

from citecheck.evidence.fetch import ErrorKind
from citecheck.http.errors import FetchFailure
from citecheck.http.limits import HostScheduler
from citecheck.http.retry import Attempt, retry_after_seconds
from citecheck.http.safety import check_url, ensure_public, is_public_address, literal_address
from citecheck.http.settings import HttpSettings


class NetworkGate:
    """Safety checks, politeness, one deadline, and the pause after a 429, around a send."""

    def __init__(self, settings: HttpSettings, limiter: HostScheduler) -> None:
        self.settings = settings
        self.limiter = limiter
        self._verdicts: dict[str, FetchFailure | None] = {}  # host -> why it is refused

    async def _ensure_allowed(self, host: str, port: int) -> bool:
        """Refuse a host that is, or resolves to, a non-public address unless that is allowed;
        whether the host is known to be public (what the cache keeps with its answers)."""
        if self.settings.allow_private:
            # Not resolved: allow_private skips the check (and with a proxy the name may not
            # resolve here at all), so only an address written as public is known to be public.
            address = literal_address(host)
            return address is not None and is_public_address(address)
        if host not in self._verdicts:
            try:
                await ensure_public(host, port)
                self._verdicts[host] = None
            except FetchFailure as failure:
                self._verdicts[host] = failure
        refused = self._verdicts[host]
        if refused is not None:
            raise FetchFailure(refused.kind, refused.detail)
        return True

    async def exchange(self, url: str, send: Callable[[], Awaitable[Attempt]]) -> Attempt:
        """``send()`` for ``url`` with the safety checks, a polite slot, one deadline and the
        pause after a 429: what every request to the network goes through."""
        host, port = check_url(url)
        public = await self._ensure_allowed(host, port)
        async with self.limiter.slot(host):
            try:
                async with asyncio.timeout(self.settings.timeout):
                    attempt = await send()
            except TimeoutError as exc:
                raise FetchFailure(
                    ErrorKind.TIMEOUT, f"no complete answer within {self.settings.timeout:g} s"
                ) from exc
        if attempt.status == 429:
            now = dt.datetime.now(dt.UTC)
            asked = retry_after_seconds(attempt.headers.get("retry-after"), now)
            pause = self.settings.retry_initial if asked is None else asked
            self.limiter.pause(host, min(pause, self.settings.retry_after_cap))
        return dataclasses.replace(attempt, public=True) if public else attempt
