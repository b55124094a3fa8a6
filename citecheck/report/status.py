"""The status word of a marker in a claim: ok / missing / dead / mismatched / unverified."""

from __future__ import annotations

from collections.abc import Iterable

from citecheck.model import Family, Finding, Marker

_ORDER = {Family.MISSING: 0, Family.DEAD: 1, Family.MISMATCHED: 2}


def by_label(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings per label: about the entry a marker names, or about the marker itself."""
    index: dict[str, list[Finding]] = {}
    for f in findings:
        marker = f.evidence.get("marker")
        label = f.reference or (str(marker)[1:-1] if isinstance(marker, str) else None)
        if label is not None:
            index.setdefault(label, []).append(f)
    return index


def findings_for(marker: Marker, index: dict[str, list[Finding]]) -> list[Finding]:
    return index.get(marker.label, [])


def status_word(found: list[Finding]) -> str:
    """The most severe finding decides; an unverified outcome is never called dead."""
    if not found:
        return "ok"
    worst = max(found, key=lambda f: (f.severity.rank, -_ORDER[f.family]))
    if worst.evidence.get("unverified"):
        return "unverified"
    return worst.family.value
