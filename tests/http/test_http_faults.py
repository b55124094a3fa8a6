"""Every fault a server can throw at the client ends as a named outcome, never an exception."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from citecheck.http import ErrorKind, Fetcher, FetchResult, HttpSettings
from tests.http.http_fault_server import CYRILLIC, JAPANESE, LATIN, FaultServer


def fetch(settings: HttpSettings, url: str, method: str = "GET") -> FetchResult:
    async def run() -> FetchResult:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url, method)

    return asyncio.run(run())


def fetch_many_through(
    answer: Callable[[httpx.Request], Any], urls: list[str], settings: HttpSettings
) -> dict[str, FetchResult]:
    """``fetch_many`` of ``urls`` with ``answer`` standing in for the network."""

    async def run() -> dict[str, FetchResult]:
        async with Fetcher(settings, network=httpx.MockTransport(answer)) as fetcher:
            return await fetcher.fetch_many(urls)

    return asyncio.run(run())


Settings = Callable[..., HttpSettings]


def test_a_plain_page_is_fetched_with_its_chain_and_time(server: FaultServer, settings: Settings):
    result = fetch(settings(), server.url("/ok"))
    assert result.ok and result.status == 200 and result.error is None
    assert result.final_url == server.url("/ok")
    assert [(hop.url, hop.status) for hop in result.chain] == [(server.url("/ok"), 200)]
    assert b"A real page" in result.body
    assert result.checked_at is not None and not result.from_cache


def test_a_connection_reset_is_named_and_retried(server: FaultServer, settings: Settings):
    result = fetch(settings(max_attempts=2), server.url("/reset"))
    assert result.error is ErrorKind.CONNECTION_RESET and result.status is None
    assert server.seen("/reset") == 2


def test_headers_that_never_come_time_out(server: FaultServer, settings: Settings):
    started = time.monotonic()
    result = fetch(settings(max_attempts=1, timeout=0.3), server.url("/slow-headers"))
    assert result.error is ErrorKind.TIMEOUT
    assert time.monotonic() - started < 2


def test_a_body_that_trickles_hits_the_deadline_for_the_whole_request(
    server: FaultServer, settings: Settings
):
    # Each byte arrives well within a read timeout; only a deadline over the request stops it.
    result = fetch(settings(max_attempts=1, timeout=0.5), server.url("/slow-body"))
    assert result.error is ErrorKind.TIMEOUT


def test_an_endless_body_is_cut_at_the_cap_and_keeps_its_status(
    server: FaultServer, settings: Settings
):
    result = fetch(settings(max_bytes=50_000), server.url("/endless"))
    assert result.error is ErrorKind.TOO_LARGE
    assert result.status == 200 and len(result.body) == 50_000


def test_a_gzip_bomb_is_cut_at_the_cap_after_decompression(server: FaultServer, settings: Settings):
    result = fetch(settings(max_bytes=10_000), server.url("/gzip-bomb"))
    assert result.error is ErrorKind.TOO_LARGE and len(result.body) == 10_000


def test_a_redirect_loop_is_named_with_its_chain(server: FaultServer, settings: Settings):
    result = fetch(settings(), server.url("/loop-a"))
    assert result.error is ErrorKind.REDIRECT_LOOP
    assert [hop.status for hop in result.chain] == [302, 302]
    assert server.seen("/loop-a") == 1 and server.seen("/loop-b") == 1


def test_too_many_redirects_stop_at_the_limit(server: FaultServer, settings: Settings):
    result = fetch(settings(max_redirects=3), server.url("/chain/10"))
    assert result.error is ErrorKind.TOO_MANY_REDIRECTS
    assert len(result.chain) == 4  # the first answer and three redirects followed


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_redirects_are_followed_for_head_and_get(
    server: FaultServer, settings: Settings, method: str, code: int
):
    result = fetch(settings(), server.url(f"/redirect/{code}"), method)
    assert result.status == 200 and result.error is None
    assert [(hop.url, hop.status) for hop in result.chain] == [
        (server.url(f"/redirect/{code}"), code),
        (server.url("/ok"), 200),
    ]
    assert (method, "/ok") in server.requests  # the method is kept on every hop
    assert result.chain[0].headers["location"] == "/ok"
    if method == "HEAD":
        assert result.body == b""


def test_a_503_is_retried_until_it_succeeds(server: FaultServer, settings: Settings):
    result = fetch(settings(), server.url("/503-then-ok"))
    assert result.status == 200 and result.error is None
    assert server.seen("/503-then-ok") == 2


def test_a_persistent_503_ends_with_its_status_after_the_attempts(
    server: FaultServer, settings: Settings
):
    result = fetch(settings(max_attempts=3), server.url("/503-forever"))
    assert result.status == 503 and server.seen("/503-forever") == 3


def test_a_429_waits_as_long_as_retry_after_says(server: FaultServer, settings: Settings):
    started = time.monotonic()
    result = fetch(settings(), server.url("/429-then-ok"))
    assert result.status == 200
    assert time.monotonic() - started >= 0.9  # Retry-After: 1, not the tiny test backoff
    assert server.seen("/429-then-ok") == 2


def test_a_429_asking_for_longer_than_the_cap_gives_up_at_once(
    server: FaultServer, settings: Settings
):
    result = fetch(settings(retry_after_cap=2.0), server.url("/429-forever"))
    assert result.error is ErrorKind.RATE_LIMITED and result.status == 429
    assert result.headers["retry-after"] == "3600"
    assert server.seen("/429-forever") == 1


@pytest.mark.parametrize(
    ("path", "declared", "text"),
    [
        ("/cp1251", "windows-1251", CYRILLIC),
        ("/shift-jis", "shift_jis", JAPANESE),
        ("/no-charset", None, LATIN),
    ],
)
def test_bodies_keep_their_bytes_and_declared_charset(
    server: FaultServer, settings: Settings, path: str, declared: str | None, text: str
):
    result = fetch(settings(), server.url(path))
    assert result.encoding == declared
    assert text in result.text()


def test_a_wrong_charset_does_not_break_the_fetch(server: FaultServer, settings: Settings):
    result = fetch(settings(), server.url("/wrong-charset"))
    assert result.ok and result.encoding == "utf-8"
    assert CYRILLIC.encode("cp1251") in result.body  # bytes as sent; text() falls back
    assert isinstance(result.text(), str)


def test_gzip_is_decoded(server: FaultServer, settings: Settings):
    result = fetch(settings(), server.url("/gzip-ok"))
    assert result.ok and b"<title>zipped</title>" in result.body


def test_gzip_that_lies_is_a_decoding_error_with_the_status_kept(
    server: FaultServer, settings: Settings
):
    result = fetch(settings(), server.url("/gzip-lies"))
    assert result.error is ErrorKind.CONTENT_DECODING and result.status == 200


def test_a_refused_connection_is_named(settings: Settings):
    result = fetch(settings(max_attempts=1), "http://127.0.0.1:9/nothing-listens")
    assert result.error is ErrorKind.CONNECTION_REFUSED


def test_archive_headers_are_kept(server: FaultServer, settings: Settings):
    result = fetch(settings(), server.url("/memento"))
    assert result.headers["memento-datetime"] == "Sat, 14 Sep 2023 10:00:00 GMT"
    assert 'rel="original"' in result.headers["link"]


def test_every_url_is_fetched_once_however_often_it_is_cited(
    server: FaultServer, settings: Settings
):
    async def run() -> dict[str, FetchResult]:
        async with Fetcher(settings()) as fetcher:
            first = await fetcher.fetch_many([server.url("/counter")] * 5 + [server.url("/ok")])
            again = await fetcher.fetch(server.url("/counter"))
            assert again is first[server.url("/counter")]
            return first

    results = asyncio.run(run())
    assert len(results) == 2
    assert server.seen("/counter") == 1 and server.seen("/ok") == 1


def test_head_answered_with_an_error_is_confirmed_with_get(server: FaultServer, settings: Settings):
    result = fetch(settings(), server.url("/status/405"), "HEAD")
    assert result.method == "GET"
    assert ("HEAD", "/status/405") in server.requests and ("GET", "/status/405") in server.requests


def test_a_host_that_refused_two_urls_after_their_retries_is_not_asked_again(
    settings: Settings,
):
    # Port 9 on 127.0.0.1: nothing listens, every connection is refused, over real sockets.
    urls = [f"http://127.0.0.1:9/page/{i}" for i in range(5)]

    async def run() -> dict[str, FetchResult]:
        async with Fetcher(settings(per_host=1, max_attempts=3)) as fetcher:
            return await fetcher.fetch_many(urls)

    results = asyncio.run(run())
    assert {r.error for r in results.values()} == {ErrorKind.CONNECTION_REFUSED}
    details = [results[url].detail for url in urls]
    assert [d.startswith("not tried") for d in details] == [False, False, True, True, True]
    assert "the last 2 URLs on 127.0.0.1:9 failed" in details[2]


def test_only_failures_of_the_host_in_a_row_stop_its_requests(settings: Settings):
    # One at a time, in order: a refusal, an answer, then refusals. Another host is unaffected.
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.host == "down.test" and request.url.path != "/answers":
            raise httpx.ConnectError("refused", request=request) from ConnectionRefusedError()
        if request.url.path == "/timeout":
            raise httpx.ConnectTimeout("no answer", request=request)
        return httpx.Response(200, text="<title>Up</title>")

    down = [f"http://down.test/{p}" for p in ("1", "answers", "2", "3", "4", "5")]
    slow = [f"http://up.test/timeout?{i}" for i in range(3)]
    urls = [*down, *slow, "http://up.test/fine"]

    results = fetch_many_through(answer, urls, settings(per_host=1, max_attempts=2))
    # /1 fails, /answers resets the count, /2 and /3 fail: /4 and /5 are not asked.
    assert [asked.count(url) for url in down] == [2, 1, 2, 2, 0, 0]
    assert results[down[4]].error is ErrorKind.CONNECTION_REFUSED
    # Timeouts may be the page's own slowness: every URL is still asked.
    assert [asked.count(url) for url in slow] == [2, 2, 2]
    assert results["http://up.test/fine"].status == 200


def test_urls_failing_side_by_side_are_all_counted_before_another_is_asked(settings: Settings):
    # Four at a time: the four first fail together. The first to end finds one failure counted
    # and the others still being asked: its next URL waits for them, and the host is down.
    asked: list[str] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        raise httpx.ConnectError("refused", request=request) from ConnectionRefusedError()

    urls = [f"http://down.test/{i}" for i in range(12)]

    results = fetch_many_through(refuse, urls, settings(per_host=4, max_attempts=2))
    assert len(set(asked)) == 4 and len(asked) == 8
    assert {r.error for r in results.values()} == {ErrorKind.CONNECTION_REFUSED}


def test_a_url_waiting_on_its_host_is_asked_once_the_host_answers(settings: Settings):
    # Two at a time: /refused fails, so /next waits for /slow, still being asked; /slow
    # answers, the count starts again, and /next is asked after it.
    events: list[str] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        events.append(f"asked {path}")
        if path == "/refused":
            raise httpx.ConnectError("refused", request=request) from ConnectionRefusedError()
        if path == "/slow":
            await asyncio.sleep(0.2)
            events.append("answered /slow")
        return httpx.Response(200, text="<title>Up</title>")

    urls = [f"http://flaky.test/{p}" for p in ("refused", "slow", "next")]

    results = fetch_many_through(answer, urls, settings(per_host=2, max_attempts=1))
    assert events.index("answered /slow") < events.index("asked /next")
    assert results[urls[2]].status == 200
