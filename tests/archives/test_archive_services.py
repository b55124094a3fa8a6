"""Every archive service keeps the same contract; the Memento and URL helpers they share."""

from __future__ import annotations

import datetime as dt
import inspect
import sys

import pytest

from citecheck.archives import (
    DEFAULT_SERVICES,
    ArchiveRef,
    ArchiveService,
    discovered_services,
    is_home_page_of,
    parse_archive_url,
    parse_link_header,
    pywb_collection,
    raw_url,
    ref_from_headers,
    wayback_archive_of,
)
from citecheck.archives import memento as memento_module

# One snapshot URL per service, in the form citations use most.
EXAMPLES: dict[str, str] = {
    "wayback": "https://web.archive.org/web/20230914123059/https://example.com/a",
    "archive.today": "https://archive.ph/2023.09.14-123059/https://example.com/a",
    "pywb:citations": "http://127.0.0.1:8080/citations/20230914123059/https://example.com/a",
}
SERVICES: list[ArchiveService] = [
    *DEFAULT_SERVICES,
    pywb_collection("127.0.0.1:8080", "citations"),
]


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_service_documents_its_protocol(service: ArchiveService) -> None:
    doc = inspect.getdoc(sys.modules[type(service).__module__]) or ""
    assert len(doc.splitlines()) >= 5, "the module docstring explains the service's protocol"


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_service_leaves_other_urls_alone(service: ArchiveService) -> None:
    for url in ("https://www.dw.com/zh/a-66800000", "mailto:someone@example.com", ""):
        assert service.parse(url) is None


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_services_raw_url_names_the_same_snapshot(service: ArchiveService) -> None:
    ref = service.parse(EXAMPLES[service.name])
    assert isinstance(ref, ArchiveRef)
    assert (ref.service, ref.original) == (service.name, "https://example.com/a")
    again = service.parse(service.raw_url(ref))
    assert isinstance(again, ArchiveRef)
    assert (again.original, again.timestamp) == (ref.original, ref.timestamp)


def test_service_names_are_unique() -> None:
    names = [service.name for service in SERVICES]
    assert len(names) == len(set(names))


def test_a_reference_from_an_unregistered_archive_is_fetched_as_it_is() -> None:
    ref = ArchiveRef(service="memento", url="https://arquivo.pt/wayback/x", original=None)
    assert raw_url(ref) == "https://arquivo.pt/wayback/x"


def test_a_pywb_collection_is_a_snapshot_by_its_grammar_registered_or_not() -> None:
    url = EXAMPLES["pywb:citations"]
    found = parse_archive_url(url)
    registered = parse_archive_url(url, SERVICES)
    assert isinstance(found, ArchiveRef) and isinstance(registered, ArchiveRef)
    assert (found.service, registered.service) == (
        "wayback:127.0.0.1:8080/citations/",
        "pywb:citations",
    )
    assert (found.original, found.stamp) == (registered.original, registered.stamp)


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("http://10.0.0.5/20200101000000/https://x.org/a", "http://10.0.0.5/"),
        (
            "https://archive.example.org/web/2020id_/http://x.org/a",
            "https://archive.example.org/web/",
        ),
        (
            "https://arquivo.pt/wayback/20230914123059/https://example.com/a",
            "https://arquivo.pt/wayback/",
        ),
    ],
)
def test_the_wayback_grammar_names_an_archive_on_any_host(url: str, base: str) -> None:
    service = wayback_archive_of(url)
    assert service is not None
    ref = service.parse(url)
    assert isinstance(ref, ArchiveRef)
    assert service.raw_url(ref).startswith(f"{base}{ref.stamp}id_/")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/2020/05/article.html",
        "https://example.org/news/20200101/story",
        "https://example.org/a?next=https://x.org",
        "ftp://example.org/20200101000000/http://x.org/",
    ],
)
def test_dates_in_ordinary_paths_are_no_snapshot(url: str) -> None:
    assert wayback_archive_of(url) is None
    assert parse_archive_url(url) is None


def test_discovered_archives_are_each_host_and_collection_once() -> None:
    urls = [
        "http://a.example/web/20200101000000/http://x.org/1",
        "http://a.example/web/20210101000000/http://x.org/2",
        "http://b.example/web/20200101000000/http://x.org/3",
        "https://web.archive.org/web/20200101000000/http://x.org/4",
    ]
    names = [s.name for s in discovered_services(urls)]
    assert names == ["wayback:a.example/web/", "wayback:b.example/web/"]


