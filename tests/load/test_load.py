from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.load import LoadError, load


def test_text_with_a_newline_is_the_article_itself() -> None:
    doc = load("Body.[1]\nReferences\n")
    assert (doc.origin, doc.format) == ("<text>", "auto")


def test_a_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffBody.[1]\n".encode())
    assert load(path).text == "Body.[1]\n"


def test_a_directory_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="is a directory"):
        load(tmp_path)
