"""Real servers for the checker's tests: the demo news site and its pywb archive."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.demo_site import DemoSite, captures
from tests.support.pywb_server import PywbArchive, require_pywb_bin


@pytest.fixture(scope="session")
def demo_site() -> Iterator[DemoSite]:
    with DemoSite() as site:
        yield site


@pytest.fixture(scope="session")
def demo_archive(
    demo_site: DemoSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PywbArchive]:
    folder = tmp_path_factory.mktemp("demo-archive")
    with PywbArchive.of(folder, captures(demo_site.origin), require_pywb_bin()) as archive:
        yield archive
