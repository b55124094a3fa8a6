"""The cache: hits, what is never stored, expiry policy, offline replay and cassettes."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

import citecheck.http.cache as cache_module
from citecheck.evidence.fetch import BodyFacts
from citecheck.http import (
    CacheBackendError,
    ErrorKind,
    Fetcher,
    FetchResult,
    HttpSettings,
    ResponseCache,
    open_backend,
)
from citecheck.http.cassette import lossless_codec
from citecheck.http.retry import Attempt
from tests.http.http_fault_server import CYRILLIC, FaultServer

Settings = Callable[..., HttpSettings]


def fetch_all(settings: HttpSettings, urls: Iterable[str]) -> dict[str, FetchResult]:
    async def run() -> dict[str, FetchResult]:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_many(urls)

    return asyncio.run(run())


def fetch(settings: HttpSettings, url: str) -> FetchResult:
    return fetch_all(settings, [url])[url]


def test_a_second_fetch_comes_from_the_cache(
    server: FaultServer, settings: Settings, sqlite_cache: Path
):
    first = fetch(settings(no_cache=False, cache=sqlite_cache), server.url("/redirect/301"))
    second = fetch(settings(no_cache=False, cache=sqlite_cache), server.url("/redirect/301"))
    assert not first.from_cache and second.from_cache
    assert second.chain == first.chain and second.body == first.body
    assert second.checked_at == first.checked_at  # when it was really fetched
    assert server.seen("/redirect/301") == 1 and server.seen("/ok") == 1


@pytest.mark.parametrize("path", ["/503-forever", "/429-forever"])
def test_server_errors_and_rate_limits_are_never_cached(
    server: FaultServer, settings: Settings, sqlite_cache: Path, path: str
):
    chosen = settings(no_cache=False, cache=sqlite_cache, max_attempts=1)
    fetch(chosen, server.url(path))
    again = fetch(chosen, server.url(path))
    assert not again.from_cache and server.seen(path) == 2


def test_failures_and_cut_bodies_are_never_cached(
    server: FaultServer, settings: Settings, sqlite_cache: Path
):
    chosen = settings(no_cache=False, cache=sqlite_cache, max_attempts=1, max_bytes=1000)
    for _ in range(2):
        assert fetch(chosen, server.url("/endless")).error is ErrorKind.TOO_LARGE
        assert fetch(chosen, server.url("/reset")).error is ErrorKind.CONNECTION_RESET
    assert server.seen("/endless") == 2 and server.seen("/reset") == 2


def test_snapshots_never_expire_and_live_urls_do(server: FaultServer, settings: Settings):
    # max_age=0: a live URL is stale at once; the "snapshot" pattern makes /memento permanent.
    chosen = settings(
        no_cache=False,
        cache=None,
        max_age=dt.timedelta(0),
        snapshot_patterns=(f"127.0.0.1:{server.port}/memento",),
    )

    cache = ResponseCache(open_backend(HttpSettings(no_cache=True)), chosen)

    async def twice() -> None:
        for _ in range(2):
            async with Fetcher(chosen, cache=cache) as fetcher:
                await fetcher.fetch_many([server.url("/memento"), server.url("/ok")])

    asyncio.run(twice())
    assert server.seen("/memento") == 1
    assert server.seen("/ok") == 2


def test_the_expiry_policy_reads_url_patterns(settings: Settings):
    patterns = ("web.archive.org/web/*", "archive.ph/*")  # as the archives declare them
    cache = ResponseCache(
        open_backend(HttpSettings(no_cache=True)), settings(snapshot_patterns=patterns)
    )
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    snapshot = "https://web.archive.org/web/20230914000000/https://example.org/"
    assert cache.expires(snapshot, 200, now) is None
    assert cache.expires(snapshot, 302, now) is None
    # An archive's "not archived" may change once someone archives the page.
    assert cache.expires(snapshot, 404, now) == now + dt.timedelta(days=1)
    assert cache.expires("https://example.org/page", 200, now) == now + dt.timedelta(days=1)
    assert cache.expires("https://archive.ph/2023.09.14-000000/https://x.org/", 200, now) is None


def test_the_cache_key_is_computed_once_per_request(settings: Settings, monkeypatch):
    cache = ResponseCache(open_backend(HttpSettings(no_cache=True)), settings())
    calls = []
    original = cache_module.request_key
    monkeypatch.setattr(
        "citecheck.http.cache.response.request_key",
        lambda *a: calls.append(a) or original(*a),
    )
    attempt = Attempt(url="http://a.test/", status=200, body=b"x")
    cache.lookup("GET", "http://a.test/")
    cache.store("GET", attempt)
    assert cache.lookup("GET", "http://a.test/") is not None
    assert len(calls) == 1


def test_offline_a_miss_is_not_recorded_and_no_request_is_made(
    server: FaultServer, settings: Settings, tmp_path: Path
):
    result = fetch(settings(cassette=tmp_path / "empty", offline=True), server.url("/ok"))
    assert result.error is ErrorKind.NOT_RECORDED and result.status is None
    assert server.requests == []


def test_offline_answers_from_the_cache_whatever_its_age(
    server: FaultServer, settings: Settings, sqlite_cache: Path
):
    chosen = settings(no_cache=False, cache=sqlite_cache, max_age=dt.timedelta(0))
    fetch(chosen, server.url("/ok"))
    replay = fetch(dataclasses.replace(chosen, offline=True), server.url("/ok"))
    assert replay.ok and replay.from_cache and server.seen("/ok") == 1


REPLAYED = [
    "/ok",
    "/cp1251",
    "/wrong-charset",
    "/no-charset",
    "/shift-jis",
    "/json",
    "/binary",
    "/gzip-ok",
    "/redirect/302",
    "/old-page",
    "/memento",
    "/status/404",
]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_recorded_cassette_replays_offline_byte_for_byte(
    server: FaultServer, settings: Settings, tmp_path: Path, fmt: str
):
    if fmt == "yaml":
        pytest.importorskip("yaml")
    cassette = tmp_path / "cassette"
    urls = [server.url(path) for path in REPLAYED]
    recorded = fetch_all(settings(record=cassette, cassette_format=fmt), urls)
    seen_while_recording = len(server.requests)

    replayed = fetch_all(settings(cassette=cassette, cassette_format=fmt, offline=True), urls)

    assert len(server.requests) == seen_while_recording  # the replay made no request
    for url in urls:
        assert replayed[url].from_cache
        assert dataclasses.replace(replayed[url], from_cache=False) == recorded[url], url
    files = list(cassette.glob(f"*.{fmt}"))
    assert files
    # Readable in review: the Cyrillic page is stored as text, not base64.
    assert any(CYRILLIC in path.read_text("utf-8") for path in files)


def test_lossless_codec_prefers_the_declared_charset_and_falls_back_to_latin1():
    assert lossless_codec(CYRILLIC.encode("cp1251"), "windows-1251") == "cp1251"
    assert lossless_codec(CYRILLIC.encode("cp1251"), "utf-8") == "latin-1"
    assert lossless_codec("é".encode(), None) == "utf-8"
    assert lossless_codec(b"\xff\xfe", "no-such-codec") == "latin-1"


def test_a_sqlite_cache_is_the_default_and_lives_in_the_user_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    backend = open_backend(HttpSettings())
    try:
        assert type(backend).__name__ == "SQLiteCache"
        assert Path(backend.db_path).is_relative_to(tmp_path)
    finally:
        backend.close()


@pytest.mark.parametrize(
    ("url", "package"), [("redis://127.0.0.1:1/0", "redis"), ("mongodb://127.0.0.1:1", "pymongo")]
)
def test_a_shared_cache_without_its_driver_fails_clearly_when_chosen(url: str, package: str):
    pytest.importorskip("citecheck")  # keeps the parametrised ids readable
    try:
        __import__(package)
    except ImportError:
        with pytest.raises(CacheBackendError, match=f"pip install {package}"):
            open_backend(HttpSettings(cache=url))
    else:
        pytest.skip(f"{package} is installed; nothing to fail")


def test_an_unknown_cache_url_is_refused():
    with pytest.raises(CacheBackendError, match="ftp"):
        open_backend(HttpSettings(cache="ftp://somewhere/cache"))


def test_progress_is_told_of_every_fetch_until_all_are_done(tmp_path: Path) -> None:
    import asyncio

    from citecheck.http import Fetcher, HttpSettings

    seen: list[tuple[int, int]] = []
    settings = HttpSettings(cache=tmp_path / "empty.sqlite", offline=True)

    async def run() -> None:
        async with Fetcher(settings, progress=lambda done, total: seen.append((done, total))) as f:
            await f.fetch_many(["https://example.org/a", "https://example.org/b"])

    asyncio.run(run())
    assert seen[-1] == (2, 2)
    assert all(done <= total for done, total in seen)


def test_a_lookup_that_needs_no_body_leaves_it_in_the_cache(
    server: FaultServer, settings: Settings, sqlite_cache: Path
):
    chosen = settings(no_cache=False, cache=sqlite_cache)
    url = server.url("/ok")
    fetched = fetch(chosen, url)
    cache = ResponseCache(None, chosen)
    try:
        bodiless = cache.lookup_many("GET", [url], bodies=False)[url]
        whole = cache.lookup_many("GET", [url])[url]
    finally:
        cache.close()
    assert bodiless.body == b"" and whole.body == fetched.body
    assert bodiless.facts == BodyFacts(len(fetched.body), b"A real page")
    assert whole.facts is None
    assert (bodiless.status, bodiless.headers, bodiless.fetched_at) == (
        whole.status,
        whole.headers,
        whole.fetched_at,
    )


def test_a_response_stored_without_its_head_is_read_whole(
    server: FaultServer, settings: Settings, sqlite_cache: Path
):
    # A cache written before heads were kept (or with one unreadable): nothing is lost.
    chosen = settings(no_cache=False, cache=sqlite_cache)
    url = server.url("/ok")
    fetched = fetch(chosen, url)
    with sqlite3.connect(sqlite_cache) as con:
        con.execute("UPDATE citecheck_heads SET value = x'00'")
    cache = ResponseCache(None, chosen)
    try:
        found = cache.lookup_many("GET", [url], bodies=False)[url]
    finally:
        cache.close()
    assert found.body == fetched.body and found.facts is None


def page_size(path: Path) -> int:
    with sqlite3.connect(path) as con:
        return int(con.execute("PRAGMA page_size").fetchone()[0])


def test_a_new_sqlite_cache_has_pages_a_stored_page_fits_in_and_an_old_one_keeps_its_own(
    server: FaultServer, settings: Settings, tmp_path: Path
):
    new, old = tmp_path / "new.sqlite", tmp_path / "old.sqlite"
    with sqlite3.connect(old) as con:  # a cache made before, with SQLite's default pages
        for statement in cache_module.SCHEMA:
            con.execute(statement)
    default = page_size(old)
    url = server.url("/ok")
    for path in (new, old):
        fetched = fetch(settings(no_cache=False, cache=path), url)
        cache = ResponseCache(None, settings(no_cache=False, cache=path))
        try:
            assert cache.lookup_many("GET", [url])[url].body == fetched.body
        finally:
            cache.close()
    assert page_size(new) == cache_module.PAGE_SIZE != default
    assert page_size(old) == default


def test_a_cache_path_that_cannot_be_an_sqlite_file_is_refused_before_any_work(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes")
    for path, why in ((tmp_path, "a folder, not a file"), (notes, "not an SQLite file")):
        settings = HttpSettings(cache=path)
        with pytest.raises(CacheBackendError, match=why) as raised:
            ResponseCache(None, settings)
        assert str(path) in str(raised.value)
        with pytest.raises(CacheBackendError, match=why):
            open_backend(settings)  # the requests-cache way in refuses it too
    assert notes.read_text() == "my own notes"
    empty = tmp_path / "empty.sqlite"
    empty.touch()  # SQLite takes an empty file for an empty database
    ResponseCache(None, HttpSettings(cache=empty)).close()
