"""Check an article's links: original URLs classified, archive snapshots fetched and decided.

All I/O goes through ``citecheck.check.http.Fetcher``; the decisions are the pure functions of
``check.http.classify`` (original URLs) and ``check.archives`` (snapshots).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from citecheck.check import archives
from citecheck.check.http import Fetcher, FetchResult, HttpSettings, LinkCheck, check_links
from citecheck.model import Article


@dataclass(frozen=True)
class Evidence:
    """What the network said about an article's links.

    ``links`` maps an original URL to its verdict; ``snapshots`` maps (archive URL, cited URL)
    to the snapshot's outcome, since whether a snapshot is of the right page depends on the
    citation that names it.
    """

    links: Mapping[str, LinkCheck] = field(default_factory=dict, hash=False)
    snapshots: Mapping[tuple[str, str | None], archives.SnapshotOutcome] = field(
        default_factory=dict, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "links", MappingProxyType(dict(self.links)))
        object.__setattr__(self, "snapshots", MappingProxyType(dict(self.snapshots)))


def _hops(
    result: FetchResult, services: Sequence[archives.ArchiveService]
) -> list[archives.Hop]:
    """The fetch's responses as the archive logic reads them, the body only on the last."""
    hops = [archives.Hop(h.url, h.status, dict(h.headers)) for h in result.chain]
    if hops and result.status is not None:
        last = hops[-1]
        head = result.text()[: archives.BODY_HEAD]
        hops[-1] = archives.Hop(last.url, last.status, dict(last.headers), head)
    # The client follows every redirect; keep only the hops the archive logic would follow,
    # so a captured redirect to the live web ends the chain where the archive says it does.
    for i in range(1, len(hops)):
        if archives.next_url(hops[:i], services=services) != hops[i].url:
            return hops[:i]
    return hops


def snapshot_outcome(
    archive_url: str,
    cited_url: str | None,
    result: FetchResult,
    services: Sequence[archives.ArchiveService] = archives.DEFAULT_SERVICES,
) -> archives.SnapshotOutcome:
    hops = _hops(result, services)
    if not hops:
        # No response at all (refused, timeout, not recorded): the archive did not say.
        return archives.SnapshotOutcome(
            status=archives.SnapshotStatus.ARCHIVE_ERROR,
            detail=f"no answer from the archive: {result.error or 'no response'} {result.detail}",
            memento_url=archive_url,
            archive_status=0,
            cited_url=cited_url,
        )
    return archives.decide_snapshot(hops, cited_url=cited_url, services=services)


async def acheck_article(
    article: Article,
    fetcher: Fetcher,
    services: Sequence[archives.ArchiveService] = archives.DEFAULT_SERVICES,
) -> Evidence:
    originals = sorted({r.url for r in article.references if r.url})
    pairs: dict[tuple[str, str | None], str] = {}
    for ref in article.references:
        if not ref.archive_url:
            continue
        parsed = archives.parse_archive_url(ref.archive_url, services)
        if isinstance(parsed, archives.ArchiveRef):
            pairs[(ref.archive_url, ref.url)] = archives.raw_url(parsed, services)
    links, raw_results = await asyncio.gather(
        check_links(fetcher, originals), fetcher.fetch_many(sorted(set(pairs.values())))
    )
    snapshots = {
        (archive_url, cited): snapshot_outcome(archive_url, cited, raw_results[raw])
        for (archive_url, cited), raw in sorted(
            pairs.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        )
    }
    return Evidence(links=links, snapshots=snapshots)


def _pair_order(item: tuple[tuple[str, str | None], str]) -> tuple[str, str]:
    (archive_url, cited), _ = item
    return archive_url, cited or ""


def check_article(
    article: Article,
    settings: HttpSettings,
    services: Sequence[archives.ArchiveService] = archives.DEFAULT_SERVICES,
) -> Evidence:
    """The sync entry point: check every link of ``article`` with a fresh client."""

    async def run() -> Evidence:
        async with Fetcher(settings) as fetcher:
            return await acheck_article(article, fetcher, services)

    return asyncio.run(run())
