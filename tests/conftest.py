from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from citecheck.http import HttpSettings
from citecheck.load import load
from citecheck.model import Article
from citecheck.parse import parse
from tests.support.http_settings import fast_settings

DATA = Path(__file__).parent / "data"
SEED = DATA / "articles" / "zhwiki-2023-north-korea-russia-summit.txt"
# The audit date of every recorded report: date rules must not depend on the real date.
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_article() -> Article:
    return parse(load(SEED))


@pytest.fixture
def settings() -> Callable[..., HttpSettings]:
    """``settings(**changes)``: the suite's fast HTTP settings with some fields changed."""
    return fast_settings


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection attempt fails the test: a replay must send nothing."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the replay tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