# --- Memento headers (RFC 7089) of an archive whose URL grammar is unknown
def test_memento_headers_alone_identify_a_snapshot() -> None:
    ref = ref_from_headers(
        "https://arquivo.pt/wayback/20230914123059/https://example.com/a",
        {
            "Memento-Datetime": "Thu, 14 Sep 2023 12:30:59 GMT",
            "Link": '<https://example.com/a>; rel="original", '
            '<https://arquivo.pt/wayback/timemap/link/https://example.com/a>; rel="timemap"',
        },
    )
    assert ref is not None
    assert (ref.service, ref.original, ref.timestamp) == (
        memento_module.NAME,
        "https://example.com/a",
        dt.datetime(2023, 9, 14, 12, 30, 59, tzinfo=dt.UTC),
    )


@pytest.mark.parametrize("value", ["", "yesterday", "Thu, 32 Sep 2023 12:30:59 GMT"])
def test_an_unreadable_memento_datetime_is_no_snapshot(value: str) -> None:
    assert ref_from_headers("https://a.example/x", {"Memento-Datetime": value}) is None


LINK_HEADERS = [
    ('<https://e.com/a>; rel="original"', [("https://e.com/a", ("original",), {})]),
    (
        '<https://w/1>; rel="first memento"; datetime="Wed, 23 Mar 2005 15:53:00 GMT"',
        [("https://w/1", ("first", "memento"), {"datetime": "Wed, 23 Mar 2005 15:53:00 GMT"})],
    ),
    (
        '<https://e.com/a,b>; rel=original, <https://w/t>; rel="timemap"; type="application/link-format"',
        [
            ("https://e.com/a,b", ("original",), {}),
            ("https://w/t", ("timemap",), {"type": "application/link-format"}),
        ],
    ),
    ("not a link, <>", [("", (), {})]),
]


@pytest.mark.parametrize(("header", "expected"), LINK_HEADERS)
def test_link_header(
    header: str, expected: list[tuple[str, tuple[str, ...], dict[str, str]]]
) -> None:
    read = [
        (link.url, link.rels, {k: v for k, v in link.params.items() if k != "rel"})
        for link in parse_link_header(header)
    ]
    assert read == expected


# --- what counts as "redirected to the home page"
HOME_PAGES = [
    ("https://www.dw.com/", "https://www.dw.com/zh/a-1", True),
    ("https://dw.com", "https://www.dw.com/zh/a-1", True),
    ("https://www.dw.com/index.html", "https://www.dw.com/zh/a-1", True),
    ("https://www.dw.com/zh/", "https://www.dw.com/zh/a-1", True),
    ("https://www.dw.com/en/", "https://www.dw.com/zh/a-1", False),
    ("https://www.dw.com/zh/a-2", "https://www.dw.com/zh/a-1", False),
    ("https://www.dw.com/?page=2", "https://www.dw.com/zh/a-1", False),
    ("https://other.example/", "https://www.dw.com/zh/a-1", False),
    ("https://www.dw.com/", "https://www.dw.com/", False),
]


@pytest.mark.parametrize(("target", "cited", "expected"), HOME_PAGES)
def test_home_page(target: str, cited: str, expected: bool) -> None:
    assert is_home_page_of(target, cited) is expected


@pytest.mark.parametrize(
    ("url", "archive"),
    [
        ("https://www.bbc.com/news/world-asia-66789000", False),
        ("https://archive.org/details/book", False),  # a library item, not a snapshot
        ("https://web.archive.org/web/2023/https://x.org/", True),
        (
            "https://web.archive.org/save/https://x.org/",
            True,
        ),  # a command: malformed, still archive
        ("https://archive.ph/AbCd1", True),
        ("https://www.webcitation.org/6abcdEF", True),  # a host-only archive
        ("http://10.0.0.5/coll/20200101000000/https://x.org/", True),  # Wayback grammar
        ("http://[::1", False),
    ],
)
def test_one_place_decides_what_is_an_archive_link(url: str, archive: bool) -> None:
    from citecheck.archives import is_archive_link
    from citecheck.parse.reftext import is_archive_url

    assert is_archive_link(url) is archive
    assert is_archive_url(url) is archive


def test_each_default_service_brings_its_manners_and_cache_patterns() -> None:
    from citecheck.check.manners import with_service_manners
    from citecheck.http.settings import HostPolicy, HttpSettings

    settings = with_service_manners(HttpSettings())
    for service in DEFAULT_SERVICES:
        assert service.manners and service.snapshot_patterns, service.name
        for host, manners in service.manners.items():
            assert settings.policy_for(host).concurrency == manners.concurrency
        assert set(service.snapshot_patterns) <= set(settings.snapshot_patterns)
    # A policy the caller set for an archive's host wins over the service's.
    own = HttpSettings(host_policies={"web.archive.org": HostPolicy(concurrency=9)})
    assert with_service_manners(own).policy_for("web.archive.org").concurrency == 9
