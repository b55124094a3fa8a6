"""Whole documents generated in the shapes real ones take, to find the shapes the reader misses.

    python bench/documents.py [--n 600] [--seed 7] [-v]

Each document is a body (with or without ``[n]`` markers), a reference-list heading dressed one
of the ways documents dress it, and 2–12 entries from the style matrix
(``tests/data/corpus/style-matrix.jsonl``, references rendered by citeproc-py), numbered,
separated, wrapped and followed by a footer in one of the ways PDFs, word processors, Markdown
and e-mail write them. A document is *exact* when the reader finds exactly its entries and each
entry's text starts as the generated one does. Printed: the exact rate per value of each shape
dimension, so a failing class shows as a low row. A second family is wiki pages as a browser
copies them (edit links next to or after headings, carets or none, sister boxes, the page's
footer). Deterministic for a seed; no network.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citecheck.model import Document  # noqa: E402
from citecheck.parse import parse  # noqa: E402

MATRIX = ROOT / "tests" / "data" / "corpus" / "style-matrix.jsonl"
S = TypeVar("S")

HEADINGS = {
    "en": ["References", "Bibliography", "Works Cited", "Sources", "REFERENCES"],
    "ru": ["Список литературы", "Список использованных источников", "Литература", "Источники"],
    "uk": ["Список використаних джерел", "Література", "Джерела", "Перелік посилань"],
    "zh": ["参考文献", "参考资料", "参考文献："],
    "ja": ["参考文献", "出典", "引用文献"],
}
BODIES = {
    "en": "The method was first described in detail{m}. Later work extended it{m2}.",
    "ru": "Метод впервые описан подробно{m}. Позднее работы расширили его{m2}.",
    "uk": "Метод уперше описано докладно{m}. Пізніші роботи розширили його{m2}.",
    "zh": "该方法首先被详细描述{m}。后来的工作扩展了它{m2}。",
    "ja": "この方法は最初に詳しく述べられた{m}。後の研究がそれを拡張した{m2}。",
}

# How a heading is written: Markdown levels, a plain line, emphasis, a section number.
DRESS: dict[str, Callable[[str], str]] = {
    "atx2": lambda h: f"## {h}",
    "atx1": lambda h: f"# {h}",
    "plain": lambda h: h,
    "bold": lambda h: f"**{h}**",
    "numbered": lambda h: f"## 5 {h}",
    "colon": lambda h: f"{h.rstrip('：:')}:",
}
# How entry n is labelled.
LABELS: dict[str, Callable[[int], str]] = {
    "dot": lambda n: f"{n}. ",
    "paren": lambda n: f"{n}) ",
    "bracket": lambda n: f"[{n}] ",
    "bracket-glued": lambda n: f"[{n}]",
    "footnote": lambda n: f"[^{n}]: ",
    "tab": lambda n: f"{n}.\t",
    "unnumbered": lambda n: "",
}
SEPARATORS = ["blank", "none", "hard-break"]
WRAPS = ["none", "wrap60", "wrap72"]
FOOTERS = ["none", "rule-licence", "page-number", "last-updated"]
# What stands between the body and the list: nothing, an anchor, a sentence under the heading,
# a numbered list of steps in the body above.
PREFACES = ["none", "anchor", "sentence", "steps"]
MARKERS = ["markers", "none"]


@dataclass(frozen=True)
class Shape:
    lang: str
    dress: str
    label: str
    separator: str
    wrap: str
    footer: str
    markers: str
    preface: str
    runs: str

    def dimensions(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _entries(rng: random.Random, pool: list[str], n: int) -> list[str]:
    return [" ".join(t.split()) for t in rng.sample(pool, n)]


def build(rng: random.Random, pools: dict[str, list[str]]) -> tuple[str, list[str], Shape]:
    lang = rng.choice(sorted(HEADINGS))
    shape = Shape(
        lang,
        rng.choice(sorted(DRESS)),
        rng.choice(sorted(LABELS)),
        rng.choice(SEPARATORS),
        rng.choice(WRAPS),
        rng.choice(FOOTERS),
        rng.choice(MARKERS),
        rng.choice(PREFACES),
        rng.choice(["none", "pdf-runs"]),
    )
    n = rng.randint(2, 12)
    entries = _entries(rng, pools[lang], n)
    if shape.markers == "markers":
        body = BODIES[lang].format(m="[1]", m2=f"[{n}]" if shape.label != "footnote" else "[^2]")
        if shape.label == "footnote":
            body = body.replace("[1]", "[^1]")
    else:
        body = BODIES[lang].format(m="", m2="")
    heading = DRESS[shape.dress](rng.choice(HEADINGS[lang]))
    lines: list[str] = [f"# {body[:12]}", "", body, ""]
    if shape.preface == "steps":
        lines += ["1. Install the tools", "2. Run the build", "3. Read the log", ""]
    if shape.preface == "anchor":
        lines += ['<a id="references"></a>']
    lines += [heading, ""]
    if shape.preface == "sentence":
        lines += ["The list below follows the house style of the journal.", ""]
    runs = shape.runs == "pdf-runs" and shape.label in ("bracket", "bracket-glued")
    for i, entry in enumerate(entries, start=1):
        text = LABELS[shape.label](i) + entry
        if shape.wrap != "none" and shape.label != "footnote" and lang not in ("zh", "ja"):
            width = int(shape.wrap[4:])
            wrapped = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
        else:
            wrapped = [text]
        if shape.separator == "hard-break":
            wrapped[-1] += "  "
        if runs and i > 1 and rng.random() < 0.5 and lines and lines[-1]:
            # PDF text runs this entry on at the end of the last one's line.
            lines[-1] += " " + wrapped[0]
            wrapped = wrapped[1:]
        lines += wrapped
        if shape.separator == "blank" or shape.label == "footnote":
            lines.append("")
    if shape.footer == "rule-licence":
        lines += ["", "---", "", "© 2026 The authors. Licensed under CC BY 4.0.", ""]
    elif shape.footer == "page-number":
        lines += ["", "17", ""]
    elif shape.footer == "last-updated":
        lines += ["", "---", "Last updated: 2026-03-01", ""]
    return "\n".join(lines) + "\n", entries, shape


def exact(text: str, entries: list[str]) -> tuple[bool, str]:
    try:
        article = parse(Document(text, "auto", "generated.md"))
    except Exception as exc:  # the bench reports, it does not stop
        return False, f"error: {exc}"
    refs = article.references
    if len(refs) != len(entries):
        return False, f"{len(refs)} entries read, {len(entries)} written"
    for ref, entry in zip(refs, entries, strict=True):
        head = " ".join(entry.split())[:15]
        if not " ".join(ref.raw.split()).startswith(head[:10]):
            return False, f"entry {ref.label} reads {ref.raw[:40]!r}, written {head!r}"
    return True, ""


def pools() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for line in MATRIX.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        found[row["lang"]].append(row["text"])
    return found


# -- browser copies of a rendered wiki page -----------------------------------------------------

EDIT_WORDS = {"en": "edit", "ru": "править", "uk": "редагувати", "zh": "编辑", "ja": "編集"}
BOXES = {
    "en": "Wikimedia Commons has media related to This topic.",
    "ru": "Медиафайлы на Викискладе",
    "uk": "Вікісховище має мультимедійні дані за темою: Тема",
    "zh": "维基共享资源上有相关的多媒体资源",
    "ja": "ウィキメディア・コモンズには、このテーマに関連するカテゴリがあります。",
}
FOOTERS_COPY = {
    "en": ["This page was last edited on 5 May 2024, at 10:00 (UTC).", "Categories: A | B"],
    "ru": ["Эта страница в последний раз была отредактирована 5 мая 2024 в 10:00.", "Категории: А"],
    "uk": ["Сторінку востаннє відредаговано 5 травня 2024 о 10:00.", "Категорії: А"],
    "zh": ["本页面最后修订于2024年5月5日 (星期日) 10:00。", "分类：甲"],
    "ja": [
        "最終更新 2024年5月5日 (日) 10:00 （日時は個人設定で未設定ならばUTC）。",
        "カテゴリ: 甲",
    ],
}
# Where the copy puts a section's edit link, and how it starts each entry.
EDIT_PLACES = ["next-line", "glued-after", "none"]
ENTRY_STARTS: dict[str, Callable[[int], str]] = {
    "dash-caret": lambda n: "- ^ ",
    "caret": lambda n: "^ ",
    "arrow": lambda n: "↑ ",
    "plain": lambda n: "",
    "indented": lambda n: " ",
}


@dataclass(frozen=True)
class CopyShape:
    lang: str
    edit: str
    start: str
    box: str
    footer: str

    def dimensions(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def build_copy(rng: random.Random, pools: dict[str, list[str]]) -> tuple[str, list[str], CopyShape]:
    """A wiki page as a browser copies it: title, sections with edit links, cited sentences,
    the reference list one entry per line, perhaps a sister box and the page's footer."""
    lang = rng.choice(sorted(HEADINGS))
    shape = CopyShape(
        lang,
        rng.choice(EDIT_PLACES),
        rng.choice(sorted(ENTRY_STARTS)),
        rng.choice(["box", "none"]),
        rng.choice(["footer", "none"]),
    )
    if shape.edit == "none" and shape.start in ("plain", "indented"):
        # Nothing marks such a copy as a wiki page's; it is a plain-text document then.
        shape = CopyShape(lang, "next-line", shape.start, shape.box, shape.footer)
    n = rng.randint(2, 12)
    entries = _entries(rng, pools[lang], n)
    edit = f"[{EDIT_WORDS[lang]}]"
    heading = {
        "en": "References",
        "ru": "Примечания",
        "uk": "Примітки",
        "zh": "参考文献",
        "ja": "出典",
    }[lang]

    def section(name: str) -> list[str]:
        if shape.edit == "glued-after":
            return [f"{name}{edit}"]
        return [name] if shape.edit == "none" else [name, edit]

    body = BODIES[lang].format(m="[1]", m2=f"[{n}]")
    lines = ["Title", *section("History"), body, *section(heading)]
    if shape.box == "box":
        lines.append(BOXES[lang])
    lines += [ENTRY_STARTS[shape.start](i) + entry for i, entry in enumerate(entries, start=1)]
    if shape.footer == "footer":
        lines += FOOTERS_COPY[lang]
    return "\n".join(lines) + "\n", entries, shape


