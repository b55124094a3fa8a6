"""report: Report -> text, pure; plus the one place that writes a report file (atomically)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from citecheck.model import Report
from citecheck.report.as_html import is_html_report, render_html
from citecheck.report.as_json import render_json
from citecheck.report.as_markdown import render_markdown
from citecheck.report.as_sarif import render_sarif

RENDERERS: dict[str, Callable[[Report], str]] = {
    "markdown": render_markdown,
    "json": render_json,
    "sarif": render_sarif,
    "html": render_html,
}
SUFFIXES = {"markdown": ".md", "json": ".json", "sarif": ".sarif", "html": ".html"}
# A lone surrogate (from "&#xD800;" in the input) is no character UTF-8 can write: shown as
# U+FFFD, as a browser shows it, so every report can be written and read back.
_SURROGATE = re.compile("[\ud800-\udfff]")


def render(report: Report, fmt: str = "markdown") -> str:
    """The report as text in ``fmt``: markdown, json, sarif or html."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(RENDERERS)})") from None
    text = renderer(report)
    try:
        text.encode("utf-8")  # in C, 1-2 ms for a 5,000-reference report; the regex took 9
    except UnicodeEncodeError:
        text = _SURROGATE.sub("\ufffd", text)
    return text


# The Markdown report's first line and the line that names the tool (see as_markdown).
_MARKDOWN_HEAD = re.compile(
    r"# Citation audit: [^\n]*\n\nSource `[^\n]*` · audit date [^\n]* · citecheck \S+\n"
)


def is_report(text: str) -> bool:
    """Whether ``text`` is a report citecheck wrote, by the marks each format carries: the
    Markdown head, the JSON's top-level ``citecheck`` key, SARIF's tool name, the HTML head's
    generator mark. Files that only mention citecheck (a README, notes about it) are not
    reports."""
    if _MARKDOWN_HEAD.match(text) or is_html_report(text):
        return True
    try:
        data = json.loads(text)
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    if "citecheck" in data and "references" in data:
        return True
    runs = data.get("runs")
    if not isinstance(runs, list) or not runs:
        return False
    try:
        return all(run["tool"]["driver"]["name"] == "citecheck" for run in runs)
    except (KeyError, TypeError):
        return False


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so a reader sees the old file or the new one, never half.
    The file gets the mode a plain ``open`` would give it (0o666 less the umask)."""
    with open_atomic(path) as out:
        out.write(text)


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """A text file to write that replaces ``path`` whole when the block ends, and is dropped if
    it fails: for a report written piece by piece (a corpus index). Like ``write_atomic``, the
    file gets the umask's mode, not ``mkstemp``'s 0o600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            os.chmod(tmp, 0o666 & ~current_umask())
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux's
    ``/proc/self/status``); elsewhere set and restored under a lock, which other threads
    creating files at that instant could still see."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask
