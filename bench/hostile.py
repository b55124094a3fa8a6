"""Hostile inputs: how the readers' time grows with the input (issue 18, item 2).

    python bench/hostile.py [--case NAME] [--sizes 10000,40000] [--limit 30] [--big]

For each case (the issue's inputs and the worst a fuzzer found since), the CPU time of reading
it at growing sizes, and the exponent between neighbouring sizes (1 is linear, 2 quadratic).
A reading that passes ``--limit`` seconds is stopped and shown as ``>limit``; the larger sizes
of that case are skipped. ``--big`` adds the issue's 10 MB one-line wikitext. Run it on two
checkouts (``PYTHONPATH=<checkout>``) to compare them.
"""

from __future__ import annotations

import argparse
import math
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH, so a checkout given there is the one read

from citecheck.model import Document  # noqa: E402
from citecheck.parse import ParseError, parse  # noqa: E402

SIZES = (10_000, 20_000, 40_000, 80_000, 160_000)
PAGE = "Claim [[a|b]] text.<ref>{{cite web|url=http://x.org/a|title=T}}</ref> '''b''' "
HOSTILE_LINE = "Claim [[a|b]] {{c|d=[http://e.org f]}}<ref>g '''h'' <span {{i|"

ONE_LINE = (250_000, 500_000, 1_000_000, 2_000_000)
REF = "Claim.<ref>"
NOTE = "Text.[^1] a\n\n[^1]: "
LIST = "<p>Claim [1].</p><ol><li>A. "


def run(prefix: str, unit: str, suffix: str = "") -> Callable[[int], str]:
    """A text of about n characters: ``prefix``, ``unit`` over and over, ``suffix``."""
    return lambda n: prefix + unit * (n // len(unit)) + suffix


def line(unit: str) -> Callable[[int], str]:
    """``unit`` over and over on one line, cut at n characters."""
    return lambda n: (unit * (n // len(unit) + 1))[:n]


# name: (format, text of about n characters, sizes)
CASES: dict[str, tuple[str, Callable[[int], str], tuple[int, ...]]] = {
    "wikitext: unclosed <ref>": ("wikitext", run("", "Text.<ref>"), SIZES),
    "wikitext: unclosed {{a|": ("wikitext", run(REF, "{{a|"), SIZES),
    "wikitext: unclosed [[a|": ("wikitext", run(REF, "[[a|"), SIZES),
    "wikitext: [http:// openers": ("wikitext", run(REF, "[http://"), SIZES),
    "wikitext: <span without >": ("wikitext", run(REF, "<span "), SIZES),
    "wikitext: unclosed <!--": ("wikitext", run("Claim.", "<!--"), SIZES),
    "wikitext: <ref>{{ runs": ("wikitext", run("Claim.", "<ref>{{"), SIZES),
    "wikitext: one line, page": ("wikitext", line(PAGE), ONE_LINE),
    "wikitext: one line, hostile": ("wikitext", line(HOSTILE_LINE), ONE_LINE),
    "markdown: footnote of backticks": ("markdown", run("Text.[^1]\n\n[^1]: ", "`", "\n"), SIZES),
    "markdown: [^ openers": ("markdown", run("", "[^"), SIZES),
    "markdown: unclosed “": ("markdown", run(NOTE, "“"), SIZES),
    "markdown: definition lines": ("markdown", run(NOTE, "\n:"), SIZES),
    "markdown: unclosed <!--": ("markdown", run(NOTE, "<!--"), SIZES),
    "text: a line of spaces": ("text", run("", " "), SIZES),
    "html: unclosed <!--": ("html", run(LIST, "<!--"), SIZES),
    "html: nested <div>": ("html", run(LIST, "<div>"), SIZES),
}
BIG = 10_000_000


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def cpu_seconds(fmt: str, text: str, limit: float) -> float | None:
    """The CPU time of reading ``text``, or None past ``limit`` seconds (of wall time)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.process_time()
    try:
        parse(Document(text=text, format=fmt, origin="<hostile>"))
    except ParseError:
        pass
    except _Timeout:
        return None
    except RecursionError:
        return math.nan
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.process_time() - start


def _cell(seconds: float | None, limit: float) -> str:
    if seconds is None:
        return f">{limit:g} s"
    if math.isnan(seconds):
        return "RecursionError"
    return f"{seconds:.3f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--case", help="only the cases whose name contains this")
    ap.add_argument("--sizes", help="comma-separated sizes in characters, for every case")
    ap.add_argument("--limit", type=float, default=30.0, help="seconds before a reading stops")
    ap.add_argument("--big", action="store_true", help="also the 10 MB one-line wikitext")
    args = ap.parse_args()
    parse(Document(text="a", format="auto", origin="<warm-up>"))
    print("| case | size | CPU time | exponent |")
    print("| --- | ---: | ---: | ---: |")
    for name, (fmt, make, sizes) in CASES.items():
        if args.case and args.case not in name:
            continue
        if args.sizes:
            sizes = tuple(int(s) for s in args.sizes.split(","))
        elif args.big and "one line" in name:
            sizes = (*sizes, BIG)
        previous: tuple[int, float] | None = None
        for size in sizes:
            text = make(size)
            seconds = cpu_seconds(fmt, text, args.limit)
            exponent = ""
            if previous and seconds and not math.isnan(seconds) and previous[1] > 0.005:
                growth = math.log(seconds / previous[1]) / math.log(len(text) / previous[0])
                exponent = f"{growth:.2f}"
            cell = _cell(seconds, args.limit)
            print(f"| {name} | {len(text):,} | {cell} | {exponent} |", flush=True)
            if seconds is None or math.isnan(seconds):
                break
            previous = (len(text), seconds)


if __name__ == "__main__":
    main()
