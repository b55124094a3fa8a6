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
import pickle
import sqlite3
from collections.abc import Iterable, Mapping
from hashlib import blake2b
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs
from requests.structures import CaseInsensitiveDict
from requests_cache.backends.base import BaseCache
from requests_cache.backends.filesystem import FileCache
from requests_cache.backends.sqlite import SQLiteCache, SQLiteDict
from requests_cache.models.request import CachedRequest
from requests_cache.models.response import CachedResponse
from requests_cache.policy import NEVER_EXPIRE, get_expiration_datetime, get_url_expiration
from requests_cache.serializers import pickle_serializer

from citecheck.check.http.cassette import cassette_serializer
from citecheck.check.http.retry import Attempt
from citecheck.check.http.settings import HttpSettings

# Memoised keys: enough for a large audit, bounded so a long-lived process cannot grow forever.
_MAX_MEMO_KEYS = 200_000
# Writes to an SQLite cache are committed this many at a time (and at every flush()).
WRITE_BATCH = 256
# SQLite's default limit on ``?`` parameters in one statement is 999 (older builds).
_SQL_CHUNK = 900
# Part of every key: changing how keys are made changes this, so old entries are simply missed.
KEY_VERSION = b"citecheck-key-1"


def request_key(method: str, url: str) -> str:
    """citecheck's cache key for a body-less request: a hash of the method and the exact URL.

    requests-cache's default key normalises the URL first (IDNA, percent-encoding, sorted query),
    which was most of the time of a warm re-audit. citecheck fetches each exact URL string once
    per audit, so the exact string is the right identity; the hash recipe follows requests-cache's
    (blake2b, 8 bytes, hex), so keys look and sort the same.
    """
    digest = blake2b(KEY_VERSION, digest_size=8)
    digest.update(method.upper().encode("ascii", "replace"))
    digest.update(b" ")
    digest.update(url.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class KeyRequest(NamedTuple):
    """The parts of a request ``citecheck_key_fn`` reads; far cheaper to build than a
    ``CachedRequest``, which only a request with a body (never sent by citecheck) needs."""

    method: str
    url: str
    body: bytes = b""


class Stored(NamedTuple):
    """What a lookup needs of a stored response."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    created_at: dt.datetime | None
    expires: dt.datetime | None

    @property
    def is_expired(self) -> bool:
        if self.expires is None:
            return False
        expires = self.expires
        if expires.tzinfo is None:  # requests-cache has stored naive UTC times
            expires = expires.replace(tzinfo=dt.UTC)
        return dt.datetime.now(dt.UTC) >= expires

    @classmethod
    def of(cls, cached: CachedResponse) -> Stored:
        return cls(
            url=cached.url,
            status=cached.status_code,
            headers=cached.headers,
            body=cached.content or b"",
            created_at=cached.created_at,
            expires=cached.expires,
        )


def _when(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def lean_decode(value: bytes) -> Stored | None:
    """Decode a value stored by requests-cache's ``pickle_serializer`` (its SQLite default)
    without rebuilding a ``CachedResponse``: that serializer pickles the dict cattrs made of the
    response, and a lookup needs five of its fields. None when the value does not look like
    that (then the storage's own ``deserialize`` decodes it). The format is requests-cache's;
    tests/check/http/test_http_speed_paths.py fails if a requests-cache upgrade changes it.
    """
    try:
        record = pickle.loads(value)
        return Stored(
            url=str(record["url"]),
            status=int(record["status_code"]),
            headers=dict(record.get("headers") or {}),
            body=bytes(record.get("_content") or b""),
            created_at=_when(record["created_at"]),
            expires=_when(record.get("expires")),
        )
    except Exception:  # any surprise: let requests-cache decode it
        return None


def lean_encode(stored: Stored, method: str, reason: str) -> bytes:
    """What requests-cache's ``pickle_serializer`` writes for the ``CachedResponse`` that
    ``ResponseCache.store`` would build, without building it: the dict cattrs makes of it
    (fields left at their defaults omitted), pickled. Pinned by a test against the real thing.
    """
    record: dict[str, Any] = {"_content": stored.body}
    if stored.created_at is not None:
        record["created_at"] = stored.created_at.isoformat()
    if stored.expires is not None:
        record["expires"] = stored.expires.isoformat()
    if stored.headers:
        record["headers"] = dict(stored.headers)
    record["reason"] = reason
    record["request"] = {"method": method, "url": stored.url}
    record["status_code"] = stored.status
    record["url"] = stored.url
    return pickle.dumps(record)


def _unix(stored: Stored) -> int | None:
    """The ``expires`` column requests-cache writes (``CachedResponse.expires_unix``)."""
    return None if stored.expires is None else round(stored.expires.timestamp())


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _is_pickle(backend: BaseCache) -> bool:
    """Whether the backend stores values with requests-cache's ``pickle_serializer`` (the
    SQLite default, and what ``open_backend`` uses): the format ``lean_*`` read and write."""
    serializer = getattr(backend.responses, "serializer", None)
    return getattr(serializer, "name", None) == pickle_serializer.name == "pickle"


class _Pending(NamedTuple):
    stored: Stored
    method: str
    reason: str


def citecheck_key_fn(request: Any, **_: Any) -> str:
    """``request_key`` as a requests-cache ``key_fn`` (its KeyCallback signature), so the
    backend's own ``create_key`` (used by ``contains``, ``delete``...) agrees with citecheck."""
    body = getattr(request, "body", None)
    if body:  # citecheck sends no bodies; anything else gets requests-cache's own key
        from requests_cache.cache_keys import create_key

        return create_key(request, **_)
    return request_key(str(request.method or "GET"), str(request.url or ""))


def use_citecheck_keys(backend: BaseCache) -> BaseCache:
    """Make ``backend.create_key`` use ``citecheck_key_fn``.

    requests-cache keeps its settings on the backend and lets ``CachedSession.settings`` replace
    them; citecheck has no session, so it sets the one field the same way the session would.
    """
    backend._settings.key_fn = citecheck_key_fn
    return backend


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
        self.backend = use_citecheck_keys(backend)
        self.settings = settings
        self._keys: dict[tuple[str, str], str] = {}
        # Written but not yet committed (SQLite only): committed WRITE_BATCH at a time.
        self._pending: dict[str, _Pending] = {}
        self._batched = isinstance(backend.responses, SQLiteDict) and _is_pickle(backend)
        self._snapshot_patterns: dict[Any, Any] = dict.fromkeys(
            settings.snapshot_patterns, NEVER_EXPIRE
        )
        # The hosts the patterns name, when none has a wildcard in its host part (then a URL
        # on another host cannot match, and the costly matching is skipped).
        hosts = {
            p.partition("://")[2].partition("/")[0] if "://" in p else p.partition("/")[0]
            for p in settings.snapshot_patterns
        }
        self._pattern_hosts: frozenset[str] | None = (
            None if any(ch in h for h in hosts for ch in "*?[") else frozenset(hosts)
        )

    def key(self, method: str, url: str) -> str:
        """The cache key of a request, computed once (normalising the URL is the costly part)."""
        memo = (method, url)
        found = self._keys.get(memo)
        if found is None:
            # Duck-typed: citecheck_key_fn, installed in __init__, reads method, url and body.
            found = self.backend.create_key(KeyRequest(method, url))  # type: ignore[arg-type]
            if len(self._keys) >= _MAX_MEMO_KEYS:
                self._keys.clear()
            self._keys[memo] = found
        return found

    def is_snapshot(self, url: str) -> bool:
        # requests-cache matches patterns against the text after the LAST "://", which for an
        # archive URL is the embedded original URL; hide the embedded separators from it.
        bare = url.partition("://")[2].replace("://", ":/")
        if self._pattern_hosts is not None:
            host = bare.partition("/")[0].rpartition("@")[2].lower()
            if host not in self._pattern_hosts:
                return False  # no pattern names this host: skip the pattern matching
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
        key = key or self.key(method, url)
        return self._attempt(url, self._get_many([key]).get(key), allow_stale)

    def lookup_many(
        self, method: str, urls: Iterable[str], *, allow_stale: bool = False
    ) -> dict[str, Attempt]:
        """The stored, fresh answers for many URLs at once (one query per ~900 URLs on SQLite).

        A URL missing from the answer was not found (or is stale); ``lookup`` would say the same.
        """
        keys: dict[str, str] = {}
        for url in urls:
            keys.setdefault(self.key(method, url), url)
        stored = self._get_many(list(keys))
        found: dict[str, Attempt] = {}
        for key, url in keys.items():
            attempt = self._attempt(url, stored.get(key), allow_stale)
            if attempt is not None:
                found[url] = attempt
        return found

    def _get_many(self, keys: list[str]) -> dict[str, Stored]:
        found: dict[str, Stored] = {}
        for key in keys:
            pending = self._pending.get(key)
            if pending is not None:
                found[key] = pending.stored
        wanted = [key for key in keys if key not in found]
        storage = self.backend.responses
        if not isinstance(storage, SQLiteDict):
            for key in wanted:
                cached = self.backend.get_response(key)
                if cached is not None:
                    found[key] = Stored.of(cached)
            return found
        lean = _is_pickle(self.backend)
        # requests-cache's SQLite storage has no bulk read; this reads its table (key, value)
        # and decodes each value with the storage's own ``deserialize``. Pinned by
        # tests/check/http/test_http_speed_paths.py against the pinned requests-cache version.
        with storage.connection() as con:
            for start in range(0, len(wanted), _SQL_CHUNK):
                chunk = wanted[start : start + _SQL_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = con.execute(
                    f"SELECT key, value FROM {storage.table_name} WHERE key IN ({marks})", chunk
                ).fetchall()
                for key, value in rows:
                    stored = lean_decode(value) if lean else None
                    if stored is None:
                        cached = storage.deserialize(key, value)
                        if isinstance(cached, CachedResponse):
                            stored = Stored.of(cached)
                    if stored is not None:
                        found[key] = stored
        return found

    @staticmethod
    def _attempt(url: str, cached: Stored | None, allow_stale: bool) -> Attempt | None:
        if cached is None or (cached.is_expired and not allow_stale):
            return None
        return Attempt(
            url=url,
            status=cached.status,
            headers={k.lower(): v for k, v in cached.headers.items()},
            body=cached.body,
            from_cache=True,
            fetched_at=cached.created_at,
        )

    def store(self, method: str, attempt: Attempt, *, key: str | None = None) -> bool:
        """Store ``attempt`` if the policy allows; True when stored.

        On SQLite the write is held back and committed with others (``flush``, also every
        ``WRITE_BATCH`` writes and at close); lookups see held-back writes at once.
        """
        if not self.cacheable(attempt) or attempt.status is None:
            return False
        fetched_at = attempt.fetched_at or dt.datetime.now(dt.UTC)
        expires = self.expires(attempt.url, attempt.status, fetched_at)
        headers = storable_headers(attempt.headers)
        reason = _reason(attempt.status)
        key = key or self.key(method, attempt.url)
        if self._batched:
            stored = Stored(attempt.url, attempt.status, headers, attempt.body, fetched_at, expires)
            self._pending[key] = _Pending(stored, method, reason)
            if len(self._pending) >= WRITE_BATCH:
                self.flush()
            return True
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
        self.backend.save_response(response, cache_key=key, expires=expires)
        return True

    def flush(self) -> None:
        """Commit the writes held back for batching, in one SQLite transaction."""
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        storage = self.backend.responses
        assert isinstance(storage, SQLiteDict)
        rows = [
            (key, sqlite3.Binary(lean_encode(p.stored, p.method, p.reason)), _unix(p.stored))
            for key, p in pending.items()
        ]
        with storage.connection():  # opens the connection bulk_commit needs
            pass
        # The same statement requests-cache's SQLiteDict writes with, many rows at once.
        with storage.bulk_commit(), storage.connection(commit=True) as con:
            con.executemany(
                f"INSERT OR REPLACE INTO {storage.table_name} (key,value,expires) VALUES (?,?,?)",
                rows,
            )

    def close(self) -> None:
        self.flush()
        self.backend.close()  # type: ignore[no-untyped-call]  # requests-cache leaves it bare
