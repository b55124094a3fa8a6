"""The status word of a marker in a claim: ok / missing / dead / mismatched / unsupported /
unverified."""

from __future__ import annotations

from collections.abc import Iterable

from citecheck.model import Family, Finding, Marker

_ORDER = {Family.MISSING: 0, Family.DEAD: 1, Family.MISMATCHED: 2}
# The rule whose findings a claim's cell names by their own word: the page is there and matches
# the citation, but does not say the claim.
UNSUPPORTED = "unsupported-claim"


def by_label(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings per label: about the entry a marker names, or about the marker itself."""
    index: dict[str, list[Finding]] = {}
    for f in findings:
        marker = f.evidence.get("marker")
        label = f.reference or (str(marker)[1:-1] if isinstance(marker, str) else None)
        if label is not None:
            index.setdefault(label, []).append(f)
    return index


def findings_for(
    marker: Marker, index: dict[str, list[Finding]], claim: int | None = None
) -> list[Finding]:
    """The findings about ``marker``'s entry; in ``claim``, only those about that claim (a
    reference may support one claim and not another)."""
    found = index.get(marker.label, [])
    if claim is None:
        return found
    return [f for f in found if not f.claims or claim in f.claims]


def status_word(found: list[Finding]) -> str:
    """The most severe finding decides; an unverified outcome is never called dead."""
    if not found:
        return "ok"
    worst = max(found, key=lambda f: (f.severity.rank, -_ORDER[f.family]))
    if worst.evidence.get("unverified"):
        return "unverified"
    if worst.code == UNSUPPORTED:
        return "unsupported"
    return worst.family.value
