"""What a fetched snapshot is, decided from small hand-written response chains.

Each case reads as: "these responses, in this order, mean this outcome". The recorded Wayback
traffic (test_wayback_replay.py) and the local pywb archive (test_pywb_archive.py) check the
same decisions against real servers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from citecheck.archives import MAX_HOPS, Hop, decide_snapshot, next_url
from citecheck.evidence import SnapshotStatus

WB = "https://web.archive.org/web"
CITED = "https://www.dw.com/zh/a-66800000"


def capture(
    url: str, status: int = 200, when: str = "Thu, 14 Sep 2023 12:30:59 GMT", **headers: str
) -> Hop:
    """A memento: the archive serving a capture (Memento-Datetime), with its captured status."""
    return Hop(url, status, {"Memento-Datetime": when, **headers})


def archive(url: str, status: int, body: str = "", **headers: str) -> Hop:
    """The archive answering for itself: a nearest-capture redirect, a 404, a 429…"""
    return Hop(url, status, headers, body_head=body)


def nearest(url: str, to: str) -> Hop:
    return archive(url, 302, Location=to)


UTC = dt.UTC
T = dt.datetime(2023, 9, 14, 12, 30, 59, tzinfo=UTC)

DECISIONS: list[tuple[str, list[Hop], dict[str, Any]]] = [
    (
        "a capture served at once is ok, timed by its Memento-Datetime",
        [capture(f"{WB}/20230914123059id_/{CITED}")],
        {
            "status": "ok",
            "timestamp": T,
            "timestamp_source": "memento-datetime",
            "capture_status": 200,
        },
    ),
    (
        "a 302 to the nearest capture gives that capture's time, not the requested one",
        [
            nearest(f"{WB}/20230901id_/{CITED}", f"{WB}/20230914123059id_/{CITED}"),
            capture(f"{WB}/20230914123059id_/{CITED}"),
        ],
        {"status": "ok", "timestamp": T, "memento_url": f"{WB}/20230914123059id_/{CITED}"},
    ),
    (
        "Memento-Datetime wins over the URL's stamp",
        [capture(f"{WB}/20230914000000id_/{CITED}", when="Fri, 15 Sep 2023 01:02:03 GMT")],
        {"timestamp": dt.datetime(2023, 9, 15, 1, 2, 3, tzinfo=UTC)},
    ),
    (
        "the original URL comes from Link rel=original when the archive sends it",
        [
            capture(
                f"{WB}/20230914123059id_/http://dw.com/zh/a-66800000",
                Link=f'<{CITED}>; rel="original"',
            )
        ],
        {"status": "ok", "original": CITED},
    ),
    (
        "404 without Memento-Datetime: the archive holds nothing",
        [archive(f"{WB}/20230914123059id_/{CITED}", 404)],
        {"status": "not-archived", "timestamp": None, "original": None},
    ),
    (
        "410 is not archived too",
        [archive(f"{WB}/20230914123059id_/{CITED}", 410)],
        {"status": "not-archived"},
    ),
    (
        "403 from the Wayback Machine: the URL is excluded",
        [archive(f"{WB}/20230914123059id_/{CITED}", 403)],
        {"status": "blocked"},
    ),
    (
        "an exclusion notice served with 200 is blocked, not a snapshot",
        [
            archive(
                f"{WB}/20230914123059id_/{CITED}",
                200,
                body="<p>This URL has been excluded from the Wayback Machine.</p>",
            )
        ],
        {"status": "blocked", "timestamp": None},
    ),
    (
        "the CDX API's exclusion header is blocked",
        [
            archive(
                f"{WB}/20230914123059id_/{CITED}",
                403,
                **{
                    "X-Archive-Wayback-Runtime-Error": "…AdministrativeAccessControlException: "
                    "Blocked Site Error"
                },
            )
        ],
        {"status": "blocked"},
    ),
    (
        "451 is blocked at any archive",
        [archive("https://archive.ph/AbCd1", 451)],
        {"status": "blocked"},
    ),
    (
        "403 from archive.today is a bot wall: unverified, never dead",
        [archive("https://archive.ph/AbCd1", 403)],
        {"status": "archive-error"},
    ),
    (
        "a Wayback 200 without Memento-Datetime is the archive's own page, not a capture",
        [archive(f"{WB}/20230914123059id_/{CITED}", 200, body="<h1>Hrm.</h1>")],
        {"status": "archive-error"},
    ),
    (
        "429 from the archive is a rate limit: unverified, with Retry-After kept",
        [archive(f"{WB}/20230914123059id_/{CITED}", 429, **{"Retry-After": "30"})],
        {"status": "rate-limited", "retry_after": "30", "timestamp": None},
    ),
    (
        "a captured 429 is a capture of an error page, not a rate limit now",
        [capture(f"{WB}/20150129034904id_/{CITED}", 429)],
        {"status": "capture-is-error", "capture_status": 429, "timestamp": T},
    ),
    (
        "a captured 404 is a capture of an error page",
        [capture(f"{WB}/20230914123059id_/{CITED}", 404)],
        {"status": "capture-is-error", "capture_status": 404, "original": CITED},
    ),
    (
        "a captured redirect left unfollowed is a capture of a redirect",
        [capture(f"{WB}/20230914123059id_/{CITED}", 301, Location="https://www.dw.com/zh/")],
        {"status": "capture-is-error", "capture_status": 301},
    ),
    (
        "X-Archive-Src alone marks a capture; its time then comes from the URL",
        [Hop(f"{WB}/20230914123059id_/{CITED}", 404, {"X-Archive-Src": "crawl-1.warc.gz"})],
        {"status": "capture-is-error", "timestamp": T, "timestamp_source": "url"},
    ),
    (
        "a capture reached through a captured redirect to the home page is of another URL",
        [
            capture(f"{WB}/20230914123059id_/{CITED}", 301, Location="https://www.dw.com/zh/"),
            capture(f"{WB}/20230914123059id_/https://www.dw.com/zh/"),
        ],
        {
            "status": "snapshot-of-other-url",
            "to_home_page": True,
            "original": "https://www.dw.com/zh/",
        },
    ),
    (
        "a capture whose Link names another article is of another URL, not a home page",
        [
            capture(
                f"{WB}/20230914123059id_/{CITED}",
                Link='<https://www.dw.com/zh/a-1>; rel="original"',
            )
        ],
        {"status": "snapshot-of-other-url", "to_home_page": False},
    ),
    (
        "redirects that come back to a URL already fetched are a loop",
        [
            nearest(f"{WB}/20230914123059id_/{CITED}", f"{WB}/20230914123100id_/{CITED}"),
            nearest(f"{WB}/20230914123100id_/{CITED}", f"{WB}/20230914123059id_/{CITED}"),
        ],
        {"status": "redirect-loop", "timestamp": None},
    ),
    (
        f"{MAX_HOPS} redirects without an end are a loop too",
        [
            nearest(f"{WB}/2023091412{i:04d}id_/{CITED}", f"{WB}/2023091412{i + 1:04d}id_/{CITED}")
            for i in range(MAX_HOPS)
        ],
        {"status": "redirect-loop"},
    ),
    (
        "a redirect out of the archive is not followed and not trusted",
        [nearest(f"{WB}/20230914123059id_/{CITED}", "https://elsewhere.example/")],
        {"status": "archive-error"},
    ),
    (
        "a 503 from the archive is unverified",
        [archive(f"{WB}/20230914123059id_/{CITED}", 503)],
        {"status": "archive-error"},
    ),
    (
        "an archive.today short link is ok, timed and placed by its Memento headers",
        [capture("https://archive.ph/AbCd1", Link=f'<{CITED}>; rel="original"')],
        {"status": "ok", "timestamp": T, "original": CITED, "cited_url": None},
    ),
]


@pytest.mark.parametrize(
    ("hops", "expected"), [c[1:] for c in DECISIONS], ids=[c[0] for c in DECISIONS]
)
def test_decision(hops: list[Hop], expected: dict[str, Any]) -> None:
    outcome = decide_snapshot(hops)
    actual = {key: getattr(outcome, key) for key in expected}
    assert {
        k: (v.value if isinstance(v, SnapshotStatus) else v) for k, v in actual.items()
    } == expected
    assert outcome.detail
    assert outcome.chain == tuple((hop.url, hop.status) for hop in hops)


# The cited URL and the snapshot's original URL are compared loosely: these are one page.
SAME_PAGE = [
    ("https://www.fws.gov/birds/", "http://www.fws.gov:80/birds"),
    ("http://fws.gov/", "https://www.fws.gov/"),
    ("https://example.com:443/a/", "http://example.com/a"),
    ("https://EXAMPLE.com/a", "https://example.com/a#top"),
    ("https://www.rfi.fr/cn/亚洲/", "https://www.rfi.fr/cn/%E4%BA%9A%E6%B4%B2/"),
]
OTHER_PAGE = [
    ("https://example.com/a", "https://example.com/b"),
    ("https://example.com/a?id=1", "https://example.com/a?id=2"),
    ("https://example.com:8080/a", "https://example.com/a"),
    ("https://news.example.com/a", "https://example.com/a"),
]


@pytest.mark.parametrize(("cited", "original"), SAME_PAGE)
def test_spelling_differences_are_the_same_page(cited: str, original: str) -> None:
    hops = [capture(f"{WB}/20230914123059id_/{original}")]
    assert decide_snapshot(hops, cited_url=cited).status is SnapshotStatus.OK


@pytest.mark.parametrize(("cited", "original"), OTHER_PAGE)
def test_other_pages_are_other_pages(cited: str, original: str) -> None:
    hops = [capture(f"{WB}/20230914123059id_/{original}")]
    assert decide_snapshot(hops, cited_url=cited).status is SnapshotStatus.SNAPSHOT_OF_OTHER_URL


def test_the_cited_url_overrides_the_one_in_the_archive_url() -> None:
    hops = [capture(f"{WB}/20230914123059id_/{CITED}")]
    outcome = decide_snapshot(hops, cited_url="https://www.dw.com/zh/other")
    assert (outcome.status, outcome.cited_url) == (
        SnapshotStatus.SNAPSHOT_OF_OTHER_URL,
        "https://www.dw.com/zh/other",
    )


def test_no_response_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="at least one response"):
        decide_snapshot([])


STATUS_FAMILIES = [
    (SnapshotStatus.OK, "ok"),
    (SnapshotStatus.NOT_ARCHIVED, "dead"),
    (SnapshotStatus.BLOCKED, "dead"),
    (SnapshotStatus.CAPTURE_IS_ERROR, "dead"),
    (SnapshotStatus.REDIRECT_LOOP, "dead"),
    (SnapshotStatus.RATE_LIMITED, "unverified"),
    (SnapshotStatus.ARCHIVE_ERROR, "unverified"),
    (SnapshotStatus.SNAPSHOT_OF_OTHER_URL, "mismatch"),
]


@pytest.mark.parametrize(("status", "family"), STATUS_FAMILIES)
def test_each_status_belongs_to_exactly_one_family(status: SnapshotStatus, family: str) -> None:
    flags = {
        "ok": status.is_ok,
        "dead": status.is_dead,
        "unverified": status.is_unverified,
        "mismatch": status.is_mismatch,
    }
    assert [name for name, on in flags.items() if on] == [family]


def test_every_status_is_in_the_family_table() -> None:
    assert {status for status, _ in STATUS_FAMILIES} == set(SnapshotStatus)


def test_evidence_has_a_small_stable_shape() -> None:
    outcome = decide_snapshot([capture(f"{WB}/20230914123059id_/{CITED}")])
    assert outcome.to_dict() == {
        "status": "ok",
        "detail": "the snapshot exists",
        "memento_url": f"{WB}/20230914123059id_/{CITED}",
        "archive_status": 200,
        "cited_url": CITED,
        "original": CITED,
        "timestamp": "2023-09-14T12:30:59+00:00",
        "timestamp_source": "memento-datetime",
        "capture_status": 200,
        "to_home_page": False,
        "retry_after": None,
        "chain": [[f"{WB}/20230914123059id_/{CITED}", 200]],
    }
    assert str(outcome.date) == "2023-09-14"


# --- where to go next: inside the archive only, never twice to one URL
NEXT: list[tuple[str, list[Hop], dict[str, Any], str | None]] = [
    ("a capture ends the chain", [capture(f"{WB}/20230914123059id_/{CITED}")], {}, None),
    ("a 404 ends the chain", [archive(f"{WB}/2023id_/{CITED}", 404)], {}, None),
    (
        "a nearest-capture redirect is followed",
        [nearest(f"{WB}/2023id_/{CITED}", f"{WB}/20230914123059id_/{CITED}")],
        {},
        f"{WB}/20230914123059id_/{CITED}",
    ),
    (
        "a path-only Location is resolved against the archive",
        [nearest(f"{WB}/2023id_/{CITED}", f"/web/20230914123059id_/{CITED}")],
        {},
        f"{WB}/20230914123059id_/{CITED}",
    ),
    (
        "a schemeless Location is resolved against the archive",
        [nearest(f"{WB}/2023id_/{CITED}", f"//web.archive.org/web/20230914123059id_/{CITED}")],
        {},
        f"{WB}/20230914123059id_/{CITED}",
    ),
    (
        "a captured redirect to the live web is followed inside the archive, same time and mode",
        [capture(f"{WB}/20230914123059id_/{CITED}", 301, Location="https://www.dw.com/zh/")],
        {},
        f"{WB}/20230914123059id_/https://www.dw.com/zh/",
    ),
    (
        "a captured path-only Location is relative to the captured page, not the archive",
        [capture(f"{WB}/20230914123059id_/{CITED}", 302, Location="/zh/")],
        {},
        f"{WB}/20230914123059id_/https://www.dw.com/zh/",
    ),
    (
        "a captured Location that is already an archive URL is followed as it is",
        [
            capture(
                f"{WB}/20230914123059id_/{CITED}", 301, Location=f"{WB}/20230914123059id_/{CITED}/"
            )
        ],
        {},
        f"{WB}/20230914123059id_/{CITED}/",
    ),
    (
        "a captured redirect is not followed when the caller says so",
        [capture(f"{WB}/20230914123059id_/{CITED}", 301, Location="https://www.dw.com/zh/")],
        {"follow_captured_redirects": False},
        None,
    ),
    (
        "an archive redirect off the archive is not followed",
        [nearest(f"{WB}/2023id_/{CITED}", "https://elsewhere.example/")],
        {},
        None,
    ),
    (
        "a redirect back to a URL already fetched is not followed",
        [
            nearest(f"{WB}/1id_/{CITED}", f"{WB}/2id_/{CITED}"),
            nearest(f"{WB}/2id_/{CITED}", f"{WB}/1id_/{CITED}"),
        ],
        {},
        None,
    ),
    (
        "nothing is followed past max_hops",
        [nearest(f"{WB}/2023id_/{CITED}", f"{WB}/20230914123059id_/{CITED}")],
        {"max_hops": 1},
        None,
    ),
]


@pytest.mark.parametrize(
    ("hops", "options", "expected"), [c[1:] for c in NEXT], ids=[c[0] for c in NEXT]
)
def test_next_url(hops: list[Hop], options: dict[str, Any], expected: str | None) -> None:
    assert next_url(hops, **options) == expected
