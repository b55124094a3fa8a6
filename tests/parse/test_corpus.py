"""The reader on material nobody on the team wrote: floors that must not regress.

- Whole documents (tests/data/corpus/documents/, lists counted by hand in index.json): every
  document comes out with exactly its list, and none is refused.
- Real entries (tests/data/corpus/reference-strings/, fields labelled by hand): at least 97% of
  the labelled fields read right.
- The style matrix (tests/data/corpus/style-matrix.jsonl, rendered by citeproc-py): the issue's
  goals, url, accessed and published year 97%, title 95%, authors 90%.

bench/accuracy.py prints the same figures in full, with the same comparison (``same()``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from citecheck.load import load
from citecheck.parse import parse
from tests.support.bench_scripts import load_bench

DOCUMENTS = Path(__file__).parents[1] / "data" / "corpus" / "documents"
INDEX = json.loads((DOCUMENTS / "index.json").read_text(encoding="utf-8"))

accuracy = load_bench("accuracy")


@pytest.mark.parametrize("item", INDEX, ids=[item["file"] for item in INDEX])
def test_the_whole_reference_list_is_found(item: dict[str, object]) -> None:
    article = parse(load(str(DOCUMENTS / str(item["file"]))))
    labels = [r.label for r in article.references]
    assert len(labels) == item["references"]
    # Labels repeat only where the document has two lists, each numbered from 1.
    lists = len(item.get("lists") or [None])  # type: ignore[arg-type]
    assert max(Counter(labels).values(), default=0) <= lists


def test_documents_without_markers_have_no_claims_and_every_entry_uncited() -> None:
    for item in INDEX:
        if item["markers"]:
            continue
        article = parse(load(str(DOCUMENTS / item["file"])))
        assert not any(m.label.isdigit() for c in article.claims for m in c.markers), item["file"]


def test_real_entries_keep_97_percent_of_their_labelled_fields() -> None:
    labelled = [o for o in accuracy.score_entries() if o.labelled]
    assert sum(o.right for o in labelled) / len(labelled) >= 0.97


def test_the_style_matrix_meets_every_goal() -> None:
    outcomes = accuracy.score_styles()
    for field, goal in accuracy.GOALS.items():
        chosen = [o for o in outcomes if o.field == field]
        if field == "published":  # the goal is the year
            right = sum(str(o.want)[:4] == str(o.got)[:4] for o in chosen)
        else:
            right = sum(o.right for o in chosen)
        assert right / len(chosen) >= goal, field
