"""Real recorded Wayback Machine traffic, replayed through httpx, decided by citecheck.

Each case names the authors' test in expected_behaviour_test_client.py.txt whose cassette it
replays, and expects what they asserted, in citecheck's terms: their MementoPlaybackError for a
loop is our ``redirect-loop``, their memento of a 404 is our ``capture-is-error``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from citecheck.archives import decide_snapshot, parse_link_header
from tests.support.archive_captures import utc
from tests.support.snapshot_fetch import fetch_chain
from tests.support.wayback_cassettes import CASSETTES, NotRecorded, replay, replay_client

WB = "https://web.archive.org/web"
FWS = "https://www.fws.gov/birds/"
EPA = "http://epa.gov/climatechange"
CC = "https://www.epa.gov/sites/production/files/signpost/cc.html"
SPRINGER = "https://link.springer.com/article/10.1007/s00382-012-1331-2"
FACTSHEET = (
    "https://www.epa.gov/ghgreporting/"
    "proposed-rule-fact-sheet-greenhouse-gas-reporting-program-addition-global-warming"
)


@dataclass(frozen=True)
class Case:
    authors_test: str
    start: str
    expected: dict[str, Any]
    hops: int
    cassettes: tuple[str, ...] = ()
    follow_captured_redirects: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def names(self) -> tuple[str, ...]:
        return self.cassettes or (self.authors_test,)


CASES = [
    Case(
        "test_get_memento",
        f"{WB}/20171124151315id_/{FWS}",
        {"status": "ok", "timestamp": utc(2017, 11, 24, 15, 13, 15), "original": FWS},
        hops=1,
    ),
    Case(
        # Asked for 2017-11-01, the archive 302s to its nearest capture, three weeks later.
        "test_get_memento_raises_when_memento_is_outside_target_window",
        f"{WB}/20171101000000id_/{FWS}",
        {
            "status": "ok",
            "timestamp": utc(2017, 11, 24, 15, 13, 15),
            "memento_url": f"{WB}/20171124151315id_/{FWS}",
        },
        hops=2,
        cassettes=(
            "test_get_memento_raises_when_memento_is_outside_target_window",
            "test_get_memento",
        ),
    ),
    Case(
        "test_get_memento_raises_no_memento_error",
        f"{WB}/20170929002712id_/https://this-is-not-real-url.whatever/",
        {"status": "not-archived", "archive_status": 404, "timestamp": None},
        hops=1,
    ),
    Case(
        "test_get_memento_raises_blocked_error",
        f"{WB}/20170929002712id_/https://nationalpost.com/health/",
        {"status": "blocked", "archive_status": 200},
        hops=1,
    ),
    Case(
        "WAYBACK_RATE_LIMIT_ERROR",
        f"{WB}/20171124151315id_/{FWS}",
        {"status": "rate-limited", "retry_after": "10"},
        hops=1,
        cassettes=("rate_limited_429",),
    ),
    Case(
        # An archived 429 is a capture of an error page, not a rate limit now.
        "test_get_memento_works_on_archived_rate_limit_responses",
        f"{WB}/20150129034904id_/http://www.reddit.com/r/PokemonGiveaway",
        {
            "status": "capture-is-error",
            "capture_status": 429,
            "original": "http://www.reddit.com/r/PokemonGiveaway",
        },
        hops=1,
    ),
    Case(
        "test_get_memento_follows_historical_redirects",
        f"{WB}/20200201020357id_/{EPA}",
        {
            "status": "snapshot-of-other-url",
            "original": CC,
            "memento_url": f"{WB}/20200201024405id_/{CC}",
            "to_home_page": False,
        },
        hops=4,
    ),
    Case(
        "test_get_memento_follow_redirects_does_not_follow_historical_redirects",
        f"{WB}/20200201020357id_/{EPA}",
        {
            "status": "capture-is-error",
            "capture_status": 301,
            "original": "https://www.epa.gov/climatechange",
            "memento_url": f"{WB}/20200201023757id_/https://www.epa.gov/climatechange",
            "timestamp": utc(2020, 2, 1, 2, 37, 57),
        },
        hops=2,
        follow_captured_redirects=False,
    ),
    Case(
        "test_get_memento_raises_for_mementos_that_redirect_in_a_loop",
        f"{WB}/20200925075402id_/{SPRINGER}",
        {"status": "redirect-loop"},
        hops=4,
    ),
    Case(
        "test_get_memento_with_redirects",
        f"{WB}/20180808094144id_/https://www.epa.gov/ghgreporting/san5779-factsheet",
        {
            "status": "snapshot-of-other-url",
            "original": FACTSHEET,
            "timestamp": utc(2018, 8, 8, 10, 45, 0),
        },
        hops=3,
    ),
    Case(
        # Asked for http://fws.gov/, captured from https://www.fws.gov/: the same page.
        "test_get_memento_returns_memento_with_accurate_url",
        f"{WB}/20171124143728id_/http://fws.gov/",
        {"status": "ok", "original": "https://www.fws.gov/"},
        hops=1,
    ),
    Case(
        "test_get_memento_with_path_based_redirects",
        f"{WB}/20201027215555id_/https://www.whitehouse.gov/administration/eop/ostp/about/student/faqs",
        {
            "status": "capture-is-error",
            "capture_status": 404,
            "original": "https://www.whitehouse.gov/ostp/about/student/faqs",
        },
        hops=3,
        extra={
            "second_hop": f"{WB}/20201027215555id_/https://www.whitehouse.gov/ostp/about/student/faqs"
        },
    ),
    Case(
        "test_get_memento_with_schemeless_redirects",
        f"{WB}/20201102232816id_/https://www.census.gov/geography/gss-initiative.html",
        {
            "status": "capture-is-error",
            "capture_status": 404,
            "original": "https://www.census.gov/geo/gssi/",
        },
        hops=3,
        extra={"second_hop": f"{WB}/20201102232816id_/https://www.census.gov/geo/gssi/"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.authors_test for case in CASES])
def test_recorded_wayback_behaviour(case: Case) -> None:
    handler = replay(*case.names())
    with replay_client(handler) as client:
        hops = fetch_chain(
            client, case.start, follow_captured_redirects=case.follow_captured_redirects
        )
    outcome = decide_snapshot(hops)
    actual = {key: getattr(outcome, key) for key in case.expected}
    actual["status"] = outcome.status.value
    assert actual == case.expected
    assert len(hops) == case.hops
    # Every recorded response was asked for, each URL once.
    assert handler.unplayed == 0
    if "second_hop" in case.extra:
        assert hops[1].url == case.extra["second_hop"]


def test_raw_mode_replays_the_captured_bytes() -> None:
    """The authors' test_get_memento_with_archive_url: id_ gives the page as captured."""
    with replay_client(replay("test_get_memento")) as client:
        response = client.get(f"{WB}/20171124151315id_/{FWS}")
    expected = (CASSETTES / "fws-gov-birds.txt").read_bytes()
    assert response.content == expected
    assert response.content.decode("iso-8859-1") == expected.decode("iso-8859-1")


