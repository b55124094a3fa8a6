"""Many articles checked as one: their references and claims renumbered into one article, so the
checker asks each URL once and keeps each host's manners across all of them; then what the
network said, split back per article. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from citecheck.evidence import Evidence
from citecheck.model import Article, Claim, Marker, Reference


@dataclass(frozen=True)
class Merged:
    """The merged article, and for each article given, the merged ids of its claims in order
    and its references' merged labels (merged label -> its own)."""

    article: Article
    claim_ids: tuple[tuple[int, ...], ...]
    labels: tuple[Mapping[str, str], ...]


def merge(articles: Sequence[Article]) -> Merged:
    """One article holding every reference and claim of ``articles``: references numbered
    1, 2, … across them (a reference's label is a number, as the checker expects), claims
    numbered across them; notes are left out (the checker reads references and claims)."""
    references: list[Reference] = []
    claims: list[Claim] = []
    claim_ids: list[tuple[int, ...]] = []
    labels: list[dict[str, str]] = []
    for article in articles:
        own_to_merged = {}
        for ref in article.references:
            own_to_merged[ref.label] = label = str(len(references) + 1)
            references.append(replace(ref, label=label))
        ids = []
        for claim in article.claims:
            ids.append(len(claims))
            markers = tuple(
                Marker(own_to_merged[m.label]) for m in claim.markers if m.label in own_to_merged
            )
            claims.append(replace(claim, id=len(claims), markers=markers))
        claim_ids.append(tuple(ids))
        labels.append({merged: own for own, merged in own_to_merged.items()})
    return Merged(Article(tuple(claims), tuple(references)), tuple(claim_ids), tuple(labels))


def split(evidence: Evidence, merged: Merged, index: int, article: Article) -> Evidence:
    """What ``evidence`` (on the merged article) says of ``article``, the ``index``-th merged:
    its URLs' verdicts and pages, its snapshots, and its claims' support by its own ids."""
    urls = {u for r in article.references for u in (r.url, *r.more_urls) if u}
    pairs = {(r.archive_url, r.url) for r in article.references if r.archive_url}
    archive_urls = {archive_url for archive_url, _ in pairs}
    own_claim = dict(zip(merged.claim_ids[index], (c.id for c in article.claims), strict=True))
    own_label = merged.labels[index]
    supports = {}
    for (claim, label), support in evidence.supports.items():
        if claim in own_claim and label in own_label:
            supports[(own_claim[claim], own_label[label])] = support
    return Evidence(
        links={u: check for u in urls if (check := evidence.links.get(u)) is not None},
        snapshots={p: o for p in pairs if (o := evidence.snapshots.get(p)) is not None},
        pages={u: page for u in urls if (page := evidence.pages.get(u)) is not None},
        snapshot_pages={
            a: page for a in archive_urls if (page := evidence.snapshot_pages.get(a)) is not None
        },
        suggestions={
            own_label[label]: found
            for label, found in evidence.suggestions.items()
            if label in own_label
        },
        supports=supports,
    )
