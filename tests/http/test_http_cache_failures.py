"""A failing cache is the cache's failure, never a verdict on a citation; another program's
SQLite file is not a cache; an answer from a non-public address is served only where private
addresses are allowed.

The Redis tests run a real redis-server on 127.0.0.1 and kill it by its PID (tests/support/
redis_server.py); they skip where it is not installed, and fail in CI, which installs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.cli import main
from citecheck.http import (
    CacheBackendError,
    CacheUnavailable,
    ErrorKind,
    Fetcher,
    FetchResult,
    HttpSettings,
    ResponseCache,
    open_backend,
)
from citecheck.http.cache import ADDRESS_HEADER, served_from_public
from citecheck.http.retry import Attempt
from tests.http.http_fault_server import FaultServer
from tests.support.pywb_server import free_port
from tests.support.redis_server import RedisServer, require_redis_server

Settings = Callable[..., HttpSettings]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    program = require_redis_server()
    with RedisServer(program, tmp_path / "redis") as running:
        yield running


def fetch_all(settings: HttpSettings, urls: Iterable[str]) -> dict[str, FetchResult]:
    async def run() -> dict[str, FetchResult]:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_many(urls)

    return asyncio.run(run())


def pages(server: FaultServer, numbers: Iterable[int]) -> list[str]:
    return [server.url(f"/page/{n}") for n in numbers]


def article_citing(urls: list[str]) -> str:
    refs = "".join(
        f"Claim {i}.<ref>{{{{cite web |url={url} |title=Page {i}}}}}</ref>\n"
        for i, url in enumerate(urls)
    )
    return refs + "== References ==\n{{reflist}}\n"


def audit_json(*args: str) -> tuple[int, list[tuple[str, Any]], str]:
    """Exit code, (code, reference) of each finding, and stderr of a CLI audit to JSON."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["audit", *args, "--format", "json", "-o", "-", "--today", "2026-11-22"])
    findings = json.loads(out.getvalue())["findings"] if out.getvalue() else []
    listed = sorted((f["code"], json.dumps(f.get("reference"))) for f in findings)
    return code, listed, err.getvalue()


# 1. A lost cache is not a dead link.


def test_a_redis_cache_killed_mid_audit_is_one_warning_and_the_findings_of_a_fresh_cache(
    server: FaultServer, redis_server: RedisServer, tmp_path: Path, monkeypatch
):
    article = tmp_path / "a.wikitext"
    article.write_text(article_citing(pages(server, range(12))))
    common = (str(article), "--allow-private", "--fail-on", "never")
    expected = audit_json(*common, "--cache", str(tmp_path / "fresh.sqlite"))[1]
    stores = 0
    store = ResponseCache.store

    def store_then_lose_the_cache(self: ResponseCache, *args: Any, **kwargs: Any) -> bool:
        nonlocal stores
        stores += 1
        if stores == 3:  # the first answers are stored, the rest are not yet fetched
            redis_server.kill()
        return store(self, *args, **kwargs)

    monkeypatch.setattr(ResponseCache, "store", store_then_lose_the_cache)
    code, findings, err = audit_json(*common, "--cache", redis_server.url)
    assert code == 0 and stores > 3, err  # it went on checking after the loss
    assert findings == expected  # no dead-url (nor any other verdict) from the cache's loss
    assert not any(found == "dead-url" for found, _ in findings)
    warnings = [line for line in err.splitlines() if line.startswith("citecheck: warning:")]
    assert len(warnings) == 1
    assert f"cache {redis_server.url} failed mid-audit" in warnings[0]
    assert "Traceback" not in err


def test_a_redis_cache_down_at_start_is_one_clear_line_and_exit_2(tmp_path: Path):
    pytest.importorskip("redis")
    port = free_port()  # nothing listens there
    url = f"redis://:s3cret@127.0.0.1:{port}/0"
    article = tmp_path / "a.wikitext"
    article.write_text(article_citing(["http://127.0.0.1:9/x"]))
    report = tmp_path / "r.md"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["audit", str(article), "--allow-private", "--cache", url, "-o", str(report)])
    lines = err.getvalue().splitlines()
    assert code == 2 and not report.exists()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"citecheck: error: cache redis://:***@127.0.0.1:{port}/0: unreachable ("
    )
    assert "s3cret" not in err.getvalue() and "Traceback" not in err.getvalue()