# The authors' memento.links for test_get_memento: (rel, url, datetime).
AUTHORS_LINKS = [
    (
        "first memento",
        f"{WB}/20050323155300id_/http://www.fws.gov:80/birds",
        "Wed, 23 Mar 2005 15:53:00 GMT",
    ),
    (
        "last memento",
        f"{WB}/20230319070236id_/http://fws.gov/birds/",
        "Sun, 19 Mar 2023 07:02:36 GMT",
    ),
    ("prev memento", f"{WB}/20170929002712id_/{FWS}", "Fri, 29 Sep 2017 00:27:12 GMT"),
    ("next memento", f"{WB}/20171228222143id_/{FWS}", "Thu, 28 Dec 2017 22:21:43 GMT"),
    ("memento", f"{WB}/20171124151315id_/{FWS}", "Fri, 24 Nov 2017 15:13:15 GMT"),
    ("original", FWS, None),
    ("timegate", f"{WB}/{FWS}", None),
    ("timemap", f"{WB}/timemap/link/{FWS}", None),
]


def test_the_recorded_link_header_reads_as_the_authors_read_it() -> None:
    with replay_client(replay("test_get_memento")) as client:
        response = client.get(f"{WB}/20171124151315id_/{FWS}")
    links = parse_link_header(response.headers["link"])
    read = [(" ".join(link.rels), link.url, link.params.get("datetime")) for link in links]
    # The authors' client rewrites memento links into its own id_ mode; the header has view mode.
    authors = [(rel, url.replace("id_/", "/"), when) for rel, url, when in AUTHORS_LINKS]
    assert sorted(read) == sorted(authors)


def test_an_unrecorded_request_fails_instead_of_reaching_the_network() -> None:
    """The authors' non-playbackable memento: its 302 points at a capture nobody recorded."""
    handler = replay("test_get_memento_should_fail_for_non_playbackable_mementos")
    with replay_client(handler) as client, pytest.raises(NotRecorded, match="20150503090125id_"):
        fetch_chain(client, f"{WB}/20150509080314id_/{FWS}")
    assert handler.served == [f"{WB}/20150509080314id_/{FWS}"]
