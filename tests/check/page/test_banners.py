"""The capture banners of snapshot services, Wayback replays and feed captures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from citecheck.check.page import read_page
from citecheck.model import PartialDate

PAGES = Path(__file__).parents[2] / "data" / "pages"


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
