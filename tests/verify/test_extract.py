"""A page's main text as passages: the article's sentences are in them, the page's menus,
footers and related links are not, and each passage is paragraph-sized and in page order."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from citecheck.verify.extract import MAX_PASSAGE_CHARS, passages, passages_of_tree

PAGES = Path(__file__).parents[1] / "data" / "pages"
LABELS: dict[str, dict[str, list[str]]] = {
    name: label
    for name, label in json.loads(
        (PAGES / "readability" / "main-text.json").read_text(encoding="utf-8")
    ).items()
    if not name.startswith("_")
}


def _path(name: str) -> Path:
    return PAGES / name if name.endswith(".txt") else PAGES / "readability" / f"{name}.html"


@cache
def _page(name: str) -> tuple[str, tuple[str, ...]]:
    """The page's whole visible text, and its passages."""
    source = _path(name).read_text(encoding="utf-8")
    if name.endswith(".txt"):
        return source, passages(source, is_html=False)
    return LexborHTMLParser(source).text(separator=" "), passages(source)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_the_article_s_sentences_are_in_a_passage(name: str) -> None:
    _, found = _page(name)
    for sentence in LABELS[name]["body"]:
        assert any(sentence in passage for passage in found), sentence


@pytest.mark.parametrize("name", sorted(LABELS))
def test_the_page_s_boilerplate_is_in_no_passage(name: str) -> None:
    text, found = _page(name)
    for boilerplate in LABELS[name]["boilerplate"]:
        assert boilerplate in " ".join(text.split()), f"label not on the page: {boilerplate}"
        assert not any(boilerplate in passage for passage in found), boilerplate


@pytest.mark.parametrize("name", sorted(LABELS))
def test_passages_are_bounded_and_not_blank(name: str) -> None:
    _, found = _page(name)
    assert found
    assert all(0 < len(passage) <= MAX_PASSAGE_CHARS for passage in found)
    assert all(passage == passage.strip() for passage in found)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_the_article_s_sentences_come_in_page_order(name: str) -> None:
    _, found = _page(name)
    joined = "\n".join(found)
    places = [joined.index(sentence) for sentence in LABELS[name]["body"]]
    assert places == sorted(places)


def test_extraction_is_deterministic_and_leaves_the_tree_unchanged() -> None:
    source = _path("bbc-1").read_text(encoding="utf-8")
    tree = LexborHTMLParser(source)
    before = tree.html
    first = passages_of_tree(tree)
    assert passages_of_tree(tree) == first == passages(source)
    assert tree.html == before


ARTICLE = """<html><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="cookie-banner"><p>We use cookies to improve your experience on our site, accept?</p></div>
<div id="main"><article>
<h1>Title</h1>
<p>The first paragraph of the story says something long enough to be read as prose, with commas.</p>
<p>The second paragraph, also of the story, follows the first one and says more about it.</p>
<ul class="related-links"><li><a href="/a">A related story that should not be read</a></li></ul>
<p>The third paragraph ends the story, after the list of related links, with a full stop.</p>
</article></div>
<footer><p>Copyright 2024 The Example Times. All rights reserved.</p></footer>
<script>var x = "a script's text is not prose, however long it is, at all";</script>
</body></html>"""


def test_menus_banners_related_links_footers_and_scripts_are_dropped() -> None:
    assert passages(ARTICLE) == (
        "The first paragraph of the story says something long enough to be read as prose, "
        "with commas.",
        "The second paragraph, also of the story, follows the first one and says more about it.",
        "The third paragraph ends the story, after the list of related links, with a full stop.",
    )


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    sentence = "This sentence is about forty-eight characters. "
    found = passages(f"<html><body><article><p>{sentence * 30}</p></article></body></html>")
    assert len(found) > 1
    assert all(len(p) <= MAX_PASSAGE_CHARS and p.endswith("characters.") for p in found)
    assert " ".join(found) == (sentence * 30).strip()


def test_a_long_zh_paragraph_is_cut_after_its_full_stops() -> None:
    sentence = "朝鲜和俄罗斯之间的任何武器交易都将违反联合国安理会的多项决议。"
    found = passages(f"<html><body><article><p>{sentence * 40}</p></article></body></html>")
    assert len(found) > 1
    assert all(len(p) <= MAX_PASSAGE_CHARS and p.endswith("。") for p in found)
    assert "".join(found) == sentence * 40


def test_a_sentence_longer_than_the_bound_is_cut_at_a_space() -> None:
    words = " ".join(["word"] * 400)
    found = passages(f"<html><body><article><p>{words}</p></article></body></html>")
    assert all(len(p) <= MAX_PASSAGE_CHARS for p in found)
    assert " ".join(found) == words


def test_plain_text_drops_menu_lines_and_keeps_blank_line_blocks() -> None:
    text = (
        "1. Skip to content\n2. Main menu\n\n"
        "Headline without a full stop\n\n"
        "The article's first paragraph is a sentence.\n\n"
        "The second paragraph runs\nover two lines.\n\n"
        "Related stories\n"
    )
    assert passages(text, is_html=False) == (
        "The article's first paragraph is a sentence.",
        "The second paragraph runs over two lines.",
    )


def test_plain_zh_lines_are_joined_without_a_space() -> None:
    text = "普京和金正恩周三举行了会谈。\n双方没有对外公布会谈的内容。\n"
    assert passages(text, is_html=False) == (
        "普京和金正恩周三举行了会谈。双方没有对外公布会谈的内容。",
    )


def test_a_page_without_text_has_no_passages() -> None:
    assert passages("") == ()
    assert passages("<html><body><nav><a href='/'>Home</a></nav></body></html>") == ()
    assert passages("", is_html=False) == ()
