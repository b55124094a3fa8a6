"""An original URL's verdict: alive, dead, soft-404, unverified or not-recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.http import (
    ErrorKind,
    Fetcher,
    FetchResult,
    Hop,
    HttpSettings,
    LinkCheck,
    LinkStatus,
    LinkVerdict,
    check_links,
    classify,
    probe_url,
)
from citecheck.http.classify import _ERROR_PHRASE, has_error_hint, is_error_title
from tests.http.http_fault_server import FaultServer

Settings = Callable[..., HttpSettings]
URL = "https://example.org/news/2023/story.html"


def answered(status: int, body: bytes = b"", final_url: str = URL, chain: int = 1) -> FetchResult:
    hops = (*tuple(Hop(URL, 301) for _ in range(chain - 1)), Hop(final_url, status))
    return FetchResult(URL, "GET", status, final_url, hops, {}, body)


def failed(error: ErrorKind) -> FetchResult:
    return FetchResult.failure(URL, "GET", error, "detail")


@pytest.mark.parametrize(
    ("result", "status"),
    [
        (answered(200, b"<title>Summit ends</title>"), LinkStatus.ALIVE),
        (answered(404), LinkStatus.DEAD),
        (answered(410), LinkStatus.DEAD),
        (answered(500), LinkStatus.DEAD),
        (answered(401), LinkStatus.UNVERIFIED),
        (answered(403), LinkStatus.UNVERIFIED),
        (answered(429), LinkStatus.UNVERIFIED),
        (answered(451), LinkStatus.UNVERIFIED),
        (answered(503), LinkStatus.UNVERIFIED),  # bot walls and CDNs
        (answered(400), LinkStatus.UNVERIFIED),
        (failed(ErrorKind.DNS), LinkStatus.DEAD),
        (failed(ErrorKind.CONNECTION_REFUSED), LinkStatus.DEAD),
        (failed(ErrorKind.TLS), LinkStatus.DEAD),
        (failed(ErrorKind.TIMEOUT), LinkStatus.DEAD),
        (failed(ErrorKind.REDIRECT_LOOP), LinkStatus.DEAD),
        (failed(ErrorKind.CONNECTION_RESET), LinkStatus.UNVERIFIED),
        (failed(ErrorKind.BLOCKED_PRIVATE_ADDRESS), LinkStatus.UNVERIFIED),
        (failed(ErrorKind.UNSUPPORTED_SCHEME), LinkStatus.UNVERIFIED),
        (failed(ErrorKind.NOT_RECORDED), LinkStatus.NOT_RECORDED),
    ],
)
def test_verdicts(result: FetchResult, status: LinkStatus):
    verdict = classify(result)
    assert verdict.status is status
    assert verdict.reason


def test_a_redirect_to_the_home_page_is_a_soft_404():
    result = answered(200, b"<title>Home</title>", final_url="https://example.org/", chain=2)
    assert classify(result).status is LinkStatus.SOFT_404


ERROR_TITLES = [
    "Page Not Found",
    "404 Not Found",
    "404 | Site",
    "Page not found | Example News",
    "BBC - 404: Not Found",
    "Error 404 (Not Found)!!1",
    "Oops! That page can’t be found.",
    "The page you requested could not be found",
    "This page is no longer available",
    "Страница не найдена",
    "Ошибка 404 — страница не найдена",
    "Сторінку не знайдено",
    "页面不存在_新浪网",
    "抱歉，您访问的页面不存在",
    "404错误页面",
    "ページが見つかりません | NHK",
    "お探しのページは見つかりませんでした",
]
# Pages whose titles say "not found" or "404" among other words.
HEADLINES = [
    "Missing hiker not found after three-day search",
    "Body not found: police",
    "WMD not found, says report",
    "Flight 404 lands safely",
    "404 days in captivity",
    "Not Found: The Movie",
    "Russia–North Korea summit – Wikipedia",
    "普京与金正恩会晤",
]


@pytest.mark.parametrize("title", ERROR_TITLES)
def test_an_error_page_served_with_200_is_a_soft_404(title: str):
    result = answered(200, f"<title>{title}</title>".encode())
    assert classify(result).status is LinkStatus.SOFT_404


@given(st.from_regex(_ERROR_PHRASE))
@settings(max_examples=300, deadline=None)
def test_every_title_an_error_phrase_matches_has_the_hint_that_lets_it_through(title: str):
    # The hint is a shortcut in front of the phrase: it may let too much through, never too
    # little.
    assert has_error_hint(title)


@pytest.mark.parametrize("title", HEADLINES)
def test_a_headline_that_says_not_found_is_a_page(title: str):
    assert not is_error_title(title)
    assert classify(answered(200, f"<title>{title}</title>".encode())).status is LinkStatus.ALIVE


def test_the_same_page_as_a_made_up_path_is_a_soft_404():
    page = b"<html><title>Example News</title>" + b"x" * 1000
    probe = FetchResult(probe_url(URL), "GET", 200, probe_url(URL), (), {}, page + b"yy")
    assert classify(answered(200, page), probe).status is LinkStatus.SOFT_404
    other = answered(200, b"<title>Summit ends</title>" + b"x" * 1000)
    assert classify(other, probe).status is LinkStatus.ALIVE


def test_the_probe_is_stable_per_host_so_recordings_replay():
    assert probe_url(URL) == probe_url("https://example.org/other")
    assert probe_url(URL) != probe_url("https://example.com/news")
    assert probe_url(URL).startswith("https://example.org/citecheck-missing-")


def test_check_links_fetches_and_probes_each_host_once(server: FaultServer, settings: Settings):
    urls = [server.url(p) for p in ("/ok", "/counter", "/status/404", "/status/403", "/old-page")]

    async def run() -> dict[str, LinkCheck]:
        async with Fetcher(settings()) as fetcher:
            return await check_links(fetcher, urls + urls)

    checks = asyncio.run(run())
    statuses = {url.removeprefix(server.base): c.verdict.status for url, c in checks.items()}
    assert statuses == {
        "/ok": LinkStatus.ALIVE,
        "/counter": LinkStatus.ALIVE,
        "/status/404": LinkStatus.DEAD,
        "/status/403": LinkStatus.UNVERIFIED,
        "/old-page": LinkStatus.SOFT_404,
    }
    probe_path = probe_url(server.url("/ok")).removeprefix(server.base)
    assert server.seen(probe_path) == 1


def test_check_links_reaches_each_verdict_as_its_answer_arrives(
    server: FaultServer, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    # Listed first, answered last (it times out): the verdicts of the quick ones must not
    # wait for it, so the last answer of a long run is not followed by thousands of verdicts.
    urls = [server.url(p) for p in ("/slow-headers", "/ok", "/status/404")]
    judged: list[str] = []

    def recording(result: FetchResult, probe: FetchResult | None = None) -> LinkVerdict:
        judged.append(result.url.removeprefix(server.base))
        return classify(result, probe)

    monkeypatch.setattr("citecheck.http.links.classify", recording)

    async def run() -> dict[str, LinkCheck]:
        async with Fetcher(settings(timeout=0.3, max_attempts=1)) as fetcher:
            return await check_links(fetcher, urls)

    checks = asyncio.run(run())
    assert sorted(judged[:2]) == ["/ok", "/status/404"]
    assert judged[2:] == ["/slow-headers"]
    assert list(checks) == urls  # the result keeps the order asked
    assert [c.verdict.status for c in checks.values()] == [
        LinkStatus.DEAD,
        LinkStatus.ALIVE,
        LinkStatus.DEAD,
    ]
