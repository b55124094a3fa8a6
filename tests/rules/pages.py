"""Network evidence built by hand for the page rules: a live page, or a dead one and its capture,
read by the real page reader from real HTML, so each test states what the page says."""

from __future__ import annotations

import datetime as dt

from citecheck.check.page import read_page
from citecheck.evidence import Evidence, SnapshotOutcome, SnapshotStatus
from citecheck.http import FetchResult, LinkCheck, LinkStatus, LinkVerdict
from citecheck.model import Article, Finding
from citecheck.rules import RULES, all_rules, run

TODAY = dt.date(2026, 11, 22)
URL = "https://news.example.org/2023/09/13/summit.html"
ARCHIVE = f"https://web.archive.org/web/20230914120000/{URL}"


def html(
    title: str,
    text: str = "",
    *,
    lang: str | None = None,
    head: str = "",
    charset: str = "utf-8",
) -> bytes:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f'<!doctype html><html{lang_attr}><head><meta charset="{charset}">{head}'
        f"<title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"
    ).encode(charset)


def _link(status: LinkStatus) -> LinkCheck:
    result = FetchResult(url=URL, method="GET", status=200, final_url=URL)
    return LinkCheck(result, LinkVerdict(status, status.value))


def live(body: bytes, url: str = URL) -> Evidence:
    """The cited URL answers with ``body``."""
    return Evidence(
        links={url: _link(LinkStatus.ALIVE)},
        pages={url: read_page(body, url, "text/html")},
    )


def archived(body: bytes, url: str = URL, archive_url: str = ARCHIVE) -> Evidence:
    """The cited URL is dead; its archive link serves a good capture with ``body``."""
    snapshot = SnapshotOutcome(
        status=SnapshotStatus.OK,
        detail="the snapshot exists",
        memento_url=archive_url,
        archive_status=200,
        cited_url=url,
        original=url,
        timestamp=dt.datetime(2023, 9, 14, 12, 0, tzinfo=dt.UTC),
        timestamp_source="memento-datetime",
        capture_status=200,
    )
    return Evidence(
        links={url: _link(LinkStatus.DEAD)},
        snapshots={(archive_url, url): snapshot},
        snapshot_pages={archive_url: read_page(body, url, "text/html")},
    )


def page_findings(code: str, art: Article, evidence: Evidence | None) -> list[Finding]:
    all_rules()
    return list(run(art, TODAY, [RULES[code]], evidence))
