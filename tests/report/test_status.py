"""A claim's citation is `ok` only when something was checked and nothing was found: a citation
with no URL, or any citation of an audit that checked no links, says `not checked` and why, in
the Markdown claims table and as its own status in the JSON report.

The checked audit is the recorded demo cassette replayed offline (with every connection
refused), plus one citation of a book without a URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck import audit, render
from citecheck.model import Marker, Reference, Report
from citecheck.report.status import (
    CitationStatus,
    MarkerStatus,
    NotChecked,
    claim_statuses,
    marker_status,
)
from tests.support.record_demo import ARCHIVE_PREFIX, TODAY, replay_settings

DEMO = Path(__file__).parents[2] / "cassettes" / "demo"
BOOK = "沙皇时代的铁路<ref>{{cite book |title=История железных дорог |publisher=Наука |year=1998}}</ref>。"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """The demo article with an 11th claim citing a book that has no URL."""
    text = (DEMO / "article.wikitext").read_text(encoding="utf-8")
    head, tail = text.split("\n== 参考文献 ==")
    path = tmp_path / "demo-and-book.wikitext"
    path.write_text(f"{head}\n{BOOK}\n== 参考文献 =={tail}", encoding="utf-8")
    return path


@pytest.fixture
def checked(article: Path, no_network: None, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(DEMO.parents[1])  # the cassette's stored paths are the project's
    return audit(article, today=TODAY, http=replay_settings(DEMO), archives=[ARCHIVE_PREFIX])


@pytest.fixture
def unchecked(article: Path) -> Report:
    return audit(article, today=TODAY)  # no HTTP settings: the library's --no-network


def row(markdown: str, claim: int) -> str:
    """The claims table's row of ``claim``."""
    claims = markdown.split("## Claims")[1].split("## References")[0]
    [found] = [line for line in claims.splitlines() if line.startswith(f"| {claim} | ")]
    return found


def json_citations(report: Report, claim: int) -> list[dict[str, object]]:
    data = json.loads(render(report, "json"))
    [found] = [c for c in data["claims"] if c["id"] == claim]
    citations: list[dict[str, object]] = found["citations"]
    return citations


def test_a_checked_citation_without_findings_is_ok_and_one_without_a_url_is_not_checked(
    checked: Report,
) -> None:
    markdown = render(checked, "markdown")
    assert row(markdown, 1).endswith("| [1] ok |")
    assert row(markdown, 11).endswith("| [11] not checked (no URL) |")
    assert json_citations(checked, 1) == [
        {"label": "1", "status": "ok", "reason": None, "codes": []}
    ]
    assert json_citations(checked, 11) == [
        {"label": "11", "status": "not-checked", "reason": "no-url", "codes": []}
    ]


def test_the_summary_counts_the_cited_entries_without_a_url(checked: Report) -> None:
    markdown = render(checked, "markdown")
    assert (
        "1 cited entry has no URL: nothing could be fetched to check it, so the claims citing it "
        "say `not checked (no URL)` where no finding says more." in markdown
    )


def test_findings_still_decide_when_links_were_checked(checked: Report) -> None:
    markdown = render(checked, "markdown")
    assert row(markdown, 2).endswith("| [2] dead (`dead-url`) |")
    assert json_citations(checked, 2) == [
        {"label": "2", "status": "dead", "reason": None, "codes": ["dead-url"]}
    ]


def test_without_the_network_no_citation_is_ok(unchecked: Report) -> None:
    markdown = render(unchecked, "markdown")
    assert not unchecked.checked_links
    assert row(markdown, 1).endswith("| [1] not checked (--no-network) |")
    assert row(markdown, 11).endswith("| [11] not checked (no URL) |")  # the deeper reason
    assert "citations without a finding say `not checked`" in markdown
    assert json_citations(unchecked, 1) == [
        {"label": "1", "status": "not-checked", "reason": "no-network", "codes": []}
    ]
    every = [s for row_ in claim_statuses(unchecked).values() for s in row_]
    assert CitationStatus.OK not in {s.status for s in every}


def test_without_the_network_a_structural_finding_still_names_its_family(
    unchecked: Report,
) -> None:
    # Reference 4 cites a page with no archive: that is known without fetching anything.
    assert row(render(unchecked, "markdown"), 4).endswith("| [4] missing (`missing-archive`) |")


def test_the_seed_article_read_from_rendered_text_has_no_ok_citation() -> None:
    # Text copied from a rendered page keeps no URLs: nothing in it could be checked.
    seed = (
        Path(__file__).parents[1]
        / "data"
        / "articles"
        / "zhwiki-2023-north-korea-russia-summit.txt"
    )
    markdown = render(audit(seed, today=TODAY), "markdown")
    assert "] ok" not in markdown.split("## Claims")[1].split("## References")[0]
    assert row(markdown, 1).endswith("| [1] not checked (no URL) |")


@pytest.mark.parametrize(
    ("entry", "checked_links", "expected"),
    [
        (
            Reference("1", 1, "", url="https://a.example/x"),
            True,
            MarkerStatus("1", CitationStatus.OK),
        ),
        (
            Reference("1", 1, "", url="https://a.example/x"),
            False,
            MarkerStatus("1", CitationStatus.NOT_CHECKED, reason=NotChecked.NO_NETWORK),
        ),
        (
            Reference(
                "1", 1, "", archive_url="https://web.archive.org/web/2023/https://a.example/x"
            ),
            True,
            MarkerStatus("1", CitationStatus.OK),
        ),
        (
            Reference("1", 1, "", title="A book"),
            True,
            MarkerStatus("1", CitationStatus.NOT_CHECKED, reason=NotChecked.NO_URL),
        ),
        (
            Reference("1", 1, "", title="A book"),
            False,
            MarkerStatus("1", CitationStatus.NOT_CHECKED, reason=NotChecked.NO_URL),
        ),
        (None, True, MarkerStatus("1", CitationStatus.OK)),  # no entry: a finding's business
    ],
    ids=[
        "url-checked",
        "url-no-network",
        "archive-only",
        "no-url",
        "no-url-no-network",
        "no-entry",
    ],
)
def test_a_marker_without_findings_is_ok_only_when_its_links_were_checked(
    entry: Reference | None, checked_links: bool, expected: MarkerStatus
) -> None:
    assert marker_status(Marker("1"), [], entry, checked_links=checked_links) == expected


def test_the_words_and_the_json_shape_of_a_status() -> None:
    no_url = MarkerStatus("7", CitationStatus.NOT_CHECKED, reason=NotChecked.NO_URL)
    assert no_url.word == "not checked (no URL)"
    assert no_url.to_dict() == {
        "label": "7",
        "status": "not-checked",
        "reason": "no-url",
        "codes": [],
    }
    dead = MarkerStatus("7", CitationStatus.DEAD, ("dead-url",))
    assert (dead.word, dead.to_dict()["status"]) == ("dead", "dead")


def test_the_html_report_says_not_checked_too(checked: Report, unchecked: Report) -> None:
    assert '<span class="status not-checked">not checked (no URL)</span>' in render(checked, "html")
    page = render(unchecked, "html")
    assert '<span class="status not-checked">not checked (--no-network)</span>' in page
    assert ".status.not-checked{background:var(--not-checked)}" in page
