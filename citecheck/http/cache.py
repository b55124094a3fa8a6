"""Responses stored in a requests-cache backend.

``open_backend`` picks the backend from the settings (cassette folder, SQLite file, Redis or
MongoDB URL); ``ResponseCache`` adds the domain operations: a key computed once per request,
lookup with expiry, and storing under the policy (snapshots never expire, live URLs after
``max_age``, never a 429, a 5xx or a response cut short).

A failing cache is never taken for a failing cited host. Every failure of the backend (Redis
or MongoDB down, an SQLite file that cannot be read or written) is caught here, at the cache's
edge, and either stops the run with ``CacheUnavailable`` (the CLI: one line, exit 2) or is
survived without the cache (one warning), never handed to the fetch loop as a network error:

- a cache that fails before it has answered once (a server down at start, a damaged file) stops
  the run: the user named a cache that does not work, and silently fetching everything again
  (the archives block clients that ask too much) is not what they asked for;
- a cache lost mid-audit is dropped for the rest of the run (lookups miss, writes are skipped,
  one warning is logged): every answer is still fetched and judged, only not stored;
- except offline, where the cache is the only source of answers: its loss stops the run rather
  than turning every remaining link into ``not-recorded``.

Each stored answer says whether it came from an address known to be public (``ADDRESS_HEADER``);
without ``allow_private`` one that did not is not served (see ``served_from_public``).

Cassettes, Redis and MongoDB go through requests-cache's public API. The default SQLite cache is
read and written in requests-cache's own table format with ``sqlite3`` directly (bulk reads, one
background writer): the public API has no bulk operations and cost more CPU than the network
requests themselves. That format is pinned by tests/http/test_http_speed_paths.py against
the pinned requests-cache version, so an upgrade that changes it fails there first.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import http
import importlib
import logging
import pickle
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

import platformdirs

from citecheck.http.errors import CacheBackendError, CacheUnavailable, FetchFailure
from citecheck.http.outcome import BodyFacts, ErrorKind
from citecheck.http.retry import Attempt
from citecheck.http.safety import check_url, is_public_address, literal_address
from citecheck.http.settings import HttpSettings

if TYPE_CHECKING:
    from requests_cache.backends.base import BaseCache
    from requests_cache.models.response import CachedResponse

# requests-cache (and requests under it) is imported only when it is needed: opening a backend,
# storing a response, or decoding a value the lean decoder does not read. A warm re-audit on the
# default SQLite cache reads the table directly and never imports it (~0.16 s of start-up).

logger = logging.getLogger(__name__)

# Memoised keys: enough for a large audit, bounded so a long-lived process cannot grow forever.
_MAX_MEMO_KEYS = 200_000
# Writes to an SQLite cache are committed this many at a time (and at every flush()).
WRITE_BATCH = 256
PAGE_SIZE = 16384  # bytes, of an SQLite cache file this module creates
# SQLite's default limit on ``?`` parameters in one statement is 999 (older builds).
_SQL_CHUNK = 900
# The table requests-cache's SQLiteCache keeps responses in (its SQLiteDict's table_name);
# pinned by tests/http/test_http_speed_paths.py.
_TABLE = "responses"
# The statement requests-cache's SQLiteDict writes a response with.
_INSERT = f"INSERT OR REPLACE INTO {_TABLE} (key,value,expires) VALUES (?,?,?)"
# The tables and index requests-cache's SQLiteCache makes (its SQLiteDict.init_db, for the
# ``responses`` and ``redirects`` tables), so a file citecheck creates is one it opens as its own.
SCHEMA = tuple(
    statement
    for table in (_TABLE, "redirects")
    for statement in (
        f"CREATE TABLE IF NOT EXISTS {table} (    key TEXT PRIMARY KEY,    value BLOB,     "
        "expires INTEGER)",
        f"CREATE INDEX IF NOT EXISTS expires_idx ON {table}(expires)",
    )
)
# citecheck's own table in the same file: what citecheck derived and keeps between audits (what a
# page says about itself, a parsed article), one row per page or document; each value carries the
# digest of what it was made from (see check/page.py, parse/memo.py). requests-cache leaves other
# tables alone.
_DERIVED = "citecheck_derived"
_DERIVED_SCHEMA = f"CREATE TABLE IF NOT EXISTS {_DERIVED} (key TEXT PRIMARY KEY, value TEXT)"
_DERIVED_INSERT = f"INSERT OR REPLACE INTO {_DERIVED} (key,value) VALUES (?,?)"
# citecheck's own table beside ``responses``: each stored response without its body (its facts
# instead: size and raw <title>), written in the same transaction as the response, so a lookup
# that needs no body (a warm re-audit's link verdicts) reads a few hundred bytes per link and not
# the stored page. Keyed like ``responses``; a response without one is read whole. (Known limit:
# a citecheck from before heads, run on the same file, can replace a response and leave its old
# head; the head then still names the old fetch time, so the page memo reads nothing stale, but
# the verdict rests on the old status until the response expires.)
_HEADS = "citecheck_heads"
_HEADS_SCHEMA = f"CREATE TABLE IF NOT EXISTS {_HEADS} (key TEXT PRIMARY KEY, value BLOB)"
_HEADS_INSERT = f"INSERT OR REPLACE INTO {_HEADS} (key,value) VALUES (?,?)"
# The tables a cache file citecheck writes into may hold (requests-cache's and citecheck's own):
# a file with any other is another program's database, which citecheck must not extend.
_OWN_TABLES = frozenset({_TABLE, "redirects", _DERIVED, _HEADS})
# A header citecheck adds to every answer it stores: "public" when it came from an address known
# to be public, else "non-public". A header, not a field of lean_encode/head_encode, so the same
# mark is kept by every backend (requests-cache's own serializers store headers as they are) and
# the stored values stay in requests-cache's format. A server's own header of this name is
# dropped (storable_headers), so a page cannot mark itself public.
ADDRESS_HEADER = "x-citecheck-address"
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


class Stored(NamedTuple):
    """What a lookup needs of a stored response."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    created_at: dt.datetime | None
    expires: dt.datetime | None
    facts: BodyFacts | None = None  # read without its body: ``body`` is empty

    def expired_at(self, now: dt.datetime | None) -> bool:
        """Whether it had expired at ``now`` (None: now)."""
        if self.expires is None:
            return False
        expires = self.expires
        if expires.tzinfo is None:  # requests-cache has stored naive UTC times
            expires = expires.replace(tzinfo=dt.UTC)
        return (now or dt.datetime.now(dt.UTC)) >= expires

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
    tests/http/test_http_speed_paths.py fails if a requests-cache upgrade changes it.
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


