"""A citation is untrusted input: no private addresses, no other schemes, unless allowed."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable

import pytest

from citecheck.check.http import ErrorKind, Fetcher, FetchResult, HttpSettings
from citecheck.check.http.safety import is_public_address
from tests.check.http.http_fault_server import FaultServer

Settings = Callable[..., HttpSettings]


def fetch(settings: HttpSettings, url: str) -> FetchResult:
    async def run() -> FetchResult:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


def test_loopback_is_refused_without_allow_private(server: FaultServer, settings: Settings):
    result = fetch(settings(allow_private=False), server.url("/ok"))
    assert result.error is ErrorKind.BLOCKED_PRIVATE_ADDRESS
    assert server.requests == []


def test_a_name_resolving_to_loopback_is_refused(server: FaultServer, settings: Settings):
    result = fetch(settings(allow_private=False), f"http://localhost:{server.port}/ok")
    assert result.error is ErrorKind.BLOCKED_PRIVATE_ADDRESS
    assert server.requests == []


def test_loopback_is_allowed_when_asked(server: FaultServer, settings: Settings):
    assert fetch(settings(allow_private=True), server.url("/ok")).ok


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/",
        "http://192.168.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://240.0.0.1/",
    ],
)
def test_private_and_reserved_literals_are_refused_without_a_connection(
    settings: Settings, url: str
):
    result = fetch(settings(allow_private=False, max_attempts=1), url)
    assert result.error is ErrorKind.BLOCKED_PRIVATE_ADDRESS


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "file:///etc/passwd", "mailto:a@b.org", "javascript:x"]
)
def test_other_schemes_are_refused(settings: Settings, url: str):
    assert fetch(settings(allow_private=False), url).error is ErrorKind.UNSUPPORTED_SCHEME


def test_a_redirect_to_another_scheme_is_refused_with_the_chain_kept(
    settings: Settings,
):
    import httpx

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "file:///etc/passwd"})

    async def run() -> FetchResult:
        async with Fetcher(settings(), network=httpx.MockTransport(answer)) as fetcher:
            return await fetcher.fetch("http://a.test/")

    result = asyncio.run(run())
    assert result.error is ErrorKind.UNSUPPORTED_SCHEME
    assert [(hop.url, hop.status) for hop in result.chain] == [("http://a.test/", 302)]


def test_urls_without_a_host_are_invalid(settings: Settings):
    assert fetch(settings(), "http:///path").error is ErrorKind.INVALID_URL


def test_public_addresses_are_public():
    assert is_public_address(ipaddress.ip_address("93.184.216.34"))
    assert is_public_address(ipaddress.ip_address("2606:2800:220:1::1"))
    assert not is_public_address(ipaddress.ip_address("127.0.0.1"))
    assert not is_public_address(ipaddress.ip_address("fe80::1"))
    assert not is_public_address(ipaddress.ip_address("fc00::1"))
