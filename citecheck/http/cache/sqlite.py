"""The default SQLite cache file, read and written with ``sqlite3`` directly.

The file is requests-cache's own (``SQLiteCache``'s ``responses`` and ``redirects`` tables), so
requests-cache opens it as its own, plus two tables of citecheck's: ``citecheck_heads`` (each
response without its body) and ``citecheck_derived`` (see ``memo.py``). Reads are bulk queries;
writes are held back and committed ``WRITE_BATCH`` at a time by one background thread on its own
connection, so a commit does not stop the event loop. requests-cache's public API has no bulk
operations and cost more CPU than the network requests themselves. The table format is pinned
by tests/http/test_http_speed_paths.py against the pinned requests-cache version.

Errors are raised as ``sqlite3``/``OSError`` ones; ``ResponseCache`` decides what they mean.
"""

from __future__ import annotations

import concurrent.futures
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from citecheck.http.cache.codec import Stored, expires_unix, head_encode, lean_encode
from citecheck.http.speedups import PAGE_SIZE, SQL_CHUNK, WRITE_BATCH

# The table requests-cache's SQLiteCache keeps responses in (its SQLiteDict's table_name);
# pinned by tests/http/test_http_speed_paths.py.
RESPONSES = "responses"
# The statement requests-cache's SQLiteDict writes a response with.
_INSERT = f"INSERT OR REPLACE INTO {RESPONSES} (key,value,expires) VALUES (?,?,?)"
# The tables and index requests-cache's SQLiteCache makes (its SQLiteDict.init_db, for the
# ``responses`` and ``redirects`` tables), so a file citecheck creates is one it opens as its own.
SCHEMA = tuple(
    statement
    for table in (RESPONSES, "redirects")
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
DERIVED = "citecheck_derived"
_DERIVED_SCHEMA = f"CREATE TABLE IF NOT EXISTS {DERIVED} (key TEXT PRIMARY KEY, value TEXT)"
_DERIVED_INSERT = f"INSERT OR REPLACE INTO {DERIVED} (key,value) VALUES (?,?)"
# citecheck's own table beside ``responses``: each stored response without its body (its facts
# instead: size and raw <title>), written in the same transaction as the response, so a lookup
# that needs no body (a warm re-audit's link verdicts) reads a few hundred bytes per link and not
# the stored page. Keyed like ``responses``; a response without one is read whole. (Known limit:
# a citecheck from before heads, run on the same file, can replace a response and leave its old
# head; the head then still names the old fetch time, so the page memo reads nothing stale, but
# the verdict rests on the old status until the response expires.)
HEADS = "citecheck_heads"
_HEADS_SCHEMA = f"CREATE TABLE IF NOT EXISTS {HEADS} (key TEXT PRIMARY KEY, value BLOB)"
_HEADS_INSERT = f"INSERT OR REPLACE INTO {HEADS} (key,value) VALUES (?,?)"
# The tables a cache file citecheck writes into may hold (requests-cache's and citecheck's own):
# a file with any other is another program's database, which citecheck must not extend.
OWN_TABLES = frozenset({RESPONSES, "redirects", DERIVED, HEADS})

T = TypeVar("T")


def select(con: sqlite3.Connection, table: str, keys: list[str]) -> Iterator[tuple[Any, Any]]:
    """The (key, value) rows of ``table`` for ``keys``, one chunk of keys per query (so only a
    chunk of stored bodies is held at once); none while the table does not exist (reading
    never creates it)."""
    for start in range(0, len(keys), SQL_CHUNK):
        chunk = keys[start : start + SQL_CHUNK]
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


# What a connection meets while another process makes the file, its WAL or its tables (a corpus
# run's workers opening one new cache at once): passing, so tried again a few times.
_PASSING = frozenset(
    {
        "disk I/O error",
        "database is locked",
        "unable to open database file",
        "database disk image is malformed",
    }
)


def _passing(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and str(exc) in _PASSING


def again_while_passing(work: Callable[[Path], T], path: Path) -> T:
    """``work(path)``, tried again (8 times in 0.2 s) while it fails as above."""
    try:
        return work(path)
    except sqlite3.OperationalError as exc:
        if not _passing(exc):
            raise
    import tenacity  # only now: importing it costs more than the work

    for attempt in tenacity.Retrying(
        retry=tenacity.retry_if_exception(_passing),
        stop=tenacity.stop_after_attempt(8),
        wait=tenacity.wait_fixed(0.025),
        reraise=True,
    ):
        with attempt:
            return work(path)
    raise AssertionError("unreachable: the last attempt's error is raised")


def connect_writer(path: Path) -> sqlite3.Connection:
    """A connection to write ``path`` with, the file and its tables made as requests-cache
    would if they are not there yet (usable from any thread)."""
    return again_while_passing(_connect_writer, path)


def _connect_writer(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    try:
        # Set once, on a file not yet in WAL mode (a new one): setting it again on a file other
        # processes are writing failed with SQLITE_IOERR_SHORT_READ now and then.
        if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            # For a new file only (an existing one keeps its own); see speedups.PAGE_SIZE.
            con.execute(f"PRAGMA page_size={PAGE_SIZE}")
            con.execute("PRAGMA journal_mode=WAL")  # as requests-cache's SQLiteCache(wal=True)
        con.execute("PRAGMA synchronous=NORMAL")
        for statement in (*SCHEMA, _DERIVED_SCHEMA, _HEADS_SCHEMA):
            con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


class _Pending(NamedTuple):
    stored: Stored
    method: str
    reason: str


class SqliteFile:
    """One SQLite cache file: bulk reads on a read connection, writes held back and committed in
    batches by a background writer. Held-back and in-flight writes stay readable (``held``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._reader: sqlite3.Connection | None = None
        self._absent = False  # the file did not exist when first read
        # Written but not yet committed: committed WRITE_BATCH at a time.
        self._pending: dict[str, _Pending] = {}
        # A full batch is written by one background thread (its own connection), so a commit
        # (the WAL write and checkpoint: ~25 ms for 256 pages of 20 KB) does not stop the event
        # loop; until it is done its rows stay visible here. flush() and close() wait for it.
        self._writing: dict[str, _Pending] = {}
        self._writer: concurrent.futures.ThreadPoolExecutor | None = None
        self._written: concurrent.futures.Future[None] | None = None
        self._writer_con: sqlite3.Connection | None = None

    def held(self, key: str) -> Stored | None:
        """A write not yet committed (held back or being written), if any."""
        pending = self._pending.get(key) or self._writing.get(key)
        return None if pending is None else pending.stored

    def hold(self, key: str, stored: Stored, method: str, reason: str) -> bool:
        """Hold a write back for the next batch; True when the batch is full."""
        self._pending[key] = _Pending(stored, method, reason)
        return len(self._pending) >= WRITE_BATCH

    @property
    def holding(self) -> bool:
        return bool(self._pending)

    def drop_held(self) -> None:
        self._pending = {}

    def rows(self, table: str, keys: list[str]) -> Iterator[tuple[Any, Any]]:
        """``select`` on the read connection; nothing while there is no file."""
        reader = self.read_connection()
        if reader is not None:
            yield from select(reader, table, keys)

    def read_connection(self) -> sqlite3.Connection | None:
        """A read connection to the file; None while there is no file (reading never creates
        one). Once missing, it is looked for again only after this process writes."""
        if self._reader is None:
            if self._absent or not self.path.is_file():
                self._absent = True
                return None
            self._reader = sqlite3.connect(self.path, check_same_thread=False)
        return self._reader

    def wait_for_writer(self) -> None:
        written, self._written = self._written, None
        if written is not None:
            try:
                written.result()  # a failed write is raised here
            finally:
                self._writing = {}

    def write_behind(self, derived: dict[str, str]) -> None:
        """Hand the held-back writes and ``derived`` rows to the background writer (after the
        previous batch)."""
        self.wait_for_writer()
        if self._writer is None:
            self._writer = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="citecheck-cache-writer"
            )
        self._absent = False  # the writer creates the file: reads must look for it again
        self._writing, self._pending = self._pending, {}
        self._written = self._writer.submit(self._write_rows, self.path, self._writing, derived)

    @staticmethod
    def _rows(pending: dict[str, _Pending]) -> list[tuple[str, Any, int | None]]:
        return [
            (key, sqlite3.Binary(lean_encode(p.stored, p.method, p.reason)), expires_unix(p.stored))
            for key, p in pending.items()
        ]

    @staticmethod
    def _heads(pending: dict[str, _Pending]) -> list[tuple[str, Any]]:
        return [(key, sqlite3.Binary(head_encode(p.stored))) for key, p in pending.items()]

    def _write_rows(
        self, path: Path, pending: dict[str, _Pending], derived: dict[str, str]
    ) -> None:
        """In the writer thread: encode, then one transaction on the writer's own connection,
        which makes the file and tables as requests-cache would if they are not there yet."""
        rows, heads = self._rows(pending), self._heads(pending)
        if self._writer_con is None:
            self._writer_con = connect_writer(path)
        self._writer_con.execute("BEGIN")
        try:
            self._writer_con.executemany(_INSERT, rows)
            self._writer_con.executemany(_HEADS_INSERT, heads)
            self._writer_con.executemany(_DERIVED_INSERT, derived.items())
        except BaseException:
            self._writer_con.execute("ROLLBACK")
            raise
        self._writer_con.execute("COMMIT")

    def close(self) -> None:
        """Stop the writer (after its last batch) and close both connections."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        for con in (self._writer_con, self._reader):
            if con is not None:
                con.close()
        self._writer_con = self._reader = None
