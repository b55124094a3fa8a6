"""The aiohttp wire, and an aiohttp-backed httpx transport: the socket layer for high concurrency.

``LeanClient`` is the default ``Wire`` (see wire.py): plain requests straight through aiohttp,
whose connection pool does not slow down with requests in flight the way httpcore's does, with
no httpx objects per request. ``AiohttpTransport`` is the same socket layer as an httpx transport
(what ``socket_transport`` gives an httpx client); it keeps no cookie jar and does not decompress,
as the httpx client above it does both (so the size cap still bounds a decompression bomb).
Both deliberately lean: no redirects (the
fetch loop follows them hop by hop), no timeouts of their own (``NetworkGate`` puts one deadline
around each request).

aiohttp's exceptions are turned into httpx's, with the original kept as ``__cause__`` so
``error_kind`` still finds the OS error underneath (refused, reset, DNS, TLS).

A kept-alive connection the server has given up on (closed, reset, or holding bytes left over
from its last answer) is not the URL's failure: ``open_response`` resends the request at once on
a new connection, as RFC 9112 section 9.3.1 allows for idempotent methods. aiohttp's own resend
(turned off) would also resend after a failure on a new connection, which is a real answer.

This module imports aiohttp: import it only when a network request is about to be made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ssl
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import aiohttp
import httpx
from aiohttp.http_exceptions import ContentEncodingError, DecompressSizeError

from citecheck.evidence.fetch import ErrorKind
from citecheck.http.retry import Attempt
from citecheck.http.safety import split_simple

_CHUNK = 64 * 1024
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})


@dataclass(slots=True)
class _PoolUse:
    """One request's dealings with the pool, shared with ``_Connector`` through ``_POOL_USE``."""

    fresh: bool = False  # asked by a resend: do not take a pooled connection
    reused: bool = False  # set by the connector: the connection came from the pool


# A context variable because the connector is called deep inside ``session.request``, in the
# caller's task, with no argument of ours passed down.
_POOL_USE: ContextVar[_PoolUse | None] = ContextVar("citecheck_pool_use", default=None)


class _Connector(aiohttp.TCPConnector):
    """A TCPConnector that tells whether a request's connection came from its pool, and can be
    told to open a new one. aiohttp has no public hook for either; ``_get`` hands out pooled
    connections (pinned by tests/http/test_http_faults.py's kept-alive tests)."""

    async def _get(self, *args: Any, **kwargs: Any) -> Any:
        use = _POOL_USE.get()
        if use is not None and use.fresh:
            return None
        connection = await super()._get(*args, **kwargs)
        if use is not None and connection is not None:
            use.reused = True
        return connection


def _pooled_connection_failed(exc: aiohttp.ClientError) -> bool:
    """Whether ``exc``, raised before any answer on a pooled connection, says the connection is
    dead or poisoned: the server closed or reset it, or left bytes of its last answer in it."""
    return isinstance(
        exc,
        aiohttp.ServerDisconnectedError | aiohttp.ClientOSError | aiohttp.ClientResponseError,
    ) and not isinstance(exc, aiohttp.ClientConnectorError)