def test_a_cache_lost_mid_fetch_is_never_an_error_of_the_cited_host(
    server: FaultServer, redis_server: RedisServer, settings: Settings, caplog
):
    chosen = settings(no_cache=False, cache=redis_server.url)
    warm, cold = pages(server, range(5)), pages(server, range(5, 10))
    fetch_all(chosen, warm)

    async def run() -> tuple[dict[str, FetchResult], str | None]:
        async with Fetcher(chosen) as fetcher:
            redis_server.kill()  # after the cache was opened, before its first lookup
            return await fetcher.fetch_many(warm + cold), fetcher.cache.lost

    with caplog.at_level("WARNING", logger="citecheck"):
        results, lost = asyncio.run(run())
    assert {url: (r.status, r.error) for url, r in results.items()} == dict.fromkeys(
        warm + cold, (200, None)
    )
    assert lost is not None and "Connection refused" in lost
    said = [r.getMessage() for r in caplog.records if "failed mid-audit" in r.getMessage()]
    assert len(said) == 1 and redis_server.url in said[0]


def test_offline_a_cache_lost_mid_audit_stops_the_run(
    server: FaultServer, redis_server: RedisServer, settings: Settings
):
    chosen = settings(no_cache=False, cache=redis_server.url)
    urls = pages(server, range(3))
    fetch_all(chosen, urls)
    offline = dataclasses.replace(chosen, offline=True)

    async def run() -> None:
        async with Fetcher(offline) as fetcher:
            redis_server.kill()
            await fetcher.fetch_many(urls)

    # Offline the cache is the only source: going on would make every link not-recorded.
    with pytest.raises(CacheUnavailable, match=f"cache {redis_server.url}: .*refused"):
        asyncio.run(run())


# 2. Another program's SQLite file is not a cache.


def test_another_programs_sqlite_file_is_refused_and_left_as_it_is(tmp_path: Path):
    foreign = tmp_path / "notes.sqlite"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE notes (text)")
        con.execute("INSERT INTO notes VALUES ('mine')")
    con.close()
    before = foreign.read_bytes()
    settings = HttpSettings(cache=foreign)
    with pytest.raises(CacheBackendError, match="SQLite database of another program") as raised:
        ResponseCache(None, settings)
    assert str(foreign) in str(raised.value) and "notes" in str(raised.value)
    with pytest.raises(CacheBackendError, match="another program"):
        open_backend(settings)  # the requests-cache way in refuses it too
    article = tmp_path / "a.wikitext"
    article.write_text(article_citing(["http://127.0.0.1:9/x"]))
    code, _, err = audit_json(str(article), "--allow-private", "--cache", str(foreign))
    assert code == 2 and err.splitlines() == [f"citecheck: error: {raised.value}"]
    assert foreign.read_bytes() == before


def test_a_new_path_an_empty_file_and_a_cache_of_its_own_are_accepted(
    server: FaultServer, settings: Settings, tmp_path: Path
):
    from requests_cache.backends.sqlite import SQLiteCache

    empty = tmp_path / "empty.sqlite"
    empty.touch()
    requests_cache_own = tmp_path / "rc.sqlite"
    SQLiteCache(requests_cache_own).close()  # requests-cache's tables alone
    own = tmp_path / "own.sqlite"
    fetch_all(settings(no_cache=False, cache=own), [server.url("/ok")])  # all of citecheck's
    for path in (tmp_path / "new.sqlite", empty, requests_cache_own, own):
        ResponseCache(None, HttpSettings(cache=path)).close()
        open_backend(HttpSettings(cache=path)).close()


