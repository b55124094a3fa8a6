"""The rule registry: stable codes, documented rules, selection by hierarchy."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from citecheck.cli import rules_table
from citecheck.model import Article, Family, Reference
from citecheck.rules import RULES, Context, Hit, SelectionError, all_rules, run, select

README = Path(__file__).parents[2] / "README.md"
HEADINGS = ("## What it does", "## Why it matters", "## Example", "## How to fix")


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_documents_itself(rule: object) -> None:
    doc = rule.doc
    assert doc.splitlines()[0].strip(), "a one-line summary first"
    for heading in HEADINGS:
        assert heading in doc


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_codes_are_kebab_case(rule: object) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", rule.code)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_a_rule_reading_what_pages_say_declares_it(rule: object) -> None:
    # The checker reads no page when no chosen rule declares reads_pages: a rule that reads
    # page evidence without declaring it would find nothing there.
    import inspect

    source = inspect.getsource(inspect.getmodule(rule.check))
    reads = re.search(r"evidence\.(pages|snapshot_pages|supports|page_for)\b", source)
    assert rule.reads_pages == bool(reads)


def test_the_readme_code_list_is_generated_from_the_rules() -> None:
    assert rules_table() in README.read_text(encoding="utf-8"), (
        "README is out of date: paste the output of `citecheck rules --markdown`"
    )


def test_selection_by_family_and_code_most_specific_wins() -> None:
    codes = {r.code for r in select(["missing"], ["missing-archive"])}
    assert "missing-archive" not in codes and "missing-reference" in codes
    assert all(RULES[c].family is Family.MISSING for c in codes)
    assert {r.code for r in select(["date-order"], ["mismatched"])} == {"date-order"}
    assert select(["all"], ["all"]) == []


def test_an_unknown_code_is_a_clear_error() -> None:
    with pytest.raises(SelectionError, match="missing-archiv"):
        select(["missing-archiv"])


def test_a_failing_rule_becomes_a_finding_and_the_others_still_run() -> None:
    from citecheck.model import Severity
    from citecheck.rules import Rule

    def broken(ctx: Context) -> list[Hit]:
        raise KeyError("boom")

    bad = Rule("broken-rule", Family.MISSING, Severity.WARNING, broken, "Broken.")
    art = Article(claims=(), references=(Reference("1", 1, "x", title="T"),))
    found = run(art, dt.date(2026, 1, 1), [bad, RULES["uncited-reference"]])
    assert [f.code for f in found] == ["internal-error", "uncited-reference"]
    assert "broken-rule failed: KeyError" in found[0].message
