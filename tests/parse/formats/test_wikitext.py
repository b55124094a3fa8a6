"""The wikitext format: what editors write, read as the rendered page shows it.

Most cases are data: ``tests/data/wikitext/<case>.wikitext`` with ``<case>.expected.json``
holding every claim (section, line, markers, and text where given), every reference and note by
label (only the fields listed are compared; dates as ISO strings), and the problems met.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mwparserfromhell
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import Node, Template
from mwparserfromhell.wikicode import Wikicode

from citecheck.model import Article, Document, Reference
from citecheck.parse import ParseError, detect_format, parse
from citecheck.parse import templates as tables
from citecheck.parse.formats.wikitext import detect, read_wikitext, url_status
from citecheck.parse.formats.wikitext.tree import Layout, _index

DATA = Path(__file__).parents[2] / "data" / "wikitext"
CASES = sorted(
    p.stem for p in DATA.glob("*.wikitext") if (DATA / f"{p.stem}.expected.json").exists()
)


def _value(reference: Reference, name: str) -> Any:
    if name == "url_status":
        return url_status(reference.raw)
    value = getattr(reference, name)
    if hasattr(value, "iso"):
        return value.iso()
    if isinstance(value, tuple):
        return list(value)
    return value


def _check_entries(found: tuple[Reference, ...], expected: dict[str, dict[str, Any]]) -> None:
    # Every entry is accounted for: none dropped, none invented.
    assert [r.label for r in found] == list(expected)
    for reference in found:
        actual = {name: _value(reference, name) for name in expected[reference.label]}
        assert actual == expected[reference.label], f"reference {reference.label}"


@pytest.mark.parametrize("case", CASES)
def test_case(case: str) -> None:
    expected = json.loads((DATA / f"{case}.expected.json").read_text(encoding="utf-8"))
    reading = read_wikitext((DATA / f"{case}.wikitext").read_text(encoding="utf-8"))
    article = reading.article

    claims = [
        {
            "section": c.section,
            "line": c.line,
            "markers": [m.label for m in c.markers],
            **({"text": c.text} if "text" in want else {}),
        }
        for c, want in zip(article.claims, expected["claims"], strict=False)
    ]
    assert claims == expected["claims"]
    assert len(article.claims) == len(expected["claims"])
    assert [c.id for c in article.claims] == list(range(1, len(article.claims) + 1))
    _check_entries(article.references, expected["references"])
    _check_entries(article.notes, expected["notes"])
    assert [str(p) for p in reading.problems] == expected["problems"]
    if "has_notes_section" in expected:
        assert article.has_notes_section is expected["has_notes_section"]


def test_every_reference_of_a_case_is_cited_as_often_as_its_backlinks_say() -> None:
    article = read_wikitext((DATA / "zh_cs1_notes.wikitext").read_text(encoding="utf-8")).article
    uses = article.uses()
    for reference in article.references:
        assert len(uses[reference.label]) == len(reference.backlinks)


# -- the same references as the rendered seed article ---------------------------------------------

# Wikitext labels 1–6 are the seed's references 1–5 and 16 (the wikitext cites only those).
SEED_LABELS = {"1": "1", "2": "2", "3": "3", "4": "4", "5": "5", "6": "16"}


def test_seed_references_written_as_wikitext_read_like_the_rendered_page(
    seed_article: Article,
) -> None:
    article = read_wikitext(
        (DATA / "seed_summit_refs.wikitext").read_text(encoding="utf-8")
    ).article
    rendered = {r.label: r for r in seed_article.references}
    assert [r.label for r in article.references] == list(SEED_LABELS)
    for reference in article.references:
        seed = rendered[SEED_LABELS[reference.label]]
        fields = ("authors", "title", "publisher", "published", "accessed", "archived", "language")
        assert {f: getattr(reference, f) for f in fields} == {f: getattr(seed, f) for f in fields}
        # Same number of uses: 16.00 … 16.15 on the page, sixteen refs in the wikitext.
        assert len(reference.backlinks) == len(seed.backlinks)
        assert reference.template_errors == ()


def test_backlink_labels_follow_the_zh_rendering() -> None:
    article = read_wikitext(
        (DATA / "seed_summit_refs.wikitext").read_text(encoding="utf-8")
    ).article
    by_label = {r.label: r for r in article.references}
    assert by_label["1"].backlinks == ("^",)
    assert by_label["4"].backlinks == ("4.0", "4.1", "4.2", "4.3")
    assert by_label["6"].backlinks[:2] == ("6.00", "6.01")
    assert by_label["6"].backlinks[-1] == "6.15"


def test_claims_alike_in_their_first_words_still_get_their_own_lines() -> None:
    text = (
        "== Body ==\n"
        "Claim number 0 is stated here.<ref>{{cite web |title=A}}</ref>\n"
        "Claim number 1 is stated here.<ref>{{cite web |title=B}}</ref>\n"
        "Claim number 2 is stated here.<ref>{{cite web |title=C}}</ref>\n"
    )
    claims = read_wikitext(text).article.claims
    assert [(c.text, c.line) for c in claims] == [
        ("Claim number 0 is stated here.", 2),
        ("Claim number 1 is stated here.", 3),
        ("Claim number 2 is stated here.", 4),
    ]


# -- broken input --------------------------------------------------------------------------------


def test_nothing_readable_is_a_parse_error_naming_the_line() -> None:
    with pytest.raises(ParseError, match=r"page\.wikitext: .*line 3: template with no name"):
        parse(Document("Intro.\n\n{{|x}}\n", "wikitext", "page.wikitext"))


def test_a_page_without_refs_has_nothing_to_audit() -> None:
    # As with every format: no reference, note or cited sentence is a clear error, so a wrong
    # --input-format never passes for a clean report.
    assert read_wikitext("== Heading ==\nPlain prose.\n").article == Article(
        claims=(), references=(), notes=()
    )
    with pytest.raises(ParseError, match=r"page\.wikitext: nothing could be read as wikitext"):
        parse(Document("== Heading ==\nPlain prose.\n", "wikitext", "page.wikitext"))


def test_an_unclosed_template_inside_a_ref_is_closed_and_reported() -> None:
    article = read_wikitext(
        "Claim.<ref>{{cite web |url=https://example.org |title=Open</ref>"
    ).article
    (reference,) = article.references
    assert reference.title == "Open"
    assert reference.template_errors == ("template is never closed",)


def test_a_named_ref_defined_twice_differently_is_reported() -> None:
    text = (
        'A.<ref name="x">{{cite web|title=One}}</ref> B.<ref name="x">{{cite web|title=Two}}</ref>'
    )
    (reference,) = read_wikitext(text).article.references
    assert reference.title == "One"
    assert reference.backlinks == ("1.0", "1.1")
    assert reference.template_errors == (
        "ref name 'x' defined more than once with different content",
    )


def test_notes_without_a_notes_list_say_so() -> None:
    (note,) = read_wikitext("A claim.{{efn|An explanation.}}\n\n{{reflist}}\n").article.notes
    assert note.label == "a"
    assert note.template_errors == ("footnote group 'lower-alpha' has no notes list to show it",)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>/{}|=[]'ref namecitewb\n\u4e2d.[]1", max_size=120))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        reading = read_wikitext(text)
    except ParseError:
        return
    for reference in reading.article.references:
        assert reference.raw


def _nodes(code: Wikicode) -> Iterator[Node]:
    for node in code.nodes:
        yield node
        for child in node.__children__():
            yield from _nodes(child)


def assert_indexed(text: str) -> None:
    code = mwparserfromhell.parse(text, skip_style_tags=True)
    offsets: dict[int, int] = {}
    layouts: dict[int, Layout] = {}
    assert _index(code, 0, offsets, [], layouts) == len(text)
    for node in _nodes(code):
        start = offsets[id(node)]
        assert text[start : start + len(str(node))] == str(node)
        if isinstance(node, Template):
            # Each parameter's name and value where a fix would edit them.
            length, params = layouts[id(node)]
            printed = text[start : start + length]
            assert printed == str(node)
            for param, (at, equals, end) in zip(node.params, params, strict=True):
                name = printed[at:equals] if param.showkey else ""
                value = printed[equals + 1 : end] if param.showkey else printed[at:end]
                assert (name, value) == (str(param.name) if param.showkey else "", str(param.value))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.wikitext")), ids=lambda p: p.name)
def test_every_node_is_indexed_where_its_text_stands(path: Path) -> None:
    # Line numbers rest on these offsets; templates and links are laid out, not searched for.
    assert_indexed(path.read_text(encoding="utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="{}|=[]<>/ref a\n:", max_size=80))
def test_any_text_is_indexed_where_its_nodes_stand(text: str) -> None:
    assert_indexed(text)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.wikitext")), ids=lambda p: p.name)
def test_a_reference_s_url_status_is_what_its_wikitext_declares(path: Path) -> None:
    article = read_wikitext(path.read_text(encoding="utf-8")).article
    for reference in (*article.references, *article.notes):
        assert reference.url_status == url_status(reference.raw), reference.label


# -- detection, data tables, URL status ---------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_wikitext_cases_are_detected_as_wikitext(case: str) -> None:
    text = (DATA / f"{case}.wikitext").read_text(encoding="utf-8")
    assert detect(text) >= 0.5
    assert detect_format(text) == "wikitext"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Plain prose with a marker.[1]\n\n1. Smith, J. A book. 2020.\n",
        "# Title\n\nA claim.[^1]\n\n[^1]: Smith, *A book*, 2020.\n",
        "Converted from a wiki: a claim.[[1]](#cite_note-1)\n",
        "- ^ Title. Journal. 2020. {{cite journal}}: CS1 maint: hidden message\n",
        '<html><body><p class="x">{{cite web|url=x}} &lt;ref&gt;</p></body></html>',
    ],
)
def test_other_text_is_not_wikitext(text: str) -> None:
    assert detect(text) == 0


def test_the_rendered_seed_is_not_wikitext(seed_path: Path) -> None:
    assert detect(seed_path.read_text(encoding="utf-8")) == 0


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Cite_web", "cite web"),
        ("Template:Cite news", "cite news"),
        ("Шаблон:Статья", "статья"),
        ("  Cite  web2 ", "cite web2"),
        ("テンプレート:リンク切れ", "リンク切れ"),
    ],
)
def test_template_names_are_compared_as_mediawiki_does(name: str, key: str) -> None:
    assert tables.normalize_name(name) == key


def test_every_citation_template_names_a_known_scheme() -> None:
    assert set(tables.CITATION_TEMPLATES.values()) <= set(tables.SCHEMES)
    for scheme in tables.SCHEMES.values():
        assert {"title", "url", "archive_url", "archive_date", "access_date"} <= set(scheme.fields)


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("<ref>{{cite web|url=https://x.org|url-status=dead}}</ref>", "dead"),
        ("<ref>{{cite web|url=https://x.org|url-status=live}}</ref>", "live"),
        ("<ref>{{cite web|url=https://x.org|url-status=usurped}}</ref>", "usurped"),
        ("<ref>{{cite web|url=https://x.org|deadurl=yes}}</ref>", "dead"),
        ("<ref>{{cite web|url=https://x.org|deadlink=yes}}</ref>", "dead"),
        ("<ref>{{cite web|url=https://x.org|url-status=live}}{{dead link}}</ref>", "dead"),
        ("<ref>{{статья|ссылка=https://x.ru}}{{Недоступная ссылка}}</ref>", "dead"),
        ("<ref>{{cite web|url=https://x.org}}</ref>", None),
        ("<ref>Free text, https://x.org</ref>", None),
    ],
)
def test_url_status_reads_parameters_and_dead_link_tags(raw: str, status: str | None) -> None:
    assert url_status(raw) == status


# -- spans -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DATA.glob("*.wikitext")), ids=lambda p: p.stem)
def test_each_reference_keeps_its_span_and_its_citation_template(path: Path) -> None:
    """The text at a reference's span is its raw text (but for a ``</ref>`` the reader closed
    it with), and the text at its citation's span the template the fields were read from."""
    text = path.read_text(encoding="utf-8")
    article = read_wikitext(text).article
    for reference in (*article.references, *article.notes):
        assert reference.span is not None
        start, end = reference.span
        assert text[start:end] == reference.raw or "never closed" in str(reference.template_errors)
        citation = reference.citation
        if citation is not None:
            assert text[citation.span[0] : citation.span[1]] == citation.text
            assert start <= citation.span[0] < citation.span[1] <= end
            assert citation.text.startswith("{{") and citation.text.endswith("}}")


