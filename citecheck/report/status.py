"""The status word of a marker in a claim: ok / missing / dead / mismatched / unverified."""

from __future__ import annotations

from collections.abc import Iterable

from citecheck.model import Family, Finding, Marker

_ORDER = {Family.MISSING: 0, Family.DEAD: 1, Family.MISMATCHED: 2}


def findings_for(marker: Marker, findings: Iterable[Finding]) -> list[Finding]:
    """Findings about the entry a marker names, or about the marker itself."""
    return [
        f
        for f in findings
        if f.reference == marker.label
        or (f.reference is None and f.evidence.get("marker") == str(marker))
    ]


def status_word(found: list[Finding]) -> str:
    """The most severe finding decides; an unverified outcome is never called dead."""
    if not found:
        return "ok"
    worst = max(found, key=lambda f: (f.severity.rank, -_ORDER[f.family]))
    if worst.evidence.get("unverified"):
        return "unverified"
    return worst.family.value
