"""Archive URL grammar, driven by the table in tests/data/archives/archive_urls.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from citecheck.archives import ArchiveRef, parse_archive_url, raw_url
from citecheck.evidence import MalformedArchiveUrl

TABLE = Path(__file__).parents[1] / "data" / "archives" / "archive_urls.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def _read(ref: ArchiveRef, key: str) -> Any:
    if key == "timestamp":
        return ref.timestamp.isoformat() if ref.timestamp else None
    if key == "precision":
        return ref.precision.value if ref.precision else None
    if key == "date":
        return ref.date.iso() if ref.date else None
    if key == "raw":
        return raw_url(ref)
    return getattr(ref, key)


@pytest.mark.parametrize("case", CASES, ids=[case["url"] for case in CASES])
def test_archive_url(case: dict[str, Any]) -> None:
    result = parse_archive_url(case["url"])
    if case.get("archive") is False:
        assert result is None
    elif "malformed" in case:
        assert isinstance(result, MalformedArchiveUrl), result
        assert result.reason.value == case["malformed"]
        assert result.detail
    else:
        assert isinstance(result, ArchiveRef), result
        expected = {k: v for k, v in case.items() if k != "url"}
        assert {key: _read(result, key) for key in expected} == expected


def test_the_table_covers_every_malformed_reason() -> None:
    from citecheck.evidence import MalformedReason

    named = {case["malformed"] for case in CASES if "malformed" in case}
    assert named == {reason.value for reason in MalformedReason}


@pytest.mark.parametrize(
    "url",
    ["", "not a url", "https://", "https://web.archive.org:99999/web/2023/x", "http://[::1"],
)
def test_garbage_never_raises(url: str) -> None:
    parse_archive_url(url)
