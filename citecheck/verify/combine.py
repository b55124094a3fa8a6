"""One claim's verdicts on several pages, read together: a fact one page lacks may be on
another the claim cites."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from citecheck.evidence.support import Support, SupportVerdict


def combine(supports: Sequence[Support], facts_found: Sequence[frozenset[str]]) -> list[Support]:
    """The verdicts on one claim's pages, each given the facts the other pages state: a claim
    citing two pages for two halves is not unsupported by each for lacking the other's fact.
    ``facts_found[i]`` are the claim's facts (as written) page ``i`` states."""
    out = []
    for i, support in enumerate(supports):
        elsewhere = frozenset().union(*(f for j, f in enumerate(facts_found) if j != i))
        if support.strong or support.verdict is not SupportVerdict.NOT_SUPPORTED:
            out.append(support)
            continue
        missing = tuple(f for f in support.missing if f not in elsewhere)
        if missing:
            out.append(replace(support, missing=missing))
        else:
            out.append(
                replace(
                    support,
                    verdict=SupportVerdict.CANT_TELL,
                    missing=(),
                    reason="its facts are on the claim's other cited pages",
                )
            )
    return out


def found_facts(support: Support) -> frozenset[str]:
    """The claim's facts (as written) the page of ``support`` states."""
    return frozenset(support.facts) - frozenset(support.missing)
