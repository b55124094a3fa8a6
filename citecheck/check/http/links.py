"""Check original URLs: fetch each once, probe each host that answered 200 once, classify."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.check.http.classify import LinkVerdict, classify, needs_probe, probe_url
from citecheck.check.http.fetch import Fetcher
from citecheck.check.http.outcome import FetchResult


@dataclass(frozen=True)
class LinkCheck:
    """A link's verdict with the fetches it rests on (the evidence a finding carries)."""

    result: FetchResult
    verdict: LinkVerdict
    probe: FetchResult | None = None


async def check_links(fetcher: Fetcher, urls: Iterable[str]) -> dict[str, LinkCheck]:
    """Verdicts for original URLs. Probes are fetched once per host, only where they matter,
    each as soon as the first answer that needs it arrives (not after every URL is in).
    A verdict needs no body, only its size and title: answers from the cache leave their bodies
    there (``Fetcher.body_of`` reads one)."""
    probes: dict[str, asyncio.Task[FetchResult]] = {}

    def start_probe(url: str, result: FetchResult) -> None:
        if needs_probe(result):
            target = probe_url(url)
            if target not in probes:
                probes[target] = asyncio.ensure_future(fetcher.fetch(target))

    try:
        results = await fetcher.fetch_many(urls, each=start_probe, bodies=False)
        probed = dict(zip(probes, await asyncio.gather(*probes.values()), strict=True))
    finally:
        for task in probes.values():
            task.cancel()  # a no-op on finished ones; none outlives a cancelled check
    checks: dict[str, LinkCheck] = {}
    for url, result in results.items():
        probe = probed[probe_url(url)] if needs_probe(result) else None
        checks[url] = LinkCheck(result, classify(result, probe), probe)
    return checks
