"""Politeness: per-host concurrency and spacing, a global cap, a pause after 429."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable

import httpx

from citecheck.http import Fetcher, HostPolicy, HttpSettings

Settings = Callable[..., HttpSettings]


class Recorder:
    """A network stand-in that notes when each request starts and how many run at once."""

    def __init__(self, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.starts: list[tuple[str, float]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.status = status
        self.headers = headers or {}

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.starts.append((request.url.host, asyncio.get_running_loop().time()))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await asyncio.sleep(0.05)
        self.in_flight -= 1
        return httpx.Response(self.status, headers=self.headers, content=b"ok")


def run(settings: HttpSettings, recorder: Recorder, urls: list[str]) -> None:
    async def go() -> None:
        async with Fetcher(settings, network=httpx.MockTransport(recorder)) as fetcher:
            await fetcher.fetch_many(urls)

    asyncio.run(go())


def test_one_host_gets_at_most_per_host_requests_at_once(settings: Settings):
    recorder = Recorder()
    run(settings(per_host=2), recorder, [f"http://a.test/{i}" for i in range(8)])
    assert recorder.most_in_flight == 2 and len(recorder.starts) == 8


def test_requests_to_one_host_are_spaced(settings: Settings):
    recorder = Recorder()
    policies = {"slow.test": HostPolicy(concurrency=4, min_interval=0.1)}
    run(settings(host_policies=policies), recorder, [f"http://slow.test/{i}" for i in range(4)])
    times = sorted(t for _, t in recorder.starts)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= 0.09 for gap in gaps), gaps


def test_the_global_cap_holds_across_hosts(settings: Settings):
    recorder = Recorder()
    urls = [f"http://h{i}.test/" for i in range(10)]
    run(settings(concurrency=3), recorder, urls)
    assert recorder.most_in_flight == 3


def test_the_http_layer_knows_no_host_but_those_it_is_given():
    # The archives' manners come from the checker (tests/check/test_manners.py).
    assert HttpSettings().policy_for("web.archive.org") == HostPolicy(concurrency=4)
    given = HttpSettings(host_policies={"archive.org": HostPolicy(2, 1.0)})
    assert given.policy_for("web.archive.org") == HostPolicy(2, 1.0)  # a parent domain covers it


def test_a_429_pauses_the_whole_host(settings: Settings):
    # Without Retry-After the host is paused for the backoff base; per_host=1 serialises the two.
    recorder = Recorder(status=429)
    urls = ["http://b.test/1", "http://b.test/2"]
    run(settings(max_attempts=1, per_host=1, retry_initial=0.3), recorder, urls)
    first, second = sorted(t for _, t in recorder.starts)
    assert second - first >= 0.3
