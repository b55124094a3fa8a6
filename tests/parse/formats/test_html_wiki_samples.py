"""MediaWiki HTML as real pages give it (issue 17): the four pages of ``tests/data/wiki-samples/
html/`` (three legacy desktop pages and one Parsoid page), and small pages for each backlink form
and each place a marker can sit.

The counts are the hand counts of ``index.json`` in the development set; the backlinks and uses
below were checked by reading the pages' lists and the sentences that cite them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from citecheck.audit import audit
from citecheck.model import Article, Document, Reference
from citecheck.parse import parse
from tests.parse.formats.test_html import read

SAMPLES = Path(__file__).parents[2] / "data" / "wiki-samples" / "html"
MOZILLA = "enwiki-mozilla.html"
HERMITIAN = "enwiki-hermitian-matrix.html"
TIME_LOOPS = "enwiki-films-featuring-time-loops.html"
DOG = "enwiki-dog.parsoid.html"
STRUCTURAL = ["backlink-mismatch", "uncited-reference", "missing-reference"]


@cache
def sample(name: str) -> Article:
    path = SAMPLES / name
    return parse(Document(path.read_text(encoding="utf-8"), "html", str(path)))


def entry(art: Article, label: str) -> Reference:
    (found,) = [r for r in (*art.references, *art.notes) if r.label == label]
    return found


def uses(art: Article, label: str) -> list[str]:
    """The texts of the claims that cite ``label``, once per marker."""
    return [c.text for c in art.claims for m in c.markers if m.label == label]


def structural_findings(html: str, origin: str = "<test>") -> list[tuple[str, str | None]]:
    report = audit(Document(html, "html", origin), today=dt.date(2026, 12, 7), select=STRUCTURAL)
    return [(f.code, f.reference) for f in report.findings]


# -- the real pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "references", "notes"),
    [(MOZILLA, 72, 0), (HERMITIAN, 5, 0), (TIME_LOOPS, 80, 0), (DOG, 236, 1)],
)
def test_every_entry_of_the_real_pages_is_read(name: str, references: int, notes: int) -> None:
    art = sample(name)
    assert [r.label for r in art.references] == [str(n) for n in range(1, references + 1)]
    assert [n.label for n in art.notes] == ["a"][:notes]
    assert all(r.raw for r in (*art.references, *art.notes))


# (page, label, backlinks shown, markers in the body), checked by hand: a lone ^ / ↑ shows no
# labels; "Jump up to:" is a screen-reader label, not a backlink's letter.
BACKLINKS = [
    (MOZILLA, "1", (), 1),
    (MOZILLA, "36", ("a", "b"), 2),
    (MOZILLA, "72", (), 1),
    (HERMITIAN, "3", ("a", "b"), 2),
    (HERMITIAN, "5", (), 1),
    (TIME_LOOPS, "23", ("a", "b"), 2),
    (TIME_LOOPS, "80", (), 1),
    (DOG, "1", ("1", "2", "3"), 3),
    (DOG, "16", tuple(str(n) for n in range(1, 13)), 12),
    (DOG, "226", tuple(str(n) for n in range(1, 9)), 8),
    (DOG, "236", (), 1),
    (DOG, "a", (), 1),
]


@pytest.mark.parametrize(("name", "label", "backlinks", "markers"), BACKLINKS)
def test_backlinks_and_uses_of_hand_checked_entries(
    name: str, label: str, backlinks: tuple[str, ...], markers: int
) -> None:
    art = sample(name)
    assert entry(art, label).backlinks == backlinks
    assert len(uses(art, label)) == markers


@pytest.mark.parametrize("name", [MOZILLA, HERMITIAN, TIME_LOOPS, DOG])
def test_the_real_pages_have_no_structural_finding(name: str) -> None:
    # Read by hand: every entry of the four pages is cited, as often as its backlinks say, and
    # no marker lacks its entry.
    path = SAMPLES / name
    assert structural_findings(path.read_text(encoding="utf-8"), str(path)) == []


# (page, label, start of a claim citing it) for uses outside plain paragraphs.
PLACES = [
    (DOG, "1", "Subspecies: C. l. familiaris"),  # the taxobox (an infobox table)
    (DOG, "1", "Canis lupus familiaris Linnaeus, 1758"),
    (TIME_LOOPS, "23", "Naken 2000 On the day of his wedding"),  # a row of the list's table
    (TIME_LOOPS, "23", "Naked 2017 Rob is caught in a time loop"),
]


@pytest.mark.parametrize(("name", "label", "start"), PLACES)
def test_markers_outside_paragraphs_are_uses(name: str, label: str, start: str) -> None:
    assert any(text.startswith(start) for text in uses(sample(name), label))


def test_brackets_in_the_text_are_not_markers() -> None:
    # Dog: a quotation reads "[t]he health of elderly people…", which was a phantom note [t]
    # (a missing-reference error); Hermitian matrix: "[1994]" in an External links entry.
    dog = sample(DOG)
    (claim,) = [c for c in dog.claims if '"[t]he health of elderly people' in c.text]
    assert [m.label for m in claim.markers] == ["209", "210", "211"]
    assert not uses(dog, "t")
    assert not uses(sample(HERMITIAN), "1994")


# -- every backlink form ----------------------------------------------------------------------

BODY = (
    '<p>First.<sup class="reference" id="cite_ref-x_1-0"><a href="#cite_note-x-1">[1]</a></sup>'
    ' Second.<sup class="reference" id="cite_ref-x_1-1"><a href="#cite_note-x-1">[1]</a></sup>'
    "</p>"
)


def legacy(backlink: str) -> str:
    return (
        f'<div class="mw-parser-output">{BODY}<ol class="references"><li id="cite_note-x-1">'
        f'<span class="mw-cite-backlink">{backlink}</span> <span class="reference-text">A work.'
        "</span></li></ol></div>"
    )


PARSOID_BODY = (
    '<p>First.<sup class="mw-ref reference" id="cite_ref-x_1-0" typeof="mw:Extension/ref">'
    '<a href="./P#cite_note-x-1"><span class="mw-reflink-text">[1]</span></a></sup> Second.'
    '<sup class="mw-ref reference" id="cite_ref-x_1-1" typeof="mw:Extension/ref">'
    '<a href="./P#cite_note-x-1"><span class="mw-reflink-text">[1]</span></a></sup></p>'
)


def parsoid(backlink: str) -> str:
    return (
        f'<section>{PARSOID_BODY}<ol class="mw-references references"><li id="cite_note-x-1">'
        f'{backlink} <span class="mw-reference-text">A work.</span></li></ol></section>'
    )


def link(target: str, text: str, rel: str = "") -> str:
    return f'<a href="{target}"{rel}>{text}</a>'


@pytest.mark.parametrize(
    ("html", "backlinks"),
    [
        # legacy: a lone ^ link (one use), "^ a b", "Jump up to: a b", numbered "1.0 1.1"
        (legacy(link("#cite_ref-x_1-0", "^")), ()),
        (
            legacy(
                "^ "
                + link("#cite_ref-x_1-0", "<sup><i><b>a</b></i></sup>")
                + " "
                + link("#cite_ref-x_1-1", "<sup><i><b>b</b></i></sup>")
            ),
            ("a", "b"),
        ),
        (
            legacy(
                "^ "
                + link(
                    "#cite_ref-x_1-0",
                    '<span class="cite-accessibility-label">Jump up to: </span><sup>a</sup>',
                )
                + " "
                + link("#cite_ref-x_1-1", "<sup>b</sup>")
            ),
            ("a", "b"),
        ),
        (
            legacy("↑ " + link("#cite_ref-x_1-0", "1.0") + " " + link("#cite_ref-x_1-1", "1.1")),
            ("1.0", "1.1"),
        ),
        # Parsoid: a single a[rel=mw:referencedBy], and the wrapped group
        (
            parsoid(
                link(
                    "./P#cite_ref-x_1-0",
                    '<span class="mw-linkback-text">↑ </span>',
                    ' rel="mw:referencedBy"',
                )
            ),
            (),
        ),
        (
            parsoid(
                '<span rel="mw:referencedBy">'
                + link("./P#cite_ref-x_1-0", '<span class="mw-linkback-text">1 </span>')
                + link("./P#cite_ref-x_1-1", '<span class="mw-linkback-text">2 </span>')
                + "</span>"
            ),
            ("1", "2"),
        ),
    ],
)
def test_every_backlink_form_is_read(html: str, backlinks: tuple[str, ...]) -> None:
    assert read(html).references[0].backlinks == backlinks
    # Two markers in the body: every group form agrees with them, a lone link is not judged.
    assert structural_findings(html) == []


def test_backlink_mismatch_works_on_both_renderings() -> None:
    one_use = BODY.split(" Second.")[0] + "</p>"
    group = '<span rel="mw:referencedBy">{}{}{}</span>'.format(
        *(link(f"./P#cite_ref-x_1-{n}", f"{n + 1} ") for n in range(3))
    )
    parsoid_page = parsoid(group).replace(PARSOID_BODY, one_use)
    legacy_page = legacy(
        "^ " + " ".join(link(f"#cite_ref-x_1-{n}", "abc"[n]) for n in range(3))
    ).replace(BODY, one_use)
    for page in (parsoid_page, legacy_page):
        assert structural_findings(page) == [("backlink-mismatch", "1")]


# -- markers wherever a page puts them --------------------------------------------------------


def marker(n: int) -> str:
    return f'<sup class="reference" id="cite_ref-{n}"><a href="#cite_note-{n}">[{n}]</a></sup>'


PLACES_PAGE = (
    '<div class="mw-parser-output">'
    f"<h2>History{marker(1)}</h2>"
    f"<p>Prose.{marker(2)}</p>"
    f'<table class="infobox"><caption>Box{marker(3)}</caption>'
    f"<tr><th>Born</th><td>1900{marker(4)}</td></tr></table>"
    f'<table class="wikitable"><tr><td>Film</td><td>2000</td><td>Plot.{marker(5)}</td></tr>'
    "</table>"
    f'<figure><img src="x.png"><figcaption>A dog.{marker(6)}</figcaption></figure>'
    f'<div class="thumb"><div class="thumbinner"><div class="thumbcaption">A cat.{marker(7)}'
    "</div></div></div>"
    f"<ul><li>An item.{marker(8)}<ul><li>A sub-item.{marker(9)}</li></ul></li></ul>"
    f"<h4>Minor{marker(10)}</h4>"
    f"<dl><dt>Term{marker(11)}</dt><dd>Definition.{marker(12)}</dd></dl>"
    '<ol class="references">'
    + "".join(
        f'<li id="cite_note-{n}"><span class="mw-cite-backlink"><a href="#cite_ref-{n}">^</a>'
        f'</span> <span class="reference-text">Work {n}.</span></li>'
        for n in range(1, 13)
    )
    + "</ol></div>"
)


def test_markers_in_headings_tables_captions_and_lists_are_uses() -> None:
    art = read(PLACES_PAGE)
    for n in range(1, 13):
        assert len(uses(art, str(n))) == 1, n
    assert structural_findings(PLACES_PAGE) == []
    # A heading's marker is a use, but the section keeps the heading's words only.
    assert {c.section for c in art.claims if c.markers[0].label == "2"} == {"History"}
    assert [c.text for c in art.claims if c.markers[0].label == "1"] == ["History"]
    assert [c.text for c in art.claims if c.markers[0].label == "3"] == ["Box"]


def test_parsoid_backlinks_stay_out_of_an_entry_without_a_text_span() -> None:
    html = (
        f'<section>{PARSOID_BODY}<ol class="mw-references references"><li id="cite_note-x-1">'
        '<span rel="mw:referencedBy"><a href="./P#cite_ref-x_1-0">1 </a>'
        '<a href="./P#cite_ref-x_1-1">2 </a></span> A work.</li></ol></section>'
    )
    (only,) = read(html).references
    assert (only.raw, only.backlinks) == ("A work.", ("1", "2"))


# -- what an entry cites ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [MOZILLA, HERMITIAN, TIME_LOOPS, DOG])
def test_links_into_the_wiki_are_never_the_cited_url(name: str) -> None:
    """A page that marks its external links: the publisher's article ("Sify"), "ISBN
    (identifier)" and interwiki links are the wiki's own pages, not what an entry cites."""
    urls = [r.url for r in sample(name).references if r.url]
    assert not [u for u in urls if ".wikipedia.org/wiki/" in u]


