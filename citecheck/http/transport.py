"""The httpx wire: an httpx client over any httpx transport, read into an ``Attempt``.

``HttpxWire`` serves ``network_transport="httpx"`` (httpcore's own pool), "auto" without aiohttp,
and tests that pass their own transport (``httpx.MockTransport``). The client keeps httpx's
cookies and URL building; ``_ReadingTransport`` under it reads the whole body (decoded, capped)
and hands the outcome up in the response's ``extensions``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

import httpx

from citecheck.evidence.fetch import ErrorKind
from citecheck.http.cache import storable_headers
from citecheck.http.retry import Attempt
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
    """The httpx transport that opens sockets, as ``settings.network_transport`` asks."""
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


class _ReadingTransport(httpx.AsyncBaseTransport):
    """Reads ``inner``'s answer whole (decoded, capped at ``max_bytes``) into an Attempt."""

    def __init__(self, inner: httpx.AsyncBaseTransport, max_bytes: int) -> None:
        self.inner = inner
        self.max_bytes = max_bytes

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # A redirect hop may carry a body stream; read it before anything else touches the
        # request (httpx-aiohttp otherwise sends an empty chunked body on every hop).
        await request.aread()
        response = await self.inner.handle_async_request(request)
        fetched_at = dt.datetime.now(dt.UTC)
        limit = self.max_bytes
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
        attempt = Attempt(
            url=str(request.url),
            status=response.status_code,
            headers={k.lower(): v for k, v in response.headers.items()},
            body=bytes(body),
            error=error,
            detail=detail,
            fetched_at=fetched_at,
        )
        return to_response(attempt, request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class HttpxWire:
    """A ``Wire`` through an httpx client over ``transport`` (closed with it)."""

    def __init__(self, settings: HttpSettings, transport: httpx.AsyncBaseTransport) -> None:
        self._client = httpx.AsyncClient(
            transport=_ReadingTransport(transport, settings.max_bytes),
            follow_redirects=False,
            timeout=settings.timeout,
            headers={"User-Agent": settings.user_agent},
            # Environment proxies would be mounted around our transport and bypass the safety
            # checks; a proxy is set on the socket transport instead.
            trust_env=False,
        )

    async def send(
        self, method: str, url: str, headers: Mapping[str, str] | None = None
    ) -> Attempt:
        client = self._client
        attempt = attempt_of(await client.send(client.build_request(method, url, headers=headers)))
        # Named by the URL as the fetch loop asked for it (and the cache keys it), not as httpx
        # rewrote it: the aiohttp wire does the same.
        return attempt if attempt.url == url else dataclasses.replace(attempt, url=url)

    async def aclose(self) -> None:
        await self._client.aclose()
