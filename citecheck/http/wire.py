"""Wires: what carries one request to the network and reads its answer.

Every wire has one small interface (``Wire``: send one request, get an ``Attempt`` with the body
read, decoded and capped at ``max_bytes``; close), so the fetcher has one send path whichever is
in use:

- ``aio.LeanClient``: plain requests straight through aiohttp (the default: its connection pool
  does not slow down with requests in flight the way httpcore's does);
- ``transport.HttpxWire``: an httpx client over any httpx transport: httpcore's own pool
  (``network_transport="httpx"``, or "auto" without aiohttp), or one a test passes in
  (``httpx.MockTransport``).

No wire follows redirects, retries or keeps time: the fetch loop, ``retry.py`` and the gate
(``gate.py``) do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from citecheck.http.retry import Attempt
from citecheck.http.settings import HttpSettings

if TYPE_CHECKING:
    import httpx


class Wire(Protocol):
    async def send(
        self, method: str, url: str, headers: Mapping[str, str] | None = None
    ) -> Attempt:
        """One request to ``url`` (``headers``: extra ones, replacing the wire's own of the same
        name); its answer (or a raised transport error)."""
        ...

    async def aclose(self) -> None: ...


def open_wire(settings: HttpSettings, network: httpx.AsyncBaseTransport | None = None) -> Wire:
    """The wire the settings ask for (``network``: an httpx transport to send through instead).
    Imports aiohttp or httpx here, when the first network request is about to be made."""
    if network is None and settings.network_transport != "httpx":
        try:
            from citecheck.http.aio import LeanClient
        except ImportError:
            if settings.network_transport == "aiohttp":
                raise
        else:
            return LeanClient(
                max_connections=settings.concurrency,
                user_agent=settings.user_agent,
                proxy=settings.proxy,
                max_bytes=settings.max_bytes,
            )
    from citecheck.http.transport import HttpxWire, socket_transport

    return HttpxWire(settings, network or socket_transport(settings))
