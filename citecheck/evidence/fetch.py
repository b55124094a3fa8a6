"""What one fetch ended as: a closed type carrying its own evidence.

A fetch never raises. It ends as a ``FetchResult`` with the final status (when any response
arrived), the chain of responses that led there, and, when it did not end normally, an
``ErrorKind`` naming why. The HTTP layer builds these; the link verdicts keep them, and rules
and reports read them: they never see an exception.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class ErrorKind(StrEnum):
    """Why a fetch did not end with a normal, complete response."""

    TIMEOUT = "timeout"
    CONNECTION_REFUSED = "connection-refused"
    CONNECTION_RESET = "connection-reset"
    CONNECTION = "connection-error"
    DNS = "dns"
    TLS = "tls"
    PROTOCOL = "protocol-error"
    REDIRECT_LOOP = "redirect-loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    TOO_LARGE = "too-large"
    CONTENT_DECODING = "content-decoding"
    BLOCKED_PRIVATE_ADDRESS = "blocked-private-address"
    UNSUPPORTED_SCHEME = "unsupported-scheme"
    INVALID_URL = "invalid-url"
    NOT_RECORDED = "not-recorded"
    RATE_LIMITED = "rate-limited"
    INTERNAL = "internal-error"


def _frozen(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
# Where a <title> is looked for: a page's head, generously.
TITLE_WITHIN = 200_000


def raw_title(body: bytes) -> bytes | None:
    """The bytes between a body's first ``<title>`` and ``</title>``, not yet decoded."""
    match = _TITLE.search(body, 0, TITLE_WITHIN)  # no copy of the body's head
    return None if match is None else match.group(1)


@dataclass(frozen=True)
class BodyFacts:
    """What a response's body says to the link verdicts, when the body itself was left in the
    cache: its size and its raw ``<title>``. A warm re-audit of thousands of links reads these
    instead of every stored page (see ``ResponseCache.lookup_many``)."""

    size: int
    title: bytes | None = None

    @classmethod
    def of(cls, body: bytes) -> BodyFacts:
        return cls(len(body), raw_title(body))


@dataclass(frozen=True)
class Hop:
    """One response on the way: the URL asked, the status answered, the headers kept."""

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "headers", _frozen(self.headers))


@dataclass(frozen=True)
class FetchResult:
    """The outcome of fetching one URL, redirects followed.

    ``chain`` lists every response received, the final one last, so ``chain[:-1]`` are the
    redirects. ``status`` is ``None`` when no response arrived at all. ``checked_at`` is when the
    final response was fetched from the network, also for an answer replayed from the cache, so
    a replay reports the same time as the recording.
    """

    url: str
    method: str
    status: int | None
    final_url: str
    chain: tuple[Hop, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)
    body: bytes = field(default=b"", repr=False)  # pages are large; a repr names the rest
    encoding: str | None = None
    from_cache: bool = False
    checked_at: dt.datetime | None = None
    error: ErrorKind | None = None
    detail: str = ""
    # Set when the body was left in the cache (``body`` is then empty): what it says without it.
    # ``Fetcher.body_of`` reads the body itself.
    facts: BodyFacts | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "headers", _frozen(self.headers))

    @property
    def size(self) -> int:
        """The body's length in bytes, read or not."""
        return self.facts.size if self.facts is not None else len(self.body)

    @property
    def title_bytes(self) -> bytes | None:
        """The body's raw ``<title>``, read or not (see ``raw_title``)."""
        return self.facts.title if self.facts is not None else raw_title(self.body)

    @property
    def ok(self) -> bool:
        """A complete 2xx response."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def redirected(self) -> bool:
        return len(self.chain) > 1

    def text(self) -> str:
        """The body as text: the declared charset if it decodes, else UTF-8, else Latin-1.
        Empty when the body was left in the cache (``facts``)."""
        for encoding in (self.encoding, "utf-8"):
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    continue
        return self.body.decode("latin-1")

    def to_dict(self) -> dict[str, Any]:
        """A small, stable, JSON-ready shape for evidence in reports (no body)."""
        return {
            "url": self.url,
            "method": self.method,
            "status": self.status,
            "final_url": self.final_url,
            "chain": [[hop.url, hop.status] for hop in self.chain],
            "error": self.error.value if self.error else None,
            "detail": self.detail,
            "from_cache": self.from_cache,
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
        }

    @classmethod
    def failure(
        cls,
        url: str,
        method: str,
        error: ErrorKind,
        detail: str = "",
        *,
        chain: tuple[Hop, ...] = (),
        checked_at: dt.datetime | None = None,
        from_cache: bool = False,
    ) -> FetchResult:
        """A result for a fetch that got no usable response; ``chain`` keeps any hops before."""
        return cls(
            url=url,
            method=method,
            status=None,
            final_url=chain[-1].url if chain else url,
            chain=chain,
            from_cache=from_cache,
            checked_at=checked_at,
            error=error,
            detail=detail,
        )
