"""The reader on documents generated in every shape bench/documents.py knows.

Entries come from the style matrix (references rendered by citeproc-py); headings, labels,
separators, wrapping, PDF runs, prefaces and footers vary. Every numbered shape must come out
exact; an unnumbered list with no blank lines between wrapped entries is ambiguous even to a
reader, so there the floor is lower.
"""

from __future__ import annotations

from tests.support.bench_scripts import load_bench

documents = load_bench("documents")

RESULTS = documents.run(400, seed=3)


def test_every_numbered_shape_gives_exactly_its_list() -> None:
    failed = [
        (shape, why) for shape, ok, why, _ in RESULTS if not ok and shape.label != "unnumbered"
    ]
    assert failed == []


def test_most_unnumbered_lists_are_read_entry_by_entry() -> None:
    unnumbered = [ok for shape, ok, _, _ in RESULTS if shape.label == "unnumbered"]
    assert len(unnumbered) > 30
    assert sum(unnumbered) / len(unnumbered) >= 0.6


def test_every_browser_copy_of_a_wiki_page_gives_exactly_its_list() -> None:
    copies = documents.run_copies(300, seed=3)
    assert [(shape, why) for shape, ok, why, _ in copies if not ok] == []
