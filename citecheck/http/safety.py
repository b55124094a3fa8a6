"""Which URLs the client may contact: a citation is untrusted input.

Only http and https. No host that is, or resolves to, a loopback, private, shared (carrier NAT),
link-local, site-local, reserved, multicast or unspecified address, nor an IPv6 address leading
to one of those (IPv4-mapped, 6to4, NAT64), unless the user allows it (tests and local archives
do).

Known limit: the address is checked at resolution time and the connection resolves again, so a
hostile DNS server could answer differently the second time (DNS rebinding). Closing that needs
connecting to the checked address itself; for a link checker the check here is the proportionate
defence.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
from urllib.parse import urlsplit

from citecheck.evidence.fetch import ErrorKind
from citecheck.http.errors import FetchFailure

ALLOWED_SCHEMES = frozenset({"http", "https"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.lru_cache(maxsize=1 << 16)  # asked for each URL when it is grouped, walked and sent
def check_url(url: str) -> tuple[str, int]:
    """The URL's host and port, or ``FetchFailure`` for a scheme or URL the client won't use."""
    simple = split_simple(url)
    if simple is not None:
        scheme, netloc = simple[0], simple[1]
        host, colon, port = netloc.rpartition(":") if ":" in netloc else (netloc, "", "")
        if host and (not colon or port == "" or (port.isdigit() and int(port) <= 65535)):
            return host.lower(), int(port) if port else (443 if scheme == "https" else 80)
    return _checked(url)


SimpleSplit = tuple[str, str, str, str, str]


@functools.lru_cache(maxsize=1 << 16)  # each URL is split on every walk and verdict
def split_simple(url: str) -> SimpleSplit | None:
    """``urlsplit(url)``'s five parts for the common plain form (printable ASCII, no spaces,
    ``http://`` or ``https://`` in lower case, a host without user info or brackets), else None
    (then ``urlsplit`` must be asked). Cheaper than ``urlsplit``, whose own memo is too small
    for an audit; pinned against it by tests/http/test_http_speed_paths.py."""
    if url.startswith("http://"):
        scheme, rest = "http", url[7:]
    elif url.startswith("https://"):
        scheme, rest = "https", url[8:]
    else:
        return None
    if not (url.isascii() and url.isprintable()) or " " in url or "\\" in url:
        return None
    fragment = query = ""
    if "#" in rest:
        rest, fragment = rest.split("#", 1)
    if "?" in rest:
        rest, query = rest.split("?", 1)
    slash = rest.find("/")
    netloc, path = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
    if "@" in netloc or "[" in netloc or "]" in netloc:
        return None
    return scheme, netloc, path, query, fragment


@functools.lru_cache(maxsize=1 << 16)  # each URL is checked on every walk; parsing is the cost
def _checked(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchFailure(ErrorKind.INVALID_URL, f"invalid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchFailure(ErrorKind.UNSUPPORTED_SCHEME, f"scheme {scheme!r} is not http(s)")
    host = parts.hostname
    if not host:
        raise FetchFailure(ErrorKind.INVALID_URL, "URL has no host")
    return host, port or (443 if scheme == "https" else 80)


# Non-public IPv6 ranges that Python 3.11's ``is_global`` counts as global.
_NOT_GLOBAL_V6 = (
    ipaddress.IPv6Network("64:ff9b:1::/48"),  # NAT64 for local use (RFC 8215)
    ipaddress.IPv6Network("3fff::/20"),  # documentation (RFC 9637)
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # the well-known NAT64 prefix (RFC 6052)


def carried_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one leads to: IPv4-mapped, 6to4 or NAT64; else None."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


def is_public_address(address: IPAddress) -> bool:
    """True for an address on the public internet.

    An IPv6 address that leads to an IPv4 one is as public as that one (a DNS64 resolver gives
    NAT64 addresses for every public IPv4-only host); a Teredo address hides its host behind a
    NAT. Those ranges are decided here rather than by ``is_global`` alone, whose answers differ
    between Python versions (3.13 counts all of 2002::/16 as not global, 3.11 none of it).
    """
    if isinstance(address, ipaddress.IPv6Address):
        carried = carried_ipv4(address)
        if carried is not None:
            return is_public_address(carried)
        if (
            address.teredo is not None
            or address.is_site_local  # fec0::/10, deprecated but still routed on some sites
            or any(address in network for network in _NOT_GLOBAL_V6)
        ):
            return False
    # is_global also leaves out what is_private does not: 100.64.0.0/10 (shared, carrier NAT).
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def literal_address(host: str) -> IPAddress | None:
    """The host as an IP address when it is written as one, else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def ensure_public(host: str, port: int) -> None:
    """Resolve ``host`` and raise ``FetchFailure`` unless every address it has is public."""
    address = literal_address(host)
    if address is not None:
        addresses = [address]
    else:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchFailure(ErrorKind.DNS, f"cannot resolve {host}: {exc}") from exc
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    blocked = [str(a) for a in addresses if not is_public_address(a)]
    if blocked:
        raise FetchFailure(
            ErrorKind.BLOCKED_PRIVATE_ADDRESS,
            f"{host} resolves to a non-public address ({', '.join(blocked)}); "
            "allow_private permits it",
        )
