"""SARIF 2.1.0: one result per finding, at the line of its claim or reference.

The audited file is named relative to the root of the repository it is in (the nearest folder
above it holding ``.git``; else the working directory, or the file's own folder), through the
``SRCROOT`` base of ``originalUriBaseIds``, as code scanning expects: GitHub matches a result's
``uri`` against the paths of the repository. Standard input, text and wiki pages (a URL) have no
base.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from citecheck import __version__
from citecheck.model import Report, Severity
from citecheck.rules import all_rules

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "SRCROOT"
SRCROOT_BASE: dict[str, Any] = {
    "description": {"text": "The root of the audited file's repository."}
}


def repository_root(path: Path) -> Path | None:
    """The nearest folder at or above ``path``'s folder that holds ``.git`` (a folder, or the
    file a git worktree has), or None outside any repository."""
    for folder in path.parents:
        if (folder / ".git").exists():
            return folder
    return None


def _working_directory_above(path: Path) -> Path | None:
    """The working directory when ``path`` is under it (None when it is not, or is gone)."""
    try:
        cwd = Path.cwd()
    except OSError:  # the folder the process started in was removed
        return None
    return cwd if path.is_relative_to(cwd) else None


def artifact_location(
    source: str, root: Path | None = None
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """The SARIF ``artifactLocation`` of a report's source and the ``originalUriBaseIds`` it
    needs. A file is named relative to ``root`` (default: its repository's root, else the
    working directory when the file is under it, else its own folder) under ``SRCROOT``; a URL
    is itself; ``<stdin>`` and ``<text>`` are their names, with no base."""
    if source.startswith("<"):
        # "<stdin>" and "<text>" are no URIs; SARIF viewers want a relative path or a name.
        return {"uri": source.strip("<>")}, {}
    if "://" in source:
        return {"uri": source}, {}
    try:
        path = Path(os.path.abspath(source))
    except OSError:  # a relative path, and the working directory is gone
        return {"uri": quote(Path(source).as_posix())}, {}
    if root is None:
        root = repository_root(path) or _working_directory_above(path) or path.parent
    root = Path(os.path.abspath(root))
    if not path.is_relative_to(root):
        return {"uri": path.as_uri()}, {}
    relative = quote(path.relative_to(root).as_posix())
    # The base is named, not given: the root's own address would put this machine's path in
    # the report, and the same audit in another checkout (a CI runner) would differ by it.
    # Code scanning resolves SRCROOT to the checkout itself.
    return {"uri": relative, "uriBaseId": SRCROOT}, {SRCROOT: dict(SRCROOT_BASE)}


def render_sarif(report: Report, *, root: Path | None = None) -> str:
    """The report as a SARIF 2.1.0 log: one run, the rules as the driver's, one result per
    finding at its line. ``root`` is the folder the artifact's URI is relative to (see
    :func:`artifact_location`)."""
    rules = all_rules()
    location, bases = artifact_location(report.source, root)
    index = {r.code: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {**location, "index": 0},
                        "region": {"startLine": f.line or 1},
                    }
                }
            ],
            "properties": {"family": f.family.value, "evidence": dict(f.evidence)},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    driver = {
        "name": "citecheck",
        "version": __version__,
        "rules": [
            {
                "id": r.code,
                "name": r.code,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.doc.strip()},
                "defaultConfiguration": {"level": _LEVEL[r.severity]},
                "properties": {"family": r.family.value},
            }
            for r in rules
        ],
    }
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if bases:
        run["originalUriBaseIds"] = bases
    run["artifacts"] = [{"location": location}]
    run["results"] = results
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
