"""The labelled claims in tests/data/claims/ are well formed and rest on their pages' own words.

The claim-support checker is measured against these labels, so a label that points at a sentence
the page does not contain, or a "changed" claim that differs from its twin by more than the one
fact it names, would make the measurement wrong without anyone noticing.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

DATA = Path(__file__).parent.parent / "data"
CLAIMS = DATA / "claims"
FILES = sorted(CLAIMS.glob("*.json"))

LANGUAGES = {"zh", "ru", "uk", "ja", "en"}
KINDS = {"supported", "number", "date", "off-topic", "cross-lingual"}
VERDICTS = {"supported", "not-supported", "cant-tell"}
# Per page: how many claims of each kind. A page whose article states no number but dates has
# no `number` claims and says why in its top-level note.
PER_PAGE = {"supported": 3, "number": 2, "date": 2, "off-topic": 2, "cross-lingual": 4}
FIELDS = {"id", "kind", "language", "claim", "expect", "rests_on", "changed", "note"}
# A digit, or an English number word ("six judges" reads better than "6 judges").
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b", re.I)


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _primary(language: str) -> str:
    """zh-TW and zh are one language for a claim: the script differs, the words do not."""
    return language.split("-")[0].lower()


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@cache
def _page_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return _normalise(raw)
    tree = LexborHTMLParser(raw)
    for node in tree.css("script, style, noscript"):
        node.decompose()
    root = tree.body or tree.root
    assert root is not None
    # No separator: a sentence split by inline tags (<a>, <b>) must read as the page shows it.
    return _normalise(root.text(separator=""))


def _expected_verdict(claim: dict[str, Any], page_language: str) -> str:
    kind = claim["kind"]
    if kind == "supported":
        return "supported"
    if kind in ("number", "date"):
        return "not-supported"
    same_language = _primary(claim["language"]) == _primary(page_language)
    if kind == "off-topic":
        # Nothing on the page to compare but words: only a same-language page shows the absence.
        return "not-supported" if same_language else "cant-tell"
    if claim["rests_on"] is None:
        return "cant-tell"
    return "not-supported" if claim["changed"] is not None else "supported"


def test_there_is_a_claims_file_per_page() -> None:
    assert len(FILES) == 13


def test_ids_are_unique_across_the_set() -> None:
    ids = [c["id"] for path in FILES for c in _load(path)["claims"]]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_claim_has_the_schema_and_the_verdict_its_kind_implies(path: Path) -> None:
    data = _load(path)
    assert set(data) <= {"page", "page_language", "claims", "note"}
    assert (DATA / data["page"]).name.startswith(path.stem)
    page_language = data["page_language"]
    for claim in data["claims"]:
        assert set(claim) == FIELDS, claim["id"]
        assert claim["id"].startswith(f"{path.stem}-"), claim["id"]
        assert claim["kind"] in KINDS, claim["id"]
        assert claim["language"] in LANGUAGES, claim["id"]
        assert claim["expect"] in VERDICTS, claim["id"]
        assert claim["claim"].strip(), claim["id"]
        assert claim["expect"] == _expected_verdict(claim, page_language), claim["id"]
        if claim["kind"] == "cross-lingual":
            assert _primary(claim["language"]) != _primary(page_language), claim["id"]
        if claim["kind"] in ("supported", "number", "date"):
            # Ours when the page's language is ours, else English.
            ours = _primary(page_language) in LANGUAGES
            want = _primary(page_language) if ours else "en"
            assert claim["language"] == want, claim["id"]
        is_changed = claim["kind"] in ("number", "date") or (
            claim["kind"] == "cross-lingual" and claim["expect"] == "not-supported"
        )
        assert (claim["changed"] is not None) == is_changed, claim["id"]
        rests = claim["expect"] != "cant-tell" and claim["kind"] != "off-topic"
        assert (claim["rests_on"] is not None) == rests, claim["id"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_page_has_the_planned_number_of_claims_per_kind(path: Path) -> None:
    data = _load(path)
    counts = Counter(c["kind"] for c in data["claims"])
    want = dict(PER_PAGE)
    if counts["number"] == 0:
        assert "no number" in data.get("note", ""), "a page without number claims says why"
        want["number"] = 0
    assert {k: counts[k] for k in KINDS} == want
    cross = Counter(c["expect"] for c in data["claims"] if c["kind"] == "cross-lingual")
    assert cross == {"supported": 2, "not-supported": 1, "cant-tell": 1}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_most_supported_claims_carry_a_number_or_a_date(path: Path) -> None:
    supported = [c for c in _load(path)["claims"] if c["kind"] == "supported"]
    assert sum(bool(NUMBER.search(c["claim"])) for c in supported) >= 2


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_a_changed_claim_is_its_twin_with_one_fact_replaced(path: Path) -> None:
    claims = _load(path)["claims"]
    twins = [c for c in claims if c["expect"] == "supported"]
    for claim in (c for c in claims if c["changed"] is not None):
        old, new = claim["changed"]["from"], claim["changed"]["to"]
        assert old != new, claim["id"]
        matches = [
            t
            for t in twins
            if t["language"] == claim["language"]
            and t["rests_on"] == claim["rests_on"]
            and old in t["claim"]
            and t["claim"].replace(old, new, 1) == claim["claim"]
        ]
        assert matches, f"{claim['id']}: no supported twin differs from it by {old!r} -> {new!r}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_rests_on_sentence_occurs_verbatim_in_the_page(path: Path) -> None:
    data = _load(path)
    page = DATA / data["page"]
    if not page.exists():
        pytest.skip(f"{data['page']} is not in this tree yet")
    text = _page_text(page)
    missing = [
        c["id"]
        for c in data["claims"]
        if c["rests_on"] is not None and _normalise(c["rests_on"]) not in text
    ]
    assert missing == []
