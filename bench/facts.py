"""How fast facts_in reads pages: facts and kilobytes per second on the readability test pages
(tags stripped crudely with selectolax) and the DW Chinese sample, beside a peer in the same
run: one pass of a bare digit-run regex over the same texts, the floor any scanner pays.

Run: PYTHONPATH=. python bench/facts.py
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from citecheck.verify.facts import facts_in

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path("/work/shared/samples/pages/dw-zh-20230914.txt")


def _texts() -> dict[str, str]:
    texts = {}
    for path in sorted((ROOT / "tests/data/pages/readability").glob("*.html")):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))
        for node in tree.css("script, style"):
            node.decompose()
        texts[path.stem] = tree.text(separator=" ") if tree.body is None else tree.body.text()
    if SAMPLE.exists():
        texts[SAMPLE.stem] = SAMPLE.read_text(encoding="utf-8")
    return texts


def _best(fn: object, text: str, rounds: int = 20) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn(text)  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    digits = re.compile(r"\d+")
    texts = _texts()
    total_facts = total_time = total_peer = 0.0
    total_chars = 0
    print(f"{'page':28} {'KB':>6} {'facts':>6} {'ms':>7} {'ms/20KB':>8} {'peer ms':>8}")
    for name, text in texts.items():
        n = len(facts_in(text))
        spent = _best(facts_in, text)
        peer = _best(lambda t: list(digits.finditer(t)), text)
        kb = len(text.encode()) / 1024
        print(
            f"{name:28} {kb:6.1f} {n:6d} {spent * 1e3:7.2f} {spent * 1e3 * 20 / kb:8.2f} "
            f"{peer * 1e3:8.3f}"
        )
        total_facts += n
        total_time += spent
        total_peer += peer
        total_chars += len(text.encode())
    print(
        f"all: {total_facts / total_time:,.0f} facts/s, "
        f"{total_chars / 1024 / total_time:,.0f} KB/s "
        f"(digit-run peer: {total_chars / 1024 / total_peer:,.0f} KB/s)"
    )


if __name__ == "__main__":
    main()
