"""The page reader on real pages: the Readability samples' titles, languages and dates, legacy
charsets, and the capture banners of snapshot services and feed captures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest

from citecheck.check import page as page_module
from citecheck.check.page import (
    PageEvidence,
    decode,
    page_of,
    pages_of,
    parse_page_date,
    read_page,
    strip_site_suffix,
)
from citecheck.http import FetchResult
from citecheck.http.outcome import BodyFacts
from citecheck.model import PartialDate
from citecheck.parse.languages import script_of
from citecheck.rules.title_mismatch import normalise_title

PAGES = Path(__file__).parents[1] / "data" / "pages"
READABILITY = PAGES / "readability"
SAMPLES = sorted(p.name.split(".")[0] for p in READABILITY.glob("*.expected-metadata.json"))
HAND_CHECKED = json.loads((READABILITY / "hand-checked.json").read_text(encoding="utf-8"))


def expected(name: str) -> tuple[str, str | None, str | None]:
    """Readability's title, and its language and day, completed by hand where it has none."""
    meta = json.loads((READABILITY / f"{name}.expected-metadata.json").read_text("utf-8"))
    extra = HAND_CHECKED.get(name, {})
    lang = meta.get("lang") or extra.get("lang")
    published = (meta.get("publishedTime") or "")[:10] or extra.get("published")
    return meta["title"], lang, published


@pytest.mark.parametrize("name", SAMPLES)
def test_readability_samples_title_language_and_date(name: str) -> None:
    title, lang, published = expected(name)
    page = read_page((READABILITY / f"{name}.html").read_bytes(), "https://example.org/")
    assert page.title is not None
    # Readability keeps some site names ("_科技_腾讯网"); the reader drops them: both are right.
    assert normalise_title(page.title) in {
        normalise_title(title),
        normalise_title(strip_site_suffix(title)),
    }
    assert page.language is not None and page.language.primary == (lang or "").split("-")[0]
    assert (page.published.date.iso() if page.published else None) == published


def test_readability_scores() -> None:
    """The figures in issue 5's note: 10/10 titles, 10/10 languages, 9/9 findable dates and no
    date invented (yahoo-4 shows its day without a year)."""
    titles = languages = dates = 0
    for name in SAMPLES:
        title, lang, published = expected(name)
        page = read_page((READABILITY / f"{name}.html").read_bytes(), "https://example.org/")
        titles += normalise_title(page.title or "") in {
            normalise_title(title),
            normalise_title(strip_site_suffix(title)),
        }
        languages += bool(page.language and page.language.primary == (lang or "").split("-")[0])
        dates += (page.published.date.iso() if page.published else None) == published
    assert (titles, languages, dates) == (10, 10, 10)


def test_each_value_says_where_it_came_from() -> None:
    page = read_page((READABILITY / "bbc-1.html").read_bytes(), "https://www.bbc.com/news/x")
    assert [(c.source, c.text) for c in page.titles] == [
        ("og:title", "Obama admits US gun laws are his 'biggest frustration'"),
        ("title (whole)", "Obama admits US gun laws are his 'biggest frustration' - BBC News"),
    ]
    assert page.published is not None
    assert (page.published.source, page.published.raw) == (
        "json-ld datePublished",
        "2015-07-24T05:36:09+01:00",
    )
    assert page.canonical == "http://www.bbc.com/news/world-us-canada-33646704"
    assert page.language is not None and page.language.source == "html lang"
    assert page.detected_language is not None and page.detected_language.primary == "en"


def test_langdetect_reading_traditional_chinese_as_korean_is_overruled_by_the_script() -> None:
    page = read_page((READABILITY / "pixnet.html").read_bytes(), "https://example.org/")
    assert page.detected_language is not None
    assert (page.detected_language.code, page.detected_language.source) == ("zh", "script")