def head_encode(stored: Stored) -> bytes:
    """A response without its body, as ``head_decode`` reads it (a row of ``citecheck_heads``)."""
    facts = BodyFacts.of(stored.body)
    # Times as ISO text: pickled datetimes cost twice as much to write and read.
    created, expires = _iso(stored.created_at), _iso(stored.expires)
    return pickle.dumps(
        (stored.url, stored.status, dict(stored.headers), created, expires, facts.size, facts.title)
    )


def _iso(when: dt.datetime | None) -> str | None:
    return None if when is None else when.isoformat()


def head_decode(value: bytes) -> Stored | None:
    """The response ``head_encode`` wrote, its body left out; None for anything else."""
    try:
        url, status, headers, created, expires, size, title = pickle.loads(value)
        facts = BodyFacts(size, title)
        return Stored(url, status, headers, b"", _when(created), _when(expires), facts)
    except Exception:  # not a head after all: the response is read whole instead
        return None


def _select(con: sqlite3.Connection, table: str, keys: list[str]) -> Iterator[tuple[Any, Any]]:
    """The (key, value) rows of ``table`` for ``keys``, one chunk of keys per query (so only a
    chunk of stored bodies is held at once); none while the table does not exist (reading
    never creates it)."""
    for start in range(0, len(keys), _SQL_CHUNK):
        chunk = keys[start : start + _SQL_CHUNK]
        marks = ",".join("?" * len(chunk))
        try:
            rows = con.execute(
                f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return
            raise
        yield from rows


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
    from requests_cache.serializers import pickle_serializer

    serializer = getattr(backend.responses, "serializer", None)
    return getattr(serializer, "name", None) == pickle_serializer.name == "pickle"


def _is_sqlite_dict(storage: Any) -> bool:
    from requests_cache.backends.sqlite import SQLiteDict

    return isinstance(storage, SQLiteDict)


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


def default_cache_path() -> Path:
    return platformdirs.user_cache_path("citecheck") / "http.sqlite"


def _driver(module: str, scheme: str, package: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise CacheBackendError(
            f"a {scheme}:// cache needs the {package!r} package: pip install {package}"
        ) from exc


def sqlite_path(settings: HttpSettings) -> Path | None:
    """The SQLite file the settings choose, or None when they choose another kind of cache."""
    if settings.record or settings.cassette or settings.no_cache:
        return None
    target = str(settings.cache) if settings.cache is not None else str(default_cache_path())
    scheme = target.partition("://")[0].lower() if "://" in target else ""
    if scheme == "sqlite":
        target = target.partition("://")[2]
    elif scheme:
        return None
    return Path(target).expanduser()


_SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_unusable_sqlite(path: Path) -> None:
    """Raise ``CacheBackendError`` before any work when ``path`` cannot be an SQLite cache: a
    folder, a file of another kind (which citecheck must not write over), or another program's
    SQLite database (which citecheck must not extend with its tables). A new path, an empty file
    and a cache citecheck or requests-cache made are accepted."""
    if path.is_dir():
        raise CacheBackendError(f"cache {path}: a folder, not a file")
    try:
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return  # made on the first write
    except OSError as exc:
        raise CacheBackendError(f"cache {path}: {exc.strerror or exc}") from exc
    if head and head != _SQLITE_HEADER:  # an empty file is an empty database to SQLite
        raise CacheBackendError(f"cache {path}: not an SQLite file (left as it is)")
    if not head:
        return
    try:
        foreign = foreign_tables(_table_names(path))
    except sqlite3.Error as exc:  # damaged or locked: said as SQLite says it
        raise CacheBackendError(f"cache {path}: {exc}") from exc
    if foreign:
        raise CacheBackendError(
            f"cache {path}: an SQLite database of another program (tables: "
            f"{', '.join(foreign[:5])}{', ...' if len(foreign) > 5 else ''}); left as it is, "
            "give citecheck a file of its own"
        )


def _table_names(path: Path) -> list[str]:
    """The tables of an SQLite file, read without writing to it (read-only, no file made)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        return [str(row[0]) for row in rows]
    finally:
        con.close()


def foreign_tables(tables: Iterable[str]) -> list[str]:
    """The tables that are neither citecheck's, requests-cache's nor SQLite's own, sorted."""
    return sorted(t for t in tables if t not in _OWN_TABLES and not t.startswith("sqlite_"))


def shown_url(url: str) -> str:
    """``url`` with its password hidden: how a cache server is named in messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def cache_name(settings: HttpSettings) -> str:
    """The cache the settings choose, as messages name it (a path, or a URL without password)."""
    folder = settings.record or settings.cassette
    if folder is not None:
        return str(folder)
    if settings.no_cache:
        return "in memory"
    path = sqlite_path(settings)
    return str(path) if path is not None else shown_url(str(settings.cache))


def _reach(target: str, probe: Any, failures: tuple[type[BaseException], ...]) -> None:
    """Ask a cache server once before any work: one that does not answer stops the run."""
    try:
        probe()
    except failures as exc:
        raise CacheUnavailable(f"cache {shown_url(target)}: unreachable ({exc})") from exc


def _failures_of(backend: BaseCache | None) -> tuple[type[BaseException], ...]:
    """The exceptions by which ``backend`` (None: the deferred SQLite file) says it failed."""
    module = "" if backend is None else type(backend).__module__
    if module.endswith(".redis"):
        errors: Any = importlib.import_module("redis.exceptions")
        return (errors.RedisError, OSError)
    if module.endswith(".mongodb"):
        errors = importlib.import_module("pymongo.errors")
        return (errors.PyMongoError, OSError)
    return (sqlite3.Error, OSError)


def must_stop(answered: bool, offline: bool) -> bool:
    """Whether a failure of the cache stops the run (else it goes on without the cache): when
    the cache never answered in this run (it was broken from the start), or offline (it is the
    only source of answers)."""
    return not answered or offline


def served_from_public(url: str, headers: Mapping[str, str]) -> bool:
    """Whether a stored answer (lower-case ``headers``) came from an address known to be public.

    An answer stored before ``ADDRESS_HEADER`` existed is judged by its URL: one whose host is
    written as a non-public address (or is localhost) is not. Treating every unmarked answer as
    non-public would be stricter, but would stop every existing cache and cassette replaying
    offline without allow_private (each link not-recorded); before the mark, a non-public
    answer could only be stored under allow_private, which tests and local archives use with
    such hosts. (Left open: a named host that resolved to a private address then is served until
    its entry expires.)
    """
    mark = headers.get(ADDRESS_HEADER)
    if mark is not None:
        return mark == "public"
    try:
        host = check_url(url)[0]
    except FetchFailure:  # not a URL citecheck fetches: it cannot be shown to be public
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return False
    address = literal_address(host)
    return address is None or is_public_address(address)


def open_backend(settings: HttpSettings) -> BaseCache:
    """The requests-cache backend the settings ask for. Drivers are imported only when chosen."""
    from requests_cache.backends.base import BaseCache

    folder = settings.record or settings.cassette
    if folder is not None:
        from requests_cache.backends.filesystem import FileCache

        from citecheck.http.cassette import cassette_serializer

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

        # Bounded waits (the URL may set others): a cache host that drops packets would
        # otherwise hold the audit forever.
        connection = redis.Redis.from_url(target, socket_connect_timeout=5, socket_timeout=30)
        _reach(target, connection.ping, (redis.exceptions.RedisError, OSError))
        return RedisCache(namespace="citecheck", connection=connection)
    if scheme in ("mongodb", "mongodb+srv"):
        pymongo = _driver("pymongo", scheme, "pymongo")
        from requests_cache.backends.mongodb import MongoCache

        client = pymongo.MongoClient(target)
        _reach(target, lambda: client.admin.command("ping"), (pymongo.errors.PyMongoError,))
        return MongoCache(db_name="citecheck", connection=client)
    if scheme == "sqlite":
        target = target.partition("://")[2]
    elif scheme:
        raise CacheBackendError(f"unknown cache URL scheme {scheme!r} in {target!r}")
    return _open_sqlite(Path(target).expanduser())


def _open_sqlite(path: Path) -> BaseCache:
    from requests_cache.backends.sqlite import SQLiteCache

    refuse_unusable_sqlite(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteCache(path, wal=True)


# Headers that describe the bytes on the wire (stored bodies are already decoded), and
# citecheck's own mark, which only citecheck sets.
_UNSTORED_HEADERS = frozenset(
    {"content-encoding", "content-length", "transfer-encoding", ADDRESS_HEADER}
)


def storable_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() not in _UNSTORED_HEADERS}


class ResponseCache:
    """A requests-cache backend with citecheck's cache policy on top."""

    def __init__(self, backend: BaseCache | None, settings: HttpSettings) -> None:
        """``backend=None``: the SQLite file ``sqlite_path(settings)`` names, opened through
        requests-cache only when something needs it (a write, a value the lean decoder does
        not read, ``.backend``); until then lookups read its table with ``sqlite3`` alone."""
        self.settings = settings
        self._path: Path | None = None
        self._reader: sqlite3.Connection | None = None  # the deferred backend's read connection
        self._absent = False  # the deferred backend's file did not exist when first read
        # Whether the cache has answered in this run (a failure then is a loss mid-audit), and
        # why it was given up (then it is not asked again).
        self._answered = False
        self.lost: str | None = None
        if backend is None:
            self._path = sqlite_path(settings)
            if self._path is None:
                backend = open_backend(settings)
                self._answered = True  # a server was asked once on opening (``_reach``)
            else:
                refuse_unusable_sqlite(self._path)
        self._backend = None if backend is None else use_citecheck_keys(backend)
        self._failures = _failures_of(backend)
        self._name = cache_name(settings)
        self._keys: dict[tuple[str, str], str] = {}
        # Written but not yet committed (SQLite only): committed WRITE_BATCH at a time.
        self._pending: dict[str, _Pending] = {}
        # A full batch is written by one background thread (its own connection), so a commit
        # (the WAL write and checkpoint: ~25 ms for 256 pages of 20 KB) does not stop the event
        # loop; until it is done its rows stay visible here. flush() and close() wait for it.
        self._writing: dict[str, _Pending] = {}
        self._writer: concurrent.futures.ThreadPoolExecutor | None = None
        self._written: concurrent.futures.Future[None] | None = None
        self._writer_con: sqlite3.Connection | None = None
        # Derived values (SQLite only), written with the next batch; kept here until then.
        self._derived: dict[str, str] = {}
        self._derived_written: set[str] = set()
        self._batched = backend is None or (
            _is_sqlite_dict(backend.responses) and _is_pickle(backend)
        )
        self._snapshot_patterns: dict[Any, Any] | None = None  # built on the first store
        # The hosts the patterns name, when none has a wildcard in its host part (then a URL
        # on another host cannot match, and the costly matching is skipped).
        hosts = {
            p.partition("://")[2].partition("/")[0] if "://" in p else p.partition("/")[0]
            for p in settings.snapshot_patterns
        }
        self._pattern_hosts: frozenset[str] | None = (
            None if any(ch in h for h in hosts for ch in "*?[") else frozenset(hosts)
        )

    def _give_up(self, exc: BaseException) -> None:
        """A failure of the cache (``exc``): raise ``CacheUnavailable`` when it stops the run
        (``must_stop``), else go on without the cache, said once."""
        self.lost = f"{exc}"
        self._pending = {}  # nowhere to write them now
        if must_stop(self._answered, self.settings.offline):
            raise CacheUnavailable(f"cache {self._name}: {exc}") from exc
        logger.warning(
            "cache %s failed mid-audit (%s); the audit goes on without it: every link is still "
            "checked, but answers not yet stored are not kept",
            self._name,
            exc,
        )

    @property
    def backend(self) -> BaseCache:
        """The requests-cache backend (a deferred SQLite one is opened here)."""
        if self._backend is None:
            assert self._path is not None
            self._backend = use_citecheck_keys(_open_sqlite(self._path))
        return self._backend

    def key(self, method: str, url: str) -> str:
        """The cache key of a request, computed once per (method, URL)."""
        memo = (method, url)
        found = self._keys.get(memo)
        if found is None:
            # What the backend's create_key gives (citecheck_key_fn is installed on it), without
            # opening a deferred backend for it.
            found = request_key(method, url)
            if len(self._keys) >= _MAX_MEMO_KEYS:
                self._keys.clear()
            self._keys[memo] = found
        return found

    def _patterns(self) -> dict[Any, Any]:
        if self._snapshot_patterns is None:
            from requests_cache.policy import NEVER_EXPIRE

            self._snapshot_patterns = dict.fromkeys(self.settings.snapshot_patterns, NEVER_EXPIRE)
        return self._snapshot_patterns

    def is_snapshot(self, url: str) -> bool:
        # requests-cache matches patterns against the text after the LAST "://", which for an
        # archive URL is the embedded original URL; hide the embedded separators from it.
        bare = url.partition("://")[2].replace("://", ":/")
        if self._pattern_hosts is not None:
            host = bare.partition("/")[0].rpartition("@")[2].lower()
            if host not in self._pattern_hosts:
                return False  # no pattern names this host: skip the pattern matching
        from requests_cache.policy import NEVER_EXPIRE, get_url_expiration

        return get_url_expiration(bare, self._patterns()) == NEVER_EXPIRE

    def expires(self, url: str, status: int, now: dt.datetime) -> dt.datetime | None:
        """When a response stops being fresh; None for never.

        Only a snapshot's successful or redirecting answer is permanent: an archive may later
        capture a URL it answered 404 for.
        """
        if status < 400 and self.is_snapshot(url):
            return None
        # What requests-cache's get_expiration_datetime gives for a timedelta, without importing
        # it on the way of every response.
        return now + self.settings.max_age

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
        self, method: str, urls: Iterable[str], *, allow_stale: bool = False, bodies: bool = True
    ) -> dict[str, Attempt]:
        """The stored, fresh answers for many URLs at once (one query per ~900 URLs on SQLite).

        A URL missing from the answer was not found (or is stale); ``lookup`` would say the same.
        With ``bodies=False`` an SQLite cache may answer without the bodies: such an Attempt
        has an empty body and its ``facts`` (``lookup`` reads the body when it is needed).
        """
        keys: dict[str, str] = {}
        for url in urls:
            keys.setdefault(self.key(method, url), url)
        stored = self._get_many(list(keys), bodies)
        found: dict[str, Attempt] = {}
        now = dt.datetime.now(dt.UTC)
        for key, url in keys.items():
            attempt = self._attempt(url, stored.get(key), allow_stale, now)
            if attempt is not None:
                found[url] = attempt
        return found

    def _get_many(self, keys: list[str], bodies: bool = True) -> dict[str, Stored]:
        found: dict[str, Stored] = {}
        for key in keys:
            pending = self._pending.get(key) or self._writing.get(key)
            if pending is not None:
                found[key] = pending.stored
        wanted = [key for key in keys if key not in found]
        if self.lost is not None or not wanted:
            return found
        try:
            self._read_stored(wanted, found, bodies)
        except self._failures as exc:
            self._give_up(exc)
            return found  # what was read before the failure is still good
        self._answered = True
        return found

    def _read_stored(self, wanted: list[str], found: dict[str, Stored], bodies: bool) -> None:
        """The stored responses for ``wanted`` keys, into ``found``."""
        if not bodies and self._batched and wanted:
            self._read_heads(wanted, found)
            wanted = [key for key in wanted if key not in found]
        if self._backend is None:
            self._read_table(wanted, found)
            return
        storage: Any = self.backend.responses
        if not _is_sqlite_dict(storage):
            for key in wanted:
                cached = self.backend.get_response(key)
                if cached is not None:
                    found[key] = Stored.of(cached)
            return
        lean = _is_pickle(self.backend)
        # requests-cache's SQLite storage has no bulk read; this reads its table (key, value)
        # and decodes each value with the storage's own ``deserialize``. Pinned by
        # tests/http/test_http_speed_paths.py against the pinned requests-cache version.
        with storage.connection() as con:
            self._decode_rows(_select(con, storage.table_name, wanted), found, lean)

    def _decode_rows(
        self, rows: Iterable[tuple[str, bytes]], found: dict[str, Stored], lean: bool = True
    ) -> None:
        """Stored responses from (key, value) rows of a ``responses`` table: with the lean
        decoder where it reads the value, else with the storage's own."""
        for key, value in rows:
            stored = lean_decode(value) if lean else None
            if stored is None:
                stored = self._decode_slowly(key, value)
            if stored is not None:
                found[key] = stored

    def _decode_slowly(self, key: str, value: bytes) -> Stored | None:
        """A value the lean decoder does not read, decoded by the storage itself."""
        from requests_cache.models.response import CachedResponse

        storage: Any = self.backend.responses
        cached = storage.deserialize(key, value)
        return Stored.of(cached) if isinstance(cached, CachedResponse) else None

    def _read_heads(self, wanted: list[str], found: dict[str, Stored]) -> None:
        """Responses without their bodies, where ``citecheck_heads`` has them."""
        reader = self._read_connection()
        if reader is None:
            return
        for key, value in _select(reader, _HEADS, wanted):
            stored = head_decode(value)
            if stored is not None:
                found[key] = stored

    def _read_table(self, wanted: list[str], found: dict[str, Stored]) -> None:
        """Bulk reads of a deferred SQLite backend: the table requests-cache's SQLiteCache
        keeps (``responses``: key, value, expires), read with ``sqlite3``. A file or table
        that does not exist yet holds nothing (and is not created by reading)."""
        if not wanted:
            return
        reader = self._read_connection()
        if reader is None:
            return
        self._decode_rows(_select(reader, _TABLE, wanted), found)

    def _attempt(
        self, url: str, cached: Stored | None, allow_stale: bool, now: dt.datetime | None = None
    ) -> Attempt | None:
        if cached is None or (not allow_stale and cached.expired_at(now)):
            return None
        headers = {k.lower(): v for k, v in cached.headers.items()}
        if not self.settings.allow_private and not served_from_public(url, headers):
            return self._refused(url)
        return Attempt(
            url=url,
            status=cached.status,
            headers=headers,
            body=cached.body,
            from_cache=True,
            fetched_at=cached.created_at,
            facts=cached.facts,
        )

    def _refused(self, url: str) -> Attempt | None:
        """What a stored answer from a non-public address gives without allow_private: online,
        nothing (the request is made afresh and refused, or answered, as any other); offline,
        the refusal itself, as no request may be made to show the address is public now."""
        if not self.settings.offline:
            return None
        return Attempt(
            url=url,
            error=ErrorKind.BLOCKED_PRIVATE_ADDRESS,
            detail="stored from an address not known to be public; allow_private permits it",
        )

    def store(self, method: str, attempt: Attempt, *, key: str | None = None) -> bool:
        """Store ``attempt`` if the policy allows; True when stored.

        On SQLite the write is held back and committed with others (``flush``, also every
        ``WRITE_BATCH`` writes and at close); lookups see held-back writes at once.
        """
        if not self.cacheable(attempt) or attempt.status is None or self.lost is not None:
            return False
        fetched_at = attempt.fetched_at or dt.datetime.now(dt.UTC)
        expires = self.expires(attempt.url, attempt.status, fetched_at)
        headers = storable_headers(attempt.headers)
        headers[ADDRESS_HEADER] = "public" if attempt.public else "non-public"
        reason = _reason(attempt.status)
        key = key or self.key(method, attempt.url)
        if self._batched:
            stored = Stored(attempt.url, attempt.status, headers, attempt.body, fetched_at, expires)
            self._pending[key] = _Pending(stored, method, reason)
            if len(self._pending) >= WRITE_BATCH:
                try:
                    self._write_behind()
                except self._failures as exc:  # the previous batch's commit failed
                    self._give_up(exc)
                    return False
            return True
        from requests.structures import CaseInsensitiveDict
        from requests_cache.models.request import CachedRequest
        from requests_cache.models.response import CachedResponse

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
        try:
            self.backend.save_response(response, cache_key=key, expires=expires)
        except self._failures as exc:
            self._give_up(exc)
            return False
        self._answered = True
        return True

    def _rows(self, pending: dict[str, _Pending]) -> list[tuple[str, Any, int | None]]:
        return [
            (key, sqlite3.Binary(lean_encode(p.stored, p.method, p.reason)), _unix(p.stored))
            for key, p in pending.items()
        ]

    @staticmethod
    def _heads(pending: dict[str, _Pending]) -> list[tuple[str, Any]]:
        return [(key, sqlite3.Binary(head_encode(p.stored))) for key, p in pending.items()]

    def _wait_for_writer(self) -> None:
        written, self._written = self._written, None
        if written is not None:
            try:
                written.result()  # a failed write is raised here
            finally:
                self._writing = {}

    @property
    def keeps_derived(self) -> bool:
        """Whether ``put_derived`` values outlive this run (SQLite only)."""
        return self._batched

    def get_derived(self, key: str) -> str | None:
        """A value stored with ``put_derived`` by this run or an earlier one (SQLite only)."""
        return self.get_derived_many([key]).get(key)

    def get_derived_many(self, keys: Collection[str]) -> dict[str, str]:
        """``get_derived`` for many keys, in a few queries: the keys that have a value."""
        found = {key: self._derived[key] for key in keys if key in self._derived}
        wanted = sorted({key for key in keys if key not in found})
        if not (self._batched and wanted) or self.lost is not None:
            return found
        try:
            con = self._read_connection()
            if con is not None:
                rows = _select(con, _DERIVED, wanted)
                found.update((str(key), str(value)) for key, value in rows)
        except self._failures as exc:
            self._give_up(exc)
            return found
        self._answered = True
        return found

    def put_derived(self, key: str, value: str) -> None:
        """Keep ``value`` for a later audit; on a cache other than SQLite, for this run only."""
        self._derived[key] = value

    def _sqlite_file(self) -> Path:
        """The SQLite file: the deferred one, else the (batched, so SQLite) backend's."""
        if self._path is not None:
            return self._path
        storage: Any = self.backend.responses
        return Path(storage.db_path)

    def _read_connection(self) -> sqlite3.Connection | None:
        """A read connection to the SQLite file; None while there is no file (reading never
        creates one). Once missing, it is looked for again only after this process writes."""
        if self._reader is None:
            path = self._sqlite_file()
            if self._absent or not path.is_file():
                self._absent = True
                return None
            self._reader = sqlite3.connect(path, check_same_thread=False)
        return self._reader

    def _write_behind(self) -> None:
        """Hand the held-back writes to the background writer (after the previous batch)."""
        self._wait_for_writer()
        if self._writer is None:
            self._writer = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="citecheck-cache-writer"
            )
        path = self._sqlite_file()
        self._absent = False  # the writer creates the file: reads must look for it again
        self._writing, self._pending = self._pending, {}
        derived = {k: v for k, v in self._derived.items() if k not in self._derived_written}
        self._derived_written.update(derived)
        self._written = self._writer.submit(self._write_rows, path, self._writing, derived)

    def _write_rows(
        self, path: Path, pending: dict[str, _Pending], derived: dict[str, str]
    ) -> None:
        """In the writer thread: encode, then one transaction on the writer's own connection,
        which makes the file and tables as requests-cache would if they are not there yet."""
        rows, heads = self._rows(pending), self._heads(pending)
        if self._writer_con is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            # For a new file only (an existing one keeps its own): a stored page is ~20 KB, and
            # in 4 KB pages each spills over five overflow pages. With 16 KB ones the writer
            # thread took 0.37-0.40 s of CPU for 5,251 responses instead of 0.53-0.57 s.
            con.execute(f"PRAGMA page_size={PAGE_SIZE}")
            con.execute("PRAGMA journal_mode=WAL")  # as requests-cache's SQLiteCache(wal=True)
            con.execute("PRAGMA synchronous=NORMAL")
            for statement in (*SCHEMA, _DERIVED_SCHEMA, _HEADS_SCHEMA):
                con.execute(statement)
            self._writer_con = con
        self._writer_con.execute("BEGIN")
        try:
            self._writer_con.executemany(_INSERT, rows)
            self._writer_con.executemany(_HEADS_INSERT, heads)
            self._writer_con.executemany(_DERIVED_INSERT, derived.items())
        except BaseException:
            self._writer_con.execute("ROLLBACK")
            raise
        self._writer_con.execute("COMMIT")

    def flush(self, *, wait: bool = True) -> None:
        """Commit the writes held back for batching (and wait for any written behind).

        With ``wait=False`` they are only handed to the background writer: the next ``flush``
        or ``close`` waits for the commit (and raises a failed one); lookups see them meanwhile.
        """
        if self.lost is not None:
            return  # given up: nothing is written, and a failed write was said already
        try:
            if self._pending or (self._batched and self._derived.keys() - self._derived_written):
                self._write_behind()
            if wait:
                self._wait_for_writer()
        except self._failures as exc:
            self._give_up(exc)

    def close(self) -> None:
        try:
            self.flush()  # may stop the run (CacheUnavailable): the rest is released all the same
        finally:
            self._release()

    def _release(self) -> None:
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        for con in (self._writer_con, self._reader):
            if con is not None:
                con.close()
        self._writer_con = self._reader = None
        if self._backend is not None:
            try:
                self._backend.close()  # type: ignore[no-untyped-call]  # requests-cache: bare
            except self._failures:
                if self.lost is None:
                    raise
