"""A kept-alive connection the server has given up on is the pool's problem, not the URL's.

The fault server's ``/keepalive/<mode>/...`` routes answer and keep the connection open, then
close it, reset it or spoil it when the next request comes. Such a request is resent at once on
a new connection: with ``max_attempts=1`` a URL has no retry to spend, so any failure that
leaked out of the pool would show as an error here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx
import pytest

from citecheck.http import ErrorKind, Fetcher, FetchResult, HttpSettings
from citecheck.http.aio import AiohttpTransport
from tests.http.http_fault_server import FaultServer

Settings = Callable[..., HttpSettings]


def fetch_all(settings: HttpSettings, urls: list[str]) -> dict[str, FetchResult]:
    async def run() -> dict[str, FetchResult]:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_many(urls)

    return asyncio.run(run())


@pytest.mark.parametrize(
    "mode",
    [
        "drop",  # reads the next request, closes without an answer (FIN)
        "reset",  # answers the next request's first bytes with an RST
        "late",  # sends the rest of an overlong body once the next request has come
    ],
)
def test_a_dead_pooled_connection_costs_no_attempt(
    server: FaultServer, settings: Settings, mode: str
):
    urls = [server.url(f"/keepalive/{mode}/{i}") for i in range(40)]

    results = fetch_all(settings(max_attempts=1, per_host=4), urls)

    assert {(r.status, r.error) for r in results.values()} == {(200, None)}
    assert all(server.seen(f"/keepalive/{mode}/{i}") == 1 for i in range(40))
    # Each connection answered once: every later request on it went out again on a new one.
    assert server.connections == 40
    if mode != "reset":
        assert server.dropped > 0


def test_forty_urls_on_a_server_closing_idle_connections_are_all_alive_at_once(
    server: FaultServer, settings: Settings
):
    # The server closes each connection right after its answer; whether the client notices
    # before reusing it is a race. Before, each URL lost that race, failed, and backed off
    # ~1 s (14.7 s for 40 URLs); the default backoff here would show it.
    urls = [server.url(f"/keepalive/close/{i}") for i in range(40)]
    started = time.monotonic()

    results = fetch_all(settings(max_attempts=2, retry_initial=1.0, retry_max_wait=2.0), urls)

    assert {(r.status, r.error) for r in results.values()} == {(200, None)}
    assert all(server.seen(f"/keepalive/close/{i}") == 1 for i in range(40))
    assert time.monotonic() - started < 5


def test_a_body_longer_than_its_content_length_is_named_and_spoils_no_later_request(
    server: FaultServer, settings: Settings
):
    # The surplus arrives with the body: aiohttp cannot read the answer, so it is named (and the
    # connection dropped); the next requests, one at a time, are answered as usual.
    paths = ["/keepalive/serve/0", "/keepalive/overlong/1", "/keepalive/serve/2", "/ok"]

    results = fetch_all(settings(max_attempts=1, per_host=1), [server.url(p) for p in paths])

    overlong = results[server.url(paths[1])]
    assert overlong.error is ErrorKind.PROTOCOL and overlong.status is None
    assert overlong.detail.startswith("malformed response: ")
    assert "400" not in overlong.detail.split(":")[0]  # aiohttp's code, not the server's
    assert [results[server.url(p)].status for p in paths if "overlong" not in p] == [200] * 3


def test_the_httpx_transport_over_aiohttp_resends_on_a_dead_pooled_connection(
    server: FaultServer,
):
    async def run() -> list[int]:
        async with httpx.AsyncClient(transport=AiohttpTransport()) as client:
            return [
                (await client.get(server.url(f"/keepalive/drop/{i}"))).status_code for i in range(5)
            ]

    assert asyncio.run(run()) == [200] * 5
    assert server.dropped == 4 and server.connections == 5


def test_a_post_on_a_dead_pooled_connection_is_not_resent(server: FaultServer):
    # Only idempotent requests may be sent twice (RFC 9112, 9.3.1).
    async def run() -> httpx.Response:
        async with httpx.AsyncClient(transport=AiohttpTransport()) as client:
            await client.post(server.url("/keepalive/drop/0"), content=b"first")
            return await client.post(server.url("/keepalive/drop/1"), content=b"second")

    with pytest.raises(httpx.RemoteProtocolError):
        asyncio.run(run())
    assert server.dropped == 1 and server.connections == 1
