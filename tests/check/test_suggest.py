"""Archive suggestions: the capture closest before the citation's date, found by CDX, TimeGate
or TimeMap.

Queries and answers are checked as pure functions on real recorded Wayback CDX traffic
(``tests/data/suggest/``), the I/O through the real Fetcher with that traffic replayed, and the
whole thing end to end against a real pywb archive on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import gzip
import itertools
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import httpx
import pytest

from citecheck.archives import (
    ARCHIVE_TODAY,
    INTERNET_ARCHIVE,
    ArchiveRef,
    wayback_archive_at,
)
from citecheck.archives.memento import GENERIC
from citecheck.check.suggest import (
    INTERNET_ARCHIVE_CDX,
    MAX_TIMEMAP_PAGES,
    CdxArchive,
    CdxDialect,
    CdxRecord,
    Memento,
    SuggestionRequest,
    SuggestionSource,
    TimeGateArchive,
    TimeMapArchive,
    TimeMapPage,
    cdx_query_url,
    choose_capture,
    choose_memento,
    read_cdx,
    read_timegate,
    read_timemap,
    request_for,
    source_for,
    suggest_archives,
    timegate_url,
    timemap_pages,
    timemap_url,
    wanted_instant,
)
from citecheck.evidence import (
    Method,
    NoSuggestion,
    Relation,
    Suggestion,
    SuggestionResult,
    SuggestStatus,
)
from citecheck.http import Fetcher, FetchResult, HostPolicy, HttpSettings
from citecheck.model import PartialDate, Reference
from tests.support.http_settings import fast_settings
from tests.support.pywb_server import Capture, PywbArchive, require_pywb_bin
from tests.support.wayback_cassettes import Exchange, load_cassette

DATA = Path(__file__).resolve().parents[1] / "data" / "suggest"
UTC = dt.UTC

# The suite's fast settings with the longer timeout and retry budget these tests (against pywb
# and recorded answers) were written for.
FAST = fast_settings(
    timeout=5.0,
    retry_budget=5.0,
    # No spacing in tests; one at a time, so "after a 429 nothing more is sent" is exact.
    host_policies={"web.archive.org": HostPolicy(concurrency=1)},
)


def recorded(name: str, index: int = 0) -> Exchange:
    return load_cassette(DATA / f"{name}.yaml")[index]


def recorded_text(name: str, index: int = 0) -> str:
    body = recorded(name, index).body
    return (gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body).decode("utf-8")


def at(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


# -- the query ---------------------------------------------------------------------------------


def test_the_wayback_query_asks_for_the_last_200_capture_up_to_the_end_of_the_wanted_day() -> None:
    wanted = wanted_instant(PartialDate(2023, 9, 18))
    assert cdx_query_url(INTERNET_ARCHIVE_CDX, "https://example.org/a?b=c", wanted) == (
        "https://web.archive.org/cdx/search/cdx?url=https://example.org/a%3Fb%3Dc"
        "&to=20230918235959&limit=-1&filter=statuscode:200&fl=timestamp,original,statuscode"
    )


def test_the_fallback_query_asks_for_the_first_200_capture_after() -> None:
    wanted = wanted_instant(PartialDate(2023, 9, 18))
    assert cdx_query_url(INTERNET_ARCHIVE_CDX, "https://example.org/a", wanted, after=True) == (
        "https://web.archive.org/cdx/search/cdx?url=https://example.org/a"
        "&from=20230918235959&limit=1&filter=statuscode:200&fl=timestamp,original,statuscode"
    )


def test_pywb_is_asked_newest_first_in_its_own_field_names() -> None:
    archive = source_for(wayback_archive_at("http://127.0.0.1:8080/citations/"))
    assert archive == CdxArchive(
        name="pywb:citations",
        endpoint="http://127.0.0.1:8080/citations/cdx",
        snapshot_base="http://127.0.0.1:8080/citations/",
        dialect=CdxDialect.PYWB,
    )
    query = cdx_query_url(archive, "http://a.example/x", at("20230915235959"))
    assert query == (
        "http://127.0.0.1:8080/citations/cdx?url=http://a.example/x&to=20230915235959"
        "&sort=reverse&limit=1&filter=statuscode:200&fl=timestamp,url,status&output=json"
    )


def test_each_archive_is_asked_the_first_way_it_declares() -> None:
    assert source_for(INTERNET_ARCHIVE) == INTERNET_ARCHIVE_CDX
    assert source_for(ARCHIVE_TODAY) == TimeMapArchive(
        "archive.today", "https://archive.ph/timemap/"
    )
    assert source_for(GENERIC) is None  # known only by its headers: nothing to ask
    service = wayback_archive_at("http://127.0.0.1:8080/citations/")
    assert source_for(service, cdx=False) == TimeGateArchive(
        "pywb:citations", "http://127.0.0.1:8080/citations/"
    )


def test_a_timemap_is_asked_for_the_url_whatever_the_date() -> None:
    today = TimeMapArchive("archive.today", "https://archive.ph/timemap/")
    assert timemap_url(today, "https://example.com/a?b=c") == (
        "https://archive.ph/timemap/https://example.com/a?b=c"
    )


def test_the_wanted_instant_is_the_last_second_of_the_date_at_its_precision() -> None:
    assert wanted_instant(PartialDate(2023, 9, 18)) == at("20230918235959")
    assert wanted_instant(PartialDate(2023, 2)) == at("20230228235959")
    assert wanted_instant(PartialDate(2023)) == at("20231231235959")


def test_a_timegate_is_asked_in_raw_mode_at_the_wanted_instant() -> None:
    gate = TimeGateArchive("pywb:c", "http://127.0.0.1:8080/c/")
    assert timegate_url(gate, "http://a.example/x", at("20230915235959")) == (
        "http://127.0.0.1:8080/c/20230915235959id_/http://a.example/x"
    )
    assert (
        timegate_url(gate, "http://a.example/x", None)
        == "http://127.0.0.1:8080/c/id_/http://a.example/x"
    )


# -- the requests ------------------------------------------------------------------------------


def test_a_request_takes_the_access_date_else_the_publication_date() -> None:
    ref = Reference(label="3", line=1, raw="", url="https://a.example/x")
    accessed = dataclasses.replace(
        ref, accessed=PartialDate(2023, 9, 18), published=PartialDate(2023, 9, 13)
    )
    assert request_for(accessed) == SuggestionRequest(
        "https://a.example/x", PartialDate(2023, 9, 18), "3", "access-date"
    )
    published = dataclasses.replace(ref, published=PartialDate(2023, 9, 13))
    assert request_for(published) == SuggestionRequest(
        "https://a.example/x", PartialDate(2023, 9, 13), "3", "publication-date"
    )
    assert request_for(ref) == SuggestionRequest("https://a.example/x", None, "3", "none")


def test_references_with_an_archive_or_without_a_web_url_get_no_request() -> None:
    ref = Reference(label="3", line=1, raw="", url="https://a.example/x")
    archived_url = "https://web.archive.org/web/2023/https://a.example/x"
    assert request_for(dataclasses.replace(ref, archive_url=archived_url)) is None
    assert request_for(dataclasses.replace(ref, archived=PartialDate(2023))) is None
    assert request_for(dataclasses.replace(ref, has_archive=True)) is None
    assert request_for(dataclasses.replace(ref, url="ftp://a.example/x")) is None
    assert request_for(dataclasses.replace(ref, url=None)) is None


# -- the answer: real recorded CDX traffic ---------------------------------------------------------


def test_a_recorded_default_cdx_answer_is_read_line_by_line() -> None:
    records = read_cdx(recorded_text("test_search_with_filter"))
    assert len(records) == 10
    assert records[0] == CdxRecord(
        at("20220101003924"), "20220101003924", "http://www.nasa.gov/", 200
    )
    # The resume key after the blank line is not a capture.
    assert records[-1].stamp == "20220101013952"


def test_the_latest_200_before_the_wanted_date_is_chosen_from_a_recorded_answer() -> None:
    records = read_cdx(recorded_text("test_search_with_filter"))
    chosen = choose_capture(records, wanted_instant(PartialDate(2022, 1, 1)))
    assert chosen == (
        CdxRecord(at("20220101013952"), "20220101013952", "http://www.nasa.gov/", 200),
        Relation.BEFORE,
    )
    # At 00:42:47 the latest capture is a 301: the 200 before it is chosen instead.
    early = choose_capture(records, at("20220101004247"))
    assert early is not None and early[0].stamp == "20220101003924"


def test_with_none_before_the_earliest_200_after_is_chosen() -> None:
    records = read_cdx(recorded_text("test_search_with_filter"))
    assert choose_capture(records, wanted_instant(PartialDate(2021, 12, 31))) == (
        CdxRecord(at("20220101003924"), "20220101003924", "http://www.nasa.gov/", 200),
        Relation.AFTER,
    )


def test_without_a_wanted_date_the_latest_200_is_chosen() -> None:
    records = read_cdx(recorded_text("test_search_with_filter"))
    chosen = choose_capture(records, None)
    assert chosen is not None and chosen[0].stamp == "20220101013952"
    assert chosen[1] is Relation.LATEST


def test_redirects_and_unresolved_revisits_are_never_suggested() -> None:
    # dw.com's home page: 1,000 real lines of 301/302 captures and "-" revisits of them.
    records = read_cdx(recorded_text("test_search_with_date"))
    assert len(records) == 1000
    assert {r.status for r in records} == {301, 302, None}
    assert choose_capture(records, wanted_instant(PartialDate(2020, 1, 1))) is None


def test_captured_404s_are_never_suggested() -> None:
    records = read_cdx(recorded_text("test_search_with_filter", 1))  # filter=statuscode:404
    assert records and all(r.status == 404 for r in records)
    assert choose_capture(records, None) is None


def test_lines_with_unusable_originals_are_skipped() -> None:
    records = read_cdx((DATA / "malformed_cdx.txt").read_text(encoding="utf-8"))
    assert "some/not/even/url/thing" not in {r.original for r in records}
    good = [r for r in records if r.status == 200]
    assert [r.stamp for r in good] == ["20200418003811", "20200418005903"]


def test_a_dash_length_does_not_lose_the_line() -> None:
    records = read_cdx((DATA / "zero_length_cdx.txt").read_text(encoding="utf-8"))
    assert len(records) == 5 and records[-1].stamp == "20100218025451"


def test_impossible_stamps_are_skipped_not_guessed() -> None:
    # Month 00 and day 00 lines: a stamp that names no real time cannot be cited.
    records = read_cdx((DATA / "bad_timestamp_cdx.txt").read_text(encoding="utf-8"))
    assert [r.stamp for r in records] == ["20011120210446", "20000125210430", "20000311052312"]


def test_extra_trailing_fields_are_ignored() -> None:
    line = "com,cnn)/ 20100215131836 http://www.cnn.com/ text/html 200 T6CD 24186 extra fields"
    assert read_cdx(line) == [
        CdxRecord(at("20100215131836"), "20100215131836", "http://www.cnn.com/", 200)
    ]


def test_the_reduced_field_list_json_arrays_json_lines_and_cdxj_are_all_read() -> None:
    expected = [CdxRecord(at("20230910080000"), "20230910080000", "http://a.example/x", 200)]
    fields = ("timestamp", "original", "statuscode")
    assert read_cdx("20230910080000 http://a.example/x 200\n", fields) == expected
    ia_json = (
        '[["timestamp","original","statuscode"],["20230910080000","http://a.example/x","200"]]'
    )
    assert read_cdx(ia_json) == expected
    lines = '{"timestamp": "20230910080000", "url": "http://a.example/x", "status": "200"}\n'
    assert read_cdx(lines) == expected
    cdxj = 'example,a)/x 20230910080000 {"url": "http://a.example/x", "status": "200"}\n'
    assert read_cdx(cdxj) == expected


def test_an_empty_or_garbled_answer_lists_nothing() -> None:
    assert read_cdx("") == []
    assert read_cdx("[not json") == []
    assert read_cdx("<html>Service Unavailable</html>") == []


def test_a_timegate_answer_is_read_from_its_memento_headers() -> None:
    result = FetchResult(
        url="http://127.0.0.1:8080/c/20230915235959id_/http://a.example/x",
        method="GET",
        status=200,
        final_url="http://127.0.0.1:8080/c/20230910080000id_/http://a.example/x",
        headers={
            "memento-datetime": "Sun, 10 Sep 2023 08:00:00 GMT",
            "link": '<http://a.example/x>; rel="original", <http://127.0.0.1:8080/c/x>; rel="timegate"',
        },
    )
    assert read_timegate(result) == CdxRecord(
        at("20230910080000"), "20230910080000", "http://a.example/x", 200
    )
    assert read_timegate(dataclasses.replace(result, headers={})) is None


# -- the answer: TimeMaps ----------------------------------------------------------------------

# RFC 7089's example TimeMap (§5), as the RFC lays it out: one link split over several lines.
RFC_7089_TIMEMAP = """<http://a.example.org>;rel="original",
<http://arxiv.example.net/timemap/http://a.example.org>
  ; rel="self";type="application/link-format"
  ; from="Tue, 20 Jun 2000 18:02:59 GMT"
  ; until="Wed, 09 Apr 2008 20:30:51 GMT",
