"""Fixtures for the HTTP layer: a fault server on 127.0.0.1 and fast, local settings."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.http import HttpSettings
from tests.http.http_fault_server import FaultServer


@pytest.fixture
def server() -> Iterator[FaultServer]:
    running = FaultServer()
    running.start()
    try:
        yield running
    finally:
        running.stop()


# Tiny waits and timeouts so the whole folder runs in seconds; 127.0.0.1 needs allow_private.
FAST = HttpSettings(
    no_cache=True,
    allow_private=True,
    timeout=0.5,
    max_attempts=3,
    retry_initial=0.01,
    retry_max_wait=0.05,
    retry_jitter=0.01,
    retry_after_cap=2.0,
    retry_budget=3.0,
    max_bytes=100_000,
)


@pytest.fixture
def settings() -> Callable[..., HttpSettings]:
    """``settings(**changes)``: the fast test settings with some fields changed."""

    def make(**changes: Any) -> HttpSettings:
        return dataclasses.replace(FAST, **changes)

    return make


@pytest.fixture
def sqlite_cache(tmp_path: Path) -> Path:
    return tmp_path / "http.sqlite"
