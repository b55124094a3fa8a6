from __future__ import annotations

from tests.rules.helpers import article, claim, findings, ref


def test_leaked_template_errors_are_reported_one_by_one() -> None:
    art = article(ref("1", template_errors=("|journal=被忽略 (帮助)", "Ошибка в сносках")))
    assert [f.evidence["error"] for f in findings("template-error", art)] == [
        "|journal=被忽略 (帮助)",
        "Ошибка в сносках",
    ]


def test_a_clean_entry_has_no_template_error() -> None:
    assert findings("template-error", article(ref("1"))) == []


def test_more_backlinks_than_uses_is_info_and_points_at_missing_notes() -> None:
    art = article(
        ref("7", backlinks=("7.0", "7.1", "7.2")), claims=(claim(1, "7", "a"), claim(2, "7")),
        has_notes_section=True,
    )
    [found] = findings("backlink-mismatch", art)
    assert found.severity.value == "info"
    assert found.evidence["backlinks"] == 3 and found.evidence["uses"] == 2
    assert "missing notes [a]" in found.message


def test_fewer_backlinks_than_uses_is_reported_without_the_notes_hint() -> None:
    art = article(ref("1", backlinks=("^",)), claims=(claim(1, "1"), claim(2, "1")))
    [found] = findings("backlink-mismatch", art)
    assert "missing notes" not in found.message


def test_sources_without_backlinks_are_not_judged() -> None:
    art = article(ref("1", backlinks=()), claims=(claim(1, "1"), claim(2, "1")))
    assert findings("backlink-mismatch", art) == []


def test_a_field_the_template_reports_wrong_is_not_also_unreadable() -> None:
    art = article(ref("1", unread=("date", "title"), template_errors=("malformed date: |date=31 February",)))
    [finding] = findings("unreadable-reference", art)
    assert finding.evidence["unread"] == ["title"]


def test_words_left_beside_a_read_title_are_not_reported() -> None:
    leftover = ("unplaced text: Johns Hopkins University Pr",)
    assert findings("unreadable-reference", article(ref("1", unread=leftover))) == []
    untitled = article(ref("1", title=None, unread=("title", *leftover)))
    [finding] = findings("unreadable-reference", untitled)
    assert finding.evidence["unread"] == ["title", *leftover]