<http://arxiv.example.net/timegate/http://a.example.org>
  ; rel="timegate",
<http://arxiv.example.net/web/20000620180259/http://a.example.org>
  ; rel="first memento";datetime="Tue, 20 Jun 2000 18:02:59 GMT"
  ; license="http://creativecommons.org/publicdomain/zero/1.0/",
<http://arxiv.example.net/web/20091027204954/http://a.example.org>
   ; rel="last memento";datetime="Tue, 27 Oct 2009 20:49:54 GMT"
   ; license="http://creativecommons.org/publicdomain/zero/1.0/",
<http://arxiv.example.net/web/20000621011731/http://a.example.org>
  ; rel="memento";datetime="Wed, 21 Jun 2000 01:17:31 GMT"
  ; license="http://creativecommons.org/publicdomain/zero/1.0/",
<http://arxiv.example.net/web/20000621044156/http://a.example.org>
  ; rel="memento";datetime="Wed, 21 Jun 2000 04:41:56 GMT"
  ; license="http://creativecommons.org/publicdomain/zero/1.0/"
"""

# archive.today's shape: one link a line, mementos named by short or dotted ids, the first and
# last marked as such, and a link to the next page of a long TimeMap.
PAGE = "https://example.com/page"
ARCHIVE_TODAY_TIMEMAP = f"""<{PAGE}>; rel="original",
<https://archive.ph/timegate/{PAGE}>; rel="timegate",
<https://archive.ph/2019.03.01-101500/{PAGE}>; rel="first memento"; datetime="Fri, 01 Mar 2019 10:15:00 GMT",
<https://archive.ph/AbCd1>; rel="memento"; datetime="Thu, 14 Sep 2023 12:30:59 GMT",
<https://archive.ph/2023.09.14-123059/{PAGE}>; rel="memento"; datetime="Thu, 14 Sep 2023 12:30:59 GMT",
<https://archive.ph/Xy9z>; rel="last memento"; datetime="Mon, 02 Oct 2023 08:00:00 GMT",
<https://archive.ph/timemap/{PAGE}>; rel="self"; type="application/link-format"; from="Fri, 01 Mar 2019 10:15:00 GMT"; until="Mon, 02 Oct 2023 08:00:00 GMT",
<https://archive.ph/timemap/1000/{PAGE}>; rel="timemap"; type="application/link-format"; from="Tue, 03 Oct 2023 00:00:00 GMT"
"""  # one link a line, as served


def arxiv(stamp: str) -> Memento:
    return Memento(
        at(stamp),
        f"http://arxiv.example.net/web/{stamp}/http://a.example.org",
        "http://a.example.org",
    )


def test_the_rfc_7089_timemap_lists_its_mementos_first_and_last_included() -> None:
    assert read_timemap(RFC_7089_TIMEMAP) == [
        arxiv("20000620180259"),
        arxiv("20091027204954"),
        arxiv("20000621011731"),
        arxiv("20000621044156"),
    ]
    assert (
        timemap_pages(RFC_7089_TIMEMAP, "http://arxiv.example.net/timemap/http://a.example.org")
        == []
    )


def test_archive_today_s_mementos_are_cited_at_the_urls_its_timemap_names() -> None:
    mementos = read_timemap(ARCHIVE_TODAY_TIMEMAP)
    assert [(m.url, m.timestamp) for m in mementos] == [
        (f"https://archive.ph/2019.03.01-101500/{PAGE}", at("20190301101500")),
        ("https://archive.ph/AbCd1", at("20230914123059")),
        (f"https://archive.ph/2023.09.14-123059/{PAGE}", at("20230914123059")),
        ("https://archive.ph/Xy9z", at("20231002080000")),
    ]
    assert {m.original for m in mementos} == {PAGE}
    # ... and they are snapshot URLs archive.today's own reader recognises.
    assert all(isinstance(ARCHIVE_TODAY.parse(m.url), ArchiveRef) for m in mementos)


def test_a_paged_timemap_names_its_other_pages_never_itself_nor_a_memento() -> None:
    own = f"https://archive.ph/timemap/{PAGE}"
    assert timemap_pages(ARCHIVE_TODAY_TIMEMAP, own) == [
        TimeMapPage(f"https://archive.ph/timemap/1000/{PAGE}", start=at("20231003000000"))
    ]
    paged = """<http://a.example.org>;rel="original",
