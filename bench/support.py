"""Claim support on the labelled claims: precision and recall of "not supported", by kind.

    python bench/support.py [--show-wrong]

Reads every page of ``tests/data/claims/`` as the checker does (``read_page`` for its language
and publication date, ``verify.extract`` for its passages) and judges each labelled claim
against it with ``verify.judge``. "Not supported" is what the ``unsupported-claim`` rule
reports; a claim labelled ``not-supported`` that comes back "can't tell" is a miss, never an
error. Prints, per kind and for all claims: how many, how many of each verdict, and the
precision and recall of "not supported" (the finding) and of "supported"; then the time per
claim. Offline: nothing here opens a connection.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from citecheck.check.page.decoding import decode
from citecheck.check.page.read import read_page
from citecheck.verify.judge import PageText, judge, page_text

DATA = Path(__file__).parents[1] / "tests" / "data"


def read(relative: str) -> PageText:
    path = DATA / relative
    body = path.read_bytes()
    is_html = path.suffix == ".html"
    content_type = "text/html" if is_html else "text/plain"
    page = read_page(body, f"https://example.org/{path.name}", content_type)
    return page_text(
        page.url,
        decode(body, content_type)[0],
        is_html=is_html,
        language=page.language.primary if page.language else None,
        published=page.published.date if page.published else None,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-wrong", action="store_true", help="list each wrong verdict")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str, str]] = []
    elapsed = 0.0
    for data in _claim_sets():
        page = read(data["page"])
        for claim in data["claims"]:
            start = time.perf_counter()
            support = judge(claim["claim"], claim["language"], page)
            elapsed += time.perf_counter() - start
            kind = claim["kind"]
            if kind == "cross-lingual":
                kind += "-" + ("supported" if claim["expect"] == "supported" else claim["expect"])
            rows.append((claim["id"], kind, claim["expect"], support.verdict.value, support.reason))
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for _, kind, expect, verdict, _ in rows:
        by_kind[kind].append((expect, verdict))
        by_kind["all"].append((expect, verdict))
    print(
        f"{'kind':32} {'n':>4} {'supp':>5} {'not':>5} {'cant':>5}  {'P(not)':>7} {'R(not)':>7}"
        f"  {'P(supp)':>7} {'R(supp)':>7}"
    )
    for kind in sorted(by_kind, key=lambda k: (k == "all", k)):
        pairs = by_kind[kind]
        got = Counter(g for _, g in pairs)
        print(
            f"{kind:32} {len(pairs):4} {got['supported']:5} {got['not-supported']:5} "
            f"{got['cant-tell']:5}  {_p(pairs, 'not-supported')} {_r(pairs, 'not-supported')}  "
            f"{_p(pairs, 'supported')} {_r(pairs, 'supported')}"
        )
    per_claim = elapsed / len(rows) * 1000
    print(
        f"\n{len(rows)} claims judged in {elapsed * 1000:.0f} ms: {len(rows) / elapsed:,.0f} "
        f"claims a second ({per_claim:.2f} ms a claim, the page's facts and terms included)"
    )
    sentences_of_pages([(read(d["page"]), d["page_language"]) for d in _claim_sets()])
    if args.show_wrong:
        for cid, kind, expect, verdict, reason in rows:
            if expect != verdict:
                print(f"  {cid:34} {kind:30} expected {expect:14} got {verdict:14} {reason}")
    return 0


def _claim_sets() -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((DATA / "claims").glob("*.json"))
    ]


# A sentence: up to its end mark (a point between digits, 3.7, ends nothing).
_SENTENCE = re.compile(r"(?:[^.!?。！？]|\.(?=\d))+[.!?。！？]")


def sentences_of_pages(pages: list[tuple[PageText, str]], per_page: int = 30) -> None:
    """Every page's own sentences, judged against their page (nothing may be flagged: the page
    says them word for word) and against each other page in the same language (flagged: off
    topic, when the words say so)."""
    own = Counter[str]()
    other = Counter[str]()
    for page, language in pages:
        found = [
            m.group().strip()
            for passage in page.passages
            for m in _SENTENCE.finditer(passage)
            if len(m.group().split()) >= 8 or (language in ("zh", "ja") and len(m.group()) >= 20)
        ][:per_page]
        for sentence in found:
            own[judge(sentence, language, page).verdict.value] += 1
            for elsewhere, its_language in pages:
                if elsewhere is not page and its_language.split("-")[0] == language.split("-")[0]:
                    other[judge(sentence, language, elsewhere).verdict.value] += 1
    print(
        "\npage sentences against their own page (none may be flagged): "
        + ", ".join(f"{v} {n}" for v, n in sorted(own.items()))
    )
    print(
        "page sentences against other pages in their language (off topic): "
        + ", ".join(f"{v} {n}" for v, n in sorted(other.items()))
    )


def _p(pairs: list[tuple[str, str]], verdict: str) -> str:
    said = [e for e, g in pairs if g == verdict]
    return f"{sum(e == verdict for e in said) / len(said):7.2f}" if said else "      —"


def _r(pairs: list[tuple[str, str]], verdict: str) -> str:
    truth = [g for e, g in pairs if e == verdict]
    return f"{sum(g == verdict for g in truth) / len(truth):7.2f}" if truth else "      —"


if __name__ == "__main__":
    raise SystemExit(main())
