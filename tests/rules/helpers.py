"""Small articles built directly, so each rule test states exactly what it feeds the rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from citecheck.model import Article, Claim, Finding, Marker, PartialDate, Reference
from citecheck.rules import RULES, all_rules, run

TODAY = dt.date(2026, 11, 22)


def ref(label: str = "1", **fields: Any) -> Reference:
    defaults: dict[str, Any] = {
        "title": "A title",
        "publisher": "Site",
        "published": PartialDate(2023, 9, 13),
        "accessed": PartialDate(2023, 9, 18),
        "archived": PartialDate(2023, 9, 14),
        "has_archive": True,
        "language": "en",
    }
    return Reference(label=label, line=100 + len(label), raw=f"raw {label}", **(defaults | fields))


def claim(id: int, *labels: str, line: int = 1) -> Claim:
    return Claim(id, None, line, f"claim {id}", tuple(Marker(lab) for lab in labels))


def article(*refs: Reference, claims: tuple[Claim, ...] | None = None, **kw: Any) -> Article:
    if claims is None:
        claims = tuple(claim(i + 1, r.label) for i, r in enumerate(refs))
    return Article(claims=claims, references=refs, **kw)


def findings(code: str, art: Article, today: dt.date = TODAY) -> list[Finding]:
    all_rules()
    return list(run(art, today, [RULES[code]]))
