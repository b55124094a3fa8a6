"""One hop over the network: the one send path, with retries, and hosts found to be down.

``NetworkHops.hop`` answers one ``(method, url)`` of a redirect walk: from the cache when it holds
a fresh answer, else through the gate (``gate.py``) and the wire (``wire.py``), the answer stored;
retried as ``retry.py`` decides; and not asked at all once its host is known to be down. Every
failure becomes a named outcome (an ``Attempt`` with an ``ErrorKind``), except the cache's own,
which stops the run (see cache/response.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from citecheck.evidence.fetch import ErrorKind
from citecheck.http.cache import ResponseCache
from citecheck.http.errors import CacheBackendError, FetchFailure, error_kind
from citecheck.http.limits import HostScheduler
from citecheck.http.retry import Attempt, with_retries
from citecheck.http.safety import check_url
from citecheck.http.settings import HttpSettings

if TYPE_CHECKING:
    import httpx

    from citecheck.http.gate import NetworkGate
    from citecheck.http.wire import Wire

logger = logging.getLogger(__name__)

# Failures of the host and port, not of the URL: any other URL there would fail the same way.
HOST_FAILURES = frozenset({ErrorKind.CONNECTION_REFUSED, ErrorKind.DNS, ErrorKind.TLS})
HOST_DOWN_AFTER = 2  # URLs in a row, each failing so after its retries, before a host is down


def describe(exc: BaseException) -> str:
    """A one-line detail for evidence: the exception's message, else its cause's."""
    for current in (exc, exc.__cause__):
        if current is not None and str(current):
            return str(current)
    return type(exc).__name__


class NetworkHops:
    """The network hops of one Fetcher; the wire is made for the first request that needs it."""

    def __init__(
        self,
        settings: HttpSettings,
        cache: ResponseCache,
        scheduler: HostScheduler,
        network: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self._scheduler = scheduler
        self._network = network  # an httpx transport to send through instead (tests)
        # Made for the first network request (a warm re-audit makes neither).
        self.wire: Wire | None = None
        self._gate: NetworkGate | None = None
        # (method, URL)s the cache pre-pass found not stored at all: their first lookup is skipped.
        self.unstored: set[tuple[str, str]] = set()
        # (host, port) -> how many URLs in a row failed there the host's way, and the last one.
        self._down: dict[tuple[str, int], tuple[int, Attempt]] = {}
        # (host, port) -> its URLs being asked now, and a future set when one of them ends.
        self._asking: dict[tuple[str, int], int] = {}
        self._ended: dict[tuple[str, int], asyncio.Future[None]] = {}
        self._any_headers: bool | None = None  # whether the user set any header (known once)

    def _opened(self) -> tuple[Wire, NetworkGate]:
        if self.wire is None or self._gate is None:
            from citecheck.http.gate import NetworkGate
            from citecheck.http.wire import open_wire

            self._gate = NetworkGate(self.settings, self._scheduler)
            self.wire = open_wire(self.settings, self._network)
        return self.wire, self._gate

    async def aclose(self) -> None:
        if self.wire is not None:
            wire, self.wire = self.wire, None
            await wire.aclose()

    async def send(self, method: str, url: str) -> Attempt:
        """The one send path: the cache's answer, else the wire's through the gate, stored."""
        cache = self.cache
        key = cache.key(method, url)
        if (method, url) in self.unstored:
            self.unstored.discard((method, url))  # the bulk pass just looked: skip the query
        else:
            hit = cache.lookup(method, url, key=key, allow_stale=self.settings.offline)
            if hit is not None:
                return hit
        if self.settings.offline:
            raise FetchFailure(ErrorKind.NOT_RECORDED, f"{method} {url} is not in the cache")
        wire, gate = self._opened()
        headers = self._headers(url)
        if headers:
            attempt = await gate.exchange(url, lambda: wire.send(method, url, headers))
        else:
            attempt = await gate.exchange(url, lambda: wire.send(method, url))
        cache.store(method, attempt, key=key)
        return attempt

    def _headers(self, url: str) -> dict[str, str]:
        """The user's extra headers for ``url`` (--header, a host's own in the config)."""
        settings = self.settings
        if self._any_headers is None:
            self._any_headers = bool(settings.headers) or any(
                p.headers for p in settings.host_policies.values()
            )
        if not self._any_headers:
            return {}
        return settings.headers_for(urlsplit(url).hostname or "")

    async def _send_once(self, method: str, url: str) -> Attempt:
        try:
            return await self.send(method, url)
        except CacheBackendError:
            raise  # the cache's failure, not the URL's: it stops the run (see cache/response.py)
        except Exception as exc:  # every failure becomes a named outcome; the audit goes on
            kind = error_kind(exc)
            if kind is ErrorKind.INTERNAL:
                logger.exception("unexpected error fetching %s", url)
            return Attempt(url=url, error=kind, detail=describe(exc))

    async def hop(self, method: str, url: str) -> Attempt:
        """One hop over the network, with retries; not asked at all when the host is down.

        A refused connection, an unknown name or a failed TLS handshake is the host's, not the
        URL's: once ``HOST_DOWN_AFTER`` URLs in a row on one host and port have ended that way,
        each after all its retries, its other URLs get the same error without a request. While
        the host's last URL failed so and others are still being asked, a new one waits for
        them. Before, 40 URLs on a server that refused connections took 88 s at the default
        settings, every URL waiting out its own retries; now 9 s.
        """
        where = check_url(url)  # walk_steps checked it before asking for this hop
        down = self._down.get(where)
        # Bounded: each round ends when one of the URLs being asked ends, after its retries.
        while down is not None and down[0] < HOST_DOWN_AFTER and self._asking.get(where):
            ended = self._ended.get(where)
            if ended is None:
                ended = self._ended[where] = asyncio.get_running_loop().create_future()
            await asyncio.shield(ended)  # shared by the waiters: one cancelled spares the rest
            down = self._down.get(where)
        if down is not None and down[0] >= HOST_DOWN_AFTER:
            count, last = down
            host, port = where
            return Attempt(
                url=url,
                error=last.error,
                detail=f"not tried: the last {count} URLs on {host}:{port} failed ({last.detail})",
            )
        self._asking[where] = self._asking.get(where, 0) + 1
        try:
            attempt = await with_retries(lambda: self._send_once(method, url), self.settings)
            if attempt.status is None and attempt.error in HOST_FAILURES:
                now = self._down.get(where)  # read again: URLs asked alongside may have counted
                self._down[where] = (1 if now is None else now[0] + 1, attempt)
            elif attempt.status is not None:
                self._down.pop(where, None)  # it answered: the count starts again
        finally:
            self._asking[where] -= 1
            ended = self._ended.pop(where, None)
            if ended is not None:
                ended.set_result(None)  # the waiters look at the count again
        return attempt