@pytest.mark.parametrize(
    ("charset", "text", "content_type", "codec", "source"),
    [
        ("windows-1251", "Ким Чен Ын прибыл в Россию", "text/html", "cp1251", "meta"),
        # a server's default Latin-1 gives way to the page's own declaration
        (
            "windows-1251",
            "Ким Чен Ын прибыл в Россию",
            "text/html; charset=ISO-8859-1",
            "cp1251",
            "meta",
        ),
        ("koi8-r", "Ким Чен Ын прибыл в Россию", "text/html; charset=koi8-r", "koi8-r", "http"),
        (
            "shift_jis",
            "プーチン氏と金正恩氏が会談",
            "text/html; charset=Shift_JIS",
            "cp932",
            "http",
        ),
        ("euc-jp", "プーチン氏と金正恩氏が会談", "text/html", "euc_jp", "meta"),
        ("gb2312", "普京与金正恩会面", "text/html", "gb18030", "meta"),
        ("gb18030", "普京与金正恩会面", "text/html; charset=gb18030", "gb18030", "http"),
    ],
)
def test_legacy_charsets_are_decoded_as_declared(
    charset: str, text: str, content_type: str, codec: str, source: str
) -> None:
    body = f'<html><head><meta charset="{charset}"><title>{text}</title></head></html>'.encode(
        charset
    )
    page = read_page(body, "https://example.org/a", content_type)
    assert (page.title, page.charset, page.charset_source) == (text, codec, source)


def test_an_undeclared_legacy_charset_is_detected() -> None:
    text = "Ким Чен Ын прибыл в Россию на бронепоезде. Встреча с Путиным пройдёт на космодроме."
    body = f"<html><head><title>{text[:26]}</title></head><body><p>{text}</p></body></html>"
    decoded, codec, source = decode(body.encode("cp1251"), "text/html")
    assert (decoded.count("Ким"), codec, source) == (2, "cp1251", "detected")


def test_a_snapshot_service_page_gives_capture_time_publication_date_and_title() -> None:
    body = (PAGES / "snapshot-service-zh-20230913.txt").read_bytes()
    page = read_page(body, "https://td.fyun.cc/snapshot/1", "text/plain; charset=utf-8")
    assert page.captured == dt.datetime(2023, 9, 13, 14, 45, 3)  # the service's local time
    assert page.captured_source == "snapshot banner"
    assert page.title == "金正恩已到俄罗斯,随行高层名单不一般,俄朝要谈的东西瞒不住"
    assert page.published is not None and page.published.date == PartialDate(2023, 9, 13)
    # This copy lost the link after 信息原文地址: no address is invented.
    assert page.original_url is None
    assert page.language is not None and page.language.primary == "zh"


def test_a_snapshot_banner_with_its_link_names_the_original() -> None:
    body = (
        "<p>快照生成时间:2023-09-13 14:45:03</p>"
        '<p>信息原文地址:<a href="https://www.163.com/dy/article/IEB1.html">链接</a></p>'
    ).encode()
    page = read_page(body, "https://td.fyun.cc/snapshot/1", "text/html")
    assert page.original_url == "https://www.163.com/dy/article/IEB1.html"


def test_a_wayback_replay_page_gives_its_capture_time_from_the_closing_comment() -> None:
    body = (
        b"<html><head><title>A page</title></head><body><p>text</p></body></html>\n<!--\n"
        b"     FILE ARCHIVED ON 14:45:03 Sep 13, 2023 AND RETRIEVED FROM THE\n"
        b"     INTERNET ARCHIVE ON 10:00:00 Jan 02, 2024.\n-->"
    )
    page = read_page(body, "https://web.archive.org/web/20230913144503/https://a.example/")
    assert page.captured == dt.datetime(2023, 9, 13, 14, 45, 3, tzinfo=dt.UTC)
    assert (page.captured_source, page.original_url) == ("wayback replay comment", None)


def test_a_feed_capture_gives_its_epoch_time_original_address_title_and_day_first_date() -> None:
    body = (PAGES / "rfi-zh-20230907-feed-capture.html").read_bytes()
    page = read_page(body, "http://127.0.0.1/capture", "text/html; charset=utf-8")
    assert page.captured == dt.datetime(2023, 9, 7, 0, 45, 1, tzinfo=dt.UTC)
    assert page.original_url is not None
    assert page.original_url.startswith("https://www.rfi.fr/cn/%E4%BA%9A%E6%B4%B2/20230907-")
    assert page.title == "金正恩想从普京身上得到什么"
    assert page.published is not None
    assert (page.published.date, page.published.source) == (PartialDate(2023, 9, 7), "feed")


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2015-07-24T05:36:09+01:00", PartialDate(2015, 7, 24)),
        ("20170113", PartialDate(2017, 1, 13)),
        ("2016年10月14日07:17", PartialDate(2016, 10, 14)),
        ("於 2013/12/28 10:28", PartialDate(2013, 12, 28)),
        ("14 сентября 2023 года", PartialDate(2023, 9, 14)),
        ("07/09/2023", None),  # day or month first? not guessed
        ("3/9(木) 18:45", None),  # no year
        ("2023", None),  # not a day
    ],
)
def test_page_dates_are_read_only_when_unambiguous(raw: str, day: PartialDate | None) -> None:
    assert parse_page_date(raw) == day


