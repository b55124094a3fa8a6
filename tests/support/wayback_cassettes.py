"""Replay vcrpy cassettes (recorded HTTP exchanges, YAML) through httpx, with no network.

A cassette is a list of ``interactions``, each a request (method, uri) and the response as the
server sent it (status, headers as lists, body as text or gzip bytes). :class:`CassetteReplay`
answers each request with the next unplayed exchange recorded for the same method and URL, as
vcrpy's default ``record_mode="none"`` does, and raises :class:`NotRecorded` for anything else,
so a test can never fall through to the real network.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

CASSETTES = Path(__file__).resolve().parents[1] / "data" / "archives" / "wayback-cassettes"

# Framing headers describe the recorded transfer, not the stored body; httpx recomputes them.
_FRAMING = frozenset({"transfer-encoding", "content-length"})


class NotRecorded(httpx.TransportError):
    """A request that no cassette holds: replay never goes to the network instead."""


@dataclass(frozen=True)
class Exchange:
    method: str
    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def _key(method: str, url: str) -> tuple[str, str]:
    # Both sides go through httpx.URL so percent-encoding differences do not break matching.
    return method.upper(), str(httpx.URL(url))


def _body(recorded: Mapping[str, Any]) -> bytes:
    value = recorded.get("string", b"")
    return value.encode("utf-8") if isinstance(value, str) else bytes(value or b"")


def load_cassette(path: Path) -> tuple[Exchange, ...]:
    """The exchanges of one vcrpy cassette file, in recorded order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    exchanges = []
    for interaction in data["interactions"]:
        request, response = interaction["request"], interaction["response"]
        headers = tuple(
            (name, str(value))
            for name, values in response["headers"].items()
            if name.lower() not in _FRAMING
            for value in values
        )
        exchanges.append(
            Exchange(
                method=request["method"],
                url=request["uri"],
                status=int(response["status"]["code"]),
                headers=headers,
                body=_body(response["body"]),
            )
        )
    return tuple(exchanges)


class CassetteReplay:
    """An httpx mock-transport handler serving recorded exchanges, each once, in order."""

    def __init__(self, exchanges: Iterable[Exchange]) -> None:
        self._queues: dict[tuple[str, str], deque[Exchange]] = {}
        for exchange in exchanges:
            self._queues.setdefault(_key(exchange.method, exchange.url), deque()).append(exchange)
        self.served: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        queue = self._queues.get(_key(request.method, str(request.url)))
        if not queue:
            raise NotRecorded(f"no recorded response for {request.method} {request.url}")
        exchange = queue.popleft()
        self.served.append(exchange.url)
        # Content-Encoding stays: the body is the gzip the server sent, and httpx decodes it.
        return httpx.Response(
            exchange.status, headers=list(exchange.headers), content=exchange.body
        )

    @property
    def unplayed(self) -> int:
        return sum(len(queue) for queue in self._queues.values())


def replay(*names: str) -> CassetteReplay:
    """A replay of the named cassettes (file stems under ``tests/data/archives``)."""
    exchanges = [ex for name in names for ex in load_cassette(CASSETTES / f"{name}.yaml")]
    return CassetteReplay(exchanges)


def replay_client(handler: CassetteReplay) -> httpx.Client:
    """An httpx client that answers only from ``handler`` and never follows redirects itself."""
    return httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=False)
