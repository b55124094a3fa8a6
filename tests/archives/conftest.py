"""A local pywb archive of a few real pages, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.archive_captures import CAPTURES
from tests.support.pywb_server import PywbArchive, require_pywb_bin


@pytest.fixture(scope="session")
def pywb_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PywbArchive]:
    folder = tmp_path_factory.mktemp("pywb")
    with PywbArchive.of(folder, CAPTURES, require_pywb_bin()) as archive:
        yield archive


@pytest.fixture
def archive_client() -> Iterator[httpx.Client]:
    """A client that reaches only what it is asked (no proxies from the environment)."""
    with httpx.Client(trust_env=False, follow_redirects=False, timeout=10.0) as client:
        yield client
