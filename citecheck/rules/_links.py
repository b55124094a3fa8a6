"""Shared by the rules that read network evidence: what to show of a fetch, and lookups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from citecheck.model import Reference
from citecheck.rules import Context

if TYPE_CHECKING:
    from citecheck.evidence import LinkCheck, SnapshotOutcome


def link_evidence(check: LinkCheck) -> dict[str, Any]:
    """Status codes, final URL, redirect chain, time of the check and whether it was cached."""
    result = check.result
    evidence: dict[str, Any] = {
        "url": result.url,
        "link_status": check.verdict.status.value,
        "reason": check.verdict.reason,
        "http_status": result.status,
        "final_url": result.final_url,
        "redirects": [f"{hop.status} {hop.url}" for hop in result.chain[:-1]],
        "error": result.error.value if result.error else None,
        "checked_at": result.checked_at.isoformat() if result.checked_at else None,
        "from_cache": result.from_cache,
    }
    if check.probe is not None:
        evidence["probe"] = f"{check.probe.status} {check.probe.url}"
    return evidence


def link_of(ctx: Context, ref: Reference) -> LinkCheck | None:
    if ctx.evidence is None or not ref.url:
        return None
    return ctx.evidence.links.get(ref.url)


def snapshot_of(ctx: Context, ref: Reference) -> SnapshotOutcome | None:
    if ctx.evidence is None or not ref.archive_url:
        return None
    return ctx.evidence.snapshots.get((ref.archive_url, ref.url))


def snapshot_evidence(outcome: SnapshotOutcome) -> dict[str, Any]:
    shown = outcome.to_dict()
    shown["chain"] = [f"{status} {url}" for url, status in outcome.chain]
    return shown
