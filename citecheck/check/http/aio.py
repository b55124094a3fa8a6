"""A lean aiohttp-backed httpx transport: the socket layer for high concurrency.

httpx stays the one client API (cookies, URL building, the transports above); only the bytes on
the wire go through aiohttp, whose connection pool does not slow down with requests in flight the
way httpcore's does. Deliberately lean: no cookie jar (httpx's client keeps cookies), no
decompression (httpx decodes, so the size cap still bounds a decompression bomb), no redirects
(the fetch loop follows them hop by hop), no timeouts of its own (``NetworkTransport`` puts one
deadline around each request).

aiohttp's exceptions are turned into httpx's, with the original kept as ``__cause__`` so
``error_kind`` still finds the OS error underneath (refused, reset, DNS, TLS).

This module imports aiohttp: import it only when a network request is about to be made.
"""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import AsyncIterator, Iterator

import aiohttp
import httpx

_CHUNK = 64 * 1024


def _mapped(exc: aiohttp.ClientError) -> httpx.TransportError:
    """The httpx exception that names what ``exc`` means (most specific first)."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ClientProxyConnectionError | aiohttp.ClientHttpProxyError):
        return httpx.ProxyError(message)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(exc, aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol(message)
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpx.RemoteProtocolError(message)
    if isinstance(exc, aiohttp.ClientResponseError):  # a malformed status line or headers
        return httpx.RemoteProtocolError(message)
    if isinstance(exc, aiohttp.ClientOSError):
        return httpx.ReadError(message)
    return httpx.TransportError(message)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except aiohttp.ClientError as exc:
        raise _mapped(exc) from exc


class _Body(httpx.AsyncByteStream):
    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for chunk in self._response.content.iter_chunked(_CHUNK):
                yield chunk

    async def aclose(self) -> None:
        # Unread bytes (a capped read) make aiohttp drop the connection rather than reuse it.
        self._response.release()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An httpx transport that sends through one aiohttp session (made on first use)."""

    def __init__(
        self,
        *,
        max_connections: int = 100,
        proxy: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.max_connections = max_connections
        self.proxy = proxy
        self.ssl_context = ssl_context
        self._session: aiohttp.ClientSession | None = None

    def _new_session(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=max(1, self.max_connections),
            limit_per_host=0,  # per-host politeness is HostLimiter's job
            ssl=self.ssl_context if self.ssl_context is not None else True,
            ttl_dns_cache=300,
        )
        session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            timeout=aiohttp.ClientTimeout(total=None),
            skip_auto_headers=("Accept-Encoding", "User-Agent"),
        )
        # aiohttp silently resends an idempotent request once after a reset or disconnect;
        # retries are citecheck's decision (bounded, with backoff), so turn that off. No public
        # option exists; tests/check/http pins it (a reset URL is asked exactly once per try).
        session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # A redirect hop may carry an unread body stream; reading it first keeps aiohttp from
        # sending an empty chunked body (the bug ``httpx-aiohttp`` 0.2 has).
        body = await request.aread()
        if self._session is None:
            self._session = self._new_session()
        headers = [
            (name, value)
            for name, value in request.headers.multi_items()
            if name.lower() not in ("transfer-encoding", "content-length") or body
        ]
        with _httpx_errors():
            response = await self._session.request(
                request.method,
                str(request.url),
                headers=headers,
                data=body or None,
                allow_redirects=False,
                proxy=self.proxy,
            )
        return httpx.Response(
            response.status,
            headers=list(response.raw_headers),
            stream=_Body(response),
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
