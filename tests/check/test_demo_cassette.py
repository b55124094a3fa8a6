"""CI's offline audit: the recorded demo cassette replays to the recorded report, byte for byte,
with every connection refused (see tests/support/record_demo.py for how it was recorded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck import audit, render
from citecheck.cli import main
from tests.support.record_demo import ARCHIVE_PREFIX, TODAY, replay_settings, replayed_demo

ROOT = Path(__file__).parents[2]
CASSETTE = Path("cassettes/demo")


def test_replay_gives_the_recorded_report(
    no_network: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    report = replayed_demo(CASSETTE)
    assert render(report, "markdown") == (CASSETTE / "report.md").read_text(encoding="utf-8")
    assert report.links and "not-recorded" not in report.links.values()


def test_the_archive_is_found_by_its_snapshot_urls_without_naming_it(
    no_network: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pywb archive's links have the Wayback grammar: no --archive is needed to check them.
    monkeypatch.chdir(ROOT)
    report = audit(CASSETTE / "article.wikitext", today=TODAY, http=replay_settings(CASSETTE))
    assert render(report, "markdown") == (CASSETTE / "report.md").read_text(encoding="utf-8")


def test_the_cli_replays_the_cassette_too(
    no_network: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.md"
    code = main(
        [
            "audit",
            str(CASSETTE / "article.wikitext"),
            "--offline",
            "--cassette",
            str(CASSETTE / "http"),
            "--allow-private",
            "--archive",
            ARCHIVE_PREFIX,
            "--today",
            TODAY.isoformat(),
            "-o",
            str(out),
            "--fail-on",
            "never",
        ]
    )
    assert code == 0
    assert out.read_text(encoding="utf-8") == (CASSETTE / "report.md").read_text(encoding="utf-8")
