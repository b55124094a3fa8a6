"""The checker end to end: a real site and a real archive (pywb) on 127.0.0.1, audited through
the one HTTP client, each link state ending as the finding an editor would expect."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from citecheck import audit
from citecheck.check.http import HttpSettings
from citecheck.model import Report
from tests.support.demo_site import (
    ARTICLE,
    GONE,
    MOVED,
    REDATED,
    UNARCHIVED,
    WALLED,
    DemoSite,
    article_wikitext,
)
from tests.support.pywb_server import PywbArchive

TODAY = dt.date(2026, 11, 22)
SETTINGS = HttpSettings(
    allow_private=True,
    timeout=5.0,
    max_attempts=2,
    retry_initial=0.01,
    retry_max_wait=0.05,
    retry_jitter=0.01,
    retry_budget=2.0,
)


@pytest.fixture(scope="module")
def report(
    demo_site: DemoSite, demo_archive: PywbArchive, tmp_path_factory: pytest.TempPathFactory
) -> Report:
    folder = tmp_path_factory.mktemp("audit")
    article = folder / "demo.wikitext"
    article.write_text(article_wikitext(demo_site.origin, demo_archive.prefix), encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, cache=folder / "http.sqlite")
    return audit(article, today=TODAY, http=settings, archives=[demo_archive.prefix])


def codes_by_path(report: Report, origin: str) -> dict[str, list[str]]:
    labels = {r.label: (r.url or "").removeprefix(origin) for r in report.article.references}
    found: dict[str, list[str]] = {}
    for f in report.findings:
        if f.reference:
            found.setdefault(labels[f.reference], []).append(f.code)
    return {path: sorted(codes) for path, codes in found.items()}


def test_each_link_state_gives_its_finding(report: Report, demo_site: DemoSite) -> None:
    assert codes_by_path(report, demo_site.origin) == {
        # alive, archived on the cited day: nothing to say
        GONE: ["dead-url"],  # 404, but a working capture exists
        MOVED: ["dead-archive", "soft-404"],  # redirects to the home page; captured as a redirect
        WALLED: ["missing-archive", "unverified-link"],  # 403 is never called dead
        REDATED: ["archive-date-mismatch"],  # cited 2023-09-15, the capture is of 2024-01-02
        UNARCHIVED: ["dead-archive", "dead-url"],  # no capture, and the page is gone
    }
    assert ARTICLE not in codes_by_path(report, demo_site.origin)


def test_a_dead_url_with_a_working_archive_is_a_warning_with_the_fix(report: Report) -> None:
    [finding] = [
        f for f in report.findings if f.code == "dead-url" and "factory" in f.evidence["url"]
    ]
    assert finding.severity.value == "warning"
    assert "url-status=dead" in finding.message
    assert finding.evidence["http_status"] == 404
    assert finding.evidence["working_archive"] is True
    assert finding.evidence["checked_at"] and finding.evidence["from_cache"] is False


def test_a_dead_url_without_an_archive_is_an_error(report: Report) -> None:
    [finding] = [
        f for f in report.findings if f.code == "dead-url" and "not-archived" in f.evidence["url"]
    ]
    assert finding.severity.value == "error"


def test_the_archive_date_finding_carries_the_capture_time(report: Report) -> None:
    [finding] = [f for f in report.findings if f.code == "archive-date-mismatch"]
    assert finding.evidence["cited_archive_date"] == "2023-09-15"
    assert finding.evidence["suggested_archive_date"] == "2024-01-02"
    assert finding.evidence["timestamp"].startswith("2024-01-02T08:00:00")


def test_link_statuses_reach_the_report(report: Report, demo_site: DemoSite) -> None:
    statuses = {url.removeprefix(demo_site.origin): s for url, s in report.links.items()}
    assert statuses == {
        ARTICLE: "alive",
        GONE: "dead",
        MOVED: "soft-404",
        WALLED: "unverified",
        REDATED: "alive",
        UNARCHIVED: "dead",
    }
    assert sorted(report.snapshots.values()) == [
        "capture-is-error",
        "not-archived",
        "ok",
        "ok",
        "ok",
    ]


def test_a_second_audit_is_answered_from_the_cache(
    demo_site: DemoSite, demo_archive: PywbArchive, tmp_path: Path
) -> None:
    article = tmp_path / "demo.wikitext"
    article.write_text(article_wikitext(demo_site.origin, demo_archive.prefix), encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, cache=tmp_path / "http.sqlite")
    first = audit(article, today=TODAY, http=settings, archives=[demo_archive.prefix])
    offline = dataclasses.replace(settings, offline=True)
    second = audit(article, today=TODAY, http=offline, archives=[demo_archive.prefix])
    assert [(f.code, f.reference) for f in second.findings] == [
        (f.code, f.reference) for f in first.findings
    ]
    assert all(f.evidence.get("from_cache") is not False for f in second.findings)


def test_offline_without_a_recording_names_every_link_not_recorded(
    demo_site: DemoSite, demo_archive: PywbArchive, tmp_path: Path
) -> None:
    article = tmp_path / "demo.wikitext"
    article.write_text(article_wikitext(demo_site.origin, demo_archive.prefix), encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, cache=tmp_path / "empty.sqlite", offline=True)
    report = audit(article, today=TODAY, http=settings, archives=[demo_archive.prefix])
    assert set(report.links.values()) == {"not-recorded"}
    assert {f.code for f in report.findings if f.family.value == "dead"} == {"unverified-link"}
