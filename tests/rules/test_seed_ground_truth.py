"""What a careful editor finds by hand in the seed article, and nothing else."""

from __future__ import annotations

from citecheck import rules
from citecheck.model import Article
from tests.rules.helpers import TODAY


def by_code(article: Article) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for f in rules.run(article, TODAY):
        found.setdefault(f.code, []).append(f.reference or str(f.evidence.get("marker")))
    return found


def test_seed_findings_are_exactly_the_known_problems(seed_article: Article) -> None:
    assert by_code(seed_article) == {
        "missing-reference": ["[a]", "[b]", "[c]"],
        "uncited-reference": ["21", "22", "23"],
        "backlink-mismatch": ["7", "20", "21", "22", "23"],
        "missing-archive": ["23", "27", "40"],
        "missing-access-date": ["23", "27", "40"],
        "placeholder-title": ["41"],
    }


def test_seed_backlink_findings_point_at_the_missing_notes(seed_article: Article) -> None:
    for f in rules.run(seed_article, TODAY):
        if f.code in ("backlink-mismatch", "uncited-reference"):
            assert "missing notes [a] [b] [c]" in f.message
