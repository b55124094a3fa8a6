"""Loading a wiki page by URL: which page a URL names, and what the Action API's answers mean.

Every request goes to the fake Action API in ``wiki_api_server.py`` on 127.0.0.1, or to a
cassette replayed offline; nothing reaches a real wiki.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.http import ErrorKind, HttpSettings, ResponseCache, open_backend
from citecheck.http.retry import Attempt
from citecheck.http.settings import USER_AGENT
from citecheck.load import LoadError
from citecheck.load.wiki import (
    WikiApiError,
    WikiError,
    WikiFetchError,
    WikiInvalidTitleError,
    WikiMaxlagError,
    WikiNotRecordedError,
    WikiPage,
    WikiPageMissingError,
    WikiRedirectError,
    WikiUrlError,
    api_query_url,
    fetch_wiki,
    load_wiki,
    parse_wiki_url,
    user_agent_problems,
)
from citecheck.model import Document
from citecheck.parse import parse
from tests.load.wiki_api_server import (
    ARTICLE,
    ARTICLE_TITLE,
    REDIRECT_TITLE,
    FakeWiki,
    WikiApiServer,
    record,
)
from tests.support.http_settings import fast_settings

RECORDED = Path(__file__).parents[1] / "data" / "wiki"
ZH = "zh.wikipedia.org"
ARTICLE_ORIGIN = (
    "https://zh.wikipedia.org/w/index.php?title="
    "2023%E5%B9%B4%E6%9C%9D%E4%BF%84%E9%A6%96%E8%84%91%E4%BC%9A%E8%B0%88&oldid=79123456"
)

# The suite's fast settings with what this file's tests were written for: one-shot retries, a
# longer timeout and a higher Retry-After cap.
FAST = fast_settings(timeout=2.0, max_attempts=2, retry_after_cap=3.0)


@pytest.fixture
def server() -> Iterator[WikiApiServer]:
    running = WikiApiServer(FakeWiki.sample())
    running.start()
    try:
        yield running
    finally:
        running.stop()


def load(server: WikiApiServer, page: WikiPage, **settings: Any) -> Document:
    return load_wiki(page, dataclasses.replace(FAST, **settings), api_url=server.api_url)


# --- which page a URL names ------------------------------------------------------------------

URLS: list[tuple[str, WikiPage]] = [
    ("https://zh.wikipedia.org/wiki/2023年朝俄首脑会谈", WikiPage(ZH, "2023年朝俄首脑会谈")),
    (
        "https://zh.wikipedia.org/wiki/2023%E5%B9%B4%E6%9C%9D%E4%BF%84%E9%A6%96%E8%84%91%E4%BC%9A%E8%B0%88",
        WikiPage(ZH, "2023年朝俄首脑会谈"),
    ),
    ("https://en.wikipedia.org/wiki/Kim_Jong_Un#Foreign_visits", WikiPage("en.wikipedia.org", "Kim Jong Un")),
    ("https://en.wikipedia.org/wiki/AC/DC", WikiPage("en.wikipedia.org", "AC/DC")),
    ("https://en.wikipedia.org/wiki/C++", WikiPage("en.wikipedia.org", "C++")),
    ("https://zh.wikipedia.org/w/index.php?title=%E9%87%91%E6%AD%A3%E6%81%A9&oldid=79000001", WikiPage(ZH, "金正恩", oldid=79000001)),
    ("https://zh.wikipedia.org/w/index.php?oldid=79000001", WikiPage(ZH, oldid=79000001)),
    ("https://zh.wikipedia.org/wiki/金正恩?oldid=79000001", WikiPage(ZH, "金正恩", oldid=79000001)),
    ("https://zh.wikipedia.org/w/index.php?title=金正恩&diff=79123456&oldid=79000001", WikiPage(ZH, "金正恩", oldid=79123456)),
    ("https://zh.wikipedia.org/w/index.php?title=Kim+Jong+Un&action=history", WikiPage(ZH, "Kim Jong Un")),
    ("https://zh.wikipedia.org/w/index.php?curid=8612345", WikiPage(ZH, pageid=8612345)),
    ("https://zh.wikipedia.org/?curid=8612345", WikiPage(ZH, pageid=8612345)),
    ("https://zh.m.wikipedia.org/wiki/金正恩", WikiPage(ZH, "金正恩")),
    ("https://zh.wikipedia.org/zh-hans/金正恩", WikiPage(ZH, "金正恩", variant="zh-hans")),
    ("https://zh.m.wikipedia.org/zh-cn/金正恩", WikiPage(ZH, "金正恩", variant="zh-cn")),
    ("https://zh.wikipedia.org/zh-tw/%E9%87%91%E6%AD%A3%E6%81%A9", WikiPage(ZH, "金正恩", variant="zh-tw")),
    ("https://sr.wikipedia.org/sr-el/Beograd", WikiPage("sr.wikipedia.org", "Beograd", variant="sr-el")),
    ("http://RU.Wikipedia.org/wiki/Ким_Чен_Ын", WikiPage("ru.wikipedia.org", "Ким Чен Ын")),
    ("https://zh-yue.wikipedia.org/wiki/金正恩", WikiPage("zh-yue.wikipedia.org", "金正恩")),
    ("https://en.m.wiktionary.org/wiki/citation", WikiPage("en.wiktionary.org", "citation")),
    ("https://ja.wikisource.org/wiki/日本国憲法", WikiPage("ja.wikisource.org", "日本国憲法")),
    ("https://commons.m.wikimedia.org/wiki/File:Kim_and_Putin.jpg", WikiPage("commons.wikimedia.org", "File:Kim and Putin.jpg")),
    ("https://m.wikidata.org/wiki/Q56226", WikiPage("www.wikidata.org", "Q56226")),
    ("https://www.mediawiki.org/wiki/API:Revisions", WikiPage("www.mediawiki.org", "API:Revisions")),
]


@pytest.mark.parametrize(("url", "page"), URLS, ids=[url for url, _ in URLS])
def test_a_url_names_a_page(url: str, page: WikiPage) -> None:
    assert parse_wiki_url(url) == page


NOT_PAGES: list[tuple[str, str]] = [
    ("https://example.org/wiki/Foo", "not a page of a Wikimedia wiki"),
    ("https://www.wikipedia.org/", "not a page of a Wikimedia wiki"),
    ("ftp://zh.wikipedia.org/wiki/Foo", "not a wiki page URL"),
    ("zh.wikipedia.org/wiki/Foo", "not a wiki page URL"),
    ("https://zh.wikipedia.org/wiki/", "names no page"),
    ("https://zh.wikipedia.org/static/images/logo.png", "not a page URL of zh.wikipedia.org"),
    ("https://zh.wikipedia.org/w/index.php?title=X&oldid=prev", "oldid='prev'"),
    ("https://zh.wikipedia.org/w/index.php?curid=0", "curid='0'"),
    ("https://zh.wikipedia.org/wiki/%E9%87%91%E6", "not UTF-8"),
]


@pytest.mark.parametrize(("url", "message"), NOT_PAGES, ids=[url for url, _ in NOT_PAGES])
def test_a_url_that_names_no_wiki_page_is_refused_by_name(url: str, message: str) -> None:
    with pytest.raises(WikiUrlError, match=message) as caught:
        parse_wiki_url(url)
    assert url in str(caught.value)
    assert isinstance(caught.value, LoadError)  # the CLI's one "unreadable input" error


WIKIS: list[tuple[str, str]] = [
    ("zh", ZH),
    ("zhwiki", ZH),
    ("zh_yuewiki", "zh-yue.wikipedia.org"),
    ("simple", "simple.wikipedia.org"),
    ("enwiktionary", "en.wiktionary.org"),
    ("commons", "commons.wikimedia.org"),
    ("wikidata", "www.wikidata.org"),
    ("zh.m.wikipedia.org", ZH),
    ("https://ru.wikipedia.org/", "ru.wikipedia.org"),
]


@pytest.mark.parametrize(("wiki", "host"), WIKIS)
def test_wiki_option_names_a_host(wiki: str, host: str) -> None:
    assert WikiPage.from_parts(wiki, "金正恩_(政治人物)").host == host
    assert WikiPage.from_parts(wiki, "金正恩_(政治人物)").title == "金正恩 (政治人物)"


def test_wiki_title_and_oldid_options_make_a_page() -> None:
    assert WikiPage.from_parts("zh", oldid=79000001) == WikiPage(ZH, oldid=79000001)
    with pytest.raises(WikiUrlError, match="no page given"):
        WikiPage.from_parts("zh")
    with pytest.raises(WikiUrlError, match=r"example\.org"):
        WikiPage.from_parts("example.org", "Foo")
    with pytest.raises(WikiUrlError, match="oldid must be a positive number"):
        WikiPage.from_parts("zh", oldid=-3)


def test_the_query_url_asks_for_the_main_slot_politely() -> None:
    url = api_query_url(WikiPage(ZH, "金正恩"))
    assert url.startswith("https://zh.wikipedia.org/w/api.php?action=query&format=json&formatversion=2")
    for part in ("rvprop=content%7Cids%7Ctimestamp", "rvslots=main", "redirects=1", "maxlag=5"):
        assert part in url
    assert "titles=%E9%87%91%E6%AD%A3%E6%81%A9" in url
    # MediaWiki warns that redirects cannot be resolved for revids; an oldid is asked without.
    by_revision = api_query_url(WikiPage(ZH, oldid=79000001))
    assert "revids=79000001" in by_revision and "redirects" not in by_revision


# --- what the API's answers mean -------------------------------------------------------------


def test_a_page_loads_as_wikitext_with_its_permanent_link(server: WikiApiServer) -> None:
    document = load(server, parse_wiki_url(f"https://zh.wikipedia.org/wiki/{ARTICLE_TITLE}"))
    assert document == Document(ARTICLE, "wikitext", ARTICLE_ORIGIN)
    article = parse(document)
    assert [ref.url for ref in article.references] == [
        "https://apnews.com/article/kim-putin-summit",
        "https://tass.ru/politika/18735525",
    ]


def test_the_request_carries_the_api_parameters_and_a_descriptive_user_agent(
    server: WikiApiServer,
) -> None:
    load(server, WikiPage(ZH, ARTICLE_TITLE))
    [(params, user_agent)] = server.requests
    assert params["formatversion"] == "2" and params["maxlag"] == "5"
    assert params["rvprop"] == "content|ids|timestamp" and params["rvslots"] == "main"
    assert user_agent == USER_AGENT
    assert user_agent.startswith("citecheck/") and user_agent_problems(user_agent) == ()


def test_a_user_agent_without_a_contact_is_refused_before_any_request() -> None:
    assert user_agent_problems("python-httpx/0.28") == (
        "it gives no contact (a URL or an e-mail address)",
    )
    settings = dataclasses.replace(FAST, user_agent="python-httpx/0.28")
    with pytest.raises(WikiError, match="breaks Wikimedia's policy"):
        load_wiki(WikiPage(ZH, "金正恩"), settings)  # would go to zh.wikipedia.org: must not


def test_an_underscored_title_is_normalised_by_the_api(server: WikiApiServer) -> None:
    document = load(server, WikiPage.from_parts("zh", "2023年朝俄首脑会谈_"))
    assert document.origin == ARTICLE_ORIGIN


def test_a_redirect_is_followed_and_the_loaded_title_is_the_origin(server: WikiApiServer) -> None:
    revision = fetch_wiki(WikiPage(ZH, REDIRECT_TITLE), FAST, api_url=server.api_url)
    assert (revision.redirected_from, revision.title) == (REDIRECT_TITLE, ARTICLE_TITLE)
    assert revision.document.origin == ARTICLE_ORIGIN
    assert revision.document.text == ARTICLE


def test_a_redirect_is_an_error_when_not_to_be_followed(server: WikiApiServer) -> None:
    page = WikiPage(ZH, REDIRECT_TITLE)
    with pytest.raises(WikiRedirectError, match=f'"{REDIRECT_TITLE}": is a redirect to "{ARTICLE_TITLE}"'):
        load_wiki(page, FAST, api_url=server.api_url, follow_redirects=False)


def test_an_old_revision_that_is_a_redirect_says_where_it_points(server: WikiApiServer) -> None:
    with pytest.raises(WikiRedirectError, match=f'revision 79000050: .* redirect to "{ARTICLE_TITLE}"'):
        load(server, WikiPage(ZH, oldid=79000050))


def test_an_oldid_loads_that_revision(server: WikiApiServer) -> None:
    document = load(server, parse_wiki_url("https://zh.wikipedia.org/w/index.php?oldid=79000001"))
    assert document.text.startswith("'''2023年朝俄首脑会谈'''是金正恩与普京的会谈")
    assert document.origin.endswith("&oldid=79000001")


def test_a_curid_loads_the_page_with_that_id(server: WikiApiServer) -> None:
    assert load(server, WikiPage(ZH, pageid=8612345)).origin == ARTICLE_ORIGIN


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (WikiPage(ZH, "不存在的条目"), 'zh.wikipedia.org, page "不存在的条目": no such page'),
        (WikiPage(ZH, oldid=123), "zh.wikipedia.org, revision 123: no such revision"),
        (WikiPage(ZH, pageid=99), "zh.wikipedia.org, page id 99: no such page"),
    ],
)
def test_a_missing_page_is_named(server: WikiApiServer, page: WikiPage, message: str) -> None:
    with pytest.raises(WikiPageMissingError) as caught:
        load(server, page)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("a<b>", 'invalid characters: "<"'),
        ("Special:Random", "special page"),
    ],
)
def test_an_invalid_title_is_named_with_the_wikis_reason(
    server: WikiApiServer, title: str, reason: str
) -> None:
    with pytest.raises(WikiInvalidTitleError, match=reason) as caught:
        load(server, WikiPage(ZH, title))
    assert f'zh.wikipedia.org, page "{title}"' in str(caught.value)


def test_maxlag_is_retried_once_after_the_wait_the_wiki_asks_for(server: WikiApiServer) -> None:
    server.wiki.maxlag_answers, server.wiki.retry_after = 1, "1"
    started = time.monotonic()
    document = load(server, WikiPage(ZH, ARTICLE_TITLE))
    assert time.monotonic() - started >= 1.0
    assert document.origin == ARTICLE_ORIGIN
    assert len(server.requests) == 2


def test_maxlag_twice_is_an_error(server: WikiApiServer) -> None:
    server.wiki.maxlag_answers, server.wiki.retry_after = 2, "0"
    with pytest.raises(WikiMaxlagError, match=r"still lagging .* 7\.2 seconds lagged") as caught:
        load(server, WikiPage(ZH, ARTICLE_TITLE))
    assert caught.value.code == "maxlag"
    assert len(server.requests) == 2


def test_maxlag_asking_a_longer_wait_than_the_cap_is_an_error_at_once(
    server: WikiApiServer,
) -> None:
    server.wiki.maxlag_answers, server.wiki.retry_after = 1, "600"
    with pytest.raises(WikiMaxlagError, match="asks to wait 600 s"):
        load(server, WikiPage(ZH, ARTICLE_TITLE))
    assert len(server.requests) == 1


def stored_answer(settings: HttpSettings, url: str) -> Attempt | None:
    cache = ResponseCache(open_backend(settings), settings)
    try:
        return cache.lookup("GET", url)
    finally:
        cache.close()


def cache_settings(store: str, tmp_path: Path) -> HttpSettings:
    """A cassette being recorded, or an SQLite cache (which batches its writes)."""
    if store == "record":
        return dataclasses.replace(FAST, no_cache=False, record=tmp_path / "cassette")
    return dataclasses.replace(FAST, no_cache=False, cache=tmp_path / "http.sqlite")


@pytest.mark.parametrize("store", ["record", "cache"])
def test_a_page_is_asked_once_then_answered_from_the_cache(
    server: WikiApiServer, tmp_path: Path, store: str
) -> None:
    settings = cache_settings(store, tmp_path)
    first = load_wiki(WikiPage(ZH, ARTICLE_TITLE), settings, api_url=server.api_url)
    again = fetch_wiki(WikiPage(ZH, ARTICLE_TITLE), settings, api_url=server.api_url)
    assert again.from_cache and again.document == first
    assert len(server.requests) == 1


@pytest.mark.parametrize("store", ["record", "cache"])
def test_a_maxlag_refusal_is_not_left_in_the_cache(
    server: WikiApiServer, tmp_path: Path, store: str
) -> None:
    server.wiki.maxlag_answers, server.wiki.retry_after = 1, "0"
    settings = cache_settings(store, tmp_path)
    page = WikiPage(ZH, ARTICLE_TITLE)
    load_wiki(page, settings, api_url=server.api_url)
    stored = stored_answer(settings, api_query_url(page, server.api_url))
    assert stored is not None and b'"maxlag"' not in stored.body


@pytest.mark.parametrize("store", ["record", "cache"])
def test_an_api_error_is_named_with_its_code_and_not_cached(
    server: WikiApiServer, tmp_path: Path, store: str
) -> None:
    server.wiki.error = ("readonly", "The wiki is currently in read-only mode.")
    settings = cache_settings(store, tmp_path)
    page = WikiPage(ZH, ARTICLE_TITLE)
    with pytest.raises(WikiApiError, match="error 'readonly': The wiki is currently") as caught:
        load_wiki(page, settings, api_url=server.api_url)
    assert caught.value.code == "readonly"
    assert stored_answer(settings, api_query_url(page, server.api_url)) is None


def test_an_answer_that_is_not_the_api_is_a_fetch_error(server: WikiApiServer) -> None:
    with pytest.raises(WikiFetchError, match="HTTP 404"):
        load_wiki(WikiPage(ZH, "X"), FAST, api_url=server.base + "/wiki/api.php")


def test_a_network_failure_is_a_fetch_error_naming_the_page() -> None:
    with socket.socket() as probe:  # a port nobody listens on once the socket is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(WikiFetchError, match=r'page "金正恩": connection-refused') as caught:
        load_wiki(WikiPage(ZH, "金正恩"), FAST, api_url=f"http://127.0.0.1:{port}/w/api.php")
    assert caught.value.kind is ErrorKind.CONNECTION_REFUSED


def test_offline_a_page_not_recorded_is_named(tmp_path: Path) -> None:
    settings = dataclasses.replace(FAST, no_cache=False, cassette=tmp_path, offline=True)
    with pytest.raises(WikiNotRecordedError, match="not in the cache or cassette"):
        load_wiki(WikiPage(ZH, "金正恩"), settings, api_url="http://127.0.0.1:9/w/api.php")


# --- recorded and replayed -------------------------------------------------------------------


def test_a_recording_replays_offline_to_the_identical_document(tmp_path: Path) -> None:
    recording = record(tmp_path)  # starts and stops its own fake server
    offline = HttpSettings(cassette=tmp_path / "cassette", offline=True, allow_private=True)
    page = parse_wiki_url(recording["page_url"])
    replayed = load_wiki(page, offline, api_url=recording["api_url"])
    assert replayed == Document(**recording["document"])
    assert replayed == Document(ARTICLE, "wikitext", ARTICLE_ORIGIN)


def test_the_committed_cassette_replays_offline(tmp_path: Path) -> None:
    recording = json.loads((RECORDED / "recording.json").read_text(encoding="utf-8"))
    # A copy: opening a cassette may add requests-cache's index file, which is not committed.
    shutil.copytree(RECORDED / "cassette", tmp_path / "cassette")
    offline = HttpSettings(cassette=tmp_path / "cassette", offline=True, allow_private=True)
    revision = fetch_wiki(
        parse_wiki_url(recording["page_url"]), offline, api_url=recording["api_url"]
    )
    assert revision.from_cache
    assert revision.document == Document(**recording["document"])
    assert revision.document == Document(ARTICLE, "wikitext", ARTICLE_ORIGIN)
