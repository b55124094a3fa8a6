"""Whether a cited page says what a claim says: one verdict per claim and reference.

Data only: ``citecheck.verify`` decides it from the page's main text, the checker records it,
the ``unsupported-claim`` rule and the reports read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

# The longest passage quoted as evidence, in characters.
PASSAGE_QUOTE = 300


class SupportVerdict(StrEnum):
    SUPPORTED = "supported"
    NOT_SUPPORTED = "not-supported"
    CANT_TELL = "cant-tell"


@dataclass(frozen=True)
class Support:
    """What one page said of one claim.

    ``facts`` are the claim's dates and numbers as written, ``missing`` those the page states
    nowhere, ``conflicting`` those its best passage states otherwise (``"9 September 2023" ->
    "13 September 2023"``). ``strong`` is false when the verdict rests on weak evidence (a fact
    merely absent, a short page): the rule then says less. ``passage`` is the page's passage
    that best matches the claim, at most ``PASSAGE_QUOTE`` characters, in ``passage_language``;
    ``score`` the share of the claim's words it holds (0–1), ``coverage`` the share the whole
    page holds. ``reason`` says in words why the verdict is what it is.
    """

    verdict: SupportVerdict
    reason: str
    page_url: str
    from_snapshot: bool = False
    strong: bool = True
    facts: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    conflicting: tuple[tuple[str, str], ...] = ()
    passage: str | None = None
    passage_language: str | None = None
    score: float | None = None
    coverage: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's ``support`` object."""
        return {
            "verdict": self.verdict.value,
            "reason": self.reason,
            "strong": self.strong,
            "page_url": self.page_url,
            "from_snapshot": self.from_snapshot,
            "facts_checked": list(self.facts),
            "facts_missing": list(self.missing),
            "facts_conflicting": [{"claim": a, "page": b} for a, b in self.conflicting],
            "passage": self.passage,
            "passage_language": self.passage_language,
            "score": None if self.score is None else round(self.score, 3),
            "coverage": None if self.coverage is None else round(self.coverage, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Support:
        """The inverse of ``to_dict`` (the memo keeps verdicts as that JSON)."""
        return cls(
            verdict=SupportVerdict(data["verdict"]),
            reason=data["reason"],
            page_url=data["page_url"],
            from_snapshot=data["from_snapshot"],
            strong=data["strong"],
            facts=tuple(data["facts_checked"]),
            missing=tuple(data["facts_missing"]),
            conflicting=tuple((c["claim"], c["page"]) for c in data["facts_conflicting"]),
            passage=data["passage"],
            passage_language=data["passage_language"],
            score=data["score"],
            coverage=data["coverage"],
        )
