"""Claim support through the real checker: the labelled claims of tests/data/claims/, each in an
article citing its real page, served on 127.0.0.1 and read as any cited page is."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck import audit
from citecheck.model import Report
from citecheck.report import render
from tests.support.demo_site import ARTICLE, GONE, DemoSite
from tests.support.http_settings import fast_settings
from tests.support.pywb_server import PywbArchive
from tests.support.static_site import Answer, StaticSite

DATA = Path(__file__).parents[1] / "data"
TODAY = dt.date(2026, 12, 1)


def _claim_sets() -> list[dict[str, Any]]:
    return [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((DATA / "claims").glob("*.json"))
    ]


def _article(origin: str, claims: list[tuple[str, str, str]]) -> str:
    """A wikitext article: one paragraph per claim, each citing its page."""
    lines = ["'''Claims''' about real pages.", "", "== Body =="]
    for claim, path, _ in claims:
        text = claim.rstrip()
        end = text[-1] if text and text[-1] in ".。!?！？" else ""
        body = text[: len(text) - len(end)] if end else text
        lines += [
            "",
            f"{body}{end or '.'}<ref>{{{{cite web |url={origin}{path} |title=Page "
            f"|access-date=2026-11-30}}}}</ref>",
        ]
    lines += ["", "== References ==", "{{reflist}}", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def audited() -> Iterator[tuple[Report, list[tuple[str, str, str]]]]:
    pages: dict[str, Answer] = {}
    claims: list[tuple[str, str, str]] = []
    for data in _claim_sets():
        page = DATA / data["page"]
        path = "/" + page.name
        kind = "text/html" if page.suffix == ".html" else "text/plain; charset=utf-8"
        pages[path] = (200, {"Content-Type": kind}, page.read_bytes())
        claims += [(c["claim"], path, c["expect"]) for c in data["claims"]]
    settings = fast_settings(timeout=10.0, max_bytes=2_000_000)
    with StaticSite(pages) as site:
        report = audit(
            _article(site.origin, claims),
            today=TODAY,
            input_format="wikitext",
            select=["unsupported-claim"],
            http=settings,
        )
    yield report, claims


def test_every_claim_is_read_with_its_reference(
    audited: tuple[Report, list[tuple[str, str, str]]],
) -> None:
    report, claims = audited
    assert len(report.article.claims) == len(claims)
    # Each claim has a verdict on its page: the page was fetched, extracted and judged.
    assert all(report.supports.get(c.id) for c in report.article.claims)


def test_findings_are_precise_on_the_labelled_claims(
    audited: tuple[Report, list[tuple[str, str, str]]],
) -> None:
    # Precision first: of the claims flagged, at most 1 in 10 is labelled otherwise; and the
    # checker finds at least half of those labelled not supported (bench/support.py gives
    # the figures by kind).
    report, claims = audited
    flagged = {claim for f in report.findings for claim in f.claims}
    expected = {
        c.id
        for c, (_, _, expect) in zip(report.article.claims, claims, strict=True)
        if expect == "not-supported"
    }
    true = flagged & expected
    assert len(true) / len(flagged) >= 0.9
    assert len(true) / len(expected) >= 0.5


def test_a_changed_figure_is_reported_with_the_passage_that_says_otherwise(
    audited: tuple[Report, list[tuple[str, str, str]]],
) -> None:
    report, claims = audited
    texts = [c for c, _, _ in claims]
    wapo = next(i for i, t in enumerate(texts) if "15 percent of Tunisia's GDP in 2011" in t)
    claim = report.article.claims[wapo]
    finding = next(f for f in report.findings if f.claims == (claim.id,))
    assert finding.code == "unsupported-claim"
    assert finding.evidence["facts_conflicting"] == [{"claim": "2011", "page": "2013"}]
    assert "15 percent of its gross domestic product in 2013" in finding.evidence["passage"]
    markdown = render(report, "markdown")
    assert f"[{claim.markers[0].label}] unsupported (`unsupported-claim`)" in markdown
    assert "best passage (en): “Tourism is critical to Tunisia’s economy" in markdown
    data = json.loads(render(report, "json"))
    support = data["claims"][wapo]["support"][claim.markers[0].label]
    assert support["verdict"] == "not-supported"
    assert support["passage_language"] == "en"


def test_supported_claims_get_no_finding(
    audited: tuple[Report, list[tuple[str, str, str]]],
) -> None:
    report, claims = audited
    flagged = {claim for f in report.findings for claim in f.claims}
    supported = [
        c.id for c, (_, _, e) in zip(report.article.claims, claims, strict=True) if e == "supported"
    ]
    wrongly = [i for i in supported if i in flagged]
    assert len(wrongly) <= 2, wrongly


def test_a_re_audit_judges_nothing_again_and_reports_the_same(tmp_path: Path) -> None:
    # Passages and verdicts are kept in the cache's memo: a re-audit of the same article and
    # pages loads neither the judge nor its readers, and writes the same bytes. Fresh
    # interpreters, as a user runs it.
    wapo = DATA / "pages" / "readability" / "wapo-1.html"
    pages: dict[str, Answer] = {"/wapo": (200, {"Content-Type": "text/html"}, wapo.read_bytes())}
    claims = [
        "Tourism made up 15 percent of Tunisia's GDP in 2011.",
        "Tourism made up 15 percent of Tunisia's GDP in 2013.",
    ]
    with StaticSite(pages) as site:
        article = tmp_path / "a.wikitext"
        article.write_text(_article(site.origin, [(c, "/wapo", "") for c in claims]), "utf-8")
        script = (
            "import sys\n"
            "from citecheck.cli import main\n"
            f"main(['audit', {str(article)!r}, '--cache', {str(tmp_path / 'c.sqlite')!r},"
            " '--allow-private', '--today', '2026-12-01', '--fail-on', 'never', '--force',"
            f" '-o', {str(tmp_path / 'report.md')!r}])\n"
            "print(sorted(m for m in sys.modules if m.startswith('citecheck.verify.')))\n"
        )
        runs, reports = [], []
        for _ in range(2):
            runs.append(
                subprocess.run(
                    [sys.executable, "-c", script],
                    capture_output=True,
                    text=True,
                    timeout=120,
                    check=False,
                )
            )
            reports.append((tmp_path / "report.md").read_text("utf-8"))
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert "'citecheck.verify.judge'" in runs[0].stdout  # the first run judges
    assert "citecheck.verify.judge" not in runs[1].stdout
    assert "citecheck.verify.facts" not in runs[1].stdout
    assert reports[0] == reports[1]
    rows = [line for line in reports[0].splitlines() if "Tunisia's GDP" in line]
    assert ["`unsupported-claim`" in row for row in rows] == [True, False]


def test_a_new_claim_is_judged_against_the_page_text_kept_by_an_earlier_audit(
    tmp_path: Path,
) -> None:
    # A page's passages are kept once read: an article citing it later (a corpus's next
    # document) is judged on them without reading the page again.
    wapo = DATA / "pages" / "readability" / "wapo-1.html"
    pages: dict[str, Answer] = {"/wapo": (200, {"Content-Type": "text/html"}, wapo.read_bytes())}
    settings = fast_settings(
        timeout=10.0, max_bytes=2_000_000, cache=str(tmp_path / "c.sqlite"), no_cache=False
    )
    reports = []
    with StaticSite(pages) as site:
        for claim in (
            "Tourism made up 15 percent of Tunisia's GDP in 2011.",
            "Tourism made up 15 percent of Tunisia's GDP in 2013.",
        ):
            reports.append(
                audit(
                    _article(site.origin, [(claim, "/wapo", "")]),
                    today=TODAY,
                    input_format="wikitext",
                    select=["unsupported-claim"],
                    http=settings,
                )
            )
    assert [sorted(r.supports) for r in reports] == [[1], [1]]
    # The page says 2013: the first claim is contradicted, the second (judged on kept text) not.
    assert [[f.code for f in r.findings] for r in reports] == [["unsupported-claim"], []]


def test_in_a_merged_corpus_segment_a_claim_s_language_defaults_to_its_own_document_s() -> None:
    from citecheck.check.support import document_languages
    from citecheck.model import Article, Claim
    from citecheck.verify.language import claim_language

    texts = ["Москва — столица России.", "Київ є столицею України.", "Наша мова проста."]
    article = Article(tuple(Claim(i, None, 1, t, ()) for i, t in enumerate(texts)), ())
    # Claim 2 has no letter only Ukrainian has: its document (1, 2) tells it.
    own = document_languages(article, [[0], [1, 2]])
    assert [claim_language(t, own[i]) for i, t in enumerate(texts)] == ["ru", "uk", "uk"]
    # Told together, the Russian document's claim would be read as Ukrainian.
    together = document_languages(article, [])
    assert claim_language(texts[0], together[0]) == "uk"


def test_a_page_the_judge_fails_on_costs_only_its_own_verdicts(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from citecheck.verify import judge as judge_module

    real = judge_module.judge

    def failing(claim: str, language: str | None, page: Any) -> Any:
        if "/bbc" in page.page.url:
            raise RuntimeError("a reader choked")
        return real(claim, language, page)

    monkeypatch.setattr(judge_module, "judge", failing)
    html = {"Content-Type": "text/html"}
    pages: dict[str, Answer] = {
        "/bbc": (200, html, (DATA / "pages/readability/bbc-1.html").read_bytes()),
        "/wapo": (200, html, (DATA / "pages/readability/wapo-1.html").read_bytes()),
    }
    with StaticSite(pages) as site:
        report = audit(
            _article(
                site.origin,
                [
                    ("Obama spoke to the BBC about gun laws.", "/bbc", ""),
                    ("Tourism made up 15 percent of Tunisia's GDP in 2011.", "/wapo", ""),
                ],
            ),
            today=TODAY,
            input_format="wikitext",
            select=["unsupported-claim"],
            http=fast_settings(timeout=10.0, max_bytes=2_000_000),
        )
    assert sorted(report.supports) == [2]
    assert [f.claims for f in report.findings] == [(2,)]
    assert any("could not be read" in r.getMessage() for r in caplog.records)


def test_a_cited_snapshot_is_what_the_claim_is_read_against(
    demo_site: DemoSite, demo_archive: PywbArchive
) -> None:
    # The capture the citation names is what its editor read: the claim is judged against the
    # archive's copy even while the original is alive, and against it alone once the original
    # is gone.
    def cite(path: str, stamp: str) -> str:
        return (
            f"<ref>{{{{cite web |url={demo_site.origin}{path} |title=T |archive-url="
            f"{demo_archive.prefix}{stamp}/{demo_site.origin}{path} |archive-date=2023-09-14}}}}"
            "</ref>"
        )

    article = "\n".join(
        [
            "== Встреча ==",
            "Встреча прошла на космодроме Восточный в Амурской области."
            + cite(ARTICLE, "20230914120000"),
            "",
            "Стороны обсудили сотрудничество в экономике и обороне." + cite(GONE, "20230916090000"),
        ]
    )
    report = audit(
        article,
        today=TODAY,
        input_format="wikitext",
        select=["unsupported-claim"],
        http=fast_settings(timeout=5.0),
        archives=[demo_archive.prefix],
    )
    supports = [report.supports[c.id][c.markers[0].label] for c in report.article.claims]
    assert [
        (s["from_snapshot"], s["page_url"].startswith(demo_archive.prefix)) for s in supports
    ] == [
        (True, True),
        (True, True),
    ]
    assert supports[0]["verdict"] == "supported"
