"""bench/corpus.py's harness measures what it says: the corpus shares 30% of its URLs across
documents, the hosts count requests, hold each for the latency and record the most in flight,
the floor is the busiest host's work at its limit, and a process tree's memory is read. No
citecheck run and no lychee here; only 127.0.0.1."""

from __future__ import annotations

import http.client
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.bench_scripts import load_bench

corpus = load_bench("corpus")


def test_the_default_corpus_cites_30_percent_of_its_urls_from_more_than_one_document() -> None:
    plan = corpus.plan_corpus(500, 40, 50)
    citing = plan.citing()
    shared = sum(1 for n in citing.values() if n > 1)
    assert len(plan.documents) == 500
    assert all(len(doc) == 40 for doc in plan.documents)
    assert len(citing) == plan.urls == 12_500
    assert shared / plan.urls == pytest.approx(0.30, abs=0.005)
    assert set(citing.values()) == {1, 2, 3, 4}


def test_no_document_cites_a_url_twice_and_every_host_gets_the_same_share() -> None:
    plan = corpus.plan_corpus(37, 11, 5)
    assert all(len(set(doc)) == len(doc) for doc in plan.documents)
    per_host = {h: 0 for h in range(5)}
    for u in range(plan.urls):
        per_host[plan.host_of(u)] += 1
    assert max(per_host.values()) - min(per_host.values()) <= 1


def test_the_corpus_is_the_same_on_every_run() -> None:
    assert corpus.plan_corpus(20, 10, 3) == corpus.plan_corpus(20, 10, 3)


def test_a_written_document_is_wikitext_citing_its_urls_on_their_hosts(tmp_path: Path) -> None:
    plan = corpus.plan_corpus(4, 3, 2)
    bases = ["http://127.0.0.1:1001", "http://127.0.0.1:1002"]
    files = corpus.write_corpus(tmp_path, plan, bases)
    text = files[0].read_text(encoding="utf-8")
    for u in plan.documents[0]:
        assert f"{{{{cite web |url={bases[u % 2]}/p/{u // 2} |title=" in text
    assert text.count("<ref>") == 3


def test_the_needed_requests_count_a_redirect_hop_for_each_301() -> None:
    plan = corpus.plan_corpus(4, 20, 1, shared=0.0)  # 80 URLs, /p/0../p/79 on one host
    redirects = sum(1 for k in range(80) if corpus.kind_of(k) == "301")
    assert redirects == 4
    assert corpus.needed_requests(plan) == {0: 80 + redirects}


def test_the_floor_is_the_busiest_hosts_requests_times_latency_over_its_limit() -> None:
    assert corpus.floor_seconds({0: 10, 1: 262, 2: 40}, 0.1, 2) == pytest.approx(13.1)
    assert corpus.floor_seconds({}, 0.1, 2) == 0


def test_in_flight_counts_an_answer_before_an_arrival_at_the_same_time() -> None:
    events = [(0.0, 1), (0.0, 1), (1.0, 1), (1.0, -1), (2.0, -1), (2.0, -1)]
    assert corpus.peak_in_flight(events) == 2
    assert corpus.peak_in_flight([]) == 0


def test_slot_use_is_the_share_of_every_hosts_slots_held_over_the_run() -> None:
    # Host a holds 2 requests for the whole second, host b one for half of it: 2.5 of 4.
    a = [(0.0, 1), (0.0, 1), (1.0, -1), (1.0, -1)]
    b = [(0.0, 1), (0.5, -1)]
    assert corpus.slot_use([a, b], 2) == pytest.approx(2.5 / 4)


def _get(base: str, path: str) -> tuple[int, float]:
    host, port = base.removeprefix("http://").split(":")
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        return answer.status, time.perf_counter() - started
    finally:
        connection.close()


def test_hosts_count_requests_hold_them_for_the_latency_and_record_the_most_in_flight() -> None:
    farm = corpus.HostFarm(corpus.host_addresses(2, same_address=True))
    farm.start()
    try:
        farm.set_latency(0.2)
        busy, quiet = farm.hosts
        with ThreadPoolExecutor(4) as pool:
            jobs = [pool.submit(_get, busy.base, f"/p/{k}") for k in (0, 1, 7)]
            jobs.append(pool.submit(_get, quiet.base, "/citecheck-missing-x"))
            answers = [job.result(timeout=30) for job in jobs]
        seen = corpus.traffic(farm, corpus.Counter({0: 3}), 3)
    finally:
        farm.stop()
    assert [status for status, _ in answers] == [200, 200, 404, 404]
    assert all(took >= 0.2 for _, took in answers)
    assert busy.requests == {"/p/0": 1, "/p/1": 1, "/p/7": 1}
    assert corpus.peak_in_flight(busy.events) == 3
    assert corpus.peak_in_flight(quiet.events) == 1
    assert (seen.requests, seen.probes, seen.extra, seen.most_in_flight) == (4, 1, 0, 3)
    assert seen.per_host == {0: 3, 1: 1}
    assert 0 < seen.slots_used <= 1


def test_a_301_sends_the_client_to_a_page_of_the_same_host() -> None:
    host = corpus.CorpusHost("127.0.0.1")
    answer = host.answer(False, "/p/13")
    assert answer.startswith(b"HTTP/1.1 301 ")
    assert b"\r\nLocation: /target/13\r\n" in answer
    page = host.answer(False, "/target/13")
    assert page.startswith(b"HTTP/1.1 200 ")
    assert 4_900 <= len(page.split(b"\r\n\r\n", 1)[1]) <= 5_000


def test_the_process_tree_is_found_from_parent_links() -> None:
    parents = {10: 1, 11: 10, 12: 11, 13: 10, 20: 1}
    assert corpus.descendants(parents, 10) == {11, 12, 13}
    stat = "4242 (a (strange) name) S 4100 4242 4100 0 -1"
    assert corpus.parent_of(stat) == 4100
    assert corpus.vm_hwm_kb("Name:\tpython\nVmPeak:\t  9 kB\nVmHWM:\t  123456 kB\n") == 123456


def test_a_childs_memory_is_measured_apart_from_its_parents(tmp_path: Path) -> None:
    # The child holds ~120 MB for a second, its parent almost nothing.
    grandchild = "b = bytearray(120 * 2**20); import time; time.sleep(1.0)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    run = corpus.measure_tree([sys.executable, "-c", parent], tmp_path, 60)
    assert run.returncode == 0
    assert run.processes == 2
    assert run.other_mb > 110
    assert run.main_mb < 60
