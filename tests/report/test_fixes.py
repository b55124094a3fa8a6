"""Pasteable fixes: each template family gets the parameter names its wiki writes, and a pasted
fix reads back (through citecheck's own wikitext parser) as exactly what it said; a dead original
whose archive ``--suggest-archives`` found is marked dead, end to end against a real pywb."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace

import pytest

from citecheck import audit, render
from citecheck.evidence import Method, Relation, Suggestion
from citecheck.model import (
    CiteArchive,
    Family,
    Finding,
    FindingFix,
    MarkUrlDead,
    PartialDate,
    Reference,
    Report,
    SetArchiveDate,
    Severity,
)
from citecheck.parse.formats.wikitext import read_wikitext, url_status
from citecheck.report.fixes import (
    Fix,
    fix_from_finding,
    merge_fixes,
    report_fixes,
    template_fix,
)
from tests.support.demo_site import GONE, DemoSite, captures
from tests.support.http_settings import fast_settings
from tests.support.pywb_server import PywbArchive, require_pywb_bin

SNAPSHOT = "https://web.archive.org/web/20230914101500/https://a.example/x"
CAPTURED = PartialDate(2023, 9, 14)
FULL = Fix("1", "missing-archive", archive_url=SNAPSHOT, archive_date=CAPTURED, url_dead=True)


def ref(template: str, label: str = "1") -> Reference:
    """The reference read from a ref holding ``template``: fixes edit the template it kept."""
    return replace(read_back(template), label=label)


def read_back(template: str) -> Reference:
    """The reference citecheck reads from an article whose one ref is ``template``."""
    article = read_wikitext(f"Claim.<ref>{template}</ref>\n\n{{{{reflist}}}}\n").article
    [reference] = article.references
    return reference


def assert_reads_back(corrected: str, fix: Fix) -> None:
    reference = read_back(corrected)
    if fix.archive_url:
        assert reference.archive_url == fix.archive_url
    if fix.archive_date:
        assert reference.archived == fix.archive_date


# -- each template family -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "wiki", "expected"),
    [
        pytest.param(
            "{{cite web |url=https://a.example/x |title=Summit |access-date=2023-09-18}}",
            None,
            f"|archive-url={SNAPSHOT} |archive-date=2023-09-14 |url-status=dead",
            id="enwiki-cs1",
        ),
        pytest.param(
            "{{cite news|url=https://a.example/x|title=峰会|accessdate=2023-09-18|language=zh}}",
            "zh",
            f"|archive-url={SNAPSHOT} |archive-date=2023-09-14 |url-status=dead",
            id="zhwiki-cs1",
        ),
        pytest.param(
            "{{Cite web|和書|url=https://a.example/x|title=会談|accessdate=2023-09-18}}",
            "ja",
            f"|archive-url={SNAPSHOT} |archive-date=2023-09-14 |url-status=dead",
            id="jawiki-cs1",
        ),
        pytest.param(
            "{{cite web |url=https://a.example/x |title=Саммит |lang=ru |accessdate=2023-09-18}}",
            None,
            f"|archiveurl={SNAPSHOT} |archivedate=2023-09-14 |deadlink=yes",
            id="ruwiki-cite-web",
        ),
        pytest.param(
            "{{cite web |url=https://a.example/x |назва=Саміт |мова=uk |дата-доступу=2023-09-18}}",
            None,
            f"|url-архіву={SNAPSHOT} |дата-архіву=2023-09-14 |url-status=dead",
            id="ukwiki-cs1-aliases",
        ),
    ],
)
def test_cs1_families_get_their_wiki_s_names(
    template: str, wiki: str | None, expected: str
) -> None:
    fixed = template_fix(ref(template), FULL, wiki=wiki)
    assert fixed is not None
    assert fixed.wikitext == expected
    assert_reads_back(fixed.corrected, FULL)
    assert url_status(fixed.corrected) == "dead"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        pytest.param(
            "{{статья |заглавие=Саммит |ссылка=https://a.example/x |язык=ru}}",
            f"|архив={SNAPSHOT} |архив дата=2023-09-14",
            id="ruwiki-statya",
        ),
        pytest.param(
            "{{публикация |заглавие=Саммит |ссылка=https://a.example/x}}",
            f"|архив={SNAPSHOT} |архив дата=2023-09-14",
            id="ruwiki-publikatsiya",
        ),
        pytest.param(
            "{{книга |заглавие=История |ссылка=https://a.example/x |год=2020}}",
            f"|архив={SNAPSHOT} |архив дата=2023-09-14",
            id="ruwiki-kniga",
        ),
        pytest.param(
            "{{книга |назва=Історія |посилання=https://a.example/x |рік=2020}}",
            f"|url-архіву={SNAPSHOT} |дата-архіву=2023-09-14",
            id="ukwiki-knyha",
        ),
    ],
)
def test_gost_templates_get_archive_parameters_and_no_dead_switch(
    template: str, expected: str
) -> None:
    fixed = template_fix(ref(template), FULL)
    assert fixed is not None
    assert fixed.wikitext == expected
    assert fixed.skipped == ("url_status",)  # they have no url-status parameter
    assert_reads_back(fixed.corrected, FULL)


def test_the_wiki_when_known_wins_over_the_guess() -> None:
    template = "{{cite web |url=https://a.example/x |title=Summit}}"
    fixed = template_fix(ref(template), FULL, wiki="ru")
    assert fixed is not None and fixed.wiki == "ru"
    assert fixed.wikitext.startswith("|archiveurl=")


def test_a_parameter_already_present_keeps_its_spelling_and_is_replaced_not_repeated() -> None:
    template = (
        "{{cite web |url=https://a.example/x |title=Summit |archiveurl= |archive-date=2023-09-15}}"
    )
    fixed = template_fix(ref(template), FULL)
    assert fixed is not None
    assert dict(fixed.params) == {
        "archiveurl": SNAPSHOT,
        "archive-date": "2023-09-14",
        "url-status": "dead",
    }
    assert fixed.corrected.count("archiveurl=") == 1
    assert fixed.corrected.count("archive-date=") == 1
    assert "2023-09-15" not in fixed.corrected
    assert_reads_back(fixed.corrected, FULL)


def test_an_old_deadurl_switch_is_set_with_its_own_value() -> None:
    template = "{{cite web |url=https://a.example/x |title=Summit |deadurl=no}}"
    fixed = template_fix(ref(template), Fix("1", "dead-url", url_dead=True))
    assert fixed is not None and fixed.wikitext == "|deadurl=yes"


def test_a_url_already_marked_dead_is_not_marked_again() -> None:
    template = "{{cite web |url=https://a.example/x |title=Summit |url-status=dead}}"
    assert template_fix(ref(template), Fix("1", "dead-url", url_dead=True)) is None
    tagged = "{{cite web |url=https://a.example/x |title=Summit}}{{dead link|date=May 2024}}"
    assert template_fix(ref(tagged), Fix("1", "dead-url", url_dead=True)) is None


def test_a_reference_without_a_citation_template_gets_no_template_fix() -> None:
    rendered = Reference("1", 1, "Summit. Example News. 2023-09-13 [2023-09-18].")
    assert template_fix(rendered, FULL) is None
    assert template_fix(ref("{{cite web |url=https://a.example/x}}"), Fix("1", "x")) is None


def test_the_corrected_template_keeps_everything_else() -> None:
    template = "{{cite web\n| url = https://a.example/x\n| title = Summit\n}}"
    fixed = template_fix(ref(template), Fix("1", "archive-date-mismatch", archive_date=CAPTURED))
    assert fixed is not None
    assert fixed.corrected.startswith("{{cite web\n| url = https://a.example/x\n| title = Summit")
    assert read_back(fixed.corrected).title == "Summit"


# -- fixes from findings, snapshots and suggestions -------------------------------------------


def finding(
    code: str,
    evidence: dict[str, object],
    family: Family = Family.MISMATCHED,
    fix: FindingFix | None = None,
) -> Finding:
    return Finding(
        code, family, Severity.WARNING, "message", reference="5", evidence=evidence, fix=fix
    )


def test_an_archive_date_mismatch_becomes_the_capture_s_date() -> None:
    found = finding(
        "archive-date-mismatch",
        {"cited_archive_date": "2023-09-15", "suggested_archive_date": "2024-01-02"},
        fix=SetArchiveDate(PartialDate(2024, 1, 2), "the snapshot was captured on 2024-01-02"),
    )
    fix = fix_from_finding(found)
    assert fix == Fix(
        "5",
        "archive-date-mismatch",
        archive_date=PartialDate(2024, 1, 2),
        note="the snapshot was captured on 2024-01-02",
    )
    template = (
        "{{cite web |url=https://a.example/x |title=Summit "
        f"|archive-url={SNAPSHOT} |archive-date=2023-09-15}}}}"
    )
    fixed = template_fix(ref(template, "5"), fix)
    assert fixed is not None and fixed.wikitext == "|archive-date=2024-01-02"
    assert read_back(fixed.corrected).archived == PartialDate(2024, 1, 2)


def test_a_dead_url_with_a_working_archive_is_marked_dead_and_without_one_is_not() -> None:
    # The dead-url rule gives the fix only with a working archive (tests/rules/test_dead_url.py).
    alive_archive = finding("dead-url", {"working_archive": True}, Family.DEAD, MarkUrlDead())
    fix = fix_from_finding(alive_archive)
    assert fix is not None and fix.url_dead and fix.values() == {"url_status": "dead"}
    assert fix_from_finding(finding("dead-url", {"working_archive": False}, Family.DEAD)) is None


def test_a_finding_carrying_a_suggestion_cites_it() -> None:
    suggestion = Suggestion(
        archive_url=SNAPSHOT,
        timestamp=dt.datetime(2023, 9, 14, 10, 15, tzinfo=dt.UTC),
        original="https://a.example/x",
        archive="wayback",
        method=Method.CDX,
        relation=Relation.BEFORE,
        wanted=PartialDate(2023, 9, 18),
        wanted_from="access-date",
    )
    found = finding(
        "missing-archive",
        {"url": "https://a.example/x", **suggestion.to_dict()},
        fix=CiteArchive(suggestion.archive_url, suggestion.date),
    )
    fix = fix_from_finding(found)
    assert fix is not None
    assert fix.values() == {"archive_url": SNAPSHOT, "archive_date": "2023-09-14"}
    assert "before the access date 2023-09-18" in suggestion.note


def test_findings_without_fix_evidence_give_no_fix() -> None:
    assert fix_from_finding(finding("missing-access-date", {})) is None
    assert fix_from_finding(finding("archive-date-mismatch", {})) is None


def test_fixes_for_one_reference_merge() -> None:
    date = Fix("5", "archive-date-mismatch", archive_date=CAPTURED, note="a")
    dead = Fix("5", "dead-url", url_dead=True, note="b")
    other = Fix("6", "dead-url", url_dead=True)
    merged = merge_fixes([date, dead, other])
    assert merged == [
        Fix(
            "5", "archive-date-mismatch,dead-url", archive_date=CAPTURED, url_dead=True, note="a; b"
        ),
        other,
    ]


# -- a dead original whose archive --suggest-archives found, end to end -----------------------
#
# The demo news site on 127.0.0.1 answers 404 for GONE; its pywb archive holds a capture of it
# from 2023-09-16, before the citations' access date. Each wiki's template cites GONE without
# an archive: the audit finds the capture, and the fix cites it *and* marks the URL dead, in
# the wiki's own parameters and values, as for a dead original whose archive was cited.

SUGGESTED_FIXES = {
    "1": (  # enwiki CS1
        "{{cite web |url={url} |title=Kim visits a factory |access-date=2023-09-19}}",
        "|archive-url={capture} |archive-date=2023-09-16 |url-status=dead",
    ),
    "2": (  # zhwiki CS1
        "{{cite news|url={url}|title=金正恩参观工厂|accessdate=2023-09-19|language=zh}}",
        "|archive-url={capture} |archive-date=2023-09-16 |url-status=dead",
    ),
    "3": (  # jawiki
        "{{Cite web|和書|url={url}|title=工場訪問|accessdate=2023-09-19}}",
        "|archive-url={capture} |archive-date=2023-09-16 |url-status=dead",
    ),
    "4": (  # ruwiki {{cite web}}: its own names and deadlink's "yes"
        "{{cite web |url={url} |title=Ким посетил завод |lang=ru |accessdate=2023-09-19}}",
        "|archiveurl={capture} |archivedate=2023-09-16 |deadlink=yes",
    ),
    "5": (  # ruwiki {{статья}}: the archive only, it has no dead-link switch
        "{{статья |заглавие=Ким посетил завод |ссылка={url} |язык=ru |дата обращения=2023-09-19}}",
        "|архив={capture} |архив дата=2023-09-16",
    ),
    "6": (  # ukwiki CS1 aliases
        "{{cite web |url={url} |назва=Кім відвідав завод |мова=uk |дата-доступу=2023-09-19}}",
        "|url-архіву={capture} |дата-архіву=2023-09-16 |url-status=dead",
    ),
}


@pytest.fixture(scope="module")
def suggested_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Report, str]]:
    """The audit of an article citing the dead GONE page in each wiki's template, with
    ``--suggest-archives`` asking the local pywb; and the capture's URL."""
    folder = tmp_path_factory.mktemp("suggested-fixes")
    with (
        DemoSite() as site,
        PywbArchive.of(folder, captures(site.origin), require_pywb_bin()) as archive,
    ):
        url = site.origin + GONE
        lines = [
            f"Claim {label}.<ref>{template.replace('{url}', url)}</ref>"
            for label, (template, _) in SUGGESTED_FIXES.items()
        ]
        article = folder / "dead.wikitext"
        article.write_text("\n".join([*lines, "", "{{reflist}}", ""]), encoding="utf-8")
        report = audit(
            article,
            today=dt.date(2026, 11, 22),
            http=fast_settings(timeout=5.0),
            archives=[archive.prefix],
            suggest_archives=True,
            suggest_from=[archive.prefix],  # never the Internet Archive from a test
        )
        yield report, f"{archive.prefix}20230916090000/{url}"


