"""The pipeline's one-way flow, read from the import statements (ast), TYPE_CHECKING ones too:
rules and reports read the model and the evidence contract, never its producers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "citecheck"
PRODUCERS = ("citecheck.check", "citecheck.http", "citecheck.archives", "citecheck.verify")


def imported(path: Path) -> set[str]:
    """Every module the file at ``path`` imports, relative imports resolved."""
    package = list(path.relative_to(PACKAGE.parent).parts[:-1])
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: list[str]) -> set[str]:
    """Every module ``source`` (a module of ``package``) imports, anywhere in it."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            # ``from citecheck import archives`` imports a module by its name.
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("folder", ["rules", "report"])
def test_rules_and_reports_import_no_producer(folder: str) -> None:
    modules = sorted((PACKAGE / folder).rglob("*.py"))
    assert modules
    wrong = {
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in modules
        for name in imported(path)
        if any(name == p or name.startswith(p + ".") for p in PRODUCERS)
    }
    assert not wrong, sorted(wrong)


def test_claim_support_reads_text_not_the_network() -> None:
    """verify/ judges text it is given: the checker fetches and decodes, verify never does."""
    wrong = {
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in sorted((PACKAGE / "verify").rglob("*.py"))
        for name in imported(path)
        if any(name == p or name.startswith(p + ".") for p in (*PRODUCERS[:3], "citecheck.load"))
    }
    assert not wrong, sorted(wrong)


def test_reports_read_no_parser() -> None:
    """A fix edits the citation the parser kept (Reference.citation): the reporters need
    neither the parser nor its tables."""
    wrong = {
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in sorted((PACKAGE / "report").rglob("*.py"))
        for name in imported(path)
        if name == "citecheck.parse" or name.startswith("citecheck.parse.")
    }
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize(
    "source",
    [
        "from citecheck import archives",
        "import citecheck.http.links",
        "from ..check.page import PageEvidence",
        "if TYPE_CHECKING:\n    from citecheck.archives import SnapshotOutcome",
        "def f():\n    from citecheck.check import suggest",
    ],
)
def test_the_reader_sees_every_spelling_of_an_import(source: str) -> None:
    found = imports_in(source, ["citecheck", "rules"])
    assert any(n == p or n.startswith(p + ".") for n in found for p in PRODUCERS), found
