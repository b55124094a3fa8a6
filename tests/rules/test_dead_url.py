from __future__ import annotations

import datetime as dt
from dataclasses import replace

from citecheck.evidence import Method, NoSuggestion, Relation, Suggestion, SuggestStatus
from citecheck.model import MarkUrlDead
from tests.rules.helpers import article, ref
from tests.rules.pages import ARCHIVE, URL, archived, html, page_findings


def cited(**fields: object) -> object:
    return ref("1", url=URL, archive_url=ARCHIVE, title="Summit", **fields)


def test_a_dead_url_with_a_working_archive_asks_to_be_marked_dead() -> None:
    [finding] = page_findings("dead-url", article(cited()), archived(html("Summit")))
    assert finding.severity.value == "warning"
    assert "url-status=dead" in finding.message


def test_a_url_already_marked_dead_with_a_working_archive_is_fine() -> None:
    art = article(cited(url_status="dead"))
    assert page_findings("dead-url", art, archived(html("Summit"))) == []


def test_marked_dead_without_any_archive_is_still_an_error() -> None:
    evidence = archived(html("Summit"))
    no_snapshot = replace(evidence, snapshots={}, snapshot_pages={})
    [finding] = page_findings("dead-url", article(cited(url_status="dead")), no_snapshot)
    assert finding.severity.value == "error"


def test_a_dead_link_of_another_work_in_the_same_entry_is_an_error() -> None:
    # One <ref> with two works: the first is alive, the second's page is gone.
    from citecheck.http import LinkStatus
    from tests.rules.pages import _link

    evidence = archived(html("Summit"))
    other = "https://other.example/book-b"
    evidence = replace(
        evidence,
        links={URL: _link(LinkStatus.ALIVE), other: _link(LinkStatus.DEAD)},
    )
    art = article(cited(more_urls=(other,)))
    [finding] = page_findings("dead-url", art, evidence)
    assert finding.severity.value == "error"
    assert "another work" in finding.message and finding.evidence["other_work"] is True


FOUND = f"https://web.archive.org/web/20230915080000/{URL}"


def _suggested() -> Suggestion:
    return Suggestion(
        archive_url=FOUND,
        timestamp=dt.datetime(2023, 9, 15, 8, 0, tzinfo=dt.UTC),
        original=URL,
        archive="wayback",
        method=Method.CDX,
        relation=Relation.BEFORE,
    )


def test_a_dead_url_whose_archive_was_found_by_suggestion_is_told_to_be_marked_dead() -> None:
    # Cited without an archive; --suggest-archives found a capture of the dead original.
    dead = replace(archived(html("Summit")), snapshots={}, snapshot_pages={})
    evidence = replace(dead, suggestions={"1": _suggested()})
    uncited = ref("1", url=URL, title="Summit", archived=None, has_archive=False)
    [finding] = page_findings("dead-url", article(uncited), evidence)
    # Still an error: the citation as written gives readers nothing yet.
    assert finding.severity.value == "error"
    assert isinstance(finding.fix, MarkUrlDead) and "archive was found" in finding.fix.note
    assert "url-status=dead" in finding.message
    assert finding.evidence["suggested_archive_url"] == FOUND


def test_without_a_found_or_cited_archive_a_dead_url_has_no_fix() -> None:
    dead = replace(archived(html("Summit")), snapshots={}, snapshot_pages={})
    nothing = NoSuggestion(SuggestStatus.NO_CAPTURE, "no capture")
    uncited = ref("1", url=URL, title="Summit", archived=None, has_archive=False)
    for evidence in (dead, replace(dead, suggestions={"1": nothing})):
        [finding] = page_findings("dead-url", article(uncited), evidence)
        assert finding.fix is None and "suggested_archive_url" not in finding.evidence
