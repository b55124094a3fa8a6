"""``ResponseCache``: the domain operations on a cache backend, and the cache's failure boundary.

A key computed once per request, lookup with expiry (one at a time or in bulk), storing under
the policy (``policy.py``), and the derived-data memo (``memo.py``). The default SQLite cache is
read and written by ``sqlite.py`` without requests-cache; other backends through its public API.

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
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck.evidence.fetch import ErrorKind
from citecheck.http.cache.backends import (
    cache_name,
    failures_of,
    is_pickle,
    is_sqlite_dict,
    open_backend,
    open_sqlite,
    refuse_unusable_sqlite,
    sqlite_path,
)
from citecheck.http.cache.codec import Stored, head_decode, lean_decode, reason_phrase
from citecheck.http.cache.keys import request_key, use_citecheck_keys
from citecheck.http.cache.memo import DerivedMemo
from citecheck.http.cache.policy import (
    Expiry,
    cacheable,
    must_stop,
    served_from_public,
    stored_headers,
)
from citecheck.http.cache.sqlite import HEADS, RESPONSES, SqliteFile, connect_writer, select
from citecheck.http.errors import CacheUnavailable
from citecheck.http.retry import Attempt
from citecheck.http.settings import HttpSettings
from citecheck.http.speedups import MAX_MEMO_KEYS

if TYPE_CHECKING:
    from requests_cache.backends.base import BaseCache

# requests-cache (and requests under it) is imported only when it is needed: opening a backend,
# storing a response, or decoding a value the lean decoder does not read. A warm re-audit on the
# default SQLite cache reads the table directly and never imports it (~0.16 s of start-up).

logger = logging.getLogger(__name__)


class ResponseCache:
    """A requests-cache backend with citecheck's cache policy on top."""

    def __init__(self, backend: BaseCache | None, settings: HttpSettings) -> None:
        """``backend=None``: the SQLite file ``sqlite_path(settings)`` names, opened through
        requests-cache only when something needs it (a write, a value the lean decoder does
        not read, ``.backend``); until then lookups read its table with ``sqlite3`` alone."""
        self.settings = settings
        self._path: Path | None = None
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
        self._failures = failures_of(backend)
        self._name = cache_name(settings)
        self._keys: dict[tuple[str, str], str] = {}
        # The SQLite file, read and written directly (batched), when the cache is one in
        # requests-cache's default format; else every operation goes through the backend.
        self._file: SqliteFile | None = None
        if backend is None:
            assert self._path is not None
            self._file = SqliteFile(self._path)
        elif is_sqlite_dict(backend.responses) and is_pickle(backend):
            self._file = SqliteFile(Path(backend.responses.db_path))  # type: ignore[attr-defined]
        self._memo = DerivedMemo(self._file)
        self._expiry = Expiry(settings.snapshot_patterns, settings.max_age)

    def _give_up(self, exc: BaseException) -> None:
        """A failure of the cache (``exc``): raise ``CacheUnavailable`` when it stops the run
        (``must_stop``), else go on without the cache, said once."""
        self.lost = f"{exc}"
        if self._file is not None:
            self._file.drop_held()  # nowhere to write them now
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
            self._backend = use_citecheck_keys(open_sqlite(self._path))
        return self._backend

    def key(self, method: str, url: str) -> str:
        """The cache key of a request, computed once per (method, URL)."""
        memo = (method, url)
        found = self._keys.get(memo)
        if found is None:
            # What the backend's create_key gives (citecheck_key_fn is installed on it), without
            # opening a deferred backend for it.
            found = request_key(method, url)
            if len(self._keys) >= MAX_MEMO_KEYS:
                self._keys.clear()
            self._keys[memo] = found
        return found

    def is_snapshot(self, url: str) -> bool:
        return self._expiry.is_snapshot(url)

    def expires(self, url: str, status: int, now: dt.datetime) -> dt.datetime | None:
        """When a response stops being fresh; None for never (see ``policy.Expiry``)."""
        return self._expiry.expires(url, status, now)

    @staticmethod
    def cacheable(attempt: Attempt) -> bool:
        return cacheable(attempt)

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
        file = self._file
        if file is not None:
            for key in keys:
                held = file.held(key)
                if held is not None:
                    found[key] = held
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
        file = self._file
        if not bodies and file is not None and wanted:
            for key, value in file.rows(HEADS, wanted):  # responses without their bodies
                head = head_decode(value)
                if head is not None:
                    found[key] = head
            wanted = [key for key in wanted if key not in found]
        if self._backend is None:
            assert file is not None  # a deferred backend is an SQLite file
            if wanted:
                self._decode_rows(file.rows(RESPONSES, wanted), found)
            return
        storage: Any = self.backend.responses
        if not is_sqlite_dict(storage):
            for key in wanted:
                cached = self.backend.get_response(key)
                if cached is not None:
                    found[key] = Stored.of(cached)
            return
        lean = is_pickle(self.backend)
        # requests-cache's SQLite storage has no bulk read; this reads its table (key, value)
        # and decodes each value with the storage's own ``deserialize``. Pinned by
        # tests/http/test_http_speed_paths.py against the pinned requests-cache version.
        with storage.connection() as con:
            self._decode_rows(select(con, storage.table_name, wanted), found, lean)

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
        if not cacheable(attempt) or attempt.status is None or self.lost is not None:
            return False
        fetched_at = attempt.fetched_at or dt.datetime.now(dt.UTC)
        expires = self._expiry.expires(attempt.url, attempt.status, fetched_at)
        headers = stored_headers(attempt)
        reason = reason_phrase(attempt.status)
        key = key or self.key(method, attempt.url)
        if self._file is not None:
            stored = Stored(attempt.url, attempt.status, headers, attempt.body, fetched_at, expires)
            if self._file.hold(key, stored, method, reason):
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

    def _write_behind(self) -> None:
        assert self._file is not None
        self._file.wait_for_writer()  # a failed batch is raised before the memo hands over more
        self._file.write_behind(self._memo.take_unwritten())

    # --- the derived-data memo --------------------------------------------------------------

    @property
    def keeps_derived(self) -> bool:
        """Whether ``put_derived`` values outlive this run (SQLite only)."""
        return self._memo.lasting

    def get_derived(self, key: str) -> str | None:
        """A value stored with ``put_derived`` by this run or an earlier one (SQLite only)."""
        return self.get_derived_many([key]).get(key)

    def get_derived_many(self, keys: Collection[str]) -> dict[str, str]:
        """``get_derived`` for many keys, in a few queries: the keys that have a value."""
        found, wanted = self._memo.recall(keys)
        if not wanted or self.lost is not None:
            return found
        try:
            found.update(self._memo.read(wanted))
        except self._failures as exc:
            self._give_up(exc)
            return found
        self._answered = True
        return found

    def put_derived(self, key: str, value: str) -> None:
        """Keep ``value`` for a later audit; on a cache other than SQLite, for this run only."""
        self._memo.put(key, value)

    # --- committing and closing -------------------------------------------------------------

    def make_file(self) -> None:
        """Make the SQLite file and its tables now, not on the first write: processes that are
        about to open it at once then never meet it half made."""
        if self._file is not None and self.lost is None:
            try:
                connect_writer(self._file.path).close()
            except self._failures as exc:
                self._give_up(exc)

    def flush(self, *, wait: bool = True) -> None:
        """Commit the writes held back for batching (and wait for any written behind).

        With ``wait=False`` they are only handed to the background writer: the next ``flush``
        or ``close`` waits for the commit (and raises a failed one); lookups see them meanwhile.
        """
        if self.lost is not None or self._file is None:
            return  # given up: nothing is written, and a failed write was said already
        try:
            if self._file.holding or self._memo.unwritten():
                self._write_behind()
            if wait:
                self._file.wait_for_writer()
        except self._failures as exc:
            self._give_up(exc)

    def close(self) -> None:
        try:
            self.flush()  # may stop the run (CacheUnavailable): the rest is released all the same
        finally:
            self._release()

    def _release(self) -> None:
        if self._file is not None:
            self._file.close()
        if self._backend is not None:
            try:
                self._backend.close()  # type: ignore[no-untyped-call]  # requests-cache: bare
            except self._failures:
                if self.lost is None:
                    raise
