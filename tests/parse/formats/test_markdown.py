"""The Markdown format: reports written with [1]/[^1] citations, and wiki pages converted to it.

Whole documents are data: ``tests/data/markdown/<case>.md`` with ``<case>.expected.json``
holding every claim (section, line, markers, and text where given), every reference and note by
label (only the fields listed are compared; dates as ISO strings), the title and whether the
document has a notes section. Single constructs are specified by the small tests below.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import citecheck
from citecheck.model import Article, Document, Reference
from citecheck.parse import ParseError, detect_format, parse
from citecheck.parse.formats.markdown import detect

DATA = Path(__file__).parents[2] / "data"
CASES = sorted(
    p.stem
    for p in (DATA / "markdown").glob("*.md")
    if (DATA / "markdown" / f"{p.stem}.expected.json").exists()
)
TODAY = dt.date(2026, 11, 22)


def md(text: str) -> Article:
    return parse(Document(text, "markdown", "test.md"))


def _value(reference: Reference, name: str) -> Any:
    value = getattr(reference, name)
    if hasattr(value, "iso"):
        return value.iso()
    if isinstance(value, tuple):
        return list(value)
    return value


def _entries(found: tuple[Reference, ...], expected: dict[str, dict[str, Any]]) -> None:
    # Every entry is accounted for: none dropped, none invented.
    assert [r.label for r in found] == list(expected)
    for reference in found:
        actual = {name: _value(reference, name) for name in expected[reference.label]}
        assert actual == expected[reference.label], f"entry {reference.label}"


@pytest.mark.parametrize("case", CASES)
def test_case(case: str) -> None:
    expected = json.loads((DATA / "markdown" / f"{case}.expected.json").read_text("utf-8"))
    article = parse(Document((DATA / "markdown" / f"{case}.md").read_text("utf-8"), "auto", case))

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
    _entries(article.references, expected["references"])
    _entries(article.notes, expected["notes"])
    assert article.title == expected["title"]
    assert article.has_notes_section == expected["has_notes_section"]


def test_cases_cover_every_construct_of_the_issue() -> None:
    assert set(CASES) >= {"footnotes", "multilingual", "wiki_converted", "structure", "notes_list"}


# -- detection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Claim.[^1]\n\n[^1]: Source. Publisher. 2023.\n",
        "# Report\n\nClaim [1].\n\n## References\n\n1. Source. 2023.\n",
        "Report\n======\n\nClaim [1].\n\nReferences\n----------\n\n1. Source.\n",
        "会面[[1]](#cite_note-1)。\n",
        "# 报告\n\n会面[1]。\n\n## 参考文献\n\n1. 来源。\n",
        "Встреча[1].\n\n### Примечания\n\n1. Источник.\n",
    ],
    ids=["footnote", "atx-references", "setext-references", "cite-note-link", "zh", "ru"],
)
def test_markdown_is_detected_with_confidence(text: str) -> None:
    assert detect(text) >= 0.7
    assert detect_format(text) == "markdown"


@pytest.mark.parametrize(
    "path, expected",
    [
        (DATA / "wikitext" / "zh_cs1_notes.wikitext", "wikitext"),
        (DATA / "wikitext" / "en_list_defined.wikitext", "wikitext"),
        (DATA / "html" / "legacy-small.html", "html"),
        (DATA / "html" / "parsoid-small.html", "html"),
        (DATA / "articles" / "zhwiki-2023-north-korea-russia-summit.txt", "text"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_other_formats_are_not_markdown(path: Path, expected: str) -> None:
    text = path.read_text("utf-8")
    assert detect(text) == 0.0 or expected == "text"
    assert detect_format(text) == expected


def test_a_link_alone_does_not_outweigh_a_rendered_reference_list() -> None:
    text = "Claim [1].\n- ^ Source. [link](https://example.org)\n"
    assert detect(text) == pytest.approx(0.1)
    assert detect_format(text) == "text"


# -- markers and labels -------------------------------------------------------------------------


def test_numbered_footnotes_keep_their_number() -> None:
    article = md("A.[^3] B.[^1]\n\n[^1]: One. 2023.\n[^3]: Three. 2023.\n")
    assert [m.label for c in article.claims for m in c.markers] == ["3", "1"]
    assert [r.label for r in article.references] == ["1", "3"]


def test_named_footnotes_are_numbered_by_first_use_around_taken_numbers() -> None:
    article = md(
        "A.[^zeta] B.[^2] C.[^alpha] D.[1]\n\n"
        "## References\n\n1. Listed. 2023.\n\n"
        "[^alpha]: Alpha. 2023.\n[^zeta]: Zeta. 2023.\n[^2]: Two. 2023.\n[^spare]: Spare. 2023.\n"
    )
    # zeta is used first but 1 and 2 are taken, so it is 3; alpha 4; spare (unused) last.
    assert [m.label for c in article.claims for m in c.markers] == ["3", "2", "4", "1"]
    titles = {r.label: r.title for r in article.references}
    assert titles == {"1": "Listed", "2": "Two", "3": "Zeta", "4": "Alpha", "5": "Spare"}


def test_letter_footnotes_are_notes_whose_citations_are_claims() -> None:
    article = md("Claim.[^1][^a]\n\n[^a]: An explanation, sourced.[^1]\n[^1]: Source. 2023.\n")
    assert [n.label for n in article.notes] == ["a"]
    assert article.notes[0].title == "An explanation, sourced"
    assert [(c.section, [m.label for m in c.markers]) for c in article.claims] == [
        (None, ["1", "a"]),
        ("note [a]", ["1"]),
    ]


@pytest.mark.parametrize(
    "marker",
    [
        "[[1]](#cite_note-1)",
        "<sup>[[1]](#cite_note-smith-1)</sup>",
        "[\\[1\\]](#cite_note-1)",
        '[[1]](#cite_note-1 "note")',
        "[1]",
        "\\[1\\]",
    ],
)
def test_marker_forms_all_read_as_one_marker(marker: str) -> None:
    article = md(f"The claim.{marker} Next.\n\n## References\n\n1. Source. 2023.\n")
    assert [(c.text, [m.label for m in c.markers]) for c in article.claims] == [
        ("The claim.", ["1"])
    ]


def test_marker_groups_and_ranges_are_each_marker() -> None:
    article = md("One [1, 3]. Two [2–4]. Three [5-5]. Not a range [1-99].\n")
    assert [[m.label for m in c.markers] for c in article.claims] == [
        ["1", "3"],
        ["2", "3", "4"],
        ["5"],
    ]


def test_links_images_and_code_are_not_markers() -> None:
    article = md(
        "A [link](https://example.org/1) with text 1. An ![image [2]](x.png). "
        "Code `x[3]`. A task:\n\n- [x] done\n\nA real one.[4]\n"
    )
    assert [(c.text, [m.label for m in c.markers]) for c in article.claims] == [
        ("A real one.", ["4"])
    ]


# -- reference lists ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "Sources",
        "Notes",
        "参考文献",
        "参考资料",
        "注释",
        "Примечания",
        "Источники",
        "Примітки",
        "Джерела",
        "脚注",
        "出典",
    ],
)
@pytest.mark.parametrize("style", ["atx", "atx-closed", "setext"])
def test_every_references_heading_opens_the_list(heading: str, style: str) -> None:
    written = {
        "atx": f"## {heading}",
        "atx-closed": f"### {heading} ###",
        "setext": f"{heading}\n{'-' * 8}",
    }[style]
    article = md(f"Claim.[1]\n\n{written}\n\n1. Source. Publisher. 2023.\n")
    assert [(r.label, r.title, r.publisher) for r in article.references] == [
        ("1", "Source", "Publisher")
    ]
    assert [c.text for c in article.claims] == ["Claim."]


@pytest.mark.parametrize(
    "items, labels",
    [
        ("1. A.\n2. B.\n3. C.", ["1", "2", "3"]),
        ("1) A.\n2) B.\n3) C.", ["1", "2", "3"]),
        ("1. A.\n1. B.\n1. C.", ["1", "2", "3"]),  # CommonMark numbers on from the first item
        ("5. A.\n6. B.", ["5", "6"]),
        ("- A.\n- B.\n* C.", ["1", "2", "3"]),
        ("[1] A.\n[2] B.\n[7] C.", ["1", "2", "7"]),
        ('[1]: https://example.org/a "A"\n[2]: <https://example.org/b>', ["1", "2"]),
    ],
    ids=["dot", "paren", "lazy", "start", "bullets", "bracketed", "link-definitions"],
)
def test_list_entries_are_labelled_as_rendered(items: str, labels: list[str]) -> None:
    article = md(f"Claim.[1]\n\n## References\n\n{items}\n")
    assert [r.label for r in article.references] == labels


def test_link_urls_reach_url_and_archive_url() -> None:
    article = md(
        "Claim.[1][2][3]\n\n## References\n\n"
        "1. [Title](https://example.org/a). Pub. [Archived](https://web.archive.org/web/2023/"
        "https://example.org/a) from the original on 1 May 2023.\n"
        "2. Title two. Pub. <https://example.org/b>\n"
        "3. Title three. Pub. https://example.org/c https://archive.ph/abc12\n"
    )
    assert [(r.url, r.archive_url, r.has_archive) for r in article.references] == [
        ("https://example.org/a", "https://web.archive.org/web/2023/https://example.org/a", True),
        ("https://example.org/b", None, False),
        ("https://example.org/c", "https://archive.ph/abc12", True),
    ]
    assert [(r.title, r.publisher) for r in article.references] == [
        ("Title", "Pub"),
        ("Title two", "Pub"),
        ("Title three", "Pub"),
    ]
    assert str(article.references[0].archived) == "2023-05-01"
    # The Markdown source is kept whole, links and all.
    assert article.references[0].raw.startswith("[Title](https://example.org/a). Pub.")


def test_a_sub_heading_inside_the_references_keeps_the_list_going() -> None:
    article = md(
        "Claim.[1][2]\n\n## References\n\n### Books\n\n1. A book. 2001.\n\n### Web\n\n"
        "2. A page. 2023.\n\n## See also\n\n- A related page.[9]\n"
    )
    assert [r.title for r in article.references] == ["A book", "A page"]
    # A heading at the list's level ends it: what follows is prose again.
    assert [(c.section, [m.label for m in c.markers]) for c in article.claims] == [
        (None, ["1", "2"]),
        ("See also", ["9"]),
    ]


def test_notes_heading_holds_notes_only_beside_a_references_heading() -> None:
    both = md("A.[1][a]\n\n## Notes\n\n1. Explained.\n\n## References\n\n1. Source. 2023.\n")
    assert [n.label for n in both.notes] == ["a"] and [r.label for r in both.references] == ["1"]
    assert both.has_notes_section
    alone = md("A.[1]\n\n## Notes\n\n1. Source. 2023.\n")
    assert alone.notes == () and [r.title for r in alone.references] == ["Source"]


def test_an_empty_notes_section_leaves_note_markers_missing() -> None:
    report = citecheck.audit(
        "A claim.[1][a]\n\n## 注释\n\n## 参考文献\n\n1. 来源. 出版社. 2023-01-01 [2023-01-02]. "
        "(原始内容存档于2023-01-03) (英语).\n",
        today=TODAY,
        input_format="markdown",
    )
    assert report.article.has_notes_section and report.article.notes == ()
    assert [(f.code, f.message) for f in report.findings if f.code == "missing-reference"] == [
        ("missing-reference", "[a] cites a note, but the notes section is empty")
    ]


# -- claims -------------------------------------------------------------------------------------


def test_claims_carry_their_section_and_source_line() -> None:
    article = md(
        "# Title\n\nLead sentence.[1]\n\n## History\n\nA sentence that is wrapped\n"
        "over two lines.[2] Another.[3]\n\n## References\n\n1. A. 2001.\n2. B. 2002.\n3. C. 2003.\n"
    )
    assert article.title == "Title"
    assert [(c.section, c.line, c.text) for c in article.claims] == [
        (None, 3, "Lead sentence."),
        ("History", 7, "A sentence that is wrapped over two lines."),
        ("History", 8, "Another."),
    ]


def test_front_matter_gives_the_title_and_is_not_prose() -> None:
    article = md('---\ntitle: "A report"\nnote: see [1]\n---\n\nClaim.[1]\n')
    assert article.title == "A report"
    assert [(c.line, c.text) for c in article.claims] == [(6, "Claim.")]


def test_wiki_edit_links_and_heading_ids_are_not_part_of_the_section() -> None:
    article = md(
        "## 背景 [[编辑](https://zh.wikipedia.org/w/index.php?action=edit&section=1)]\n\n会面[1]。\n\n"
        "## Talks {#talks}\n\nThey met.[1]\n"
    )
    assert [c.section for c in article.claims] == ["背景", "Talks"]


# -- broken input -------------------------------------------------------------------------------


def test_no_references_and_no_markers_is_nothing_to_audit_not_an_error() -> None:
    text = "# Notes to self\n\nNothing cited here.\n"
    assert parse(Document(text, "auto", "notes.md")) == Article(
        claims=(), references=(), notes=(), title="Notes to self"
    )


def test_nothing_read_in_a_named_format_is_a_clear_error_naming_the_file() -> None:
    # Named by the user, the format is the likelier mistake than the document.
    with pytest.raises(ParseError, match=r"^notes\.md: nothing could be read as markdown"):
        parse(Document("# Notes to self\n\nNothing cited here.\n", "markdown", "notes.md"))


def test_markers_without_references_are_read_and_flagged() -> None:
    report = citecheck.audit(DATA / "markdown" / "markers_only.md", today=TODAY)
    assert report.article.references == ()
    assert [(f.code, f.evidence["marker"]) for f in report.findings] == [
        ("missing-reference", "[1]"),
        ("missing-reference", "[2]"),
    ]


def test_a_footnote_used_but_never_defined_is_a_missing_reference() -> None:
    report = citecheck.audit(
        "Claim.[^ghost] Other.[^1]\n\n[^1]: Source. Pub. 2023.\n",
        today=TODAY,
        input_format="markdown",
    )
    # The named footnote takes the first free number, 2, and nothing defines it.
    assert [
        (f.code, f.reference, f.evidence.get("marker"))
        for f in report.findings
        if f.code == "missing-reference"
    ] == [("missing-reference", None, "[2]")]


def test_an_unclosed_fence_hides_the_rest_but_what_came_before_is_read() -> None:
    article = md("Claim.[1]\n\n```\nnever closed [2]\n\n## References\n\n1. Hidden. 2023.\n")
    assert [[m.label for m in c.markers] for c in article.claims] == [["1"]]
    assert article.references == ()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "# H",
                "## References",
                "1. ",
                "- ",
                "[^1]",
                "[^a]: ",
                "[^x]:",
                "[1]",
                "[[2]](#cite_note-2)",
                "```",
                "    ",
                "> ",
                "|",
                "---",
                "===",
                "text. ",
                "会面。",
                "\n",
                "\n\n",
                "[",
                "]",
                "(",
                ")",
                "<!--",
                "-->",
                "`",
                "*",
                "_",
                "\\",
                "^ 1.0 1.1 ",
                "https://example.org ",
                "<https://x.y>",
            ]
        ),
        max_size=40,
    )
)
def test_any_markdown_reads_or_fails_with_a_parse_error(pieces: list[str]) -> None:
    try:
        article = md("".join(pieces))
    except ParseError as error:
        assert str(error).startswith("test.md: ")
        return
    assert all(c.markers for c in article.claims)