@pytest.mark.parametrize(
    ("title", "stripped"),
    [
        (
            "Obama admits US gun laws are his 'biggest frustration' - BBC News",
            "Obama admits US gun laws are his 'biggest frustration'",
        ),
        (
            "宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网",
            "宇航员在太空中喝酒会怎么样？后果很严重",
        ),
        (
            "United States to Lift Sudan Sanctions - The New York Times",
            "United States to Lift Sudan Sanctions",
        ),
        # a dash inside the headline is not a site name
        (
            "Kim - Putin summit: what we know so far about the talks",
            "Kim - Putin summit: what we know so far about the talks",
        ),
    ],
)
def test_site_suffixes(title: str, stripped: str) -> None:
    assert strip_site_suffix(title) == stripped


def test_only_complete_html_or_text_pages_are_read() -> None:
    def result(status: int, content_type: str) -> FetchResult:
        return FetchResult(
            url="https://example.org/a",
            method="GET",
            status=status,
            final_url="https://example.org/a",
            headers={"content-type": content_type},
            body=b"<title>Hello there world</title>",
        )

    assert page_of(result(200, "text/html")) is not None
    assert page_of(result(200, "application/pdf")) is None
    assert page_of(result(404, "text/html")) is None


class DictMemo:
    """A Memo in a dict, counting what is asked."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.hits = 0

    def get_derived(self, key: str) -> str | None:
        return self.get_derived_many([key]).get(key)

    def get_derived_many(self, keys: Collection[str]) -> dict[str, str]:
        found = {key: self.values[key] for key in keys if key in self.values}
        self.hits += len(found)
        return found

    def put_derived(self, key: str, value: str) -> None:
        self.values[key] = value


@pytest.mark.parametrize(
    "path",
    [*(READABILITY / f"{n}.html" for n in SAMPLES), *PAGES.glob("*.html"), *PAGES.glob("*.txt")],
    ids=lambda p: p.name,
)
def test_remembered_evidence_reads_back_equal_to_the_page_read_again(path: Path) -> None:
    result = FetchResult(
        url="https://example.org/a",
        method="GET",
        status=200,
        final_url="https://example.org/a",
        headers={"content-type": "text/html", "content-language": "en"},
        body=path.read_bytes(),
    )
    memo = DictMemo()
    first = page_of(result, memo=memo)
    again = page_of(result, memo=memo)
    assert memo.hits == 1 and len(memo.values) == 1
    assert first is not None and again == first == page_of(result)


def test_a_page_is_read_again_when_its_bytes_address_or_headers_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def result(body: bytes, url: str = "https://example.org/a", lang: str = "en") -> FetchResult:
        return FetchResult(
            url=url,
            method="GET",
            status=200,
            final_url=url,
            headers={"content-type": "text/html", "content-language": lang},
            body=body,
        )

    memo = DictMemo()
    page_of(result(b"<title>One page here</title>"), memo=memo)
    for other in (
        result(b"<title>One page here</title>", url="https://example.org/b"),
        result(b"<title>One page here</title>", lang="fr"),
    ):
        page_of(other, memo=memo)
    assert memo.hits == 0 and len(memo.values) == 3
    # A page whose bytes changed is read again, and replaces what was kept for its address.
    changed = page_of(result(b"<title>Another page here</title>"), memo=memo)
    assert changed is not None and changed.titles[0].text == "Another page here"
    assert len(memo.values) == 3
    monkeypatch.setattr(page_module, "read_page", None)  # the next answer must be the memo's
    assert page_of(result(b"<title>Another page here</title>"), memo=memo) == changed


def fetched_page(body: bytes, checked_at: dt.datetime) -> FetchResult:
    """An HTML page at https://example.org/a, fetched at ``checked_at``."""
    return FetchResult(
        url="https://example.org/a",
        method="GET",
        status=200,
        final_url="https://example.org/a",
        headers={"content-type": "text/html"},
        body=body,
        checked_at=checked_at,
    )


