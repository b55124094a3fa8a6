"""Responses stored in a requests-cache backend, through its public API only.

``open_backend`` picks the backend from the settings (cassette folder, SQLite file, Redis or
MongoDB URL); ``ResponseCache`` adds the domain operations: a key computed once per request,
lookup with expiry, and storing under the policy (snapshots never expire, live URLs after
``max_age``, never a 429, a 5xx or a response cut short).
"""

from __future__ import annotations

import datetime as dt
import http
import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs
from requests.structures import CaseInsensitiveDict
from requests_cache.backends.base import BaseCache
from requests_cache.backends.filesystem import FileCache
from requests_cache.backends.sqlite import SQLiteCache
from requests_cache.models.request import CachedRequest
from requests_cache.models.response import CachedResponse
from requests_cache.policy import NEVER_EXPIRE, get_expiration_datetime, get_url_expiration

from citecheck.check.http.cassette import cassette_serializer
from citecheck.check.http.retry import Attempt
from citecheck.check.http.settings import HttpSettings

# Memoised keys: enough for a large audit, bounded so a long-lived process cannot grow forever.
_MAX_MEMO_KEYS = 200_000


class CacheBackendError(RuntimeError):
    """The chosen cache cannot be opened (usually: its driver is not installed)."""


def default_cache_path() -> Path:
    return platformdirs.user_cache_path("citecheck") / "http.sqlite"


def _driver(module: str, scheme: str, package: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise CacheBackendError(
            f"a {scheme}:// cache needs the {package!r} package: pip install {package}"
        ) from exc


def open_backend(settings: HttpSettings) -> BaseCache:
    """The requests-cache backend the settings ask for. Drivers are imported only when chosen."""
    folder = settings.record or settings.cassette
    if folder is not None:
        return FileCache(
            Path(folder),
            serializer=cassette_serializer(settings.cassette_format),
            decode_content=False,  # the cassette serializer makes bodies readable itself
            extension=settings.cassette_format,
        )
    if settings.no_cache:
        return BaseCache()  # in memory, gone at exit
    target = str(settings.cache) if settings.cache is not None else str(default_cache_path())
    scheme = target.partition("://")[0].lower() if "://" in target else ""
    if scheme in ("redis", "rediss"):
        redis = _driver("redis", scheme, "redis")
        from requests_cache.backends.redis import RedisCache

        return RedisCache(namespace="citecheck", connection=redis.Redis.from_url(target))
    if scheme in ("mongodb", "mongodb+srv"):
        pymongo = _driver("pymongo", scheme, "pymongo")
        from requests_cache.backends.mongodb import MongoCache

        return MongoCache(db_name="citecheck", connection=pymongo.MongoClient(target))
    if scheme == "sqlite":
        target = target.partition("://")[2]
    elif scheme:
        raise CacheBackendError(f"unknown cache URL scheme {scheme!r} in {target!r}")
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteCache(path, wal=True)


# Headers that describe the bytes on the wire; stored bodies are already decoded.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def storable_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() not in _WIRE_HEADERS}


class ResponseCache:
    """A requests-cache backend with citecheck's cache policy on top."""

    def __init__(self, backend: BaseCache, settings: HttpSettings) -> None:
        self.backend = backend
        self.settings = settings
        self._keys: dict[tuple[str, str], str] = {}
        self._snapshot_patterns: dict[Any, Any] = dict.fromkeys(
            settings.snapshot_patterns, NEVER_EXPIRE
        )

    def key(self, method: str, url: str) -> str:
        """The cache key of a request, computed once (normalising the URL is the costly part)."""
        memo = (method, url)
        found = self._keys.get(memo)
        if found is None:
            request = CachedRequest(method=method, url=url, headers=CaseInsensitiveDict(), body=b"")
            found = self.backend.create_key(request)
            if len(self._keys) >= _MAX_MEMO_KEYS:
                self._keys.clear()
            self._keys[memo] = found
        return found

    def is_snapshot(self, url: str) -> bool:
        # requests-cache matches patterns against the text after the LAST "://", which for an
        # archive URL is the embedded original URL; hide the embedded separators from it.
        bare = url.partition("://")[2].replace("://", ":/")
        return get_url_expiration(bare, self._snapshot_patterns) == NEVER_EXPIRE

    def expires(self, url: str, status: int, now: dt.datetime) -> dt.datetime | None:
        """When a response stops being fresh; None for never.

        Only a snapshot's successful or redirecting answer is permanent: an archive may later
        capture a URL it answered 404 for.
        """
        if status < 400 and self.is_snapshot(url):
            return None
        return get_expiration_datetime(self.settings.max_age, start_time=now)

    @staticmethod
    def cacheable(attempt: Attempt) -> bool:
        status = attempt.status
        return attempt.error is None and status is not None and status != 429 and status < 500

    def lookup(
        self, method: str, url: str, *, key: str | None = None, allow_stale: bool = False
    ) -> Attempt | None:
        """The stored answer, if any and fresh (any age when ``allow_stale``: offline replay)."""
        cached = self.backend.get_response(key or self.key(method, url))
        if cached is None or (cached.is_expired and not allow_stale):
            return None
        return Attempt(
            url=url,
            status=cached.status_code,
            headers={k.lower(): v for k, v in cached.headers.items()},
            body=cached.content or b"",
            from_cache=True,
            fetched_at=cached.created_at,
        )

    def store(self, method: str, attempt: Attempt, *, key: str | None = None) -> bool:
        """Store ``attempt`` if the policy allows; True when stored."""
        if not self.cacheable(attempt) or attempt.status is None:
            return False
        fetched_at = attempt.fetched_at or dt.datetime.now(dt.UTC)
        expires = self.expires(attempt.url, attempt.status, fetched_at)
        headers = storable_headers(attempt.headers)
        try:
            reason = http.HTTPStatus(attempt.status).phrase
        except ValueError:
            reason = ""
        response = CachedResponse(
            url=attempt.url,
            status_code=attempt.status,
            reason=reason,
            headers=CaseInsensitiveDict(headers),
            content=attempt.body,
            request=CachedRequest(
                method=method, url=attempt.url, headers=CaseInsensitiveDict(), body=b""
            ),
            created_at=fetched_at,
            expires=expires,
        )
        self.backend.save_response(
            response, cache_key=key or self.key(method, attempt.url), expires=expires
        )
        return True

    def close(self) -> None:
        self.backend.close()  # type: ignore[no-untyped-call]  # requests-cache leaves it bare
