"""The parse memo: an unchanged text parsed by unchanged code is read back, never parsed again."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck.model import Article, Document
from citecheck.parse import ParseError, parse
from citecheck.parse import memo as parse_memo
from citecheck.parse.memo import install_stamp, memo_key, parse_remembered

WIKITEXT = Path(__file__).parent.parent / "data" / "wikitext"
SEED = (
    Path(__file__).parent.parent / "data" / "articles" / "zhwiki-2023-north-korea-russia-summit.txt"
)


class DictMemo:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get_derived(self, key: str) -> str | None:
        return self.values.get(key)

    def put_derived(self, key: str, value: str) -> None:
        self.values[key] = value


def document(path: Path, input_format: str = "auto") -> Document:
    return Document(text=path.read_text(encoding="utf-8"), origin=path.name, format=input_format)


def must_not_parse(_: Document) -> None:
    raise AssertionError("parsed again")


@pytest.mark.parametrize("path", [*sorted(WIKITEXT.glob("*.wikitext")), SEED], ids=lambda p: p.name)
def test_a_remembered_article_equals_the_text_parsed_again(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = DictMemo()
    first = parse_remembered(document(path), memo)
    assert first == parse(document(path))
    monkeypatch.setattr(parse_memo, "parse", must_not_parse)
    assert parse_remembered(document(path), memo) == first


def test_an_edited_text_is_parsed_again_and_replaces_the_entry() -> None:
    memo = DictMemo()
    seed = document(SEED)
    parse_remembered(seed, memo)
    cut = seed.text.index("\n", len(seed.text) // 2)  # drop the second half's first line
    edited = Document(text=seed.text[:cut], format=seed.format, origin=seed.origin)
    assert parse_remembered(edited, memo) == parse(edited) != parse(seed)
    assert list(memo.values) == [memo_key(seed)]  # one entry per document, however often edited


def test_each_document_and_format_has_its_own_entry() -> None:
    memo = DictMemo()
    seed = document(SEED)
    for doc in (seed, document(SEED, "text"), replace(seed, origin="elsewhere.txt")):
        parse_remembered(doc, memo)
    assert len(memo.values) == 3


def test_other_parsing_code_parses_again(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = DictMemo()
    seed = document(SEED)
    parse_remembered(seed, memo)
    kept = memo.values[memo_key(seed)]
    monkeypatch.setattr(parse_memo, "code_version", lambda: b"another parser")
    calls: list[Document] = []

    def counted(doc: Document) -> Article:
        calls.append(doc)
        return parse(doc)

    monkeypatch.setattr(parse_memo, "parse", counted)
    assert parse_remembered(seed, memo) == parse(seed)
    assert calls == [seed] and memo.values[memo_key(seed)] != kept


def test_an_unreadable_entry_is_parsed_again_and_replaced() -> None:
    memo = DictMemo()
    seed = document(SEED)
    memo.values[memo_key(seed)] = "not a pickle"
    assert parse_remembered(seed, memo) == parse(seed)
    assert memo.values[memo_key(seed)] != "not a pickle"


def test_a_text_that_cannot_be_read_is_an_error_every_time() -> None:
    memo = DictMemo()
    # Nothing read in a named format is an error (nothing to audit in a detected one is not).
    empty = Document(text="\n\n", format="text", origin="empty.txt")
    for _ in range(2):
        with pytest.raises(ParseError, match=r"empty\.txt"):
            parse_remembered(empty, memo)
    assert memo.values == {}


def test_a_library_install_is_known_by_its_package_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "citecheck_fake_lib"
    package.mkdir()
    init = package / "__init__.py"
    init.write_text("VERSION = '1.0'\n")
    os.utime(init, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    first = install_stamp("citecheck_fake_lib")
    assert first == install_stamp("citecheck_fake_lib")
    init.write_text("VERSION = '1.1'\n")  # what installing another version does
    assert install_stamp("citecheck_fake_lib") != first
    assert install_stamp("citecheck_no_such_lib") == "-"
