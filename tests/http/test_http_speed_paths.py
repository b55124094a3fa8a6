"""The fast paths of the HTTP layer give the same answers as the plain ones.

Cache keys, the bulk warm pass, batched writes, the lean encode/decode of requests-cache's
stored format, and the aiohttp socket layer. Timing lives in bench/, not here: these tests pin
behaviour, and fail when a requests-cache upgrade changes a format the fast paths rely on.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import pickle
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from requests.structures import CaseInsensitiveDict
from requests_cache.backends.sqlite import SQLiteCache
from requests_cache.models.request import CachedRequest
from requests_cache.models.response import CachedResponse
from requests_cache.serializers import pickle_serializer

from citecheck.http import (
    CacheUnavailable,
    ErrorKind,
    Fetcher,
    FetchResult,
    HttpSettings,
    ResponseCache,
)
from citecheck.http.cache import (
    Stored,
    lean_decode,
    lean_encode,
    open_backend,
    request_key,
)
from citecheck.http.cache.sqlite import SqliteFile
from citecheck.http.retry import Attempt
from tests.http.http_fault_server import FaultServer

Settings = Callable[..., HttpSettings]
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)


def fetch_all(
    settings: HttpSettings, urls: list[str], method: str = "GET"
) -> dict[str, FetchResult]:
    async def run() -> dict[str, FetchResult]:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_many(urls, method)

    return asyncio.run(run())


# --- keys ----------------------------------------------------------------------------------


def test_the_cache_key_is_stable_and_used_by_the_backend(tmp_path: Path):
    # A change here invalidates every user's cache and cassettes: make it deliberately.
    assert request_key("GET", "https://example.org/a?b=1") == request_key(
        "get", "https://example.org/a?b=1"
    )
    assert request_key("GET", "https://example.org/a") != request_key(
        "HEAD", "https://example.org/a"
    )
    assert request_key("GET", "https://example.org/a") != request_key(
        "GET", "https://example.org/A"
    )
    assert len(request_key("GET", "https://example.org/")) == 16
    cache = ResponseCache(SQLiteCache(tmp_path / "k.sqlite"), HttpSettings())
    try:
        url = "https://пример.рф/путь?q=ü"
        request = CachedRequest(method="GET", url=url, headers=CaseInsensitiveDict(), body=b"")
        assert cache.backend.create_key(request) == request_key("GET", url) == cache.key("GET", url)
    finally:
        cache.close()


# --- requests-cache's stored format (what lean_encode / lean_decode rely on) ----------------


def _as_store_built_it(stored: Stored, method: str, reason: str) -> CachedResponse:
    """The CachedResponse ResponseCache.store builds for a non-SQLite backend."""
    return CachedResponse(
        url=stored.url,
        status_code=stored.status,
        reason=reason,
        headers=CaseInsensitiveDict(stored.headers),
        content=stored.body,
        request=CachedRequest(
            method=method, url=stored.url, headers=CaseInsensitiveDict(), body=b""
        ),
        created_at=stored.created_at,
        expires=stored.expires,
    )


CASES = [
    Stored(
        "https://example.org/",
        200,
        {"Content-Type": "text/html; charset=cp1251"},
        "Привет".encode("cp1251"),
        NOW,
        NOW + dt.timedelta(days=1),
    ),
    Stored("https://example.org/gone", 404, {}, b"", NOW, NOW + dt.timedelta(days=1)),
    Stored(
        "https://web.archive.org/web/2023/https://x.org/",
        302,
        {
            "Location": "/web/20230101000000/https://x.org/",
            "Memento-Datetime": "Sun, 01 Jan 2023 00:00:00 GMT",
        },
        b"moved",
        NOW,
        None,
    ),
]


@pytest.mark.parametrize("stored", CASES, ids=["200-body", "404-empty", "302-never-expires"])
def test_lean_encode_writes_exactly_what_requests_cache_writes(stored: Stored):
    cached = CachedResponse.from_response(
        _as_store_built_it(stored, "GET", "OK"), expires=stored.expires
    )
    theirs = pickle.loads(pickle_serializer.dumps(cached))
    ours = pickle.loads(lean_encode(stored, "GET", "OK"))
    assert ours == theirs
    # And requests-cache reads our bytes back as the response it would have stored.
    back = pickle_serializer.loads(lean_encode(stored, "GET", "OK"))
    assert (back.url, back.status_code, dict(back.headers), back.content) == (
        stored.url,
        stored.status,
        dict(stored.headers),
        stored.body,
    )
    assert back.created_at == stored.created_at and back.expires == stored.expires


@pytest.mark.parametrize("stored", CASES, ids=["200-body", "404-empty", "302-never-expires"])
def test_lean_decode_reads_what_requests_cache_writes(stored: Stored):
    cached = CachedResponse.from_response(
        _as_store_built_it(stored, "GET", "OK"), expires=stored.expires
    )
    decoded = lean_decode(pickle_serializer.dumps(cached))
    assert decoded is not None
    assert decoded._replace(headers=dict(decoded.headers)) == stored._replace(
        headers=dict(stored.headers)
    )


def test_lean_decode_leaves_anything_else_to_requests_cache():
    assert lean_decode(b"not a pickle") is None
    assert lean_decode(pickle.dumps({"something": "else"})) is None


def test_the_sqlite_table_is_the_one_the_bulk_paths_read_and_write(tmp_path: Path):
    backend = SQLiteCache(tmp_path / "t.sqlite", wal=True)
    try:
        storage = backend.responses
        assert storage.table_name == "responses"
        assert storage.serializer.name == "pickle"
        with storage.connection() as con:
            columns = [row[1] for row in con.execute("PRAGMA table_info(responses)")]
        assert columns == ["key", "value", "expires"]
    finally:
        backend.close()


def test_batched_writes_are_read_back_by_requests_cache_itself(tmp_path: Path, settings: Settings):
    path = tmp_path / "b.sqlite"
    cache = ResponseCache(
        open_backend(HttpSettings(cache=path)), settings(no_cache=False, cache=path)
    )
    now = dt.datetime.now(dt.UTC)
    attempt = Attempt(
        url="https://example.org/p",
        status=200,
        headers={"content-type": "text/html", "content-length": "3"},
        body=b"abc",
        fetched_at=now,
    )
    assert cache.store("GET", attempt)
    found = cache.lookup("GET", attempt.url)  # held back, yet visible at once
    assert found is not None and found.body == b"abc" and found.from_cache
    cache.close()  # commits

    backend = SQLiteCache(path)
    try:
        cached = backend.get_response(request_key("GET", attempt.url))
        assert cached is not None
        assert (cached.status_code, cached.content, cached.created_at) == (200, b"abc", now)
        assert "content-length" not in {k.lower() for k in cached.headers}  # stored decoded
        assert cached.expires == now + dt.timedelta(days=1)
        with sqlite3.connect(path) as con:
            (expires,) = con.execute("SELECT expires FROM responses").fetchone()
        assert expires == cached.expires_unix
    finally:
        backend.close()


def test_a_batch_is_committed_every_write_batch_writes(
    tmp_path: Path, settings: Settings, monkeypatch
):
    from citecheck.http.cache import sqlite as cache_module

    monkeypatch.setattr(cache_module, "WRITE_BATCH", 3)
    path = tmp_path / "n.sqlite"
    cache = ResponseCache(
        open_backend(HttpSettings(cache=path)), settings(no_cache=False, cache=path)
    )
    try:
        for i in range(4):
            cache.store(
                "GET", Attempt(url=f"https://e.org/{i}", status=200, body=b"x", fetched_at=NOW)
            )
            # A full batch is written behind, by the writer thread; its rows stay readable.
            assert cache.lookup("GET", f"https://e.org/{i}", allow_stale=True) is not None
        cache._file.wait_for_writer()
        with sqlite3.connect(path) as con:
            assert con.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 3
    finally:
        cache.close()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 4


def test_a_flush_that_does_not_wait_leaves_the_commit_to_the_writer_and_close_waits(
    tmp_path: Path, monkeypatch
):
    path = tmp_path / "w.sqlite"
    cache = ResponseCache(None, HttpSettings(cache=path))
    may_write = threading.Event()
    write_rows = SqliteFile._write_rows

    def held(self: SqliteFile, *args: object) -> None:
        assert may_write.wait(10)  # bounded: the test fails rather than hangs
        write_rows(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(SqliteFile, "_write_rows", held)
    attempt = Attempt(url="https://e.org/", status=200, body=b"x", fetched_at=NOW, public=True)
    cache.store("GET", attempt)
    cache.flush(wait=False)  # returns although the writer cannot commit yet
    assert cache.lookup("GET", attempt.url, allow_stale=True) is not None  # still visible
    may_write.set()
    cache.close()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 1


def test_a_failed_commit_behind_a_flush_that_did_not_wait_is_raised_by_close(
    tmp_path: Path, monkeypatch
):
    cache = ResponseCache(None, HttpSettings(cache=tmp_path / "f.sqlite"))

    def broken(self: SqliteFile, *args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(SqliteFile, "_write_rows", broken)
    cache.store("GET", Attempt(url="https://e.org/", status=200, body=b"x", fetched_at=NOW))
    cache.flush(wait=False)
    # A cache that failed before it ever answered stops the run, named as the cache's failure.
    with pytest.raises(CacheUnavailable, match="disk I/O error"):
        cache.close()


def test_a_fetcher_closes_its_cache_while_its_connections_close(
    server: FaultServer, settings: Settings, sqlite_cache: Path, monkeypatch
):
    from citecheck.http.aio import LeanClient

    cache_closed = threading.Event()
    close_cache, close_client = ResponseCache.close, LeanClient.aclose

    def closing_cache(self: ResponseCache) -> None:
        close_cache(self)
        cache_closed.set()

    async def closing_client(self: LeanClient) -> None:
        # The cache closes meanwhile; closed one after the other, it would not have begun.
        for _ in range(500):  # bounded: ~5 s
            if cache_closed.is_set():
                break
            await asyncio.sleep(0.01)
        assert cache_closed.is_set()
        await close_client(self)

    monkeypatch.setattr(ResponseCache, "close", closing_cache)
    monkeypatch.setattr(LeanClient, "aclose", closing_client)
    url = server.url("/ok")
    fetch_all(settings(no_cache=False, cache=sqlite_cache), [url])
    assert cache_closed.is_set()
    with sqlite3.connect(sqlite_cache) as con:
        assert con.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 1


def _schema(path: Path) -> tuple[list[tuple[str, ...]], str]:
    with sqlite3.connect(path) as con:
        rows = con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        (mode,) = con.execute("PRAGMA journal_mode").fetchone()
    return rows, mode


def test_a_cache_file_citecheck_creates_has_requests_cache_s_own_schema(tmp_path: Path):
    theirs = tmp_path / "theirs.sqlite"
    SQLiteCache(theirs, wal=True).close()
    ours = tmp_path / "ours.sqlite"
    cache = ResponseCache(None, HttpSettings(cache=ours))
    cache.store("GET", Attempt(url="https://e.org/", status=200, body=b"x", fetched_at=NOW))
    cache.close()
    rows, mode = _schema(ours)
    # citecheck's own tables (derived values, bodiless heads) sit beside them; requests-cache
    # ignores them.
    mine = ("citecheck_derived", "citecheck_heads")
    assert ([r for r in rows if r[2] not in mine], mode) == _schema(theirs)
    assert mode == "wal"


def test_derived_values_outlive_the_run_and_are_read_in_bulk(tmp_path: Path):
    path = tmp_path / "c.sqlite"
    cache = ResponseCache(None, HttpSettings(cache=path))
    assert cache.get_derived_many(["a"]) == {} and not path.exists()  # reading makes no file
    for n in range(2000):  # more keys than one query takes
        cache.put_derived(f"k{n}", f"v{n}")
    cache.store("GET", Attempt(url="https://e.org/", status=200, body=b"x", fetched_at=NOW))
    cache.close()
    again = ResponseCache(None, HttpSettings(cache=path))
    try:
        wanted = [f"k{n}" for n in range(0, 2000, 3)] + ["missing"]
        assert again.get_derived_many(wanted) == {k: "v" + k[1:] for k in wanted[:-1]}
        assert again.get_derived("k7") == "v7" and again.get_derived("missing") is None
    finally:
        again.close()


def test_what_the_lean_writer_stores_requests_cache_reads_back(tmp_path: Path):
    path = tmp_path / "c.sqlite"
    cache = ResponseCache(None, HttpSettings(cache=path))
    attempt = Attempt(
        url="https://e.org/a", status=200, headers={"content-type": "text/html"}, body=b"<p>",
        fetched_at=NOW,
    )
    cache.store("GET", attempt)
    cache.close()
    backend = open_backend(HttpSettings(cache=path))
    try:
        cached = backend.get_response(request_key("GET", "https://e.org/a"))
        assert cached is not None
        assert (cached.status_code, cached.content, cached.headers["content-type"]) == (
            200, b"<p>", "text/html"
        )
        assert cached.expires == NOW + dt.timedelta(days=1)
    finally:
        backend.close()


def test_a_cold_check_on_the_default_cache_never_imports_requests_cache(
    tmp_path: Path, server: FaultServer
):
    # requests-cache (and requests) cost ~0.2 s to import; a cold audit on the default SQLite
    # cache reads and writes its table format without them. Checked in a fresh interpreter.
    import subprocess
    import sys

    script = (
        "import asyncio, sys\n"
        "from citecheck.http import Fetcher, HttpSettings\n"
        f"s = HttpSettings(cache={str(tmp_path / 'c.sqlite')!r}, allow_private=True)\n"
        "async def run():\n"
        "    async with Fetcher(s) as f:\n"
        f"        r = await f.fetch_many([{server.url('/ok')!r}, {server.url('/status/404')!r}])\n"
        "        assert sorted(x.status for x in r.values()) == [200, 404], r\n"
        "asyncio.run(run())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('requests_cache', 'requests')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# --- the warm pass --------------------------------------------------------------------------


def test_a_warm_audit_is_answered_without_a_client_or_a_request(
    server: FaultServer, settings: Settings, sqlite_cache: Path
):
    chosen = settings(no_cache=False, cache=sqlite_cache)
    urls = [server.url(p) for p in ("/ok", "/redirect/301", "/chain/3", "/status/404", "/cp1251")]
    cold = fetch_all(chosen, urls)
    asked = len(server.requests)

    async def warm() -> tuple[dict[str, FetchResult], bool]:
        async with Fetcher(chosen) as fetcher:
            results = await fetcher.fetch_many(urls)
            return results, fetcher._client is None

    results, no_client = asyncio.run(warm())
    assert no_client and len(server.requests) == asked
    for url in urls:
        assert results[url].from_cache
        assert {**results[url].to_dict(), "from_cache": False} == cold[url].to_dict()
        assert results[url].body == cold[url].body


def test_the_warm_pass_sends_only_missing_or_stale_hops_to_the_network(
    server: FaultServer, settings: Settings, sqlite_cache: Path
):
    chosen = settings(no_cache=False, cache=sqlite_cache)
    fetch_all(chosen, [server.url("/ok")])
    results = fetch_all(chosen, [server.url("/ok"), server.url("/redirect/302")])
    assert results[server.url("/ok")].from_cache
    # /redirect/302 was missing; its target /ok came from the cache under the client.
    assert not results[server.url("/redirect/302")].from_cache
    assert server.seen("/ok") == 1 and server.seen("/redirect/302") == 1


def test_offline_the_warm_pass_names_every_miss(
    server: FaultServer, settings: Settings, sqlite_cache: Path
):
    chosen = settings(no_cache=False, cache=sqlite_cache)
    fetch_all(chosen, [server.url("/redirect/301")])
    offline = settings(no_cache=False, cache=sqlite_cache, offline=True)
    results = fetch_all(offline, [server.url("/redirect/301"), server.url("/json")])
    assert results[server.url("/redirect/301")].ok
    assert results[server.url("/json")].error is ErrorKind.NOT_RECORDED
    assert server.seen("/json") == 0


# --- the socket layer -----------------------------------------------------------------------


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_redirect_hops_carry_no_body_on_either_socket_layer(
    server: FaultServer, settings: Settings, transport: str, method: str, code: int
):
    url = server.url(f"/redirect/{code}")
    result = fetch_all(settings(network_transport=transport), [url], method)[url]
    assert result.status == 200 and result.error is None
    assert [hop.status for hop in result.chain] == [code, 200]
    assert (method, "/ok") in server.requests
    for head in server.heads:
        lowered = head.lower()
        assert b"transfer-encoding" not in lowered, head
        assert b"content-length: " not in lowered or b"content-length: 0" in lowered, head


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_each_socket_layer_sends_the_user_agent_and_accept_headers_once(
    server: FaultServer, settings: Settings, transport: str
):
    chosen = settings(network_transport=transport, user_agent="citecheck-test/1 (+https://e.org)")
    assert fetch_all(chosen, [server.url("/ok")])[server.url("/ok")].status == 200
    lines = [line.lower() for line in server.heads[-1].split(b"\r\n")[1:] if line]
    names = [line.split(b":", 1)[0] for line in lines]
    assert sorted(set(names)) == sorted(names)  # no header twice
    assert b"user-agent: citecheck-test/1 (+https://e.org)" in lines
    assert b"accept: */*" in lines and b"accept-encoding" in names


def test_an_unknown_socket_layer_is_refused(settings: Settings):
    from citecheck.http.transport import socket_transport

    with pytest.raises(ValueError, match="network transport"):
        socket_transport(settings(network_transport="curl"))


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_both_socket_layers_name_faults_alike(
    server: FaultServer, settings: Settings, transport: str
):
    chosen = settings(network_transport=transport, max_attempts=1)
    urls = [server.url("/reset"), server.url("/gzip-lies"), "http://127.0.0.1:9/refused"]
    results = fetch_all(chosen, urls)
    assert results[urls[0]].error is ErrorKind.CONNECTION_RESET
    assert results[urls[1]].error is ErrorKind.CONTENT_DECODING
    assert results[urls[2]].error is ErrorKind.CONNECTION_REFUSED
    assert server.seen("/reset") == 1  # aiohttp's own silent resend is off


# --- plain URLs split without urlsplit -------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org",
        "http://example.org/",
        "https://Example.ORG:8443/a/b?c=d&e#frag",
        "http://127.0.0.1:8080/p/1?x",
        "http://example.org:/path",
        "http://example.org?only-query",
        "http://example.org#only-fragment",
        "http://example.org/a#b?c",
        "http://user:pw@example.org/",
        "http://[::1]:80/",
        "HTTP://example.org/",
        "http://example.org/ space",
        "http://exämple.org/",
        "http://example.org:99999/",
        "http://example.org:8x/",
        "http://:80/",
        "ftp://example.org/",
        "  http://example.org/",
        "http://example.org/a\tb",
    ],
)
def test_the_plain_url_splitter_agrees_with_urlsplit(url: str):
    from urllib.parse import urlsplit

    from citecheck.http.errors import FetchFailure
    from citecheck.http.safety import _checked, check_url, split_simple

    simple = split_simple(url)
    if simple is not None:
        assert simple == tuple(urlsplit(url))
    try:
        expected: object = _checked(url)
    except FetchFailure as failure:
        expected = failure.kind
    try:
        got: object = check_url(url)
    except FetchFailure as failure:
        got = failure.kind
    assert got == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/",
        "http://example.org",
        "http://127.0.0.1:40617/p/0",
        "https://example.org:443/a",
        "http://example.org:80/a",
        "http://example.org:0080/a",
        "http://Example.org/a",
        "http://example.org/a b",
        "http://example.org/a%7e?b=%41",
        "http://example.org/a/../b",
        "http://example.org/a/./b",
        "http://example.org/a/.",
        "http://example.org/ä",
        "http://bücher.example/",
        "http://example.org/a?b=c&d=e;f,g:h@i!$*()~+",
        "http://example.org/a?b c",
        "http://example.org/a#frag",
        "http://example.org/a?q#frag",
        "http://example.org/a'b",
        'http://example.org/a"b<c>',
        "http://example.org/a|b^c`d{e}",
    ],
)
def test_the_lean_path_sends_the_url_httpx_would_send(url: str):
    import httpx

    from citecheck.http.aio import wire_url

    assert wire_url(url) == str(httpx.URL(url))
