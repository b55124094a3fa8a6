"""Reports of the seed article: stable bytes, the documented JSON schema, valid SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck import audit
from citecheck.model import Report
from citecheck.report import render, write_atomic

# The sample reports in reports/ are the recorded ones: regenerating them must change nothing.
GOLDEN = Path(__file__).parents[2] / "reports"
SOURCE = "tests/data/articles/zhwiki-2023-north-korea-russia-summit.txt"


@pytest.fixture(scope="module")
def seed_report() -> Report:
    from datetime import date

    return audit(SOURCE, today=date(2026, 11, 22))


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("markdown", "zhwiki-2023-north-korea-russia-summit.md"),
        ("json", "zhwiki-2023-north-korea-russia-summit.json"),
    ],
)
def test_seed_report_is_byte_identical_to_the_recorded_one(
    seed_report: Report, fmt: str, name: str
) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert render(seed_report, fmt) == expected, (
        f"regenerate with: citecheck audit {SOURCE} --today 2026-11-22 --format {fmt} -o reports/"
    )


def test_rendering_twice_gives_the_same_bytes(seed_report: Report) -> None:
    again = audit(SOURCE, today=seed_report.today)
    for fmt in ("markdown", "json", "sarif"):
        assert render(again, fmt) == render(seed_report, fmt)


def test_json_has_the_documented_schema(seed_report: Report) -> None:
    data = json.loads(render(seed_report, "json"))
    assert list(data) == [
        "citecheck",
        "source",
        "references",
        "notes",
        "claims",
        "findings",
        "fixes",
        "summary",
    ]
    ref = data["references"][15]
    assert {
        "label",
        "backlinks",
        "uses",
        "authors",
        "title",
        "publisher",
        "published",
        "accessed",
        "archived",
        "language",
        "url",
        "archive_url",
        "line",
        "raw",
    } <= set(ref)
    assert (ref["label"], len(ref["backlinks"]), ref["uses"], ref["published"]) == (
        "16",
        16,
        16,
        "2023-09-13",
    )
    claim = data["claims"][0]
    assert set(claim) == {"id", "section", "line", "text", "markers", "citations", "support"}
    assert claim["citations"] == [
        {"label": "1", "status": "not-checked", "reason": "no-url", "codes": []}
    ]
    finding = data["findings"][0]
    assert {"code", "family", "severity", "reference", "claims", "message", "evidence"} <= set(
        finding
    )
    assert data["summary"]["by_family"] == {"missing": 13, "dead": 0, "mismatched": 5}


def test_markdown_shows_each_marker_with_a_status_word(seed_report: Report) -> None:
    text = render(seed_report, "markdown")
    assert (
        "| 15 | 16 | 俄罗斯 | 其中包括朝鲜近年来试射的弹道导弹。 | [7] mismatched (`backlink-mismatch`); [a] missing (`missing-reference`) |"
        in text
    )
    assert (
        "| 41 | 存档副本 | — | — | 2023-09-26 | 2023-09-30 | 1 of 1 | `placeholder-title` |" in text
    )


def test_sarif_points_each_result_at_a_line(seed_report: Report) -> None:
    sarif = json.loads(render(seed_report, "sarif"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(run["results"]) == len(seed_report.findings)
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    assert run["artifacts"] == [{"location": {"uri": SOURCE, "uriBaseId": "SRCROOT"}}]
    first = run["results"][0]
    assert (first["ruleId"], first["locations"][0]["physicalLocation"]["region"]["startLine"]) == (
        "missing-reference",
        16,
    )


def test_write_atomic_replaces_whole_files_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "r.md"
    write_atomic(target, "old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in target.parent.iterdir()] == ["r.md"]


@pytest.mark.parametrize("fmt", ["markdown", "json", "sarif"])
def test_every_report_format_is_known_as_a_report_by_its_own_marks(
    seed_report: Report, fmt: str
) -> None:
    from citecheck.report import is_report

    assert is_report(render(seed_report, fmt))


@pytest.mark.parametrize(
    "text",
    [
        "# Notes on citecheck\n\ncitecheck found 18 findings.\n",
        '{"tool": "citecheck"}',
        '{"citecheck": "0.1.0"}',  # the key alone: a report also lists its references
        '{"runs": [{"tool": {"driver": {"name": "other-linter"}}}]}',
        '{"runs": []}',
        "[1, 2]",
        "",
    ],
)
def test_text_that_only_mentions_citecheck_is_not_a_report(text: str) -> None:
    from citecheck.report import is_report

    assert not is_report(text)
