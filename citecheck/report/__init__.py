"""report: Report -> text, pure; plus the one place that writes a report file (atomically)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from citecheck.model import Report
from citecheck.report.as_json import render_json
from citecheck.report.as_markdown import render_markdown
from citecheck.report.as_sarif import render_sarif

RENDERERS: dict[str, Callable[[Report], str]] = {
    "markdown": render_markdown,
    "json": render_json,
    "sarif": render_sarif,
}
SUFFIXES = {"markdown": ".md", "json": ".json", "sarif": ".sarif"}


def render(report: Report, fmt: str = "markdown") -> str:
    """The report as text in ``fmt``: markdown, json or sarif."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(RENDERERS)})") from None
    return renderer(report)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
