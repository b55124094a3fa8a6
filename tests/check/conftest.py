"""Real servers for the checker's tests: the demo news site and its pywb archive."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.demo_site import DemoSite, captures
from tests.support.pywb_server import PywbArchive, require_pywb_bin, write_warc


@pytest.fixture(scope="session")
def demo_site() -> Iterator[DemoSite]:
    with DemoSite() as site:
        yield site


@pytest.fixture(scope="session")
def demo_archive(
    demo_site: DemoSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PywbArchive]:
    bin_dir = require_pywb_bin()
    root = tmp_path_factory.mktemp("demo-archive")
    warc = root / "demo.warc.gz"
    write_warc(warc, captures(demo_site.origin))
    archive = PywbArchive(root / "archive", bin_dir)
    archive.build(warc)
    with archive:
        yield archive
