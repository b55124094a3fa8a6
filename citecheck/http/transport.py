"""The two httpx transports under the one client.

``CachingTransport`` answers from the cache or asks the transport below and stores the answer.
``NetworkTransport`` is the only place a socket is opened: it refuses unsafe targets, waits for a
polite slot, and reads the whole body (decoded, capped) within one deadline, so a slow or endless
body cannot hold a slot forever. Both hand the outcome up as an ``Attempt`` in the response's
``extensions``; the bodies they return are already decoded, without Content-Encoding.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Awaitable, Callable

import httpx

from citecheck.http.cache import ResponseCache, storable_headers
from citecheck.http.errors import FetchFailure
from citecheck.http.limits import HostLimiter
from citecheck.http.outcome import ErrorKind
from citecheck.http.retry import Attempt, retry_after_seconds
from citecheck.http.safety import check_url, ensure_public, is_public_address, literal_address
from citecheck.http.settings import HttpSettings

ATTEMPT = "citecheck.attempt"


def attempt_of(response: httpx.Response) -> Attempt:
    """The Attempt a citecheck transport attached to ``response``."""
    attempt = response.extensions.get(ATTEMPT)
    if not isinstance(attempt, Attempt):
        raise TypeError("response did not come through citecheck's transports")
    return attempt


def to_response(attempt: Attempt, request: httpx.Request) -> httpx.Response:
    assert attempt.status is not None
    return httpx.Response(
        attempt.status,
        # As bytes: httpx would encode str values as ASCII and fail on a non-ASCII Location.
        headers=[(k.encode(), v.encode()) for k, v in storable_headers(attempt.headers).items()],
        content=attempt.body,
        request=request,
        extensions={ATTEMPT: attempt},
    )


def socket_transport(settings: HttpSettings) -> httpx.AsyncBaseTransport:
    """The transport that opens sockets, as ``settings.network_transport`` asks."""
    choice = settings.network_transport
    if choice not in ("auto", "aiohttp", "httpx"):
        raise ValueError(f"unknown network transport {choice!r}: auto, aiohttp or httpx")
    if choice != "httpx":
        try:
            from citecheck.http.aio import AiohttpTransport
        except ImportError:
            if choice == "aiohttp":
                raise
        else:
            return AiohttpTransport(max_connections=settings.concurrency, proxy=settings.proxy)
    return httpx.AsyncHTTPTransport(
        retries=0,
        proxy=settings.proxy,
        limits=httpx.Limits(
            max_connections=settings.concurrency,
            max_keepalive_connections=settings.concurrency,
        ),
    )


class CachingTransport(httpx.AsyncBaseTransport):
    """Cache in front of ``inner``. Offline (or with no ``inner``) a miss is ``not-recorded``."""

    def __init__(
        self, cache: ResponseCache, inner: httpx.AsyncBaseTransport | None, *, offline: bool
    ) -> None:
        self.cache = cache
        self.inner = inner
        self.offline = offline

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # A redirect hop may carry a body stream; read it before anything else touches the
        # request (httpx-aiohttp otherwise sends an empty chunked body on every hop).
        await request.aread()
        method, url = request.method, str(request.url)
        key = self.cache.key(method, url)
        hit = self.cache.lookup(method, url, key=key, allow_stale=self.offline)
        if hit is not None:
            return to_response(hit, request)
        if self.offline or self.inner is None:
            raise FetchFailure(ErrorKind.NOT_RECORDED, f"{method} {url} is not in the cache")
        response = await self.inner.handle_async_request(request)
        self.cache.store(method, attempt_of(response), key=key)
        return response

    async def aclose(self) -> None:
        if self.inner is not None:
            await self.inner.aclose()


class NetworkTransport(httpx.AsyncBaseTransport):
    """Safety checks, politeness, one deadline, and a capped read, around ``inner``."""

    def __init__(
        self,
        settings: HttpSettings,
        inner: httpx.AsyncBaseTransport | None = None,
        limiter: HostLimiter | None = None,
    ) -> None:
        self.settings = settings
        self.inner = inner or socket_transport(settings)
        self.limiter = limiter or HostLimiter(settings.concurrency, settings.policy_for)
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

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        attempt = await self.exchange(url, lambda: self._send_and_read(request, url))
        return to_response(attempt, request)

    async def exchange(self, url: str, send: Callable[[], Awaitable[Attempt]]) -> Attempt:
        """``send()`` for ``url`` with the safety checks, a polite slot, one deadline and the
        pause after a 429: what every request to the network goes through (the httpx path
        above and the Fetcher's lean path alike)."""
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

    async def _send_and_read(self, request: httpx.Request, url: str) -> Attempt:
        response = await self.inner.handle_async_request(request)
        fetched_at = dt.datetime.now(dt.UTC)
        limit = self.settings.max_bytes
        body = bytearray()
        error: ErrorKind | None = None
        detail = ""
        try:
            # aiter_bytes undoes Content-Encoding, so the cap also bounds a decompression bomb.
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > limit:
                    del body[limit:]
                    error, detail = ErrorKind.TOO_LARGE, f"body over {limit} bytes; read stopped"
                    break
        except httpx.DecodingError as exc:
            body.clear()
            error, detail = ErrorKind.CONTENT_DECODING, f"cannot decode body: {exc}"
        finally:
            await response.aclose()
        return Attempt(
            url=url,
            status=response.status_code,
            headers={k.lower(): v for k, v in response.headers.items()},
            body=bytes(body),
            error=error,
            detail=detail,
            fetched_at=fetched_at,
        )

    async def aclose(self) -> None:
        await self.inner.aclose()
