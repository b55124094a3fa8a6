"""Fixtures for the HTTP layer: a fault server on 127.0.0.1 (the fast settings are the suite's
``settings`` fixture, in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.http.http_fault_server import FaultServer


@pytest.fixture
def server() -> Iterator[FaultServer]:
    running = FaultServer()
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def sqlite_cache(tmp_path: Path) -> Path:
    return tmp_path / "http.sqlite"
