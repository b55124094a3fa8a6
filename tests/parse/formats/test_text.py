"""Rendered plain text, on the seed article and on small articles written for edge cases."""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Article, Document
from citecheck.parse import ParseError, detect_format, parse

SEED_EXPECTED = (
    Path(__file__).parents[2] / "data" / "articles" / "zhwiki-2023-north-korea-russia-summit.expected.tsv"
)


def text_article(text: str) -> Article:
    return parse(Document(text, "text", "test.txt"))


@pytest.fixture
def seed(seed_article: Article) -> Article:
    return seed_article


def expected_rows() -> list[dict[str, str]]:
    with SEED_EXPECTED.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_seed_has_its_44_references_in_order(seed: Article) -> None:
    assert [r.label for r in seed.references] == [str(n) for n in range(1, 45)]
    assert seed.title == "2023年朝俄首脑会谈"
    assert seed.has_notes_section and seed.notes == ()


@pytest.mark.parametrize("row", expected_rows(), ids=lambda row: f"ref{row['label']}")
def test_seed_reference_fields(seed: Article, row: dict[str, str]) -> None:
    ref = next(r for r in seed.references if r.label == row["label"])
    got = {
        "label": ref.label,
        "backlinks": str(len(ref.backlinks)),
        "authors": "; ".join(ref.authors),
        "title": ref.title or "",
        "publisher": ref.publisher or "",
        "published": ref.published.iso() if ref.published else "",
        "accessed": ref.accessed.iso() if ref.accessed else "",
        "archived": ref.archived.iso() if ref.archived else "",
        "language": ref.language or "",
        "issn": ref.issn or "",
    }
    assert got == row
    assert ref.raw and ref.unread == ()


def test_seed_first_entry_glued_to_its_edit_link_is_read(seed: Article) -> None:
    first = seed.references[0]
    assert first.title and first.title.startswith("North Korea's Kim vows full support")
    assert first.line == 62


def test_seed_claims_carry_section_line_and_markers(seed: Article) -> None:
    assert len(seed.claims) == 80
    by_marker = seed.uses()
    assert len(by_marker["16"]) == 16 and len(by_marker["10"]) == 8
    assert "21" not in by_marker and "22" not in by_marker and "23" not in by_marker
    note_claims = [c for c in seed.claims if any(m.is_note for m in c.markers)]
    assert [(c.line, c.section, [m.label for m in c.markers]) for c in note_claims] == [
        (16, "俄罗斯", ["7", "a"]),
        (32, "会面", ["b", "10", "20"]),
        (33, "会面", ["c", "24"]),
    ]


def test_headings_are_not_claims_and_nested_sections_are_tracked(seed: Article) -> None:
    sections = {c.section for c in seed.claims}
    assert {"背景", "朝鲜", "俄罗斯", "事前准备", "会面", "后续访问", "白俄罗斯", "评论"} <= sections
    assert all(not c.text.startswith("[编辑]") for c in seed.claims)


SMALL = """Kot
The cat sat.[1] It purred.[2][a]
It slept.[1]
Notes
- ^ A note citing nothing.
References
- ^ 1.0 1.1 Cats. Cat Times. 2020-01-01 [2020-02-02]. (原始内容存档于2020-03-03) (英语).
Dogs. Dog News. 2021.
"""


def test_notes_get_letter_labels_and_lines_without_caret_are_references() -> None:
    article = text_article(SMALL)
    assert [n.label for n in article.notes] == ["a"]
    assert [r.label for r in article.references] == ["1", "2"]
    assert article.references[1].title == "Dogs" and article.references[1].backlinks == ()
    assert article.references[0].backlinks == ("1.0", "1.1")


def test_a_notes_heading_alone_holds_the_references() -> None:
    article = text_article("Body.[1]\nNotes\n1. Cats. Cat Times. 2020.\n")
    assert [r.title for r in article.references] == ["Cats"]
    assert article.notes == ()


def test_an_unreadable_entry_is_kept_not_dropped() -> None:
    article = text_article("Body.[1][2]\nReferences\n- ^ ???\n- ^ Fine. Site. 2020.\n")
    assert [r.label for r in article.references] == ["1", "2"]
    assert article.references[0].raw == "???"


def test_text_with_nothing_to_audit_is_an_empty_article_unless_the_format_was_named() -> None:
    assert parse(Document("just words\n", "auto", "empty.txt")).references == ()
    with pytest.raises(ParseError, match=r"empty\.txt: nothing could be read as text"):
        parse(Document("just words\n", "text", "empty.txt"))


def test_plain_text_is_the_fallback_format() -> None:
    assert detect_format("Body.[1]\nReferences\n- ^ Cats. 2020.\n") == "text"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .。[]^-12\n（）()«»“”\"年月日俄语Retrieved")), max_size=300))
def test_arbitrary_text_never_crashes_the_parser(text: str) -> None:
    try:
        article = text_article(text)
    except ParseError:
        return
    labels = [r.label for r in article.references]
    assert len(labels) == len(article.references)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes_the_parser(text: str) -> None:
    with contextlib.suppress(ParseError):
        text_article(text)


def test_a_browser_copy_without_carets_or_numbers_has_its_list_and_not_its_contents_line() -> None:
    # zhwiki copied from the browser: a table of contents names the sections, the entries start
    # with a space and carry no caret, and External links ends the list.
    text = (
        "Jupyter\n目錄\n歷史\n參考文獻\n外部連結\n歷史\n"
        "Jupyter是一個專案。[1]它支援幾十種語言。[2]\n"
        "參考文獻\n"
        " Project Jupyter - About Us. 2018-04-20 [2018-05-03]. （原始內容存檔於2020-12-01）.\n"
        " The Notebook. [2018-12-17]. （原始內容存檔於2020-11-11）.\n"
        "外部連結\n"
        "官方網站\n"
    )
    article = text_article(text)
    assert [r.label for r in article.references] == ["1", "2"]
    assert [m.label for c in article.claims for m in c.markers] == ["1", "2"]


def test_a_pages_footer_and_sister_boxes_copied_with_it_are_no_entries() -> None:
    text = (
        "Cat\nThe cat sat.[1] It purred.[2]\nReferences[edit]\n"
        "Wikimedia Commons has media related to Cats.\n"
        "- ^ Cats. Cat Times. 2020-01-01 [2020-02-02].\n"
        "- ^ Dogs. Dog News. 2021.\n"
        "This page was last edited on 5 May 2024, at 10:00 (UTC).\n"
        "Text is available under the Creative Commons Attribution-ShareAlike License 4.0\n"
        "Categories: Cats | Felids\n"
    )
    assert [r.raw for r in text_article(text).references] == [
        "Cats. Cat Times. 2020-01-01 [2020-02-02].",
        "Dogs. Dog News. 2021.",
    ]


def test_an_edit_link_glued_after_the_heading_makes_it_a_heading() -> None:
    text = (
        "HTML\nЯзык разметки.[1]\nПримечания[править | править код]\n\n"
        "↑ Connolly D. The text/html Media Type. — IETF, 2000.\n"
        "Ссылки[править | править код]\nW3C HTML\n"
    )
    article = text_article(text)
    assert [r.raw for r in article.references] == ["Connolly D. The text/html Media Type. — IETF, 2000."]