def test_a_response_with_its_fetch_time_is_known_by_that_time_not_by_its_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A response replayed from the cache keeps the time it was fetched at: the same time and
    # length is the same stored response, so a warm re-audit need not hash every body.
    fetched = dt.datetime(2026, 11, 22, 12, 0, 0, 123456, tzinfo=dt.UTC)
    result = fetched_page
    memo = DictMemo()
    first = page_of(result(b"<title>One page here</title>", fetched), memo=memo)
    monkeypatch.setattr(page_module, "read_page", None)  # the next answer must be the memo's
    # Bytes of the same length and time are taken for that stored response: they are not read.
    assert page_of(result(b"<title>One page HERE</title>", fetched), memo=memo) == first
    assert memo.hits == 1
    monkeypatch.undo()
    # Fetched again later: read again, even with the same length, and the entry is replaced.
    later = fetched + dt.timedelta(seconds=1)
    again = page_of(result(b"<title>Two page here</title>", later), memo=memo)
    assert again is not None and again.titles[0].text == "Two page here"
    assert len(memo.values) == 1


def test_a_page_kept_by_other_reader_code_is_read_again_and_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fetched = fetched_page(b"<title>One page here</title>", dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    memo = DictMemo()
    first = page_of(fetched, memo=memo)
    kept = dict(memo.values)
    monkeypatch.setattr(page_module, "reader_version", lambda: "another reader")
    calls: list[bytes] = []

    def counted(body: bytes, *args: Any, **kwargs: Any) -> PageEvidence:
        calls.append(body)
        return read_page(body, *args, **kwargs)

    monkeypatch.setattr(page_module, "read_page", counted)
    assert page_of(fetched, memo=memo) == first
    assert len(calls) == 1 and memo.values.keys() == kept.keys() and memo.values != kept


def test_pages_of_reads_many_fetches_in_order_with_one_memo_lookup() -> None:
    def result(n: int, status: int = 200) -> FetchResult:
        url = f"https://example.org/{n}"
        return FetchResult(
            url=url,
            method="GET",
            status=status,
            final_url=url,
            headers={"content-type": "text/html"},
            body=f"<title>Page number {n} here</title>".encode(),
        )

    class CountingMemo(DictMemo):
        lookups = 0

        def get_derived_many(self, keys: Collection[str]) -> dict[str, str]:
            self.lookups += 1
            return super().get_derived_many(keys)

    fetched = [(result(1), None), (result(2, 404), None), (result(3), "https://example.org/c")]
    memo = CountingMemo()
    pages = pages_of(fetched, memo)
    assert [p.titles[0].text if p else None for p in pages] == [
        "Page number 1 here",
        None,
        "Page number 3 here",
    ]
    assert pages[2] is not None and pages[2].url == "https://example.org/c"
    assert pages_of(fetched, memo) == pages
    assert memo.lookups == 2 and memo.hits == 2


def test_no_east_asian_letter_comes_before_the_one_the_cjk_shortcut_starts_at() -> None:
    # _cjk_language skips counting a text whose every character is below _FIRST_CJK.
    east_asian = [c for c in range(0x3000) if script_of(chr(c)) in ("Han", "Kana", "Hangul")]
    assert chr(min(east_asian)) == page_module._FIRST_CJK


def test_a_body_left_in_the_cache_is_read_only_when_the_memo_has_not_its_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = b"<title>One page here</title><p>text</p>"
    whole = fetched_page(body, dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC))
    bodiless = dataclasses.replace(whole, body=b"", facts=BodyFacts.of(body))
    reads: list[FetchResult] = []

    def body_of(result: FetchResult) -> bytes:
        reads.append(result)
        return body

    memo = DictMemo()
    # Without a way to read the body there is no page; with one, it is read once and kept.
    assert pages_of([(bodiless, None)], memo=memo) == [None]
    assert pages_of([(bodiless, None)], memo=memo, body_of=body_of) == [page_of(whole)]
    assert reads == [bodiless]
    assert pages_of([(bodiless, None)], memo=memo, body_of=body_of) == [page_of(whole)]
    assert reads == [bodiless] and memo.hits == 1
    # A body no longer in the cache gives no page, and nothing is kept for it.
    gone = dataclasses.replace(bodiless, url="https://example.org/gone")
    assert pages_of([(gone, None)], memo=memo, body_of=lambda _: b"") == [None]
