"""The status of a marker in a claim: ok / missing / dead / mismatched / unsupported /
unverified / not checked.

One closed type (:class:`CitationStatus`) with, for ``not checked``, why (:class:`NotChecked`):
a citation is ``ok`` only when something was checked and nothing was found. A marker whose entry
gives no URL (nothing to fetch), or any marker of an audit whose links were not checked
(``--no-network``), is ``not checked`` unless a finding decides otherwise: the structural rules
ran, but no one looked at the source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from citecheck.model import Family, Finding, Marker, Reference, Report

_ORDER = {Family.MISSING: 0, Family.DEAD: 1, Family.MISMATCHED: 2}
# The rule whose findings a claim's cell names by their own word: the page is there and matches
# the citation, but does not say the claim.
UNSUPPORTED = "unsupported-claim"


class CitationStatus(StrEnum):
    """What a claim's citation came to. Values are stable (the JSON report's ``status``)."""

    OK = "ok"
    MISSING = "missing"
    DEAD = "dead"
    MISMATCHED = "mismatched"
    UNSUPPORTED = "unsupported"
    UNVERIFIED = "unverified"
    NOT_CHECKED = "not-checked"


class NotChecked(StrEnum):
    """Why a citation with no finding was not checked. Values are stable (JSON ``reason``)."""

    NO_URL = "no-url"  # its entry gives no URL nor archive link: nothing to fetch
    NO_NETWORK = "no-network"  # the audit checked no links (--no-network, or no HTTP settings)


# How the Markdown report says each reason, after "not checked".
_REASON_TEXT = {NotChecked.NO_URL: "no URL", NotChecked.NO_NETWORK: "--no-network"}


@dataclass(frozen=True)
class MarkerStatus:
    """One marker of a claim: its label, its status, the codes that decided it, and why it was
    not checked (only for :attr:`CitationStatus.NOT_CHECKED`)."""

    label: str
    status: CitationStatus
    codes: tuple[str, ...] = ()
    reason: NotChecked | None = None

    @property
    def word(self) -> str:
        """The Markdown cell's words: ``ok``, ``dead``…, ``not checked (no URL)``."""
        if self.reason is not None:
            return f"not checked ({_REASON_TEXT[self.reason]})"
        return self.status.value

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's shape: ``label``, ``status``, ``reason`` (or null), ``codes``."""
        return {
            "label": self.label,
            "status": self.status.value,
            "reason": self.reason.value if self.reason else None,
            "codes": list(self.codes),
        }


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


def _decided(found: list[Finding]) -> CitationStatus:
    """The most severe finding decides; an unverified outcome is never called dead."""
    if not found:
        return CitationStatus.OK
    worst = max(found, key=lambda f: (f.severity.rank, -_ORDER[f.family]))
    if worst.evidence.get("unverified"):
        return CitationStatus.UNVERIFIED
    if worst.code == UNSUPPORTED:
        return CitationStatus.UNSUPPORTED
    return CitationStatus(worst.family.value)


def unchecked_reason(entry: Reference | None, *, checked_links: bool) -> NotChecked | None:
    """Why nothing fetched could have told about ``entry`` (a reference or note), or ``None``
    when its links were checked. An entry that does not exist is a finding, not this."""
    if entry is None:
        return None
    if not (entry.url or entry.archive_url or entry.more_urls):
        return NotChecked.NO_URL
    if not checked_links:
        return NotChecked.NO_NETWORK
    return None


def marker_status(
    marker: Marker, found: list[Finding], entry: Reference | None, *, checked_links: bool
) -> MarkerStatus:
    """The status of ``marker`` given the findings about it in its claim (``findings_for``) and
    the entry it names: findings decide; without any, ``ok`` only when its links were checked."""
    codes = tuple(sorted({f.code for f in found}))
    if found:
        return MarkerStatus(marker.label, _decided(found), codes)
    reason = unchecked_reason(entry, checked_links=checked_links)
    if reason is not None:
        return MarkerStatus(marker.label, CitationStatus.NOT_CHECKED, reason=reason)
    return MarkerStatus(marker.label, CitationStatus.OK)


def _entries(report: Report) -> dict[str, Reference]:
    article = report.article
    return {e.label: e for e in (*article.notes, *article.references)}


def cited_without_url(report: Report) -> list[str]:
    """The labels of the entries claims cite that give no URL, whatever was found about them:
    nothing fetched can tell about them."""
    entries = _entries(report)
    cited = dict.fromkeys(m.label for c in report.article.claims for m in c.markers)
    return [
        label
        for label in cited
        if unchecked_reason(entries.get(label), checked_links=True) is NotChecked.NO_URL
    ]


def claim_statuses(report: Report) -> dict[int, tuple[MarkerStatus, ...]]:
    """Each claim's markers with their status, by claim id, in the claim's order."""
    index = by_label(report.findings)
    article = report.article
    entries = _entries(report)
    checked = report.checked_links
    return {
        claim.id: tuple(
            marker_status(
                marker,
                findings_for(marker, index, claim.id),
                entries.get(marker.label),
                checked_links=checked,
            )
            for marker in claim.markers
        )
        for claim in article.claims
    }