async def open_response(
    session: aiohttp.ClientSession, method: str, url: str, **kwargs: Any
) -> aiohttp.ClientResponse:
    """``session.request``, resent once at once on a new connection when a pooled one turns out
    dead before answering: a server closing idle connections costs no attempt and no backoff."""
    use = _PoolUse()
    token = _POOL_USE.set(use)
    try:
        try:
            return await session.request(method, url, **kwargs)
        except aiohttp.ClientError as exc:
            if not (use.reused and method in IDEMPOTENT and _pooled_connection_failed(exc)):
                raise
        use.fresh = True
        return await session.request(method, url, **kwargs)
    finally:
        _POOL_USE.reset(token)


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
        # Its status (400) is aiohttp's, not the server's: keep it out of the evidence.
        return httpx.RemoteProtocolError(f"malformed response: {' '.join(exc.message.split())}")
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
        connector = _Connector(
            limit=max(1, self.max_connections),
            limit_per_host=0,  # per-host politeness is the HostScheduler's job
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
        # aiohttp silently resends an idempotent request once after a reset or disconnect, on
        # a new connection too; retries are citecheck's decision (bounded, with backoff), and
        # only a pooled connection's failure is resent at once (``open_response``). No public
        # option exists; tests/http pins it (a reset URL is asked exactly once per try).
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
            response = await open_response(
                self._session,
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


# --- the Fetcher's lean path: no httpx objects per request ----------------------------------------

# Characters a plain URL's path and query may hold for httpx to leave it exactly as written.
_PLAIN = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&+,;:!$*()@"
)


def wire_url(url: str) -> str:
    """The URL as httpx's client would send it (``str(httpx.URL(url))``), computed without
    httpx for the plain form most citations have (pinned against httpx by a test)."""
    simple = split_simple(url)
    if simple is not None:
        scheme, netloc, path, query, fragment = simple
        host, _, port = netloc.partition(":")
        if (
            host
            and netloc == netloc.lower()
            and (not _ or _explicit_port(scheme, port))
            and path.startswith("/")
            and not fragment
            and "#" not in url
            and "/./" not in path
            and "/../" not in path
            and not path.endswith(("/.", "/.."))
            and _PLAIN.issuperset(path)
            and _PLAIN.issuperset(query)
        ):
            return url
    return str(httpx.URL(url))


def _explicit_port(scheme: str, port: str) -> bool:
    """A port httpx keeps as written: digits, no leading zero, in range, not the default."""
    return (
        port.isdigit()
        and not port.startswith("0")
        and int(port) <= 65535
        and port != ("443" if scheme == "https" else "80")
    )


def _decoded_headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """Lower-case names, repeated headers joined with ", ", decoded the way httpx decodes them
    (ASCII, else UTF-8, else Latin-1, for the whole set): what ``httpx.Headers.items()`` gives."""
    pairs = list(raw)
    for encoding in ("ascii", "utf-8", "iso-8859-1"):
        try:
            decoded = [(k.decode(encoding).lower(), v.decode(encoding)) for k, v in pairs]
            break
        except UnicodeDecodeError:
            continue
    headers: dict[str, str] = {}
    for name, value in decoded:
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _is_decoding_error(exc: BaseException) -> bool:
    current: BaseException | None = exc
    for _ in range(10):  # bounded: cause chains can cycle
        if current is None:
            return False
        if isinstance(current, ContentEncodingError | DecompressSizeError):
            return True
        if "decode" in str(current).lower() and isinstance(current, aiohttp.ClientPayloadError):
            return True
        current = current.__cause__ or current.__context__
    return False


class LeanClient:
    """Plain GET and HEAD straight through one aiohttp session: the default ``Wire``.

    What the httpx client over ``AiohttpTransport`` did, without building an httpx request and
    two httpx responses per hop: the same headers (User-Agent, ``Accept: */*``, the encodings
    it can decode), the URL as httpx would send it, cookies kept for the session (aiohttp's jar,
    IP hosts included, like httpx's), bodies decoded (gzip, deflate, and br/zstd when their
    packages are installed) and capped after decoding, errors named as the httpx path names
    them. No redirects (the fetch loop follows them), no retries and no timeout of its own
    (``NetworkGate.exchange`` puts one deadline around each request).
    """

    def __init__(
        self, *, max_connections: int, user_agent: str, proxy: str | None, max_bytes: int
    ) -> None:
        self.max_connections = max_connections
        self.proxy = proxy
        self.max_bytes = max_bytes
        self.headers = {"User-Agent": user_agent, "Accept": "*/*"}
        self._session: aiohttp.ClientSession | None = None

    def _new_session(self) -> aiohttp.ClientSession:
        connector = _Connector(
            limit=max(1, self.max_connections), limit_per_host=0, ttl_dns_cache=300
        )
        session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            # No skip_auto_headers: our User-Agent is in every request's headers, so aiohttp adds
            # none of its own, and naming one to skip costs each request a header-table copy.
            timeout=aiohttp.ClientTimeout(total=None),
        )
        session._retry_connection = False  # as in AiohttpTransport: retries are citecheck's
        return session

    async def send(
        self, method: str, url: str, headers: Mapping[str, str] | None = None
    ) -> Attempt:
        """One request, its body read (decoded, capped at ``max_bytes``): a ``Wire``."""
        max_bytes = self.max_bytes
        wire = wire_url(url)
        if self._session is None:
            self._session = self._new_session()
        error: ErrorKind | None = None
        detail = ""
        body = bytearray()
        with _httpx_errors():
            response = await open_response(
                self._session,
                method,
                wire,
                headers={**self.headers, **headers} if headers else self.headers,
                allow_redirects=False,
                proxy=self.proxy,
            )
            async with response:
                fetched_at = dt.datetime.now(dt.UTC)
                try:
                    async for chunk in response.content.iter_chunked(_CHUNK):
                        body += chunk
                        if len(body) > max_bytes:
                            del body[max_bytes:]
                            error = ErrorKind.TOO_LARGE
                            detail = f"body over {max_bytes} bytes; read stopped"
                            response.close()  # unread bytes: drop the connection
                            break
                except aiohttp.ClientPayloadError as exc:
                    if not _is_decoding_error(exc):
                        raise
                    body.clear()
                    error, detail = ErrorKind.CONTENT_DECODING, f"cannot decode body: {exc}"
                return Attempt(
                    url=url,
                    status=response.status,
                    headers=_decoded_headers(response.raw_headers),
                    body=bytes(body),
                    error=error,
                    detail=detail,
                    fetched_at=fetched_at,
                )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
