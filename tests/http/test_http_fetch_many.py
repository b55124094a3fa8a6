"""fetch_many: each URL once, a few per host at a time, results announced as they settle."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from citecheck.http import Fetcher, FetchResult, HttpSettings, LinkCheck, check_links
from citecheck.http.cache import ResponseCache
from citecheck.http.classify import probe_url
from citecheck.http.fetch import SETUP_CHUNK
from tests.http.http_fault_server import FaultServer

Settings = Callable[..., HttpSettings]


def test_a_url_asked_for_while_it_waits_its_turn_is_fetched_once(
    server: FaultServer, settings: Settings
):
    # One at a time on this host: "/counter" waits behind "/slow-body" while fetch() asks too.
    urls = [server.url("/slow-body"), server.url("/counter")]

    async def run() -> tuple[FetchResult, FetchResult]:
        async with Fetcher(settings(per_host=1, timeout=2.0)) as fetcher:
            many = asyncio.ensure_future(fetcher.fetch_many(urls))
            await asyncio.sleep(0.05)
            alone = await fetcher.fetch(server.url("/counter"))
            return (await many)[server.url("/counter")], alone

    in_bulk, alone = asyncio.run(run())
    assert in_bulk is alone
    assert server.seen("/counter") == 1


def test_each_url_is_announced_once_as_it_settles_cached_or_fetched(
    server: FaultServer, settings: Settings, sqlite_cache
):
    chosen = settings(no_cache=False, cache=sqlite_cache)
    first = [server.url("/ok"), server.url("/status/404")]
    urls = [*first, server.url("/redirect/301"), server.url("/ok")]

    async def run(wanted: list[str]) -> list[tuple[str, int | None]]:
        seen: list[tuple[str, int | None]] = []
        async with Fetcher(chosen) as fetcher:
            results = await fetcher.fetch_many(wanted, each=lambda u, r: seen.append((u, r.status)))
        assert {u: r.status for u, r in results.items()} == dict(seen)
        return seen

    asyncio.run(run(first))  # now in the cache
    seen = asyncio.run(run(urls))
    assert sorted(seen) == sorted(
        [(server.url("/ok"), 200), (server.url("/status/404"), 404), (urls[2], 200)]
    )


def test_cancelling_fetch_many_leaves_no_one_waiting_forever(
    server: FaultServer, settings: Settings
):
    # One at a time, the first URL slow: the second has not begun when fetch_many is cancelled.
    urls = [server.url("/slow-headers"), server.url("/ok")]

    async def run() -> BaseException | FetchResult:
        async with Fetcher(settings(per_host=1, timeout=5.0)) as fetcher:
            many = asyncio.ensure_future(fetcher.fetch_many(urls))
            await asyncio.sleep(0.1)
            waiter = asyncio.ensure_future(fetcher.fetch(server.url("/ok")))
            await asyncio.sleep(0.05)
            many.cancel()
            try:
                return await asyncio.wait_for(waiter, timeout=2)
            except BaseException as exc:
                return exc

    outcome = asyncio.run(run())
    assert isinstance(outcome, asyncio.CancelledError)
    assert server.seen("/ok") == 0


def test_a_host_s_probe_starts_as_soon_as_one_of_its_pages_answers(
    server: FaultServer, settings: Settings
):
    # "/ok" answers at once and needs the probe; "/slow-headers" times out and is tried again.
    # The probe is asked before the slow URL's retries, not after every URL is in.
    urls = [server.url("/ok"), server.url("/slow-headers")]

    async def run() -> dict[str, LinkCheck]:
        async with Fetcher(settings(timeout=0.5, max_attempts=3)) as fetcher:
            return await check_links(fetcher, urls)

    checks = asyncio.run(run())
    probe = probe_url(server.url("/ok")).removeprefix(server.base)
    paths = [path for _, path in server.requests]
    assert checks[server.url("/ok")].probe is not None
    assert paths.count("/slow-headers") == 3
    assert paths.index(probe) < len(paths) - 1 - paths[::-1].index("/slow-headers")


def test_a_warm_check_still_probes_the_hosts_that_need_it(
    server: FaultServer, settings: Settings, sqlite_cache
):
    # Every answer comes from the cache the second time; the probe must be asked for then too.
    chosen = settings(no_cache=False, cache=sqlite_cache)
    urls = [server.url("/ok"), server.url("/old-page")]

    async def run() -> dict[str, LinkCheck]:
        async with Fetcher(chosen) as fetcher:
            return await check_links(fetcher, urls)

    cold = asyncio.run(run())
    warm = asyncio.run(run())
    assert all(check.result.from_cache for check in warm.values())
    assert {u: c.verdict for u, c in warm.items()} == {u: c.verdict for u, c in cold.items()}
    assert warm[server.url("/ok")].probe is not None


def test_warm_link_verdicts_need_no_stored_body_and_agree_with_the_cold_ones(
    server: FaultServer, settings: Settings, sqlite_cache
):
    chosen = settings(no_cache=False, cache=sqlite_cache)
    # An error page served with 200 is judged by its title; /ok against its probe by both.
    urls = [server.url("/ok"), server.url("/soft-404"), server.url("/status/404")]

    async def run() -> tuple[dict[str, LinkCheck], bytes, dict[str, FetchResult]]:
        async with Fetcher(chosen) as fetcher:
            checks = await check_links(fetcher, urls)
            body = fetcher.body_of(checks[server.url("/ok")].result)
            # Another caller asking for bodies gets them, though check_links settled these.
            whole = await fetcher.fetch_many(urls[:2])
            return checks, body, whole

    cold, cold_body, _ = asyncio.run(run())
    warm, warm_body, whole = asyncio.run(run())
    assert {u: c.verdict for u, c in warm.items()} == {u: c.verdict for u, c in cold.items()}
    assert warm[server.url("/soft-404")].verdict.status == "soft-404"
    ok = warm[server.url("/ok")].result
    assert ok.from_cache and ok.body == b"" and ok.size == len(cold_body) > 0
    assert warm_body == cold_body
    assert [r.body for r in whole.values()] == [cold_body, cold[urls[1]].result.body]
    assert all(r.facts is None for r in whole.values())


def test_a_body_gone_from_the_cache_reads_as_empty(
    server: FaultServer, settings: Settings, sqlite_cache
):
    chosen = settings(no_cache=False, cache=sqlite_cache)
    url = server.url("/ok")

    async def check() -> LinkCheck:
        async with Fetcher(chosen) as fetcher:
            return (await check_links(fetcher, [url]))[url]

    asyncio.run(check())
    warm = asyncio.run(check()).result
    with sqlite3.connect(sqlite_cache) as con:
        con.execute("DELETE FROM responses")

    async def body() -> bytes:
        async with Fetcher(chosen) as fetcher:
            return fetcher.body_of(warm)

    assert warm.facts is not None and asyncio.run(body()) == b""


def test_fetch_of_one_url_settled_without_its_body_reads_the_body(
    server: FaultServer, settings: Settings, sqlite_cache
):
    chosen = settings(no_cache=False, cache=sqlite_cache)
    url = server.url("/ok")

    async def run() -> tuple[FetchResult, FetchResult]:
        async with Fetcher(chosen) as fetcher:
            bodiless = (await fetcher.fetch_many([url], bodies=False))[url]
            return bodiless, await fetcher.fetch(url)

    asyncio.run(run())  # into the cache
    bodiless, alone = asyncio.run(run())
    assert bodiless.facts is not None and bodiless.body == b""
    assert alone.facts is None and len(alone.body) == bodiless.size > 0


def test_the_first_requests_go_out_before_the_last_urls_are_set_up(settings: Settings):
    # Setting a URL up (its cache lookup, its place in a queue) takes a few µs: done for all
    # 5,000 URLs of a cold check before any request, it held the first one back 30-50 ms.
    import httpx

    events: list[str] = []
    chosen = settings(per_host=1)  # one worker that empties its queue, then is needed again

    class Watched(ResponseCache):
        def lookup_many(self, method: str, urls: Iterable[str], **options: Any) -> Any:
            events.append("lookup")
            return super().lookup_many(method, urls, **options)

    def answer(request: httpx.Request) -> httpx.Response:
        events.append("sent")
        return httpx.Response(200, text="<title>A page</title>")

    urls = [f"http://a.test/{i}" for i in range(2 * SETUP_CHUNK + 1)]

    async def run() -> dict[str, FetchResult]:
        cache = Watched(None, chosen)
        async with Fetcher(chosen, cache=cache, network=httpx.MockTransport(answer)) as fetcher:
            return await fetcher.fetch_many(urls)

    results = asyncio.run(run())
    last_lookup = len(events) - 1 - events[::-1].index("lookup")
    assert events.index("sent") < last_lookup
    assert [result.status for result in results.values()] == [200] * len(urls)
    assert events.count("sent") == len(urls)