def test_a_citation_records_each_field_under_the_name_written() -> None:
    text = (
        "A.<ref>{{Cite web |url=https://a.example/x |ArchiveURL= |archive-date=2023-09-15}}</ref>"
        "\nB.<ref>{{статья |заглавие=Саммит |архив=https://web.archive.org/web/2023/x}}</ref>"
        "\n\n{{reflist}}\n"
    )
    first, second = read_wikitext(text).article.references
    assert first.citation is not None and second.citation is not None
    assert (first.citation.name, first.citation.scheme) == ("Cite web", "cs1")
    assert first.citation.written("archive_url") == "ArchiveURL"  # empty, still the name to set
    assert first.citation.written("archive_date") == "archive-date"
    assert first.citation.written("url_status") is None
    assert second.citation.scheme == "ru-article"
    assert second.citation.written("archive_url") == "архив"


def test_a_template_the_reader_repaired_is_no_citation_to_edit() -> None:
    # The unclosed ref's "</ref>" lands inside the note's citation: a fix would paste it.
    text = (
        "A.<ref group=n>{{efn|{{cite web|archive-url  =\ndead}}</ref> "
        "B.<ref>{{cite book|url=a}}{{ |url=x}}\n\n{{reflist}}\n{{notelist}}\n"
    )
    article = read_wikitext(text).article
    [note] = article.notes
    assert "=</ref>" in note.raw and note.citation is None
    [reference] = article.references
    assert reference.citation is not None and reference.citation.text == "{{cite book|url=a}}"
