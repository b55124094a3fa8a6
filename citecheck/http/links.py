"""Check original URLs: fetch each once, probe each host that answered 200 once, classify."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Iterable

from citecheck.evidence import FetchResult, LinkCheck
from citecheck.http.classify import classify, needs_probe, probe_url
from citecheck.http.fetch import Fetcher


def link_check(result: FetchResult, probe: FetchResult | None) -> LinkCheck:
    """The check of ``result``, judged against its host's ``probe`` where one was needed."""
    return LinkCheck(result, classify(result, probe), probe)


async def check_links(fetcher: Fetcher, urls: Iterable[str]) -> dict[str, LinkCheck]:
    """Verdicts for original URLs. Probes are fetched once per host, only where they matter,
    each as soon as the first answer that needs it arrives (not after every URL is in).
    A verdict needs no body, only its size and title: answers from the cache leave their bodies
    there (``Fetcher.body_of`` reads one).

    Each verdict is reached as its answer (and its host's probe) arrives, while other requests
    are still in flight, so that the last response is not followed by thousands of verdicts.
    """
    probes: dict[str, asyncio.Task[FetchResult]] = {}
    waiting: dict[str, list[tuple[str, FetchResult]]] = {}  # probe URL -> answers that need it
    judged: dict[str, LinkCheck] = {}

    def judge(url: str, result: FetchResult, probe: FetchResult | None) -> None:
        judged[url] = link_check(result, probe)

    def probed(target: str, task: asyncio.Task[FetchResult]) -> None:
        if task.cancelled() or task.exception() is not None:
            return  # left to the end, where gathering the probes raises it
        for url, result in waiting.pop(target, ()):
            judge(url, result, task.result())

    def arrived(url: str, result: FetchResult) -> None:
        if not needs_probe(result):
            judge(url, result, None)
            return
        target = probe_url(url)
        task = probes.get(target)
        if task is None:
            task = probes[target] = asyncio.ensure_future(fetcher.fetch(target))
            task.add_done_callback(functools.partial(probed, target))
        if not task.done():
            waiting.setdefault(target, []).append((url, result))
        elif not task.cancelled() and task.exception() is None:
            judge(url, result, task.result())

    try:
        results = await fetcher.fetch_many(urls, each=arrived, bodies=False)
        outcomes = dict(zip(probes, await asyncio.gather(*probes.values()), strict=True))
    finally:
        for task in probes.values():
            task.cancel()  # a no-op on finished ones; none outlives a cancelled check
    checks: dict[str, LinkCheck] = {}
    for url, result in results.items():
        done = judged.get(url)
        if done is None or done.result is not result:  # not told, or told another answer
            done = link_check(result, outcomes[probe_url(url)] if needs_probe(result) else None)
        checks[url] = done
    return checks
