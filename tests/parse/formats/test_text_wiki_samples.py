"""Wiki pages copied from the browser (ru, zh) and converted to Markdown (ja): every entry read,
and an offline audit raising only what a reader checking the page by hand would.

Counts are the hand counts of the development set's ``index.json``; findings were checked
against the pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citecheck.audit import audit
from citecheck.model import Document, Report

SAMPLES = Path(__file__).parents[2] / "data" / "wiki-samples" / "text"


def audited(name: str) -> Report:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return audit(Document(text, "auto", name), today=dt.date(2026, 12, 7))


@pytest.mark.parametrize(
    ("name", "references"),
    [("ruwiki-html.txt", 25), ("zhwiki-jupyter.txt", 32), ("jawiki-posix.txt", 3)],
)
def test_every_entry_of_the_copied_pages_is_read_and_nothing_else(
    name: str, references: int
) -> None:
    article = audited(name).article
    assert [r.label for r in article.references] == [str(n) for n in range(1, references + 1)]


def test_further_reading_after_backlinked_notes_is_no_part_of_the_list() -> None:
    # ruwiki: Литература (five books) and Ссылки follow Примечания; no marker cites them.
    raws = [r.raw for r in audited("ruwiki-html.txt").article.references]
    assert not any("Фримен Эрик" in raw for raw in raws)


# Besides missing archives and access dates. ruwiki: the cut removed the sentences citing
# [14]–[25], so those twelve are uncited with a backlink each (true of the cut copy); [2] is a
# bare URL; [10] is "Спецификация HTML 4.01 (англ.)", a Russian title tagged English.
FINDINGS_BY_HAND = {
    "ruwiki-html.txt": sorted(
        [(str(n), "backlink-mismatch") for n in range(14, 26)]
        + [(str(n), "uncited-reference") for n in range(14, 26)]
        + [("2", "unreadable-reference"), ("10", "language-mismatch")]
    ),
    "zhwiki-jupyter.txt": [],
    # The markers of a paragraph glued into a "###" heading are uses: no uncited entry.
    "jawiki-posix.txt": [],
}


@pytest.mark.parametrize("name", list(FINDINGS_BY_HAND))
def test_the_copied_pages_raise_only_the_findings_checked_by_hand(name: str) -> None:
    routine = {"missing-archive", "missing-access-date"}
    found = sorted(
        (f.reference or "", f.code) for f in audited(name).findings if f.code not in routine
    )
    assert found == FINDINGS_BY_HAND[name]
