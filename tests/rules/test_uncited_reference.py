from __future__ import annotations

from tests.rules.helpers import article, claim, findings, ref


def test_an_entry_no_claim_cites_is_a_warning() -> None:
    art = article(ref("1"), ref("2"), claims=(claim(1, "1"),))
    [found] = findings("uncited-reference", art)
    assert (found.reference, found.severity.value) == ("2", "warning")
    assert "missing notes" not in found.message


def test_backlinks_and_missing_notes_explain_the_entry() -> None:
    art = article(
        ref("1"), ref("2", backlinks=("2.0", "2.1")), claims=(claim(1, "1", "a"),),
        has_notes_section=True,
    )
    [found] = findings("uncited-reference", art)
    assert "cited from the missing notes [a]" in found.message
    assert found.evidence["backlinks"] == 2


def test_cited_entries_are_fine() -> None:
    assert findings("uncited-reference", article(ref("1"), ref("2"))) == []
