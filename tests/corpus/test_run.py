"""A corpus run end to end: documents citing pages on a local site, audited serially and on a
real Dask LocalCluster; each URL asked once, each host's limit kept, one report per document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.corpus.cluster import deal_by_host, run_on_cluster
from citecheck.corpus.index import Index, write_index
from citecheck.corpus.progress import CorpusProgress
from citecheck.corpus.run import RunSettings, run_serial
from citecheck.model import Document
from tests.support.http_settings import fast_settings
from tests.support.static_site import Answer, StaticSite

PAGE = b"<html><head><title>A page</title></head><body><p>Text of a page.</p></body></html>"


@pytest.fixture()
def site() -> Iterator[StaticSite]:
    pages: dict[str, Answer] = {
        f"/p/{i}": (200, {"Content-Type": "text/html"}, PAGE) for i in range(40)
    }
    with StaticSite(pages, latency=0.02) as served:
        yield served


def corpus(origin: str, documents: int = 8, refs: int = 6) -> list[tuple[str, Document | str]]:
    """Documents whose refs overlap: document d cites pages d*3 .. d*3+refs-1, so neighbours
    share half their URLs."""
    out: list[tuple[str, Document | str]] = []
    for d in range(documents):
        lines = ["== Body =="]
        for r in range(refs):
            page = d * 3 + r
            lines.append(
                f"Claim {d}.{r} is stated.<ref>{{{{cite web |url={origin}/p/{page} "
                f"|title=A page |access-date=2026-11-20}}}}</ref>"
            )
        lines += ["== References ==", "{{reflist}}"]
        out.append((f"docs/d{d}", Document("\n".join(lines), "wikitext", f"d{d}.wikitext")))
    return out


def settings(tmp_path: Path, **changes: object) -> RunSettings:
    # A generous timeout: a retry after a slow answer would be a second request for a URL.
    http = fast_settings(
        cache=str(tmp_path / "cache.sqlite"), no_cache=False, per_host=2, timeout=10.0
    )
    return RunSettings(
        output=tmp_path / "out",
        today=dt.date(2026, 12, 1),
        http=http,
        select=("dead", "missing"),
        segment=3,
        **changes,  # type: ignore[arg-type]
    )


def test_a_serial_run_asks_each_url_once_and_writes_a_report_per_document(
    site: StaticSite, tmp_path: Path
) -> None:
    documents = corpus(site.origin)
    documents.insert(2, ("docs/broken", "docs/broken.md: no such file"))
    rows: list[dict[str, object]] = []
    run_serial(documents, settings(tmp_path), rows.append)
    distinct = {f"/p/{d * 3 + r}" for d in range(8) for r in range(6)}
    assert set(site.requests) >= distinct
    assert all(site.requests[path] == 1 for path in distinct)  # segments of 3 share URLs
    assert site.most_in_flight <= 2
    assert [r["name"] for r in rows] == [
        "docs/d0",
        "docs/d1",
        "docs/broken",
        *[f"docs/d{d}" for d in range(2, 8)],
    ]
    assert rows[2]["error"] == "docs/broken.md: no such file"
    assert all((tmp_path / "out" / f"docs/d{d}.md").is_file() for d in range(8))


def test_the_index_streams_rows_and_totals_them(site: StaticSite, tmp_path: Path) -> None:
    index = Index(tmp_path / "out")
    run_serial(corpus(site.origin, documents=3), settings(tmp_path), index.add)
    index.close()
    lines = (tmp_path / "out" / "index.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["docs/d0", "docs/d1", "docs/d2"]
    assert index.totals.references == 18
    text = write_index(index, "markdown").read_text("utf-8")
    assert "3 documents (0 could not be read), 18 references" in text
    assert "[docs/d1.md](docs/d1.md)" in text
    data = json.loads(write_index(index, "json").read_text("utf-8"))
    assert data["totals"]["documents"] == 3 and len(data["documents"]) == 3


def test_links_are_dealt_to_workers_by_host_busiest_first() -> None:
    urls = [f"http://a.test/{i}" for i in range(5)] + [f"http://b.test/{i}" for i in range(3)]
    urls += ["http://c.test/1", "http://d.test/1"]
    shares = deal_by_host(urls, [("http://web.archive.test/x", "http://c.test/1")], 2)
    hosts = [sorted({u.split("/")[2] for u in share[0]}) for share in shares]
    assert hosts == [["a.test"], ["b.test", "c.test", "d.test"]]
    # The archive's one capture goes where the load is least once the others are dealt (a
    # tie: the first share).
    assert shares[0][1] == [("http://web.archive.test/x", "http://c.test/1")]
    assert shares[1][1] == []


def test_on_a_cluster_each_url_is_asked_once_and_each_host_keeps_its_limit(
    site: StaticSite, tmp_path: Path
) -> None:
    # Two worker processes audit segments side by side; neighbouring documents in different
    # segments share URLs, and every URL is on one host allowed 2 requests at a time.
    rows: list[dict[str, object]] = []
    run_on_cluster(corpus(site.origin), settings(tmp_path), rows.append, workers=2)
    distinct = {f"/p/{d * 3 + r}" for d in range(8) for r in range(6)}
    assert {p: n for p, n in site.requests.items() if p in distinct and n != 1} == {}
    assert site.most_in_flight <= 2
    assert sorted(r["name"] for r in rows) == sorted(f"docs/d{d}" for d in range(8))
    assert all(r["error"] is None for r in rows)


def test_workers_share_a_redis_cache_and_still_ask_each_url_once(
    site: StaticSite, tmp_path: Path
) -> None:
    # Across machines the cache is Redis: here a real redis-server on 127.0.0.1, the workers
    # two local processes.
    from tests.support.redis_server import RedisServer, require_redis_server

    with RedisServer(require_redis_server(), tmp_path / "redis") as redis:
        run = settings(tmp_path)
        assert run.http is not None
        run = dataclasses.replace(run, http=dataclasses.replace(run.http, cache=redis.url))
        rows: list[dict[str, object]] = []
        run_on_cluster(corpus(site.origin), run, rows.append, workers=2)
    distinct = {f"/p/{d * 3 + r}" for d in range(8) for r in range(6)}
    assert {p: n for p, n in site.requests.items() if p in distinct and n != 1} == {}
    assert sorted(r["name"] for r in rows) == sorted(f"docs/d{d}" for d in range(8))
    assert all(r["error"] is None for r in rows)


def test_the_progress_line_counts_documents_and_links_by_status() -> None:
    progress = CorpusProgress(enabled=False)
    progress.document({"error": None, "hosts": {"a.test": {"alive": 3, "dead": 1}}})
    progress.document({"error": "x.md: no such file"})
    progress.document({"error": None, "hosts": {"b.test": {"alive": 2}}})
    assert (progress.documents, progress.failed) == (3, 1)
    assert progress.status() == "1 failed · alive 5 · dead 1"


def test_the_progress_bar_shows_documents_of_the_total_and_the_time_left() -> None:
    import io

    from rich.console import Console

    progress = CorpusProgress(enabled=True, total=4, console=Console(file=io.StringIO()))
    progress.document({"error": None, "hosts": {"a.test": {"alive": 3}}})
    progress.document({"error": None, "hosts": {"a.test": {"alive": 2, "dead": 1}}})
    screen = Console(file=io.StringIO(), width=160, color_system=None)
    assert progress._progress is not None
    screen.print(progress._progress.get_renderable())
    progress.close()
    shown = screen.file.getvalue()  # type: ignore[attr-defined]
    assert "2/4 documents" in shown
    assert "left" in shown
    assert "alive 5 · dead 1" in shown


def test_a_spaced_host_s_starts_are_reserved_across_the_cluster() -> None:
    # An archive wants 0.5 s between requests whichever worker sends them: the next start is
    # kept at the scheduler, each reservation one interval after the last.
    from distributed import Client, LocalCluster

    from citecheck.corpus.leases import DaskHostLimits

    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        one, other = DaskHostLimits(client), DaskHostLimits(client)
        waits = [one._reserve("archive.test", 0.5), other._reserve("archive.test", 0.5)]
        waits.append(one._reserve("archive.test", 0.5))
    assert waits[0] == pytest.approx(0.0, abs=0.05)
    assert waits[1] == pytest.approx(0.5, abs=0.1)
    assert waits[2] == pytest.approx(1.0, abs=0.15)


def test_a_lease_kept_as_the_loop_ends_is_given_back_when_the_task_closes() -> None:
    # A worker keeps a lease for the host's next request; if the check ends first and the
    # loop is closing when it would give it back, the lease must still go back (lost, it
    # would block the host for every worker for as long as the cluster lives).
    import asyncio
    import time

    from distributed import Client, LocalCluster

    from citecheck.corpus.leases import DaskHostLimits
    from citecheck.http.settings import HostPolicy

    def leases(dask_scheduler: Any) -> int:
        return len(dask_scheduler.extensions["semaphores"].leases["citecheck-host:a.test"])

    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        limits = DaskHostLimits(client)

        async def one_request() -> None:
            await limits.acquire("a.test", HostPolicy(concurrency=2))
            await limits.release("a.test")
            # The loop's end waits for this thread, long past the keeping time.
            asyncio.get_running_loop().run_in_executor(None, time.sleep, 4 * limits.KEEP)

        asyncio.run(one_request())
        kept = client.run_on_scheduler(leases)
        limits.close()
        assert (kept, client.run_on_scheduler(leases)) == (1, 0)
