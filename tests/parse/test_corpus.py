"""The reader on real documents nobody on the team wrote (tests/data/corpus/documents/).

Each document's reference list was counted by hand (index.json). The floor: every document
comes out with exactly its list, and none is refused. bench/accuracy.py prints the same figures
with the field accuracy beside them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from citecheck.load import load
from citecheck.parse import parse

DOCUMENTS = Path(__file__).parents[1] / "data" / "corpus" / "documents"
INDEX = json.loads((DOCUMENTS / "index.json").read_text(encoding="utf-8"))


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
