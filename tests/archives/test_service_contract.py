"""What every registered archive service declares besides its URL grammar: how to look a
capture up, and how to read its capture banner where it has one. A new service module (or
banner reader) is checked here by being registered."""

from __future__ import annotations

import datetime as dt
import inspect
import sys

import pytest

from citecheck.archives import (
    BANNER_READERS,
    DEFAULT_SERVICES,
    ArchiveRef,
    ArchiveService,
    BannerReader,
    CaptureBanner,
    CdxDialect,
    CdxLookup,
    TimeGateLookup,
    TimeMapLookup,
    pywb_collection,
    wayback_archive_of,
)
from citecheck.archives.memento import GENERIC
from citecheck.evidence import MalformedArchiveUrl, MalformedReason

_DISCOVERED = wayback_archive_of("http://10.0.0.5:8080/coll/20230914123059/https://example.com/a")
assert _DISCOVERED is not None
SERVICES: list[ArchiveService] = [
    *DEFAULT_SERVICES,
    GENERIC,
    pywb_collection("127.0.0.1:8080", "citations"),
    _DISCOVERED,
]


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_service_declares_its_lookups_as_a_tuple_of_known_kinds(
    service: ArchiveService,
) -> None:
    assert isinstance(service.lookups, tuple)
    assert all(isinstance(x, CdxLookup | TimeGateLookup | TimeMapLookup) for x in service.lookups)


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_lookup_finds_snapshots_the_service_itself_reads(service: ArchiveService) -> None:
    for lookup in service.lookups:
        if isinstance(lookup, TimeMapLookup):
            # A TimeMap names each capture's URL itself: its own URL must be the service's, a
            # listing of captures and not a snapshot, so that a cited TimeMap is told apart.
            listing = service.parse(f"{lookup.endpoint}https://example.com/a")
            assert isinstance(listing, MalformedArchiveUrl)
            assert (listing.service, listing.reason) == (
                service.name,
                MalformedReason.NOT_A_SNAPSHOT,
            )
            continue
        ref = service.parse(f"{lookup.snapshot_base}20230914123059/https://example.com/a")
        assert isinstance(ref, ArchiveRef)
        assert (ref.service, ref.original) == (service.name, "https://example.com/a")


def test_each_service_declares_the_lookups_it_has() -> None:
    declared = {service.name: service.lookups for service in SERVICES}
    assert declared == {
        "wayback": (
            CdxLookup(
                "https://web.archive.org/cdx/search/cdx",
                "https://web.archive.org/web/",
                CdxDialect.WAYBACK,
            ),
        ),
        "archive.today": (TimeMapLookup("https://archive.ph/timemap/"),),
        "memento": (),
        "pywb:citations": (
            CdxLookup("http://127.0.0.1:8080/citations/cdx", "http://127.0.0.1:8080/citations/"),
            TimeGateLookup("http://127.0.0.1:8080/citations/"),
        ),
        "wayback:10.0.0.5:8080/coll/": (
            CdxLookup("http://10.0.0.5:8080/coll/cdx", "http://10.0.0.5:8080/coll/"),
            TimeGateLookup("http://10.0.0.5:8080/coll/"),
        ),
    }


# One page per banner reader, with the banner in the form its pages carry it, and what it gives.
BANNERS: dict[str, tuple[str, CaptureBanner]] = {
    "feed-capture": (
        "<!--1694047501000-->\n[金正恩想从普京身上得到什么](https://www.rfi.fr/cn/a)\n"
        "<div>07/09/2023 - 02:29</div>\n",
        CaptureBanner(
            source="feed capture comment",
            captured=dt.datetime(2023, 9, 7, 0, 45, 1, tzinfo=dt.UTC),
            original="https://www.rfi.fr/cn/a",
            title="金正恩想从普京身上得到什么",
            published="2023-09-07",  # day first: 7 September
            published_raw="<div>07/09/2023 - 02:29</div>",
            published_source="feed",
        ),
    ),
    "zh-snapshot-service": (
        "金正恩已到俄罗斯\n类别:国际 发布时间:2023-09-13 13:03:00\n正文……\n"
        "快照生成时间:2023-09-13 14:45:03\n信息原文地址:https://www.163.com/dy/article/IEB1.html",
        CaptureBanner(
            source="snapshot banner",
            captured=dt.datetime(2023, 9, 13, 14, 45, 3),
            original="https://www.163.com/dy/article/IEB1.html",
            title="金正恩已到俄罗斯",
            published="2023-09-13",
            published_raw="发布时间:2023-09-13",
            published_source="snapshot banner 发布时间",
        ),
    ),
    "wayback-replay-comment": (
        "<html><body><p>text</p></body></html>\n<!--\n     FILE ARCHIVED ON 14:45:03 Sep 13,"
        " 2023 AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON 10:00:00 Jan 02, 2024.\n-->",
        CaptureBanner(
            source="wayback replay comment",
            captured=dt.datetime(2023, 9, 13, 14, 45, 3, tzinfo=dt.UTC),
        ),
    ),
}


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_services_banner_reader_is_registered_for_the_page_reader(
    service: ArchiveService,
) -> None:
    if service.banner is not None and service in DEFAULT_SERVICES:
        assert service.banner in BANNER_READERS


def test_banner_reader_names_are_unique_and_each_has_an_example() -> None:
    names = [reader.name for reader in BANNER_READERS]
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(BANNERS)


@pytest.mark.parametrize("reader", BANNER_READERS, ids=lambda r: r.name)
def test_a_banner_reader_documents_the_banner_it_reads(reader: BannerReader) -> None:
    doc = inspect.getdoc(sys.modules[type(reader).__module__]) or ""
    assert len(doc.splitlines()) >= 5, "the module docstring explains the banner"


@pytest.mark.parametrize("reader", BANNER_READERS, ids=lambda r: r.name)
def test_a_banner_reader_reads_its_banner_and_leaves_other_pages_alone(
    reader: BannerReader,
) -> None:
    page, expected = BANNERS[reader.name]
    assert reader.read_banner(page) == expected
    for other in ("", "<html><body><p>发布时间:2023-09-13</p></body></html>"):
        assert reader.read_banner(other) is None
