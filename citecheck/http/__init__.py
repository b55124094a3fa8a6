"""citecheck's one HTTP client: cached, polite, bounded, replayable offline.

``Fetcher`` (async) and ``fetch_many_sync`` fetch URLs into ``FetchResult``s, never raising;
``classify``/``check_links`` turn an original URL's result into a ``LinkStatus``. Responses are
stored in a requests-cache backend (SQLite by default, a readable FileCache folder as cassettes,
Redis or MongoDB by URL) chosen by ``HttpSettings``.

The names load lazily: importing this package costs nothing until a name is used, and the
modules behind the names import requests-cache, httpx and aiohttp only when they need them (a
warm re-audit on the SQLite cache imports none of them).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Cheap and needed by every user; ``classify`` also names a submodule, so the function must be
# bound here (after the submodule's import) for ``citecheck.http.classify`` to be it.
# The result and verdict types are the evidence contract's; named here as the layer's output.
from citecheck.evidence import ErrorKind, FetchResult, Hop, LinkCheck, LinkStatus, LinkVerdict
from citecheck.http.classify import classify, is_site_root, needs_probe, probe_url
from citecheck.http.settings import HostPolicy, HttpSettings

if TYPE_CHECKING:
    from citecheck.http.cache import ResponseCache, open_backend
    from citecheck.http.cassette import cassette_serializer
    from citecheck.http.errors import CacheBackendError, CacheUnavailable, CassetteFormatError
    from citecheck.http.fetch import Fetcher, fetch_many, fetch_many_sync
    from citecheck.http.links import check_links
    from citecheck.http.retry import retry_after_seconds, should_retry

_WHERE = {
    "CacheBackendError": "errors",
    "CacheUnavailable": "errors",
    "ResponseCache": "cache",
    "open_backend": "cache",
    "CassetteFormatError": "errors",
    "cassette_serializer": "cassette",
    "Fetcher": "fetch",
    "fetch_many": "fetch",
    "fetch_many_sync": "fetch",
    "check_links": "links",
    "retry_after_seconds": "retry",
    "should_retry": "retry",
}

__all__ = [
    "CacheBackendError",
    "CacheUnavailable",
    "CassetteFormatError",
    "ErrorKind",
    "FetchResult",
    "Fetcher",
    "Hop",
    "HostPolicy",
    "HttpSettings",
    "LinkCheck",
    "LinkStatus",
    "LinkVerdict",
    "ResponseCache",
    "cassette_serializer",
    "check_links",
    "classify",
    "fetch_many",
    "fetch_many_sync",
    "is_site_root",
    "needs_probe",
    "open_backend",
    "probe_url",
    "retry_after_seconds",
    "should_retry",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
