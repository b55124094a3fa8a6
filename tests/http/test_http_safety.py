"""A citation is untrusted input: no private addresses, no other schemes, unless allowed."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable

import pytest

from citecheck.http import ErrorKind, Fetcher, FetchResult, HttpSettings
from citecheck.http.safety import is_public_address
from tests.http.http_fault_server import FaultServer

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


PUBLIC = [
    "93.184.216.34",
    "2606:2800:220:1::1",
    "::ffff:93.184.216.34",  # IPv4-mapped public
    "2002:5db8:d822::1",  # 6to4 of 93.184.216.34
    "64:ff9b::5db8:d822",  # NAT64 of 93.184.216.34: what a DNS64 resolver answers
]
NOT_PUBLIC = [
    "127.0.0.1",
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # shared address space (carrier NAT)
    "100.127.255.254",
    "0.0.0.0",
    "240.0.0.1",
    "255.255.255.255",
    "224.0.0.1",
    "192.0.2.1",  # documentation
    "198.18.0.1",  # benchmarking
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",  # site-local
    "feff::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:100.64.0.1",
    "::127.0.0.1",  # IPv4-compatible (deprecated)
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:6440:1::",  # 6to4 of 100.64.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b:1::a00:1",  # NAT64 for local use
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "2001:db8::1",  # documentation
    "3fff::1",  # documentation (RFC 9637)
]


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_and_the_ipv6_forms_of_public_ipv4_ones_are_public(address: str):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_every_non_public_range_and_its_ipv6_wrappings_are_not_public(address: str):
    assert not is_public_address(ipaddress.ip_address(address))


def url_of(address: str) -> str:
    return f"http://[{address}]/" if ":" in address else f"http://{address}/"


# Spellings the resolver reads as 100.64.0.1 without asking DNS.
SHARED_SPELLINGS = ["http://100.64.1/", "http://1681915905/", "http://0x64.0x40.0.1/"]


@pytest.mark.parametrize("url", [url_of(a) for a in NOT_PUBLIC] + SHARED_SPELLINGS)
def test_a_non_public_target_is_refused_on_the_first_hop_and_after_a_redirect(
    settings: Settings, url: str
):
    import httpx

    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": url})

    async def run(start: str) -> FetchResult:
        network = httpx.MockTransport(answer)
        async with Fetcher(settings(allow_private=False), network=network) as fetcher:
            return await fetcher.fetch(start)

    assert asyncio.run(run(url)).error is ErrorKind.BLOCKED_PRIVATE_ADDRESS
    assert asked == []
    redirected = asyncio.run(run("http://93.184.216.34/"))
    assert redirected.error is ErrorKind.BLOCKED_PRIVATE_ADDRESS
    assert asked == ["http://93.184.216.34/"]
    assert [hop.status for hop in redirected.chain] == [302]
