"""The user's say over which links are asked and how: --exclude/--include, --accept, --header,
--user-agent, and per-host settings from the configuration file, all through the command against
sites on 127.0.0.1 that count what they are asked and the headers they are sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.cli import main
from citecheck.evidence import FetchResult, Hop, LinkStatus
from citecheck.http import HttpSettings
from citecheck.http.classify import classify
from citecheck.http.settings import HostPolicy
from tests.support.static_site import StaticSite

PAGE = (200, {"Content-Type": "text/html"}, b"<html><title>A page</title><p>Words.</p></html>")


def article(folder: Path, urls: list[str]) -> Path:
    """A wikitext article citing ``urls``, one claim each."""
    refs = "".join(
        f"Claim {i}.<ref>{{{{cite web |url={url} |title=A page}}}}</ref>\n"
        for i, url in enumerate(urls)
    )
    path = folder / "article.wikitext"
    path.write_text("== Body ==\n" + refs + "== References ==\n{{reflist}}\n", "utf-8")
    return path


def audit_json(path: Path, *args: str) -> dict[str, Any]:
    """The JSON report of ``path`` audited against the local sites, with ``args`` (and no
    configuration file unless they name one)."""
    out = path.parent / "report.json"
    argv = ["audit", str(path), "--format", "json", "-o", str(out)]
    argv += [] if "--config" in args else ["--no-config"]
    argv += ["--allow-private", "--cache", str(path.parent / "c.sqlite"), "--fail-on", "never"]
    argv += ["--today", "2026-12-01", "--max-retries", "0", *args]
    assert main(argv) == 0
    data: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return data


def link_statuses(report: dict[str, Any]) -> dict[str, str]:
    return {ref["url"]: ref["link_status"] for ref in report["references"] if ref.get("url")}


@pytest.fixture
def site() -> Iterator[StaticSite]:
    pages = {"/keep": PAGE, "/skip": PAGE, "/skip/but-this": PAGE}
    with StaticSite(pages) as served:
        yield served


@pytest.fixture
def header_site() -> Iterator[StaticSite]:
    """A site answering /page 200 and /forbidden 403, keeping each request's headers."""
    forbidden = (403, {"Content-Type": "text/html"}, b"<html><title>A page</title></html>")
    with StaticSite({"/page": PAGE, "/forbidden": forbidden}) as served:
        yield served


def test_an_excluded_link_is_never_requested_and_reported_as_excluded(
    tmp_path: Path, site: StaticSite
) -> None:
    urls = [f"{site.origin}/keep", f"{site.origin}/skip", f"{site.origin}/gone"]
    report = audit_json(article(tmp_path, urls), "--exclude", "/skip$", "--exclude", "gone")
    assert site.requests["/skip"] == 0 and site.requests["/gone"] == 0
    assert site.requests["/keep"] == 1
    assert link_statuses(report)[f"{site.origin}/skip"] == "excluded"
    assert link_statuses(report)[f"{site.origin}/gone"] == "excluded"  # a 404 had it been asked
    assert link_statuses(report)[f"{site.origin}/keep"] == "alive"
    codes = {f["code"] for f in report["findings"]}
    assert not codes & {"dead-url", "unverified-link", "soft-404"}


def test_an_include_wins_over_an_exclude(tmp_path: Path, site: StaticSite) -> None:
    urls = [f"{site.origin}/skip", f"{site.origin}/skip/but-this"]
    report = audit_json(article(tmp_path, urls), "--exclude", "/skip", "--include", "but-this")
    assert site.requests["/skip"] == 0 and site.requests["/skip/but-this"] == 1
    assert link_statuses(report) == {
        f"{site.origin}/skip": "excluded",
        f"{site.origin}/skip/but-this": "alive",
    }


def test_excluded_shows_in_the_markdown_report(tmp_path: Path, site: StaticSite) -> None:
    path = article(tmp_path, [f"{site.origin}/skip"])
    out = tmp_path / "report.md"
    argv = ["audit", str(path), "-o", str(out), "--no-config", "--allow-private"]
    argv += ["--cache", str(tmp_path / "c.sqlite"), "--exclude", "skip", "--fail-on", "never"]
    assert main(argv) == 0
    assert "| excluded |" in out.read_text("utf-8")  # the link column of the references
    assert site.requests["/skip"] == 0


