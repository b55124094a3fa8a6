"""Main-text extraction: citecheck.verify.extract against trafilatura, on Readability's test pages.

Usage:
    PYTHONPATH=. python bench/extract.py --expected DIR [--pages DIR] [--repeat N]

``DIR`` holds ``<name>/expected.html`` (Mozilla Readability's test-pages layout); the pages
themselves are read from ``--pages`` (default ``tests/data/pages/readability``, ``<name>.html``).
Scoring: the expected and the extracted text are cut into tokens (a word of letters or digits,
lower-cased; each CJK character one token) and compared as multisets: precision is the share of
extracted tokens found in the expected text, recall the share of expected tokens extracted; the
table gives them per page and their mean. Time is the median of ``--repeat`` runs per page, from
the HTML string to the text (our extractor includes parsing; "ours, tree" is the walk alone on a
tree parsed beforehand, as the page reader calls it). No network is used.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from citecheck.verify.extract import passages, passages_of_tree

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def _score(found: str, expected: str) -> tuple[float, float]:
    got, want = _tokens(found), _tokens(expected)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    return precision, recall


def _ours(html: str) -> str:
    return "\n".join(passages(html))


def _trafilatura(precision: bool) -> Callable[[str], str]:
    import trafilatura

    def run(html: str) -> str:
        return trafilatura.extract(html, favor_precision=precision) or ""

    return run


def _walker(tree: LexborHTMLParser) -> Callable[[str], str]:
    def run(_html: str) -> str:
        return "\n".join(passages_of_tree(tree))

    return run


def _timed(run: Callable[[str], str], html: str, repeat: int) -> tuple[str, float]:
    times: list[float] = []
    text = ""
    for _ in range(repeat):
        start = time.perf_counter()
        text = run(html)
        times.append(time.perf_counter() - start)
    return text, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expected", type=Path, required=True)
    parser.add_argument("--pages", type=Path, default=Path("tests/data/pages/readability"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    names = sorted(p.parent.name for p in args.expected.glob("*/expected.html"))
    names = [n for n in names if (args.pages / f"{n}.html").exists()]
    extractors: dict[str, Callable[[str], str]] = {"ours": _ours}
    try:
        extractors["trafilatura"] = _trafilatura(False)
        extractors["trafilatura, favor_precision"] = _trafilatura(True)
    except ImportError:
        print("trafilatura is not installed: only ours is measured")
    print(__doc__.split("\n\n")[2].replace("\n", " "), "\n")
    pages = {n: (args.pages / f"{n}.html").read_text(encoding="utf-8") for n in names}
    expected = {
        n: LexborHTMLParser((args.expected / n / "expected.html").read_text()).text(separator=" ")
        for n in names
    }
    for label, run in extractors.items():
        print(f"## {label}")
        print(f"{'page':<14}{'KB':>6}{'precision':>11}{'recall':>8}{'ms':>9}{'ms/20KB':>9}")
        rows = []
        for name in names:
            html = pages[name]
            text, seconds = _timed(run, html, args.repeat)
            precision, recall = _score(text, expected[name])
            kb = len(html.encode()) / 1000
            rows.append((precision, recall, seconds * 1e3, seconds * 1e3 * 20 / kb))
            print(f"{name:<14}{kb:>6.0f}{precision:>11.3f}{recall:>8.3f}"
                  f"{seconds * 1e3:>9.2f}{seconds * 1e3 * 20 / kb:>9.2f}")  # fmt: skip
        means = [statistics.mean(col) for col in zip(*rows, strict=True)]
        print(
            f"{'mean':<14}{'':>6}{means[0]:>11.3f}{means[1]:>8.3f}{means[2]:>9.2f}{means[3]:>9.2f}\n"
        )
    trees = {n: LexborHTMLParser(pages[n]) for n in names}
    walk = [_timed(_walker(trees[n]), "", args.repeat)[1] for n in names]
    print(f"ours, walk of an already parsed tree: mean {statistics.mean(walk) * 1e3:.2f} ms/page")


if __name__ == "__main__":
    main()
