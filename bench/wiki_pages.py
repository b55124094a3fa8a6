"""What an offline audit of real wiki pages finds: entries read (references + notes) against the
hand counts, and the findings other than the routine ones (no archive, no access date), per page.
A hand count counts every group of a page's lists (Dog's one note is in its 237).

    python bench/wiki_pages.py [FOLDER ...]

Default folders: ``tests/data/wiki-samples/{wikitext,html,text}`` and ``tests/data/html`` (zh/en
"Cat"); the hand counts come from each folder's ``index.json`` when there is one (the development
set ``../shared/samples/wiki/`` has it), else from the table below. A finding listed here is one
a reader should check by hand: the tests under tests/parse/formats/ pin those that were.
Nothing touches the network.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citecheck.audit import audit  # noqa: E402
from citecheck.model import Document  # noqa: E402

DATA = ROOT / "tests" / "data"
FOLDERS = [DATA / "wiki-samples" / k for k in ("wikitext", "html", "text")] + [DATA / "html"]
# Hand counts (entries of the reference lists) of the committed pages, from the development
# set's index.json and tests/data/html's own tests.
HAND_COUNTS = {
    "enwiki-bodmin.wikitext": 47,
    "enwiki-arts-club-of-chicago.wikitext": 34,
    "enwiki-mozilla.html": 72,
    "enwiki-hermitian-matrix.html": 5,
    "enwiki-films-featuring-time-loops.html": 80,
    "enwiki-dog.parsoid.html": 237,
    "zhwiki-jupyter.txt": 32,
    "jawiki-posix.txt": 3,
    "ruwiki-html.txt": 25,
    "zhwiki-cat.parse.html": 93,
    "enwiki-cat.parse.html": 251,
}
ROUTINE = {"missing-archive", "missing-access-date"}
FORMATS = {".wikitext": "wikitext", ".html": "html"}


def pages(folders: list[Path]) -> list[tuple[Path, int | None]]:
    found: list[tuple[Path, int | None]] = []
    for folder in folders:
        counts = dict(HAND_COUNTS)
        index = folder / "index.json"
        if index.exists():
            counts |= {e["file"]: e["references"] for e in json.loads(index.read_text("utf-8"))}
        for path in sorted(folder.iterdir()):
            if path.suffix in (".wikitext", ".html", ".txt") and "LICENSE" not in path.name:
                found.append((path, counts.get(path.name)))
    return found


def main(argv: list[str]) -> None:
    folders = [Path(a) for a in argv] or FOLDERS
    print("| page | entries read / hand count | other findings |")
    print("| --- | ---: | --- |")
    for path, expected in pages(folders):
        text = path.read_text(encoding="utf-8")
        document = Document(text, FORMATS.get(path.suffix, "auto"), path.name)
        report = audit(document, today=dt.date(2026, 12, 7))
        notes = len(report.article.notes)
        read = f"{len(report.article.references)}" + (f" + {notes} notes" if notes else "")
        other = Counter(f.code for f in report.findings if f.code not in ROUTINE)
        shown = ", ".join(f"{code} {n}" for code, n in sorted(other.items())) or "none"
        print(f"| {path.name} | {read} / {expected if expected is not None else '?'} | {shown} |")


if __name__ == "__main__":
    main(sys.argv[1:])
