"""The archive logic against a real archive: pywb on 127.0.0.1 serving captures of real pages."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from citecheck.archives import (
    ArchiveRef,
    ArchiveService,
    decide_snapshot,
    parse_archive_url,
    parse_link_header,
    pywb_collection,
    raw_url,
)
from citecheck.evidence import SnapshotStatus
from tests.support.archive_captures import (
    CAPTURES,
    DW_ARTICLE,
    DW_GONE,
    DW_HOME,
    DW_OLD_ARTICLE,
    RFI_ASIA,
)
from tests.support.archive_captures import utc as at
from tests.support.pywb_server import Capture, PywbArchive
from tests.support.snapshot_fetch import fetch_chain


def services(archive: PywbArchive) -> tuple[ArchiveService, ...]:
    return (pywb_collection(archive.netloc, archive.collection),)


# Asked-for time -> the capture the archive picks (RFI captured 09-07 10:00 and 09-12 08:30).
# pywb reads a short stamp as the end of its period: 2023 is 2023-12-31 23:59:59.
NEAREST = [
    ("20230907100000", at(2023, 9, 7, 10, 0, 0), 1),  # exact: served at once
    ("20230912083000", at(2023, 9, 12, 8, 30, 0), 1),
    ("2023", at(2023, 9, 12, 8, 30, 0), 2),
    ("20230908", at(2023, 9, 7, 10, 0, 0), 2),
    ("20230911", at(2023, 9, 12, 8, 30, 0), 2),
    ("20231231", at(2023, 9, 12, 8, 30, 0), 2),
]


@pytest.mark.parametrize(("stamp", "capture_time", "hops"), NEAREST)
def test_the_nearest_capture_gives_its_own_timestamp(
    pywb_archive: PywbArchive,
    archive_client: httpx.Client,
    stamp: str,
    capture_time: dt.datetime,
    hops: int,
) -> None:
    chain = fetch_chain(
        archive_client, pywb_archive.url(stamp, RFI_ASIA), services=services(pywb_archive)
    )
    outcome = decide_snapshot(chain, services=services(pywb_archive))
    assert (outcome.status, outcome.timestamp, outcome.original) == (
        SnapshotStatus.OK,
        capture_time,
        RFI_ASIA,
    )
    assert len(chain) == hops
    assert outcome.timestamp_source == "memento-datetime"


@pytest.mark.parametrize(
    "capture", [c for c in CAPTURES if c.status == "200 OK"], ids=lambda c: c.url
)
def test_raw_mode_returns_the_captured_bytes(
    pywb_archive: PywbArchive, archive_client: httpx.Client, capture: Capture
) -> None:
    stamp = capture.when.strftime("%Y%m%d%H%M%S")
    ref = parse_archive_url(pywb_archive.url(stamp, capture.url, flag=""), services(pywb_archive))
    assert isinstance(ref, ArchiveRef)
    raw = raw_url(ref, services(pywb_archive))
    assert raw == pywb_archive.url(stamp, capture.url, flag="id_")
    response = archive_client.get(raw)
    assert response.status_code == 200
    assert response.content == capture.body


def test_a_url_never_captured_is_not_archived(
    pywb_archive: PywbArchive, archive_client: httpx.Client
) -> None:
    url = pywb_archive.url("2023", "https://www.dw.com/zh/never-captured")
    chain = fetch_chain(archive_client, url, services=services(pywb_archive))
    outcome = decide_snapshot(chain, services=services(pywb_archive))
    assert (outcome.status, outcome.archive_status, len(chain)) == (
        SnapshotStatus.NOT_ARCHIVED,
        404,
        1,
    )


def test_a_capture_carries_memento_headers(
    pywb_archive: PywbArchive, archive_client: httpx.Client
) -> None:
    response = archive_client.get(pywb_archive.url("20230914123059", DW_ARTICLE))
    assert response.headers["memento-datetime"] == "Thu, 14 Sep 2023 12:30:59 GMT"
    links = {rel: link for link in parse_link_header(response.headers["link"]) for rel in link.rels}
    assert links["original"].url == DW_ARTICLE
    assert links["timegate"].url == f"{pywb_archive.prefix}{DW_ARTICLE}"
    assert links["timemap"].params["type"] == "application/link-format"
    assert links["memento"].params["datetime"] == "Thu, 14 Sep 2023 12:30:59 GMT"


def test_the_timemap_lists_both_captures_of_one_url(
    pywb_archive: PywbArchive, archive_client: httpx.Client
) -> None:
    response = archive_client.get(f"{pywb_archive.prefix}timemap/link/{RFI_ASIA}")
    links = parse_link_header(response.text.replace("\n", ""))
    mementos = [link.params["datetime"] for link in links if "memento" in link.rels]
    assert mementos == ["Thu, 07 Sep 2023 10:00:00 GMT", "Tue, 12 Sep 2023 08:30:00 GMT"]


def test_a_captured_redirect_to_the_home_page_is_a_snapshot_of_another_url(
    pywb_archive: PywbArchive, archive_client: httpx.Client
) -> None:
    url = pywb_archive.url("20230920", DW_OLD_ARTICLE)
    chain = fetch_chain(archive_client, url, services=services(pywb_archive))
    outcome = decide_snapshot(chain, services=services(pywb_archive))
    assert outcome.status is SnapshotStatus.SNAPSHOT_OF_OTHER_URL
    assert (outcome.cited_url, outcome.original, outcome.to_home_page) == (
        DW_OLD_ARTICLE,
        DW_HOME,
        True,
    )
    # The captured 301 was followed inside the archive, never to the live site.
    assert [status for _, status in outcome.chain] == [307, 301, 307, 200]
    assert all(hop.url.startswith(pywb_archive.prefix) for hop in chain)


def test_the_same_redirect_unfollowed_is_a_capture_of_a_redirect(
    pywb_archive: PywbArchive, archive_client: httpx.Client
) -> None:
    url = pywb_archive.url("20230920060000", DW_OLD_ARTICLE)
    chain = fetch_chain(
        archive_client, url, services=services(pywb_archive), follow_captured_redirects=False
    )
    outcome = decide_snapshot(chain, services=services(pywb_archive))
    assert (outcome.status, outcome.capture_status, outcome.timestamp) == (
        SnapshotStatus.CAPTURE_IS_ERROR,
        301,
        at(2023, 9, 20, 6, 0, 0),
    )


def test_a_captured_404_is_a_capture_of_an_error_page(
    pywb_archive: PywbArchive, archive_client: httpx.Client
) -> None:
    chain = fetch_chain(
        archive_client, pywb_archive.url("2023", DW_GONE), services=services(pywb_archive)
    )
    outcome = decide_snapshot(chain, services=services(pywb_archive))
    assert (outcome.status, outcome.capture_status, outcome.original) == (
        SnapshotStatus.CAPTURE_IS_ERROR,
        404,
        DW_GONE,
    )
