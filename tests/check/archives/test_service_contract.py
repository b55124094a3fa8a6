"""What every registered archive service declares besides its URL grammar: how to look a
capture up. A new service module is checked here by being registered."""

from __future__ import annotations

import pytest

from citecheck.check.archives import (
    DEFAULT_SERVICES,
    ArchiveRef,
    ArchiveService,
    CdxDialect,
    CdxLookup,
    TimeGateLookup,
    pywb_collection,
    wayback_archive_of,
)
from citecheck.check.archives.memento import GENERIC

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
    assert all(isinstance(x, CdxLookup | TimeGateLookup) for x in service.lookups)


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_lookup_finds_snapshots_the_service_itself_reads(service: ArchiveService) -> None:
    for lookup in service.lookups:
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
        "archive.today": (),
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
