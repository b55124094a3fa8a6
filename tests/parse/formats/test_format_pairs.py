"""The same article written in several formats gives the same references and the same findings.

``tests/data/pairs/<article>.<ext>`` holds one article per stem, as rendered plain text
(``.txt``), Markdown (``.md``) and, where the format can say the same thing, wikitext
(``.wikitext``). Each format must be detected on its own, read to the same reference fields and
claims, and audited to the same findings.

What is compared is what every format can express:

- Backlinks are not compared field by field: hand-written Markdown shows none (``ru``, ``en``),
  while the zh Markdown, converted from the rendered page, keeps them, so its
  ``backlink-mismatch`` findings are compared like any other.
- URLs exist only in Markdown and wikitext, so they are compared between those two alone.
- The zh article has no wikitext version: its note [a] is missing, which only a copy of the
  rendered page can show (in wikitext a marker cannot exist without the note it names).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import citecheck
from citecheck.model import Report
from citecheck.parse import detect_format

PAIRS = Path(__file__).parents[2] / "data" / "pairs"
TODAY = dt.date(2026, 11, 22)
FORMAT_OF = {".txt": "text", ".md": "markdown", ".wikitext": "wikitext"}
ARTICLES = sorted({p.stem for p in PAIRS.iterdir() if p.suffix in FORMAT_OF})
FIELDS = ("label", "title", "publisher", "published", "accessed", "archived", "language")


def versions(article: str) -> list[Path]:
    return sorted(p for p in PAIRS.glob(f"{article}.*") if p.suffix in FORMAT_OF)


def audit(path: Path) -> Report:
    return citecheck.audit(path, today=TODAY)


def reference_fields(report: Report) -> list[dict[str, str | None]]:
    return [
        {name: None if (v := getattr(r, name)) is None else str(v) for name in FIELDS}
        for r in sorted(report.article.references, key=lambda r: int(r.label))
    ]


def findings(report: Report) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.reference) for f in report.findings)


def claims(report: Report) -> list[tuple[str | None, list[str]]]:
    return [(c.section, [m.label for m in c.markers]) for c in report.article.claims]


def test_every_article_is_written_in_at_least_two_formats() -> None:
    assert ARTICLES == ["en-summit", "ru-summit", "zh-summit"]
    assert {a: [p.suffix for p in versions(a)] for a in ARTICLES} == {
        "en-summit": [".md", ".txt", ".wikitext"],
        "ru-summit": [".md", ".txt", ".wikitext"],
        "zh-summit": [".md", ".txt"],
    }


@pytest.mark.parametrize("path", [p for a in ARTICLES for p in versions(a)], ids=lambda p: p.name)
def test_each_version_is_detected_as_its_format(path: Path) -> None:
    assert detect_format(path.read_text("utf-8")) == FORMAT_OF[path.suffix]


@pytest.mark.parametrize("article", ARTICLES)
def test_every_version_reads_the_same_references(article: str) -> None:
    reports = {p.suffix: audit(p) for p in versions(article)}
    expected = reference_fields(reports[".txt"])
    assert expected, "the rendered text has references"
    for suffix, report in reports.items():
        assert reference_fields(report) == expected, suffix


@pytest.mark.parametrize("article", ARTICLES)
def test_every_version_reads_the_same_claims(article: str) -> None:
    reports = {p.suffix: audit(p) for p in versions(article)}
    for suffix, report in reports.items():
        assert claims(report) == claims(reports[".txt"]), suffix


@pytest.mark.parametrize("article", ARTICLES)
def test_every_version_gives_the_same_findings(article: str) -> None:
    reports = {p.suffix: audit(p) for p in versions(article)}
    for suffix, report in reports.items():
        assert findings(report) == findings(reports[".txt"]), suffix


@pytest.mark.parametrize("article", ["en-summit", "ru-summit"])
def test_markdown_and_wikitext_give_the_same_urls(article: str) -> None:
    def urls(path: Path) -> list[tuple[str, str | None, str | None]]:
        refs = sorted(audit(path).article.references, key=lambda r: int(r.label))
        return [(r.label, r.url, r.archive_url) for r in refs]

    markdown, wikitext = urls(PAIRS / f"{article}.md"), urls(PAIRS / f"{article}.wikitext")
    assert markdown == wikitext
    assert all(url for _, url, _ in markdown)


# What each article was written to show: the findings are real, not an agreement on nothing.
EXPECTED_FINDINGS = {
    "zh-summit": [
        ("backlink-mismatch", "4"),  # three backlinks, two uses: the third is in the lost note
        ("backlink-mismatch", "7"),
        ("missing-access-date", "5"),
        ("missing-archive", "5"),
        ("missing-reference", None),  # [a], with an empty 注释 section
        ("placeholder-title", "6"),  # 存档副本
        ("uncited-reference", "7"),
    ],
    "ru-summit": [
        ("date-order", "4"),  # accessed 18 September, published 20 September
        ("language-mismatch", "3"),  # (англ.) on a Russian title
        ("missing-access-date", "5"),
        ("missing-archive", "5"),
    ],
    "en-summit": [
        ("duplicate-reference", "5"),
        ("missing-access-date", "4"),
        ("missing-archive", "2"),
        ("placeholder-title", "3"),  # "Archived copy"
    ],
}


@pytest.mark.parametrize("article", ARTICLES)
def test_the_findings_are_the_ones_the_article_was_written_to_show(article: str) -> None:
    assert findings(audit(PAIRS / f"{article}.md")) == EXPECTED_FINDINGS[article]
