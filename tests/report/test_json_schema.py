"""The JSON report's published schema (citecheck/report/schema.json, shipped in the package):
every JSON report the tests can produce is valid against it, and it is strict enough that a
renamed, missing or extra key is not."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from citecheck import audit, render
from citecheck.report.as_json import reference_dict
from tests.support.record_demo import TODAY, replayed_demo

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data"
# Articles and documents of every input format, audited without the network.
SAMPLES = sorted(
    [
        *(DATA / "articles").glob("*.txt"),
        *(DATA / "corpus" / "documents").glob("*.md"),
        *(DATA / "corpus" / "documents").glob("*.txt"),
        *(DATA / "html").glob("*.html"),
        *(DATA / "wiki-samples" / "html").glob("*.html"),
        *(DATA / "wiki-samples" / "text").glob("*.txt"),
        *(DATA / "wiki-samples" / "wikitext").glob("*.wikitext"),
        *(DATA / "wikitext").glob("*.wikitext"),
    ]
)


@cache
def schema() -> dict[str, Any]:
    text = resources.files("citecheck.report").joinpath("schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def errors(report: Any) -> list[str]:
    validator = Draft202012Validator(schema())
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in sorted(validator.iter_errors(report), key=lambda e: list(map(str, e.path)))
    ]


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (ROOT / "reports" / "zhwiki-2023-north-korea-russia-summit.json").read_text(
            encoding="utf-8"
        )
    )
    return data


def test_the_schema_is_a_valid_draft_2020_12_schema_shipped_in_the_package() -> None:
    Draft202012Validator.check_schema(schema())
    assert schema()["additionalProperties"] is False


def test_the_recorded_sample_report_is_valid(seed: dict[str, Any]) -> None:
    assert errors(seed) == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_report_of_every_sample_document_is_valid(path: Path) -> None:
    report = audit(path, today=TODAY)
    assert errors(json.loads(render(report, "json"))) == []


def test_the_demo_audit_with_checked_links_is_valid(
    no_network: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    report = replayed_demo()
    data = json.loads(render(report, "json"))
    assert data["source"]["checked_links"] is True
    assert any(r["link_status"] for r in data["references"])
    assert errors(data) == []


def test_the_schema_names_every_key_a_reference_has() -> None:
    from citecheck.model import Reference

    keys = list(reference_dict(Reference(label="1", line=1, raw="x"), 0))
    entry = schema()["$defs"]["entry"]
    assert list(entry["properties"]) == keys
    assert entry["required"] == keys


@pytest.mark.parametrize(
    ("where", "old", "new"),
    [
        ((), "findings", "finding"),
        (("source",), "today", "date"),
        (("references", 0), "archive_url", "archiveUrl"),
        (("claims", 0), "markers", "labels"),
        (("findings", 0), "severity", "level"),
        (("summary",), "by_family", "families"),
        (("summary", "by_severity"), "warning", "warn"),
    ],
)
def test_a_renamed_key_is_caught(
    seed: dict[str, Any], where: tuple[str | int, ...], old: str, new: str
) -> None:
    broken = copy.deepcopy(seed)
    node = broken
    for step in where:
        node = node[step]
    node[new] = node.pop(old)
    found = errors(broken)
    assert any(new in e for e in found), found
    assert any(old in e for e in found), found


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("findings", 0, "severity"), "fatal"),
        (("findings", 0, "family"), "broken"),
        (("references", 0, "published"), "13 September 2023"),
        (("references", 0, "uses"), -1),
        (("references", 0, "backlinks"), "16.00"),
        (("source", "checked_links"), "no"),
    ],
)
def test_a_value_of_the_wrong_kind_is_caught(
    seed: dict[str, Any], path: tuple[str | int, ...], value: Any
) -> None:
    broken = copy.deepcopy(seed)
    node = broken
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    assert errors(broken) != []
