"""Which cache the settings choose, and opening it: a cassette folder, an SQLite file, a Redis
or MongoDB URL, or memory. Drivers are imported only when chosen, and a missing one fails then,
clearly (``CacheBackendError``); a cache server that does not answer once at the start stops the
run (``CacheUnavailable``), before any work.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import platformdirs

from citecheck.http.cache.sqlite import OWN_TABLES, again_while_passing
from citecheck.http.errors import CacheBackendError, CacheUnavailable
from citecheck.http.settings import HttpSettings

if TYPE_CHECKING:
    from requests_cache.backends.base import BaseCache


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


def refuse_unusable_sqlite(path: Path) -> None:
    """Raise ``CacheBackendError`` before any work when ``path`` cannot be an SQLite cache: a
    folder, a file of another kind (which citecheck must not write over), or another program's
    SQLite database (which citecheck must not extend with its tables). A new path, an empty file
    and a cache citecheck or requests-cache made are accepted.

    The file is looked at through SQLite only: opening and closing it with Python's own ``open``
    would drop every POSIX lock this process holds on it, those of its other connections too (a
    corpus worker audits on two threads), and another process could then checkpoint the WAL
    under them ("disk I/O error", "file is not a database")."""
    if path.is_dir():
        raise CacheBackendError(f"cache {path}: a folder, not a file")
    try:
        if path.stat().st_size == 0:
            return  # an empty file is an empty database to SQLite
    except FileNotFoundError:
        return  # made on the first write
    except OSError as exc:
        raise CacheBackendError(f"cache {path}: {exc.strerror or exc}") from exc
    try:
        foreign = foreign_tables(_table_names(path))
    except sqlite3.DatabaseError as exc:
        if exc.sqlite_errorname == "SQLITE_NOTADB":
            raise CacheBackendError(
                f"cache {path}: file is not a database (not an SQLite file, or a damaged one; "
                "left as it is)"
            ) from exc
        raise CacheBackendError(f"cache {path}: {exc}") from exc  # damaged or locked, as said
    if foreign:
        raise CacheBackendError(
            f"cache {path}: an SQLite database of another program (tables: "
            f"{', '.join(foreign[:5])}{', ...' if len(foreign) > 5 else ''}); left as it is, "
            "give citecheck a file of its own"
        )


def _table_names(path: Path) -> list[str]:
    """The tables of an SQLite file, read without writing to it (no file made)."""
    return again_while_passing(_read_table_names, path)


def _read_table_names(path: Path) -> list[str]:
    # Opened for writing (mode=rw makes no file) and only read: a read-only connection to a
    # file in WAL mode that other processes are writing cannot share their WAL index, and
    # failed with "disk I/O error" or "database disk image is malformed" while they wrote.
    # Read-only only when the file cannot be written.
    uri = path.resolve().as_uri()
    try:
        con = sqlite3.connect(f"{uri}?mode=rw", uri=True)
    except sqlite3.OperationalError:
        con = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        return [str(row[0]) for row in rows]
    finally:
        con.close()


def foreign_tables(tables: Iterable[str]) -> list[str]:
    """The tables that are neither citecheck's, requests-cache's nor SQLite's own, sorted."""
    return sorted(t for t in tables if t not in OWN_TABLES and not t.startswith("sqlite_"))


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


def _reach(
    target: str, probe: Callable[[], Any], failures: tuple[type[BaseException], ...]
) -> None:
    """Ask a cache server once before any work: one that does not answer stops the run."""
    try:
        probe()
    except failures as exc:
        raise CacheUnavailable(f"cache {shown_url(target)}: unreachable ({exc})") from exc


def failures_of(backend: BaseCache | None) -> tuple[type[BaseException], ...]:
    """The exceptions by which ``backend`` (None: the deferred SQLite file) says it failed."""
    module = "" if backend is None else type(backend).__module__
    if module.endswith(".redis"):
        errors: Any = importlib.import_module("redis.exceptions")
        return (errors.RedisError, OSError)
    if module.endswith(".mongodb"):
        errors = importlib.import_module("pymongo.errors")
        return (errors.PyMongoError, OSError)
    return (sqlite3.Error, OSError)


def is_pickle(backend: BaseCache) -> bool:
    """Whether the backend stores values with requests-cache's ``pickle_serializer`` (the
    SQLite default, and what ``open_backend`` uses): the format ``lean_*`` read and write."""
    from requests_cache.serializers import pickle_serializer

    serializer = getattr(backend.responses, "serializer", None)
    return getattr(serializer, "name", None) == pickle_serializer.name == "pickle"


def is_sqlite_dict(storage: Any) -> bool:
    from requests_cache.backends.sqlite import SQLiteDict

    return isinstance(storage, SQLiteDict)


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
    return open_sqlite(Path(target).expanduser())


def open_sqlite(path: Path) -> BaseCache:
    from requests_cache.backends.sqlite import SQLiteCache

    refuse_unusable_sqlite(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteCache(path, wal=True)
