"""The committed style matrix is what bench/stylematrix.py renders: the accuracy floors in
tests/parse/test_corpus.py stand on it, so it must stay reproducible from citeproc-py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.bench_scripts import load_bench

ROOT = Path(__file__).parents[2]
stylematrix = load_bench("stylematrix")

COMMITTED = [
    json.loads(line)
    for line in (ROOT / "tests/data/corpus/style-matrix.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
]


@pytest.mark.parametrize("name", ["IEEE", "GOST R 7.0.5-2008 numeric"])
def test_a_style_renders_exactly_its_committed_rows(name: str) -> None:
    (style,) = [s for s in stylematrix.STYLES if s.name == name]
    assert stylematrix.rows((style,)) == [r for r in COMMITTED if r["style"] == name]