@pytest.mark.parametrize("label", list(SUGGESTED_FIXES))
def test_a_dead_original_with_a_found_archive_is_marked_dead_in_its_wiki_s_parameters(
    suggested_report: tuple[Report, str], label: str
) -> None:
    report, capture = suggested_report
    assert report.links and set(report.links.values()) == {"dead"}
    codes = {f.code for f in report.findings if f.reference == label}
    assert {"dead-url", "missing-archive"} <= codes
    fixes = {fix.label: (fix, template) for fix, template in report_fixes(report)}
    fix, template = fixes[label]
    assert (fix.archive_url, fix.url_dead) == (capture, True)
    assert template is not None
    assert template.wikitext == SUGGESTED_FIXES[label][1].replace("{capture}", capture)
    pasted = read_back(template.corrected)
    assert (pasted.archive_url, pasted.archived) == (capture, PartialDate(2023, 9, 16))
    if "url_status" not in template.skipped:
        assert url_status(template.corrected) == "dead"


def test_the_reports_show_the_found_archive_s_fix_with_the_dead_mark(
    suggested_report: tuple[Report, str],
) -> None:
    report, capture = suggested_report
    markdown = render(report, "markdown")
    assert f"`|archive-url={capture} |archive-date=2023-09-16 |url-status=dead`" in markdown
    assert "- reference 1 (`dead-url,missing-archive`): the original is dead" in markdown
    [json_fix] = [f for f in json.loads(render(report, "json"))["fixes"] if f["label"] == "4"]
    assert json_fix["set"] == {
        "archive_url": capture,
        "archive_date": "2023-09-16",
        "url_status": "dead",
    }
    assert json_fix["template"]["params"]["deadlink"] == "yes"