def test_an_entry_whose_title_links_its_snapshot_cites_the_original_link() -> None:
    # "Movie Review : Oru Kanniyum …" (the title links the snapshot). Sify (its article on the
    # wiki). Archived from the original (the cited page) on 2014-04-06.
    found = entry(sample(TIME_LOOPS), "39")
    assert found.url == (
        "http://www.sify.com/movies/oru-kanniyum-moonu-kalavaanikalum-review-tamil-15052647.html"
    )
    assert found.archive_url is not None and found.archive_url.startswith("https://web.archive.org/")


# What an offline audit of the real pages reports besides missing archives and access dates,
# checked by hand: each is true of the page (a book cited twice at the same page; an access date
# a year before publication; one source cited twice, once archived).
FINDINGS_BY_HAND = {
    MOZILLA: [],
    HERMITIAN: [],
    TIME_LOOPS: [("4", "duplicate-reference"), ("80", "date-order")],
    DOG: [("222", "duplicate-reference")],
}


@pytest.mark.parametrize("name", list(FINDINGS_BY_HAND))
def test_the_real_pages_raise_only_the_findings_checked_by_hand(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    report = audit(Document(text, "html", name), today=dt.date(2026, 12, 7))
    routine = {"missing-archive", "missing-access-date", "unreadable-reference"}
    found = sorted((f.reference, f.code) for f in report.findings if f.code not in routine)
    assert found == FINDINGS_BY_HAND[name]
