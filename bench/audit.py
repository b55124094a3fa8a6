"""A whole audit, cold and warm: ``citecheck audit`` on a long wikitext article, against lychee.

    python bench/audit.py [--refs 1000,5000] [--runs 3]

Where bench/links.py times the link checks alone, this times what a user runs: the whole
``citecheck audit`` process (start-up, wikitext parsing, link checks, page evidence, rules, the
Markdown report) on a synthetic article whose ``{{cite web}}`` references point at the same local
server as bench/links.py (127.0.0.1, ~20 KB pages, 90% 200 / 5% 404 / 5% 301, no added latency).
"Cold" fills a fresh cache; "warm" re-audits with every answer in the cache. The peer is lychee
checking the links of the same file (it extracts URLs from any text), cold and then with its
``--cache``: what it does is link checking only, so the ratio shows what citecheck's parsing and
page reading cost on top. Each command is a child process; wall, CPU and peak memory come from
``os.wait4``; figures are medians. Each audit runs a second time with ``--ignore
unsupported-claim`` on a cache of its own, so the last lines say what claim support (reading
each cited page's main text and judging each claim against it) adds, cold and warm.

Nothing here contacts anything but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

# The server, lychee command and measuring of bench/links.py, loaded from beside this file
# (bench/ is scripts, not a package).
_spec = importlib.util.spec_from_file_location("bench_links", Path(__file__).with_name("links.py"))
assert _spec is not None and _spec.loader is not None
_links = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _links  # its dataclasses look their module up by name
_spec.loader.exec_module(_links)
BenchServer, lychee_binary, lychee_cmd = _links.BenchServer, _links.lychee_binary, _links.lychee_cmd
measure, median = _links.measure, _links.median

CONCURRENCY = 128


def article(port: int, refs: int) -> str:
    """A wikitext article with ``refs`` claims, each citing its own page on the bench server."""
    lines = ["'''Synthetic''' is a long article.", "", "== Body =="]
    for i in range(refs):
        if i % 10 == 0:
            lines.append("")  # paragraphs of ten sentences, as articles have
        lines.append(
            f"Claim number {i} is stated here.<ref>{{{{cite web |url=http://127.0.0.1:{port}/p/{i}"
            f" |title=A page that exists |publisher=Bench News |date=2023-09-13"
            f" |access-date=2023-09-19 |language=en}}}}</ref>"
        )
    lines += ["", "== References ==", "{{reflist}}", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--refs", default="1000,5000", help="article sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-lychee", action="store_true")
    args = parser.parse_args()
    sizes = [int(x) for x in args.refs.split(",") if x.strip()]
    lychee = None if args.no_lychee else lychee_binary()
    citecheck = Path(sys.executable).parent / "citecheck"
    limit = 900.0  # seconds any one child may take

    server = BenchServer()
    server.start()
    rows: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as tmp:
            work = Path(tmp)
            for refs in sizes:
                source = work / f"article-{refs}.wikitext"
                source.write_text(article(server.port, refs), encoding="utf-8")
                for run in range(args.runs):
                    cache = work / f"cache-{refs}-{run}.sqlite"
                    cmd = [
                        str(citecheck),
                        "audit",
                        str(source),
                        "--allow-private",
                        "--cache",
                        str(cache),
                        "--concurrency",
                        str(CONCURRENCY),
                        "--per-host",
                        str(CONCURRENCY),
                        "--today",
                        "2026-11-22",
                        "--fail-on",
                        "never",
                        "--force",
                        "-o",
                        str(work / f"report-{refs}.md"),
                    ]
                    # The same audit without claim support, on a cache of its own: what the
                    # unsupported-claim rule costs, cold and warm.
                    bare = [*cmd, "--ignore", "unsupported-claim"]
                    bare[bare.index(str(cache))] = str(cache.with_suffix(".bare.sqlite"))
                    for phase, command in (
                        ("cold", cmd),
                        ("warm", cmd),
                        ("cold, no claim support", bare),
                        ("warm, no claim support", bare),
                    ):
                        done = measure(command, work, limit)
                        name = f"citecheck {phase} {refs}"
                        if done.returncode != 0:
                            print(f"{name}: exit {done.returncode}")
                        rows.setdefault(name, []).append(done.wall)
                        cpu.setdefault(name, []).append(done.cpu)
                    if lychee is None:
                        continue
                    folder = work / f"lychee-{refs}-{run}"
                    folder.mkdir()
                    lcmd = [*lychee_cmd(lychee, source, CONCURRENCY, 30.0), "--cache"]
                    for phase in ("cold", "warm"):
                        done = measure(lcmd, folder, limit)
                        rows.setdefault(f"lychee {phase} {refs}", []).append(done.wall)
                        cpu.setdefault(f"lychee {phase} {refs}", []).append(done.cpu)
    finally:
        server.stop()

    print(f"{'run':<42} {'wall s':>8} {'CPU s':>7} {'refs/s':>8}")
    for name, walls in rows.items():
        refs = int(name.rsplit(" ", 1)[1])
        wall = median(walls)
        print(f"{name:<42} {wall:>8.2f} {median(cpu[name]):>7.2f} {refs / wall:>8,.0f}")
    for refs in sizes:
        for phase in ("cold", "warm"):
            with_it = rows.get(f"citecheck {phase} {refs}")
            without = rows.get(f"citecheck {phase}, no claim support {refs}")
            if with_it and without:
                added = median(with_it) / median(without) - 1
                print(f"claim support adds {added:+.0%} to a {phase} audit of {refs} refs")
                if phase == "cold" and median(with_it) > median(without):
                    # Each claim cites one page of its own: pages read and claims judged alike.
                    rate = refs / (median(with_it) - median(without))
                    print(f"claim support, cold: {rate:,.0f} pages read and claims judged a second")
    for refs in sizes:
        for phase in ("cold", "warm"):
            mine, theirs = rows.get(f"citecheck {phase} {refs}"), rows.get(f"lychee {phase} {refs}")
            if mine and theirs:
                ratio = median(theirs) / median(mine)
                print(f"citecheck/lychee {phase} {refs} refs: speed x{ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