def run_copies(n: int, seed: int) -> list[tuple[CopyShape, bool, str, str]]:
    return _run(build_copy, n, seed)


def _run(
    builder: Callable[[random.Random, dict[str, list[str]]], tuple[str, list[str], S]],
    n: int,
    seed: int,
) -> list[tuple[S, bool, str, str]]:
    """``n`` documents from ``builder``, each with whether it came out exact, why not, and its
    text."""
    rng = random.Random(seed)
    entry_pools = pools()
    out = []
    for _ in range(n):
        text, entries, shape = builder(rng, entry_pools)
        ok, why = exact(text, entries)
        out.append((shape, ok, why, text))
    return out


def _table(title: str, results: list[tuple[Any, bool, str, str]]) -> None:
    total = sum(ok for _, ok, _, _ in results)
    print(f"## {title}\n\nexact: {total}/{len(results)} ({100 * total / len(results):.1f}%)\n")
    print("| dimension | value | exact |\n| --- | --- | ---: |")
    dims = list(results[0][0].dimensions()) if results else []
    for dim in dims:
        groups: dict[str, list[bool]] = defaultdict(list)
        for shape, ok, _, _ in results:
            groups[shape.dimensions()[dim]].append(ok)
        for value in sorted(groups):
            oks = groups[value]
            print(
                f"| {dim} | {value} | {100 * sum(oks) / len(oks):5.1f}% ({sum(oks)}/{len(oks)}) |"
            )
    print()


def run(n: int, seed: int) -> list[tuple[Shape, bool, str, str]]:
    return _run(build, n, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="store_true", help="show failing documents")
    args = parser.parse_args()
    documents = run(args.n, args.seed)
    copies = run_copies(args.n, args.seed)
    _table("Documents", documents)
    _table("Browser copies of wiki pages", copies)
    if args.verbose:
        for shape, ok, why, text in [*documents, *copies]:
            if not ok:
                print(f"\n--- {shape} : {why}\n{text[:900]}")


if __name__ == "__main__":
    main()
