"""Check original URLs: fetch each once, probe each host that answered 200 once, classify."""

from __future__ import annotations

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
    """Verdicts for original URLs. Probes are fetched once per host, only where they matter."""
    results = await fetcher.fetch_many(urls)
    probes_wanted = {url: probe_url(url) for url, result in results.items() if needs_probe(result)}
    probes = await fetcher.fetch_many(probes_wanted.values())
    checks: dict[str, LinkCheck] = {}
    for url, result in results.items():
        probe = probes.get(probes_wanted[url]) if url in probes_wanted else None
        checks[url] = LinkCheck(result, classify(result, probe), probe)
    return checks
