from __future__ import annotations

from citecheck.model import Reference
from tests.rules.helpers import article, claim, findings, ref


def test_a_marker_naming_no_entry_is_an_error() -> None:
    found = findings("missing-reference", article(ref("1"), claims=(claim(1, "1", "2"),)))
    assert [(f.severity.value, f.claims, f.evidence["marker"]) for f in found] == [
        ("error", (1,), "[2]")
    ]


def test_a_note_marker_with_an_empty_notes_section_says_so() -> None:
    art = article(ref("1"), claims=(claim(1, "1", "a"),), has_notes_section=True)
    [found] = findings("missing-reference", art)
    assert "notes section is empty" in found.message


def test_a_note_marker_with_its_note_present_is_fine() -> None:
    note = Reference(label="a", line=5, raw="A note.")
    art = article(ref("1"), claims=(claim(1, "1", "a"),), notes=(note,), has_notes_section=True)
    assert findings("missing-reference", art) == []
