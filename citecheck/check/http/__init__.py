"""citecheck's one HTTP client: cached, polite, bounded, replayable offline.

``Fetcher`` (async) and ``fetch_many_sync`` fetch URLs into ``FetchResult``s, never raising;
``classify``/``check_links`` turn an original URL's result into a ``LinkStatus``. Responses are
stored in a requests-cache backend (SQLite by default, a readable FileCache folder as cassettes,
Redis or MongoDB by URL) chosen by ``HttpSettings``.
"""

from citecheck.check.http.cache import CacheBackendError, ResponseCache, open_backend
from citecheck.check.http.cassette import CassetteFormatError, cassette_serializer
from citecheck.check.http.classify import (
    LinkStatus,
    LinkVerdict,
    classify,
    is_site_root,
    needs_probe,
    probe_url,
)
from citecheck.check.http.fetch import Fetcher, fetch_many, fetch_many_sync
from citecheck.check.http.links import LinkCheck, check_links
from citecheck.check.http.outcome import ErrorKind, FetchResult, Hop
from citecheck.check.http.retry import retry_after_seconds, should_retry
from citecheck.check.http.settings import HostPolicy, HttpSettings

__all__ = [
    "CacheBackendError",
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