def _open_new_caches(root: Path, rounds: int, start: Any, failures: Any) -> None:
    """In a child process, on two threads: each round, open the round's new cache file with the
    other processes at once, write to it and close it (a corpus run's workers, two tasks each,
    starting on one new cache)."""
    import threading

    from citecheck.http.cache.sqlite import SqliteFile

    def use(path: Path, key: str) -> None:
        try:
            ResponseCache(None, HttpSettings(cache=path)).close()
            file = SqliteFile(path)
            file.write_behind({key: "v"})
            file.wait_for_writer()
            file.close()
        except Exception as exc:  # reported to the test, which names it
            failures.put(f"{path.name}: {exc!r}")

    for i in range(rounds):
        start.wait(timeout=60)
        path = root / f"c{i}.sqlite"
        threads = [threading.Thread(target=use, args=(path, f"k{i}")) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)


def test_processes_opening_one_new_cache_at_once_all_get_it(tmp_path: Path):
    # Making the file, its WAL and its tables takes locks a reader or another maker meets for a
    # moment ("database is locked"): tried again, never an error. And no thread looks at the
    # file outside SQLite, which would drop the locks its process's other connections hold.
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    processes, rounds = 4, 40
    start, failures = context.Barrier(processes), context.Queue()
    children = [
        context.Process(target=_open_new_caches, args=(tmp_path, rounds, start, failures))
        for _ in range(processes)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=120)
    assert [child.exitcode for child in children] == [0] * processes
    found = []
    while not failures.empty():
        found.append(failures.get())
    assert found == []
    for i in range(rounds):
        with contextlib.closing(sqlite3.connect(tmp_path / f"c{i}.sqlite")) as con:
            kept = con.execute("SELECT key FROM citecheck_derived").fetchall()
        assert kept == [(f"k{i}",)]


# 3. An answer from a non-public address is served only where private addresses are allowed.


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_an_answer_from_a_private_address_is_refused_without_allow_private(
    server: FaultServer, settings: Settings, tmp_path: Path, request, backend: str
):
    target = (
        request.getfixturevalue("redis_server").url
        if backend == "redis"
        else str(tmp_path / "c.sqlite")
    )
    url = server.url("/ok")
    allowed = settings(no_cache=False, cache=target)  # the test settings allow private
    assert fetch_all(allowed, [url])[url].status == 200
    strict = dataclasses.replace(allowed, allow_private=False)
    for chosen in (strict, dataclasses.replace(strict, offline=True)):
        refused = fetch_all(chosen, [url])[url]
        assert (refused.status, refused.error) == (None, ErrorKind.BLOCKED_PRIVATE_ADDRESS)
    assert server.seen("/ok") == 1  # refused without a request, as a fresh one would be
    assert fetch_all(allowed, [url])[url].from_cache  # still served where it is allowed


def test_only_an_answer_citecheck_knew_to_be_public_is_served_without_allow_private(
    tmp_path: Path,
):
    cache = ResponseCache(None, HttpSettings(cache=tmp_path / "c.sqlite"))
    try:
        public = Attempt(url="https://e.org/a", status=200, body=b"x", public=True)
        unknown = Attempt(url="https://e.org/b", status=200, body=b"x")
        # A page cannot mark itself public: the server's own header of that name is dropped.
        claims = Attempt(
            url="https://e.org/c", status=200, headers={ADDRESS_HEADER: "public"}, body=b"x"
        )
        for attempt in (public, unknown, claims):
            cache.store("GET", attempt)
        cache.flush()
        found = cache.lookup_many("GET", [public.url, unknown.url, claims.url])
    finally:
        cache.close()
    assert list(found) == [public.url]


@pytest.mark.parametrize(
    ("url", "headers", "served"),
    [
        # Marked when stored: the mark decides.
        ("https://example.org/", {ADDRESS_HEADER: "public"}, True),
        ("https://example.org/", {ADDRESS_HEADER: "non-public"}, False),
        ("http://127.0.0.1:8/", {ADDRESS_HEADER: "public"}, True),
        # Stored before the mark: judged by the host as written.
        ("https://example.org/", {}, True),
        ("https://93.184.216.34/", {}, True),
        ("http://127.0.0.1:8/", {}, False),
        ("http://10.1.2.3/", {}, False),
        ("http://[::1]:8/", {}, False),
        ("http://localhost:8/", {}, False),
        ("ftp://example.org/", {}, False),
    ],
)
def test_whether_a_stored_answer_came_from_a_public_address(
    url: str, headers: dict[str, str], served: bool
):
    assert served_from_public(url, headers) is served