<http://arxiv.example.net/timemap/2/http://a.example.org>; rel="self",
<http://arxiv.example.net/timemap/1/http://a.example.org>; rel="prev"; type="application/link-format",
<http://arxiv.example.net/timemap/3/http://a.example.org>; rel="next"; type="application/link-format",
<http://arxiv.example.net/web/20000620180259/http://a.example.org>; rel="prev memento"; datetime="Tue, 20 Jun 2000 18:02:59 GMT"
"""
    assert [page.url for page in timemap_pages(paged)] == [
        "http://arxiv.example.net/timemap/1/http://a.example.org",
        "http://arxiv.example.net/timemap/3/http://a.example.org",
    ]


def test_relative_links_are_read_against_the_timemap_s_own_url() -> None:
    text = '</web/20230914123059/http://x.example/>; rel="memento"; datetime="Thu, 14 Sep 2023 12:30:59 GMT"'
    [memento] = read_timemap(text, "http://10.0.0.5/timemap/link/http://x.example/")
    assert memento.url == "http://10.0.0.5/web/20230914123059/http://x.example/"
    assert memento.original == ""  # the TimeMap names none; the suggester uses the URL asked


def test_links_without_a_readable_datetime_or_a_web_url_are_not_mementos() -> None:
    text = (
        '<http://a.example/1>; rel="memento"; datetime="yesterday",\n'
        '<http://a.example/2>; rel="memento",\n'
        '<mailto:x@a.example>; rel="memento"; datetime="Thu, 14 Sep 2023 12:30:59 GMT",\n'
        '<http://a.example/timegate>; rel="timegate"; datetime="Thu, 14 Sep 2023 12:30:59 GMT"'
    )
    assert read_timemap(text) == []
    assert read_timemap("") == [] and read_timemap("<html><p>Welcome</p></html>") == []


def test_from_a_timemap_the_latest_memento_before_else_the_earliest_after_is_chosen() -> None:
    mementos = read_timemap(ARCHIVE_TODAY_TIMEMAP)
    before = choose_memento(mementos, wanted_instant(PartialDate(2023, 9, 20)))
    assert before is not None and before[1] is Relation.BEFORE
    assert before[0].timestamp == at("20230914123059")
    after = choose_memento(mementos, wanted_instant(PartialDate(2018)))
    assert after is not None and after[1] is Relation.AFTER
    assert after[0].url == f"https://archive.ph/2019.03.01-101500/{PAGE}"
    latest = choose_memento(mementos, None)
    assert latest == (mementos[-1], Relation.LATEST)
    assert choose_memento([], None) is None


# -- the I/O: the real Fetcher, recorded Wayback answers ------------------------------------------


class Archive:
    """A stand-in for web.archive.org's socket: each query path answered by a recorded response."""

    def __init__(self, answer: Callable[[httpx.Request], Exchange | None]) -> None:
        self.answer = answer
        self.sent: list[tuple[str, float]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((str(request.url), time.monotonic()))
        exchange = self.answer(request)
        if exchange is None:
            return httpx.Response(200, content=b"", headers={"content-type": "text/plain"})
        return httpx.Response(
            exchange.status, headers=list(exchange.headers), content=exchange.body
        )


def run_suggest(
    archive: Archive,
    requests: Sequence[SuggestionRequest],
    settings: HttpSettings = FAST,
    services: Sequence[SuggestionSource] = (INTERNET_ARCHIVE_CDX,),
) -> dict[SuggestionRequest, SuggestionResult]:
    async def go() -> dict[SuggestionRequest, SuggestionResult]:
        async with Fetcher(settings, network=httpx.MockTransport(archive)) as fetcher:
            return await suggest_archives(fetcher, requests, services)

    return asyncio.run(go())


NASA = SuggestionRequest("https://www.nasa.gov/", PartialDate(2022, 1, 1), "7", "access-date")


def test_a_recorded_answer_through_the_fetcher_gives_a_citable_wayback_url() -> None:
    archive = Archive(lambda _: recorded("test_search_with_filter"))  # gzip body, as recorded
    [suggestion] = run_suggest(archive, [NASA]).values()
    assert suggestion == Suggestion(
        archive_url="https://web.archive.org/web/20220101013952/http://www.nasa.gov/",
        timestamp=at("20220101013952"),
        original="http://www.nasa.gov/",
        archive="wayback",
        method=Method.CDX,
        relation=Relation.BEFORE,
        wanted=PartialDate(2022, 1, 1),
        wanted_from="access-date",
        query_url=cdx_query_url(INTERNET_ARCHIVE_CDX, NASA.url, at("20220101235959")),
    )
    assert len(archive.sent) == 1  # found before: no fallback query
    assert suggestion.to_dict()["suggested_archive_date"] == "2022-01-01"
    assert suggestion.note == (
        "capture of 2022-01-01 01:39:52 UTC (wayback), before the access date 2022-01-01"
    )


def test_the_fallback_after_is_asked_only_when_nothing_is_before() -> None:
    def answer(request: httpx.Request) -> Exchange | None:
        after = "from" in request.url.params
        return recorded("test_search_with_filter") if after else None  # empty "to" answer

    archive = Archive(answer)
    early = dataclasses.replace(NASA, wanted=PartialDate(2021, 12, 31))
    [suggestion] = run_suggest(archive, [early]).values()
    assert isinstance(suggestion, Suggestion)
    assert suggestion.relation is Relation.AFTER
    assert suggestion.timestamp == at("20220101003924")
    assert [dict(httpx.URL(url).params).get("from") for url, _ in archive.sent] == [
        None,
        "20211231235959",
    ]


def test_only_redirect_captures_is_no_capture() -> None:
    archive = Archive(lambda _: recorded("test_search_with_date"))
    request = SuggestionRequest("https://dw.com/", PartialDate(2020, 1, 1), "2")
    [result] = run_suggest(archive, [request]).values()
    assert isinstance(result, NoSuggestion) and result.status is SuggestStatus.NO_CAPTURE


def test_an_excluded_url_is_reported_blocked() -> None:
    archive = Archive(lambda _: recorded("test_search_raises_for_blocked_urls"))
    request = SuggestionRequest("https://nationalpost.com/health", PartialDate(2019, 10, 1), "4")
    [result] = run_suggest(archive, [request]).values()
    assert isinstance(result, NoSuggestion) and result.status is SuggestStatus.BLOCKED
    assert len(archive.sent) == 1  # a 403 is an answer, not something to retry


def test_after_a_429_the_archive_is_not_asked_again_in_this_run() -> None:
    # Retry-After: 10 is over the cap (2 s), so the Fetcher gives up rather than retry early.
    archive = Archive(lambda _: recorded("rate_limited_429"))
    requests = [
        SuggestionRequest(f"https://a.example/{i}", PartialDate(2023, 9, 18), str(i))
        for i in range(5)
    ]
    results = run_suggest(archive, requests)
    assert len(archive.sent) == 1
    assert {r.status for r in results.values() if isinstance(r, NoSuggestion)} == {
        SuggestStatus.RATE_LIMITED
    }
    assert len(results) == 5
    first = results[requests[0]]
    assert isinstance(first, NoSuggestion) and "Retry-After: 10" in first.detail


def test_a_429_is_retried_no_sooner_than_retry_after_asks() -> None:
    limited = recorded("rate_limited_429")
    asked_one_second = tuple(
        (name, "1" if name == "Retry-After" else value) for name, value in limited.headers
    )
    limited = dataclasses.replace(limited, headers=asked_one_second)
    queue = iter([limited, recorded("test_search_with_filter")])
    archive = Archive(lambda _: next(queue))
    [suggestion] = run_suggest(archive, [NASA]).values()
    assert isinstance(suggestion, Suggestion)
    (_, first), (_, second) = archive.sent
    assert second - first >= 1.0


def test_the_default_wayback_policy_stays_under_60_requests_a_minute() -> None:
    from citecheck.check.manners import with_service_manners

    # What every audit's client is given (citecheck.audit and check_article add it).
    policy = with_service_manners(HttpSettings()).policy_for("web.archive.org")
    assert policy.min_interval >= 1.0


def test_offline_without_a_recording_is_not_recorded_and_sends_nothing() -> None:
    archive = Archive(lambda _: recorded("test_search_with_filter"))
    offline = dataclasses.replace(FAST, offline=True)
    [result] = run_suggest(archive, [NASA], offline).values()
    assert isinstance(result, NoSuggestion) and result.status is SuggestStatus.NOT_RECORDED
    assert archive.sent == []


def test_identical_requests_are_answered_once() -> None:
    archive = Archive(lambda _: recorded("test_search_with_filter"))
    results = run_suggest(archive, [NASA, NASA])
    assert len(results) == 1 and len(archive.sent) == 1


ARCHIVE_PH = source_for(ARCHIVE_TODAY)
assert isinstance(ARCHIVE_PH, TimeMapArchive)


def link_format(body: str, status: int = 200) -> Exchange:
    return Exchange(
        "GET", "", status, (("Content-Type", "application/link-format"),), body.encode()
    )


def test_archive_today_s_suggestion_is_the_memento_url_its_timemap_names() -> None:
    archive = Archive(lambda _: link_format(ARCHIVE_TODAY_TIMEMAP))
    request = SuggestionRequest(PAGE, PartialDate(2023, 9, 20), "5")
    [result] = run_suggest(archive, [request], services=[ARCHIVE_PH]).values()
    assert result == Suggestion(
        archive_url="https://archive.ph/AbCd1",
        timestamp=at("20230914123059"),
        original=PAGE,
        archive="archive.today",
        method=Method.TIMEMAP,
        relation=Relation.BEFORE,
        wanted=PartialDate(2023, 9, 20),
        wanted_from="access-date",
        query_url=f"https://archive.ph/timemap/{PAGE}",
    )
    # The next page holds captures from October on: none of them is closer to 20 September.
    assert [url for url, _ in archive.sent] == [f"https://archive.ph/timemap/{PAGE}"]


def test_a_further_page_is_asked_only_when_it_may_hold_a_closer_capture() -> None:
    archive = Archive(lambda _: link_format(ARCHIVE_TODAY_TIMEMAP))
    latest = SuggestionRequest(PAGE, None, "5", "none")  # October's page may hold a later one
    [result] = run_suggest(archive, [latest], services=[ARCHIVE_PH]).values()
    assert isinstance(result, Suggestion) and result.relation is Relation.LATEST
    assert [url for url, _ in archive.sent] == [
        f"https://archive.ph/timemap/{PAGE}",
        f"https://archive.ph/timemap/1000/{PAGE}",  # (answering the same list here)
    ]


def test_a_paged_timemap_is_followed_for_a_bounded_number_of_pages() -> None:
    numbers = itertools.count(1)

    def endless(_: httpx.Request) -> Exchange:
        # Page n holds one capture, on day n of 2023, and links to page n + 1, without end.
        n = next(numbers)
        return link_format(
            f'<https://archive.ph/p{n}>; rel="memento"; datetime="{n:02} Jan 2023 00:00:00 GMT",\n'
            f'<https://archive.ph/timemap/{n + 1}/{PAGE}>; rel="next"'
        )

    archive = Archive(endless)
    latest = SuggestionRequest(PAGE, None, "5", "none")
    [result] = run_suggest(archive, [latest], services=[ARCHIVE_PH]).values()
    assert len(archive.sent) == MAX_TIMEMAP_PAGES
    assert isinstance(result, Suggestion)
    assert result.archive_url == f"https://archive.ph/p{MAX_TIMEMAP_PAGES}"


def test_a_timemap_404_is_no_capture_and_a_429_stops_asking_archive_today() -> None:
    none = Archive(lambda _: link_format("", 404))
    request = SuggestionRequest(PAGE, PartialDate(2023, 9, 20), "5")
    [result] = run_suggest(none, [request], services=[ARCHIVE_PH]).values()
    assert isinstance(result, NoSuggestion) and result.status is SuggestStatus.NO_CAPTURE
    limited = Archive(lambda _: recorded("rate_limited_429"))
    requests = [
        SuggestionRequest(f"{PAGE}/{i}", PartialDate(2023, 9, 20), str(i)) for i in range(3)
    ]
    one_at_a_time = dataclasses.replace(
        FAST, host_policies={"archive.ph": HostPolicy(concurrency=1)}
    )
    results = run_suggest(limited, requests, one_at_a_time, services=[ARCHIVE_PH])
    assert {r.status for r in results.values() if isinstance(r, NoSuggestion)} == {
        SuggestStatus.RATE_LIMITED
    }
    assert len(limited.sent) == 1


def test_a_page_that_is_not_a_timemap_is_an_archive_error_not_no_capture() -> None:
    captcha = Exchange(
        "GET", "", 200, (("Content-Type", "text/html"),), b"<html><p>Are you a robot?</p></html>"
    )
    request = SuggestionRequest(PAGE, PartialDate(2023, 9, 20), "5")
    [result] = run_suggest(Archive(lambda _: captcha), [request], services=[ARCHIVE_PH]).values()
    assert isinstance(result, NoSuggestion) and result.status is SuggestStatus.ARCHIVE_ERROR


# -- end to end: a real pywb archive on 127.0.0.1 -------------------------------------------------

ARTICLE = "http://news.example/2023/09/summit.html"
LATE = "http://news.example/2024/01/late.html"  # captured only after the wanted date
BROKEN = "http://news.example/2023/09/broken.html"  # captured only as a 404
NEVER = "http://news.example/2023/09/never.html"  # not captured at all


def _page(text: str) -> bytes:
    return f"<!doctype html><title>{text}</title><p>{text}</p>".encode()


CAPTURES = (
    Capture(ARTICLE, at("20230901080000"), _page("v1")),
    Capture(ARTICLE, at("20230910080000"), _page("v2")),
    Capture(ARTICLE, at("20230912080000"), _page("gone"), status="404 Not Found"),
    Capture(ARTICLE, at("20231001080000"), _page("v3")),
    Capture(LATE, at("20240105120000"), _page("late")),
    Capture(BROKEN, at("20230911000000"), _page("gone"), status="404 Not Found"),
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PywbArchive]:
    folder = tmp_path_factory.mktemp("suggest-archive")
    with PywbArchive.of(folder, CAPTURES, require_pywb_bin()) as pywb:
        yield pywb


def suggest_live(
    pywb: PywbArchive,
    requests: Sequence[SuggestionRequest],
    *,
    cdx: bool = True,
    source: SuggestionSource | None = None,
) -> dict[SuggestionRequest, SuggestionResult]:
    source = source or source_for(wayback_archive_at(pywb.prefix), cdx=cdx)
    assert source is not None

    async def go() -> dict[SuggestionRequest, SuggestionResult]:
        async with Fetcher(FAST) as fetcher:
            return await suggest_archives(fetcher, requests, [source])

    return asyncio.run(go())


def capture_time_served_at(url: str) -> str:
    """The ``Memento-Datetime`` of the capture pywb serves (200, no redirect) at ``url``."""
    with httpx.Client(trust_env=False, follow_redirects=False) as client:
        served = client.get(url)
    assert served.status_code == 200
    return served.headers["memento-datetime"]


def found(result: SuggestionResult) -> tuple[str, Relation]:
    assert isinstance(result, Suggestion), result
    return result.timestamp.strftime("%Y%m%d%H%M%S"), result.relation


def test_pywb_suggests_the_200_capture_closest_before_the_access_date(archive: PywbArchive) -> None:
    request = SuggestionRequest(ARTICLE, PartialDate(2023, 9, 15), "1")
    [result] = suggest_live(archive, [request]).values()
    # 2023-09-12 is closer, but it captured a 404.
    assert found(result) == ("20230910080000", Relation.BEFORE)
    assert isinstance(result, Suggestion)
    assert result.archive_url == f"{archive.prefix}20230910080000/{ARTICLE}"
    assert result.original == ARTICLE and result.archive == "pywb:citations"


def test_pywb_s_suggested_url_serves_that_capture(archive: PywbArchive) -> None:
    request = SuggestionRequest(ARTICLE, PartialDate(2023, 9, 15), "1")
    [result] = suggest_live(archive, [request]).values()
    assert isinstance(result, Suggestion)
    assert capture_time_served_at(result.archive_url) == "Sun, 10 Sep 2023 08:00:00 GMT"


def test_pywb_falls_back_to_the_first_capture_after(archive: PywbArchive) -> None:
    early = SuggestionRequest(ARTICLE, PartialDate(2023, 8, 1), "1")
    late = SuggestionRequest(LATE, PartialDate(2023, 9, 15), "2")
    results = suggest_live(archive, [early, late])
    assert found(results[early]) == ("20230901080000", Relation.AFTER)
    assert found(results[late]) == ("20240105120000", Relation.AFTER)


def test_pywb_without_a_date_suggests_the_latest(archive: PywbArchive) -> None:
    request = SuggestionRequest(ARTICLE, None, "1", "none")
    [result] = suggest_live(archive, [request]).values()
    assert found(result) == ("20231001080000", Relation.LATEST)
    assert isinstance(result, Suggestion) and result.note.startswith("latest capture")


def test_pywb_with_no_good_capture_says_so(archive: PywbArchive) -> None:
    broken = SuggestionRequest(BROKEN, PartialDate(2023, 9, 15), "3")
    never = SuggestionRequest(NEVER, PartialDate(2023, 9, 15), "4")
    results = suggest_live(archive, [broken, never])
    for result in results.values():
        assert isinstance(result, NoSuggestion)
        assert result.status is SuggestStatus.NO_CAPTURE


def test_a_timegate_finds_the_closest_capture_before_or_after(archive: PywbArchive) -> None:
    # 2023-09-05 is closer to 09-01 than to 09-10; 09-09 is closer to 09-10 (after: a TimeGate
    # cannot ask for "before", which is why CDX is preferred wherever an archive has one).
    before = SuggestionRequest(ARTICLE, PartialDate(2023, 9, 4), "1")
    after = SuggestionRequest(ARTICLE, PartialDate(2023, 9, 9), "2")
    results = suggest_live(archive, [before, after], cdx=False)
    assert found(results[before]) == ("20230901080000", Relation.BEFORE)
    assert found(results[after]) == ("20230910080000", Relation.AFTER)
    assert all(isinstance(r, Suggestion) and r.method is Method.TIMEGATE for r in results.values())


def test_a_timegate_landing_on_a_captured_404_or_nothing_suggests_nothing(
    archive: PywbArchive,
) -> None:
    broken = SuggestionRequest(BROKEN, PartialDate(2023, 9, 15), "3")
    never = SuggestionRequest(NEVER, PartialDate(2023, 9, 15), "4")
    results = suggest_live(archive, [broken, never], cdx=False)
    assert {r.status for r in results.values() if isinstance(r, NoSuggestion)} == {
        SuggestStatus.NO_CAPTURE
    }
    assert len(results) == 2


def pywb_timemap(pywb: PywbArchive) -> TimeMapArchive:
    return TimeMapArchive("pywb:citations", f"{pywb.prefix}timemap/link/")


def test_pywb_s_timemap_gives_the_capture_before_else_after_at_the_url_it_names(
    archive: PywbArchive,
) -> None:
    before = SuggestionRequest(ARTICLE, PartialDate(2023, 9, 5), "1")
    early = SuggestionRequest(ARTICLE, PartialDate(2023, 8, 1), "2")
    late = SuggestionRequest(LATE, PartialDate(2023, 9, 15), "3")
    latest = SuggestionRequest(ARTICLE, None, "4", "none")
    results = suggest_live(archive, [before, early, late, latest], source=pywb_timemap(archive))
    assert found(results[before]) == ("20230901080000", Relation.BEFORE)
    assert found(results[early]) == ("20230901080000", Relation.AFTER)
    assert found(results[late]) == ("20240105120000", Relation.AFTER)
    assert found(results[latest]) == ("20231001080000", Relation.LATEST)
    result = results[before]
    assert isinstance(result, Suggestion) and result.method is Method.TIMEMAP
    assert (result.archive_url, result.original) == (
        f"{archive.prefix}20230901080000/{ARTICLE}",
        ARTICLE,
    )
    assert result.query_url == f"{archive.prefix}timemap/link/{ARTICLE}"
    assert capture_time_served_at(result.archive_url) == "Fri, 01 Sep 2023 08:00:00 GMT"


def test_pywb_s_timemap_404_for_a_url_never_captured_is_no_capture(archive: PywbArchive) -> None:
    never = SuggestionRequest(NEVER, PartialDate(2023, 9, 15), "4")
    [result] = suggest_live(archive, [never], source=pywb_timemap(archive)).values()
    assert isinstance(result, NoSuggestion) and result.status is SuggestStatus.NO_CAPTURE


def test_a_timemap_cannot_tell_a_captured_404_from_a_page(archive: PywbArchive) -> None:
    # The known cost of a TimeMap: it gives no status, so the 404 captured on 09-12 is suggested
    # where the CDX query suggests 09-10 (see the first pywb test). CDX is preferred wherever an
    # archive has one; archive.today has only its TimeMap.
    request = SuggestionRequest(ARTICLE, PartialDate(2023, 9, 15), "1")
    [result] = suggest_live(archive, [request], source=pywb_timemap(archive)).values()
    assert found(result) == ("20230912080000", Relation.BEFORE)


def test_a_later_archive_with_a_capture_before_the_date_wins_over_one_after() -> None:
    mirror = CdxArchive("mirror", "https://mirror.test/cdx", "https://mirror.test/web/")

    def answer(request: httpx.Request) -> Exchange | None:
        if request.url.host == "web.archive.org":
            return recorded("test_search_with_filter")  # only 2022 captures: after the date
        line = b"20211230120000 https://www.nasa.gov/ 200\n"
        return Exchange("GET", str(request.url), 200, (("Content-Type", "text/plain"),), line)

    early = dataclasses.replace(NASA, wanted=PartialDate(2021, 12, 31))
    [result] = run_suggest(
        Archive(answer), [early], services=[INTERNET_ARCHIVE_CDX, mirror]
    ).values()
    assert isinstance(result, Suggestion)
    assert (result.archive, result.relation) == ("mirror", Relation.BEFORE)
    assert result.archive_url == "https://mirror.test/web/20211230120000/https://www.nasa.gov/"
