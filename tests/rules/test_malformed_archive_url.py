"""malformed-archive-url reads the archives' verdict, recorded before the rules run (the audit
asks ``citecheck.archives.malformed_archive_urls``), never the archive grammar itself."""

from __future__ import annotations

import datetime as dt

from citecheck.archives import malformed_archive_urls
from citecheck.audit import audit
from citecheck.evidence import MalformedArchiveUrl, MalformedReason
from citecheck.model import Document
from citecheck.rules import RULES, all_rules, run
from tests.rules.helpers import TODAY, article, ref

SAVE = "https://web.archive.org/save/https://example.org/a"
GOOD = "https://web.archive.org/web/20230914000000/https://example.org/a"


def test_the_archives_name_the_links_that_are_no_snapshot() -> None:
    found = malformed_archive_urls([SAVE, GOOD, "https://example.org/not-an-archive"])
    assert list(found) == [SAVE]
    assert isinstance(found[SAVE], MalformedArchiveUrl)
    assert found[SAVE].reason is MalformedReason.SAVE_COMMAND


def test_the_rule_reports_the_recorded_verdicts() -> None:
    all_rules()
    art = article(ref("1", archive_url=SAVE), ref("2", archive_url=GOOD))
    verdicts = malformed_archive_urls([SAVE, GOOD])
    [finding] = run(art, TODAY, [RULES["malformed-archive-url"]], malformed=verdicts)
    assert finding.reference == "1"
    assert finding.evidence == {"archive_url": SAVE, "reason": "save-command"}
    assert finding.message.startswith(
        "reference 1: the archive URL is not a snapshot (save-command"
    )


def test_an_offline_audit_records_them() -> None:
    text = (
        "A claim.<ref>{{cite web |url=https://example.org/a |title=A page "
        f"|archive-url={SAVE} |archive-date=2023-09-14 |access-date=2023-09-14}}}}</ref>\n\n"
        "{{reflist}}\n"
    )
    report = audit(Document(text, "wikitext", "t.wiki"), today=dt.date(2026, 1, 1))
    assert [f.reference for f in report.findings if f.code == "malformed-archive-url"] == ["1"]
