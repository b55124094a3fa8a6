"""The checker end to end: a real site and a real archive (pywb) on 127.0.0.1, audited through
the one HTTP client, each link state ending as the finding an editor would expect."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from citecheck import audit
from citecheck.archives import DEFAULT_SERVICES, wayback_archive_at
from citecheck.check import check_article
from citecheck.http import HttpSettings
from citecheck.model import Article, Finding, Reference, Report
from tests.support.demo_site import (
    ARTICLE,
    CP1251,
    GONE,
    LOGIN_CAPTURE,
    MOVED,
    REDATED,
    RETITLED,
    SHIFT_JIS,
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


def test_a_dead_link_audit_reads_no_page_and_finds_what_the_full_audit_does(
    report: Report,
    demo_site: DemoSite,
    demo_archive: PywbArchive,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No rule of the dead family reads what pages say, so the checker reads none (lychee's job,
    # at a fraction of the CPU); its findings are the full audit's dead ones.
    from citecheck.check import checker
    from citecheck.model import Family
    from citecheck.rules import RULES

    read: list[object] = []
    real = checker.pages_of

    def reading(items: Sequence[object], **kw: object) -> object:
        read.extend(items)
        return real(items, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "pages_of", reading)
    article = tmp_path / "demo.wikitext"
    article.write_text(article_wikitext(demo_site.origin, demo_archive.prefix), encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, cache=tmp_path / "http.sqlite")
    dead = audit(
        article, today=TODAY, http=settings, archives=[demo_archive.prefix], select=["dead"]
    )
    assert read == []
    full = [(f.code, f.reference) for f in report.findings if RULES[f.code].family is Family.DEAD]
    assert [(f.code, f.reference) for f in dead.findings] == full
    assert len(full) >= 3


def test_each_link_state_gives_its_finding(report: Report, demo_site: DemoSite) -> None:
    assert codes_by_path(report, demo_site.origin) == {
        # alive, archived on the cited day: nothing to say
        GONE: ["dead-url"],  # 404, but a working capture exists
        MOVED: ["dead-archive", "soft-404"],  # redirects to the home page; captured as a redirect
        WALLED: ["missing-archive", "unverified-link"],  # 403 is never called dead
        # cited 2023-09-15, the capture is of 2024-01-02; the page says it was published 09-12
        REDATED: ["archive-date-mismatch", "date-mismatch"],
        UNARCHIVED: ["dead-archive", "dead-url"],  # no capture, and the page is gone
        RETITLED: ["missing-archive", "title-mismatch"],  # the page has another headline
        CP1251: ["missing-archive"],  # decoded from its <meta charset>: the title matches
        SHIFT_JIS: ["language-mismatch", "missing-archive"],  # a Japanese page tagged en
        # gone, and the archive holds only the login wall the crawler was shown
        LOGIN_CAPTURE: ["dead-url", "snapshot-mismatch", "title-mismatch"],
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
        RETITLED: "alive",
        CP1251: "alive",
        SHIFT_JIS: "alive",
        LOGIN_CAPTURE: "dead",
    }
    assert sorted(report.snapshots.values()) == [
        "capture-is-error",
        "not-archived",
        "ok",
        "ok",
        "ok",
        "ok",
    ]


def finding(report: Report, code: str, path: str) -> Finding:
    [found] = [f for f in report.findings if f.code == code and path in str(f.evidence)]
    return found


def test_a_retitled_page_is_a_title_mismatch_with_its_score(report: Report) -> None:
    found = finding(report, "title-mismatch", RETITLED)
    assert found.severity.value == "warning"
    assert found.evidence["cited_title"] == "Лавров посетит Пхеньян"
    assert found.evidence["page_title"] == "Шойгу осмотрел выставку вооружений"
    assert found.evidence["page_from"] == "original"
    assert found.evidence["similarity"] < 0.4


def test_the_publication_date_in_the_page_metadata_is_compared(report: Report) -> None:
    found = finding(report, "date-mismatch", REDATED)
    assert found.severity.value == "warning"
    assert found.evidence["cited_published"] == "2023-09-15"
    assert found.evidence["page_published"] == "2023-09-12"
    assert found.evidence["page_published_source"] == "meta article:published_time"


def test_a_japanese_page_in_shift_jis_contradicts_an_english_tag(report: Report) -> None:
    found = finding(report, "language-mismatch", SHIFT_JIS)
    assert found.evidence["reason"] == "page"
    assert found.evidence["page_language"] == "ja"
    assert found.evidence["detected"] == "ja"


def test_a_snapshot_of_a_login_wall_is_a_snapshot_mismatch(report: Report) -> None:
    found = finding(report, "snapshot-mismatch", LOGIN_CAPTURE)
    assert "login" in found.message
    assert found.evidence["canonical"].endswith("/account/login")
    assert found.evidence["status"] == "ok"  # the archive itself served the capture fine


def test_pages_are_read_from_the_bodies_already_fetched(
    demo_site: DemoSite, demo_archive: PywbArchive, tmp_path: Path
) -> None:
    article = Article(
        claims=(),
        references=tuple(
            Reference(
                label=str(i),
                line=i,
                raw="",
                url=demo_site.origin + path,
                archive_url=archive,
            )
            for i, (path, archive) in enumerate(
                [
                    (CP1251, None),
                    (SHIFT_JIS, None),
                    (ARTICLE, f"{demo_archive.prefix}20230914120000/{demo_site.origin}{ARTICLE}"),
                ],
                start=1,
            )
        ),
    )
    settings = dataclasses.replace(SETTINGS, cache=tmp_path / "http.sqlite")
    services = (*DEFAULT_SERVICES, wayback_archive_at(demo_archive.prefix))
    evidence = check_article(article, settings, services)
    cp1251 = evidence.pages[demo_site.origin + CP1251]
    assert (cp1251.title, cp1251.charset, cp1251.charset_source) == (
        "Ким Чен Ын прибыл в Россию",
        "cp1251",
        "meta",
    )
    japanese = evidence.pages[demo_site.origin + SHIFT_JIS]
    assert (japanese.title, japanese.charset) == ("プーチン氏と金正恩氏が会談", "cp932")
    [snapshot] = evidence.snapshot_pages.values()
    assert snapshot.title == "Путин и Ким встретились на космодроме"
    assert snapshot.published is not None and snapshot.published.date.iso() == "2023-09-13"
    assert snapshot.url == demo_site.origin + ARTICLE  # the captured page's own address


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


def audit_offline(
    site: DemoSite,
    archive: PywbArchive,
    folder: Path,
    *,
    archives: Sequence[str] = (),
    suggest_from: Sequence[str] | None = None,
) -> Report:
    """The demo article audited offline with an empty cache: nothing is sent."""
    article = folder / "demo.wikitext"
    article.write_text(article_wikitext(site.origin, archive.prefix), encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, cache=folder / "empty.sqlite", offline=True)
    return audit(
        article,
        today=TODAY,
        http=settings,
        archives=archives,
        suggest_archives=suggest_from is not None,
        suggest_from=suggest_from,
    )


def test_offline_without_a_recording_names_every_link_not_recorded(
    demo_site: DemoSite, demo_archive: PywbArchive, tmp_path: Path
) -> None:
    report = audit_offline(demo_site, demo_archive, tmp_path, archives=[demo_archive.prefix])
    assert set(report.links.values()) == {"not-recorded"}
    assert {f.code for f in report.findings if f.family.value == "dead"} == {"unverified-link"}


def test_suggest_archives_finds_the_capture_before_the_access_date(
    demo_site: DemoSite, demo_archive: PywbArchive, tmp_path: Path
) -> None:
    from citecheck.report import render

    article = tmp_path / "demo.wikitext"
    article.write_text(article_wikitext(demo_site.origin, demo_archive.prefix), encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, cache=tmp_path / "http.sqlite")
    report = audit(
        article,
        today=TODAY,
        http=settings,
        archives=[demo_archive.prefix],
        suggest_archives=True,
        suggest_from=[demo_archive.prefix],  # never the Internet Archive from a test
    )
    suggested = [f for f in report.findings if f.code == "missing-archive"]
    no_capture = [f for f in suggested if f.evidence.get("suggestion") == "no-capture"]
    assert {f.evidence["archive"] for f in suggested} == {"pywb:citations"}
    [finding] = [f for f in suggested if f not in no_capture]
    stamp_url = f"{demo_archive.prefix}20230917080000/{demo_site.origin}{WALLED}"
    assert finding.evidence["suggested_archive_url"] == stamp_url
    assert finding.evidence["suggested_archive_date"] == "2023-09-17"
    assert finding.evidence["relation"] == "before"
    assert stamp_url in finding.message
    markdown = render(report, "markdown")
    assert f"`|archive-url={stamp_url} |archive-date=2023-09-17`" in markdown


def test_a_warm_re_audit_parses_neither_article_nor_page_and_reports_the_same(
    demo_site: DemoSite,
    demo_archive: PywbArchive,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The parsed article and what each page says are kept in the SQLite cache beside the
    # responses, so the second audit takes them from there: same report, nothing parsed.
    article = tmp_path / "demo.wikitext"
    article.write_text(article_wikitext(demo_site.origin, demo_archive.prefix), encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, cache=tmp_path / "http.sqlite")
    cold = audit(article, today=TODAY, http=settings, archives=[demo_archive.prefix])

    from citecheck.check.page import read as page_read
    from citecheck.parse import memo

    def must_not_read(*_: object, **__: object) -> None:
        raise AssertionError("a page was read again")

    monkeypatch.setattr(page_read, "read_page", must_not_read)
    monkeypatch.setattr(memo, "parse", must_not_read)
    warm = audit(article, today=TODAY, http=settings, archives=[demo_archive.prefix])

    def said(report: Report) -> list[tuple[str, str | None, str]]:
        return [(f.code, f.reference, f.message) for f in report.findings]  # not when, or cached

    assert warm.article == cold.article
    assert said(warm) == said(cold)
    assert any(f.code == "title-mismatch" for f in warm.findings)


def test_archives_found_by_their_grammar_get_cautious_manners() -> None:
    from citecheck.archives import DEFAULT_SERVICES
    from citecheck.check.checker import unknown_archive_hosts
    from citecheck.check.manners import UNKNOWN_ARCHIVE_POLICY, with_unknown_archive_manners
    from citecheck.http.settings import HttpSettings
    from citecheck.model import Article, Reference

    links = [
        "http://archive.example:8080/web/20200101000000/http://x.org/",
        "https://keep.example/abc",  # only the citation calls it an archive
        "https://web.archive.org/web/20200101000000/http://x.org/",
    ]
    refs = tuple(
        Reference(label=str(i), line=i, raw="", archive_url=u) for i, u in enumerate(links, 1)
    )
    hosts = unknown_archive_hosts(Article(claims=(), references=refs), DEFAULT_SERVICES)
    assert hosts == {"archive.example", "keep.example"}
    settings = with_unknown_archive_manners(HttpSettings(), hosts)
    assert settings.policy_for("archive.example") == UNKNOWN_ARCHIVE_POLICY
    assert settings.policy_for("keep.example") == UNKNOWN_ARCHIVE_POLICY
    assert settings.policy_for("web.archive.org") == HttpSettings().policy_for("web.archive.org")
    assert settings.policy_for("news.example").concurrency == HttpSettings().per_host


def test_suggest_from_names_archive_today_by_any_of_its_domains() -> None:
    from citecheck.archives import ARCHIVE_TODAY, INTERNET_ARCHIVE
    from citecheck.archives.archive_today import DOMAINS
    from citecheck.audit import suggestion_archive

    assert all(suggestion_archive(domain) is ARCHIVE_TODAY for domain in DOMAINS)
    assert suggestion_archive("Archive.PH") is ARCHIVE_TODAY
    assert suggestion_archive("web.archive.org") is INTERNET_ARCHIVE
    local = suggestion_archive("http://127.0.0.1:8080/citations/")
    assert local.name == "pywb:citations"
    with pytest.raises(ValueError, match="not an archive prefix"):
        suggestion_archive("archive.example")


def test_suggest_from_archive_ph_asks_archive_today_s_timemap(
    demo_site: DemoSite, demo_archive: PywbArchive, tmp_path: Path
) -> None:
    # Nothing is sent, and each suggestion says whom it would have asked.
    report = audit_offline(demo_site, demo_archive, tmp_path, suggest_from=["archive.ph"])
    suggested = [f for f in report.findings if f.code == "missing-archive"]
    assert suggested
    assert {f.evidence["archive"] for f in suggested} == {"archive.today"}
    assert {f.evidence["suggestion"] for f in suggested} == {"not-recorded"}
    assert all(
        f.evidence["query_url"].startswith("https://archive.ph/timemap/http") for f in suggested
    )


def test_archive_today_is_asked_for_suggestions_only_when_named() -> None:
    from citecheck.archives import ARCHIVE_TODAY, INTERNET_ARCHIVE
    from citecheck.check.checker import suggestion_services

    local = wayback_archive_at("http://127.0.0.1:8080/citations/")
    services = (*DEFAULT_SERVICES, local)
    assert suggestion_services(services, None) == (local, INTERNET_ARCHIVE)
    assert suggestion_services(services, [ARCHIVE_TODAY]) == (ARCHIVE_TODAY,)


def test_a_link_the_citation_calls_its_archive_is_checked_whatever_its_host(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    # No service knows the host and the path has no Wayback grammar: the link named "Archived"
    # is still fetched as the archived copy, and an archive page that is gone is dead-archive.
    article = tmp_path / "doc.md"
    article.write_text(
        "Kim met Putin [1].\n\n## References\n\n"
        f'1. "[Summit]({demo_site.origin}{ARTICLE})". Demo News. 2023. '
        f"[Archived]({demo_site.origin}{GONE}).\n",
        encoding="utf-8",
    )
    settings = dataclasses.replace(SETTINGS, cache=tmp_path / "http.sqlite")
    report = audit(article, today=TODAY, http=settings)
    assert report.article.references[0].archive_url == f"{demo_site.origin}{GONE}"
    assert [f.code for f in report.findings if f.code == "dead-archive"] == ["dead-archive"]
