"""Failures inside the transports, and the one place that names any exception as an ErrorKind;
also the errors of a cache or cassette that cannot be opened, which the CLI catches without
loading the cache's libraries.

Transports raise; the fetch loop catches and turns what it caught into a named outcome with
``error_kind``. Keeping the mapping in one pure function keeps the names consistent.
"""

from __future__ import annotations

import socket
import ssl

from citecheck.evidence.fetch import ErrorKind


class CacheBackendError(RuntimeError):
    """The chosen cache cannot be opened: its driver is not installed, or its path is a folder,
    a file that is not an SQLite database, or another program's SQLite database."""


class CacheUnavailable(CacheBackendError):
    """The cache does not answer: its server is down or unreachable, or its file cannot be read
    or written. A failure of the cache, never of a cited host: the fetch loop lets it through
    instead of naming it an ``ErrorKind`` (``error_kind`` would see the refused connection under
    it and blame the host the URL was on)."""


class CassetteFormatError(Exception):
    """An unknown cassette format, one whose library is not installed, or a cassette file that
    is no recorded response. Not a ValueError: requests-cache reads those as a cache miss, and a
    damaged cassette must stop the replay, not turn its citations into ``not-recorded``."""


class FetchFailure(Exception):
    """A failure the HTTP layer itself decided on (blocked address, not recorded, timeout...)."""

    def __init__(self, kind: ErrorKind, detail: str = "") -> None:
        super().__init__(detail or kind.value)
        self.kind = kind
        self.detail = detail or kind.value


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it, outermost first (bounded: cause chains can cycle)."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found and len(found) < 10:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def error_kind(exc: BaseException) -> ErrorKind:
    """Name an exception raised while fetching. httpx keeps the OS error as the cause."""
    if isinstance(exc, FetchFailure):
        return exc.kind
    import httpx  # imported here: FetchFailure is needed where httpx is not

    chain = _causes(exc)
    for cause in chain:
        if isinstance(cause, socket.gaierror):
            return ErrorKind.DNS
        if isinstance(cause, ssl.SSLError | ssl.CertificateError):
            return ErrorKind.TLS
        if isinstance(cause, ConnectionRefusedError):
            return ErrorKind.CONNECTION_REFUSED
        if isinstance(cause, ConnectionResetError | BrokenPipeError):
            return ErrorKind.CONNECTION_RESET
    if any(isinstance(cause, httpx.TimeoutException | TimeoutError) for cause in chain):
        return ErrorKind.TIMEOUT
    if isinstance(exc, httpx.UnsupportedProtocol):
        return ErrorKind.UNSUPPORTED_SCHEME
    if isinstance(exc, httpx.InvalidURL | UnicodeError):
        return ErrorKind.INVALID_URL
    if isinstance(exc, httpx.DecodingError):
        return ErrorKind.CONTENT_DECODING
    if isinstance(exc, httpx.RemoteProtocolError | httpx.LocalProtocolError):
        return ErrorKind.PROTOCOL
    if isinstance(exc, httpx.TransportError | OSError):
        return ErrorKind.CONNECTION
    return ErrorKind.INTERNAL