def test_accept_403_makes_a_403_alive(tmp_path: Path, header_site: StaticSite) -> None:
    url = f"{header_site.origin}/forbidden"
    assert link_statuses(audit_json(article(tmp_path, [url])))[url] == "unverified"
    report = audit_json(article(tmp_path, [url]), "--accept", "200..299,403")
    assert link_statuses(report)[url] == "alive"


def test_header_and_user_agent_are_sent(tmp_path: Path, header_site: StaticSite) -> None:
    url = f"{header_site.origin}/page"
    audit_json(
        article(tmp_path, [url]),
        "--header",
        "X-Token: s3cret",
        "--header",
        "Accept-Language: uk",
        "--user-agent",
        "my-bot/2.0 (+mailto:me@example.org)",
    )
    (sent,) = header_site.headers_seen["/page"]
    assert sent["X-Token"] == "s3cret"
    assert sent["Accept-Language"] == "uk"
    assert sent["User-Agent"] == "my-bot/2.0 (+mailto:me@example.org)"


def test_per_host_headers_and_alive_come_from_the_config(
    tmp_path: Path, header_site: StaticSite, site: StaticSite
) -> None:
    # Both sites are on 127.0.0.1: one is named by its address, the other as localhost.
    alive_origin = site.origin.replace("127.0.0.1", "localhost")
    (tmp_path / "citecheck.toml").write_text(
        '[hosts."127.0.0.1"]\nheaders = { X-Team = "blue" }\n[hosts."localhost"]\nalive = true\n',
        "utf-8",
    )
    urls = [f"{header_site.origin}/page", f"{alive_origin}/gone"]
    report = audit_json(article(tmp_path, urls), "--config", str(tmp_path / "citecheck.toml"))
    assert header_site.headers_seen["/page"][0]["X-Team"] == "blue"
    assert site.requests["/gone"] == 0  # localhost is treated as alive: never asked
    assert link_statuses(report)[f"{alive_origin}/gone"] == "alive"


def _result(status: int) -> FetchResult:
    url = "https://example.org/a"
    return FetchResult(url, "GET", status, url, chain=(Hop(url, status),))


@pytest.mark.parametrize(
    ("status", "accept", "verdict"),
    [
        (403, None, LinkStatus.UNVERIFIED),
        (403, frozenset({403}), LinkStatus.ALIVE),
        (200, frozenset({403}), LinkStatus.UNVERIFIED),  # narrowed: never dead for it
        (404, frozenset({200}), LinkStatus.DEAD),
        (404, frozenset({404}), LinkStatus.ALIVE),
        (200, frozenset(range(200, 300)), LinkStatus.ALIVE),
    ],
)
def test_accept_decides_which_statuses_are_alive(
    status: int, accept: frozenset[int] | None, verdict: LinkStatus
) -> None:
    assert classify(_result(status), None, accept).status is verdict


def test_include_wins_and_patterns_are_searched_anywhere() -> None:
    settings = HttpSettings(exclude=("example\\.org",), include=("/keep",))
    assert settings.is_excluded("https://www.example.org/a")
    assert not settings.is_excluded("https://example.org/keep/this")
    assert not settings.is_excluded("https://example.com/a")
    assert not HttpSettings().is_excluded("https://example.org/")


def test_a_hosts_settings_cover_its_subdomains_and_add_to_the_global_headers() -> None:
    settings = HttpSettings(
        headers=(("X-A", "1"), ("X-B", "global")),
        accept=frozenset({200}),
        host_policies={"example.org": HostPolicy(2, headers=(("X-B", "host"),), accept=None)},
    )
    assert settings.headers_for("www.example.org") == {"X-A": "1", "X-B": "host"}
    assert settings.headers_for("other.net") == {"X-A": "1", "X-B": "global"}
    assert settings.accept_for("www.example.org") == frozenset({200})


def test_a_hosts_policy_covers_every_level_of_its_subdomains_but_not_its_parent() -> None:
    settings = HttpSettings(per_host=4, host_policies={"example.org": HostPolicy(1, alive=True)})
    assert settings.policy_for("a.b.Example.org").alive
    assert settings.policy_for("example.org").alive
    assert not settings.policy_for("org").alive
    assert not settings.policy_for("notexample.org").alive
    assert settings.policy_for("example.com").concurrency == 4
