"""The corpus index: one row per document as it finishes (``index.jsonl``, appended and flushed,
so an interrupted run keeps what it did), and the corpus totals at the end (``index.md`` or
``index.json``), made from those rows read back one at a time: memory does not grow with the
corpus, only with the number of hosts and codes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from citecheck.model import Family, Report, Severity
from citecheck.report import open_atomic

JSONL = "index.jsonl"


def row_of(name: str, origin: str, report_path: str, report: Report) -> dict[str, Any]:
    """A finished document's row: its counts, and its links' statuses by host."""
    summary = report.summary
    hosts: dict[str, dict[str, int]] = {}
    for url, status in report.links.items():
        host = urlsplit(url).hostname or "?"
        counts = hosts.setdefault(host, {})
        counts[status] = counts.get(status, 0) + 1
    return {
        "name": name,
        "origin": origin,
        "report": report_path,
        "error": None,
        "references": summary.references,
        "claims": summary.claims,
        "findings": summary.findings,
        "by_family": dict(summary.by_family),
        "by_severity": dict(summary.by_severity),
        "by_code": dict(sorted(Counter(f.code for f in report.findings).items())),
        "hosts": dict(sorted(hosts.items())),
    }


def failed_row(name: str, origin: str, error: str) -> dict[str, Any]:
    """A document that could not be read: said, and the run goes on."""
    return {"name": name, "origin": origin, "report": None, "error": error}


@dataclass
class Totals:
    """The corpus totals, added up row by row."""

    documents: int = 0
    failed: int = 0
    references: int = 0
    claims: int = 0
    findings: int = 0
    by_family: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    by_code: Counter[str] = field(default_factory=Counter)
    # host -> status -> links (each document's links counted once per document).
    hosts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, row: dict[str, Any]) -> None:
        self.documents += 1
        if row["error"] is not None:
            self.failed += 1
            return
        self.references += row["references"]
        self.claims += row["claims"]
        self.findings += row["findings"]
        self.by_family.update(row["by_family"])
        self.by_severity.update(row["by_severity"])
        self.by_code.update(row["by_code"])
        for host, counts in row["hosts"].items():
            self.hosts.setdefault(host, Counter()).update(counts)

    def dead_rates(self) -> list[tuple[str, int, int]]:
        """(host, links, dead links) for each host with a dead link, most dead first."""
        rows = [
            (host, sum(counts.values()), counts.get("dead", 0) + counts.get("soft-404", 0))
            for host, counts in self.hosts.items()
        ]
        return sorted((r for r in rows if r[2]), key=lambda r: (-r[2], r[0]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "failed": self.failed,
            "references": self.references,
            "claims": self.claims,
            "findings": self.findings,
            "by_family": {f.value: self.by_family.get(f.value, 0) for f in Family},
            "by_severity": {s.value: self.by_severity.get(s.value, 0) for s in Severity},
            "by_code": dict(sorted(self.by_code.items())),
            "dead_links_by_host": [
                {"host": h, "links": n, "dead": d, "rate": round(d / n, 4)}
                for h, n, d in self.dead_rates()
            ],
        }


class Index:
    """``index.jsonl`` in ``folder``, a row appended and flushed as each document finishes.

    ``resume`` keeps the rows an earlier run of the same corpus wrote (an interrupted one):
    ``done`` names its documents whose report is there, which the run then skips; the rest of
    its rows (failed documents, reports gone) are dropped, to be redone."""

    def __init__(self, folder: Path, *, resume: bool = False) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / JSONL
        self.totals = Totals()
        self.done: set[str] = set()
        kept = list(self._finished(folder)) if resume and self.path.exists() else []
        self._file: IO[str] = self.path.open("w", encoding="utf-8")
        for row in kept:
            self.add(row)
            self.done.add(row["name"])

    def _finished(self, folder: Path) -> Iterator[dict[str, Any]]:
        """The earlier run's rows of documents whose report is still there (a line cut short
        by the interruption is not a row)."""
        with self.path.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if row.get("error") is None and (folder / str(row.get("report"))).is_file():
                    yield row

    def add(self, row: dict[str, Any]) -> None:
        self._file.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        self._file.flush()
        self.totals.add(row)

    def close(self) -> None:
        self._file.close()

    def rows(self) -> Iterator[dict[str, Any]]:
        """The rows written, read back one at a time, in the order they finished."""
        with self.path.open(encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)


def write_index(index: Index, fmt: str) -> Path:
    """``index.md`` (Markdown) or ``index.json`` (any other report format) beside the rows,
    written row by row from them."""
    folder = index.path.parent
    if fmt == "markdown":
        path = folder / "index.md"
        with open_atomic(path) as out:
            for line in _markdown(index):
                out.write(line + "\n")
        return path
    path = folder / "index.json"
    with open_atomic(path) as out:
        totals = json.dumps(index.totals.to_dict(), ensure_ascii=False, indent=2)
        out.write('{\n"totals": ' + totals + ',\n"documents": [\n')
        for i, row in enumerate(index.rows()):
            out.write(("," if i else "") + json.dumps(row, ensure_ascii=False, sort_keys=True))
            out.write("\n")
        out.write("]\n}\n")
    return path


def _markdown(index: Index) -> Iterator[str]:
    totals = index.totals
    yield from [
        "# Citation audit of a corpus",
        "",
        f"{totals.documents} documents ({totals.failed} could not be read), "
        f"{totals.references} references, {totals.claims} claims, {totals.findings} findings.",
        "",
        "| family | findings |",
        "| --- | ---: |",
        *(f"| {f.value} | {totals.by_family.get(f.value, 0)} |" for f in Family),
        "",
        "## Findings by code",
        "",
        "| code | findings |",
        "| --- | ---: |",
        *(f"| `{code}` | {n} |" for code, n in sorted(totals.by_code.items())),
        "",
        "## Dead links by host",
        "",
        "| host | links | dead | rate |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {h} | {n} | {d} | {d / n:.1%} |" for h, n, d in totals.dead_rates()[:100]),
        "",
        "## Documents",
        "",
        "| document | references | findings | missing | dead | mismatched | report |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in index.rows():
        if row["error"] is not None:
            yield f"| {_cell(row['name'])} | — | — | — | — | — | {_cell(row['error'])} |"
            continue
        family = row["by_family"]
        yield (
            f"| {_cell(row['name'])} | {row['references']} | {row['findings']} | "
            f"{family.get('missing', 0)} | {family.get('dead', 0)} | "
            f"{family.get('mismatched', 0)} | [{_cell(row['report'])}]({row['report']}) |"
        )


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
