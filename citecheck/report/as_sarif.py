"""SARIF 2.1.0: one result per finding, at the line of its claim or reference."""

from __future__ import annotations

import json
from typing import Any

from citecheck import __version__
from citecheck.model import Report, Severity
from citecheck.rules import all_rules

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render_sarif(report: Report) -> str:
    rules = all_rules()
    # "<stdin>" and "<text>" are no URIs; SARIF viewers want a relative path or a name.
    uri = report.source.strip("<>") if report.source.startswith("<") else report.source
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
                        "artifactLocation": {"uri": uri, "index": 0},
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
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "artifacts": [{"location": {"uri": uri}}],
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
