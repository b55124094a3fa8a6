"""Each rule that can say what to change builds its typed fix from the evidence; the reporters
write it out (tests/report/test_fixes.py) without reading rule codes or evidence keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from citecheck.evidence import Evidence, Method, NoSuggestion, Relation, Suggestion, SuggestStatus
from citecheck.model import CiteArchive, MarkUrlDead, PartialDate
from tests.rules.helpers import article, ref
from tests.rules.pages import ARCHIVE, URL, archived, html, page_findings


def test_a_dead_url_with_a_working_archive_carries_mark_dead_and_without_one_none() -> None:
    cited = ref("1", url=URL, archive_url=ARCHIVE, title="Summit")
    evidence = archived(html("Summit"))
    [finding] = page_findings("dead-url", article(cited), evidence)
    assert finding.fix == MarkUrlDead(
        "the original is dead and the archive works: link the archive first"
    )
    no_snapshot = replace(evidence, snapshots={}, snapshot_pages={})
    [finding] = page_findings("dead-url", article(cited), no_snapshot)
    assert finding.fix is None


def test_an_archive_date_mismatch_cites_the_capture_served() -> None:
    cited = ref("1", url=URL, archive_url=ARCHIVE, title="Summit", archived=PartialDate(2023, 1, 2))
    [finding] = page_findings("archive-date-mismatch", article(cited), archived(html("Summit")))
    assert finding.fix == CiteArchive(
        ARCHIVE,
        PartialDate(2023, 9, 14),
        "cited archive date 2023-01-02 but the snapshot was captured on 2023-09-14",
    )


def test_a_missing_archive_cites_the_suggested_capture_and_no_suggestion_gives_no_fix() -> None:
    capture = f"https://web.archive.org/web/20230918000000/{URL}"
    suggestion = Suggestion(
        archive_url=capture,
        timestamp=dt.datetime(2023, 9, 18, tzinfo=dt.UTC),
        original=URL,
        archive="wayback",
        method=Method.CDX,
        relation=Relation.BEFORE,
    )
    uncited = ref("1", url=URL, archived=None, has_archive=False)
    [finding] = page_findings(
        "missing-archive", article(uncited), Evidence(suggestions={"1": suggestion})
    )
    assert finding.fix == CiteArchive(capture, PartialDate(2023, 9, 18), finding.message)
    assert finding.message.endswith(f"; suggested: {capture}")
    none = NoSuggestion(SuggestStatus.NO_CAPTURE, "no capture")
    [finding] = page_findings(
        "missing-archive", article(uncited), Evidence(suggestions={"1": none})
    )
    assert finding.fix is None
