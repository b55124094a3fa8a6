"""Wikitext citations the way real articles write them (issue 17): free-text refs, refs holding
several works, and markers outside prose.

The two real pages of ``tests/data/wiki-samples/wikitext/`` are read whole: their reference
counts are the hand counts of the development set's ``index.json``, and the fields below were
checked by hand against each ref's wikitext.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from citecheck.audit import audit
from citecheck.model import Article, Document, Reference
from citecheck.parse.formats.wikitext import read_wikitext

SAMPLES = Path(__file__).parents[2] / "data" / "wiki-samples" / "wikitext"
BODMIN = "enwiki-bodmin.wikitext"
ARTS_CLUB = "enwiki-arts-club-of-chicago.wikitext"


@cache
def sample(name: str) -> Article:
    reading = read_wikitext((SAMPLES / name).read_text(encoding="utf-8"), origin=name)
    assert reading.problems == ()
    return reading.article


def entry(article: Article, label: str) -> Reference:
    (found,) = [r for r in article.references if r.label == label]
    return found


def read_one(ref: str) -> Reference:
    """The one reference of a sentence citing ``ref`` (the ref's wikitext, tags included)."""
    (reference,) = read_wikitext(f"A sentence.{ref}\n\n{{{{reflist}}}}\n").article.references
    return reference


def fields(reference: Reference, names: dict[str, object]) -> dict[str, object]:
    shown = {
        "authors": list(reference.authors),
        "published": reference.published and reference.published.iso(),
        "accessed": reference.accessed and reference.accessed.iso(),
        "archived": reference.archived and reference.archived.iso(),
    }
    return {name: shown.get(name, getattr(reference, name, None)) for name in names}


# -- the real pages -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "references"), [(BODMIN, 47), (ARTS_CLUB, 34)])
def test_every_reference_of_the_real_pages_is_read(name: str, references: int) -> None:
    article = sample(name)
    assert [r.label for r in article.references] == [str(n) for n in range(1, references + 1)]
    assert article.notes == ()
    # Every reference is cited somewhere: none is read as defined and never used.
    assert set(article.uses()) == {r.label for r in article.references}


# (page, label, fields) checked by hand against the ref's wikitext; a field left out was not
# checked, a None one is checked to be absent.
HAND_CHECKED: list[tuple[str, str, dict[str, object]]] = [
    # Sturt, John (1987) Revolt in the West: the Western Rebellion of 1549. Exeter: Devon Books
    (
        BODMIN,
        "14",
        {
            "authors": ["Sturt, John"],
            "title": "Revolt in the West: the Western Rebellion of 1549",
            "published": "1987",
            "url": None,
        },
    ),
    # He also mentions a fourth cross …--Langdon, A. G. (1896) ''Old Cornish Crosses''. Truro: …
    (
        BODMIN,
        "12",
        {"authors": ["Langdon, A. G."], "title": "Old Cornish Crosses", "published": "1896"},
    ),
    # Dyer, Peter (2005) ''Tintagel: a portrait of a parish''. Cambridge: Cambridge Books {{ISBN…
    (
        BODMIN,
        "20",
        {
            "authors": ["Dyer, Peter"],
            "title": "Tintagel: a portrait of a parish",
            "published": "2005",
            "url": None,
        },
    ),
    # Chichester, H. M. (2004) ‘Gilbert, Sir Walter Raleigh, first baronet (1785–1853)’, rev. …
    # [http://www.oxforddnb.com/view/article/10704  accessed 1 Jan 2008]: the link text is the
    # access clause, not a title.
    (
        BODMIN,
        "26",
        {
            "authors": ["Chichester, H. M."],
            "title": "Gilbert, Sir Walter Raleigh, first baronet (1785–1853)",
            "published": "2004",
            "accessed": "2008-01-01",
            "url": "http://www.oxforddnb.com/view/article/10704",
        },
    ),
    # [http://www.the-beacon-bod.cornwall.sch.uk/ Beacon ACE Academy]
    (
        BODMIN,
        "28",
        {
            "title": "Beacon ACE Academy",
            "url": "http://www.the-beacon-bod.cornwall.sch.uk/",
            "published": None,
        },
    ),
    # Colin Day, ''National Service …'', at www.colindaylinks.com/… (accessed 7 December 2010):
    # the italics are the title, the link written without its scheme the URL.
    (
        BODMIN,
        "36",
        {
            "title": "National Service with the RAEC in Cornwall Part 1",
            "url": "http://www.colindaylinks.com/dayspast/raec49.html",
            "accessed": "2010-12-07",
            "published": None,
        },
    ),
    # Pevsner, N. (1970) ''Cornwall''; second ed. Penguin Books: the italics end the title.
    (BODMIN, "16", {"authors": ["Pevsner, N."], "title": "Cornwall", "published": "1970"}),
    # Thorn, C. et al. (eds.) (1979) ''Cornwall''. Chichester: Phillimore; entries 4,3-4.22
    (BODMIN, "8", {"authors": ["Thorn, C."], "title": "Cornwall", "published": "1979"}),
    # Discussion, photo and bibliography in Okasha, Elisabeth (1993). ''Corpus of …''. …
    (
        BODMIN,
        "11",
        {
            "title": "Corpus of Early Christian Inscribed Stones of South-west Britain",
            "published": "1993",
        },
    ),
    # "Illiterate Recruits" in ''The Times'' (London) (23 August 1947): an article in a paper.
    (
        BODMIN,
        "35",
        {"title": "Illiterate Recruits", "publisher": "The Times", "published": "1947-08-23"},
    ),
    # Ordnance Survey ''One-inch Map of Great Britain; Bodmin and Launceston, sheet 186''. 1961
    (
        BODMIN,
        "45",
        {
            "title": "One-inch Map of Great Britain; Bodmin and Launceston, sheet 186",
            "published": "1961",
        },
    ),
    # [http://www.golfsmissinglinks.co.uk/… "Royal Cornwall Golf Club"], "Golf’s Missing Links".
    (
        BODMIN,
        "37",
        {
            "title": "Royal Cornwall Golf Club",
            "url": "http://www.golfsmissinglinks.co.uk/index.php?option=com_content&view=article&id=1025",
        },
    ),
    # Cornish Guardian: [http://www.cornishguardian.co.uk/… Bodmin wheelchair racer breaks
    # European record | Cornish Guardian], accessdate: 23 June 2016
    (
        BODMIN,
        "40",
        {
            "title": "Bodmin wheelchair racer breaks European record",
            "publisher": "Cornish Guardian",
            "url": "http://www.cornishguardian.co.uk/wheeelchair/story-29345394-detail/story.html",
            # ", accessdate: 23 June 2016": the parameter's name typed as prose.
            "accessed": "2016-06-23",
        },
    ),
    # Brown, H. Miles (1964) ''The Church in Cornwall''. Truro: Oscar Blackford; p. 40
    (
        BODMIN,
        "42",
        {
            "authors": ["Brown, H. Miles"],
            "title": "The Church in Cornwall",
            "published": "1964",
        },
    ),
    # Short citations of a work in the bibliography: the author and the page, no title to read.
    # <ref name=ACoC75p6>Wells, p. 6</ref>, <ref>Shaw, pg. 40</ref>, Fitzgerald, pp. 120-1
    (ARTS_CLUB, "8", {"authors": ["Wells"], "pages": "6", "title": None, "unread": ()}),
    (ARTS_CLUB, "22", {"authors": ["Shaw"], "pages": "40", "title": None, "unread": ()}),
    (ARTS_CLUB, "4", {"authors": ["Fitzgerald"], "pages": "120-1", "title": None}),
    # {{cite book|title=Chicago Architecture and Design|…|chapter=The Meaning of Mies and …}}
    (
        ARTS_CLUB,
        "16",
        {
            "title": "Chicago Architecture and Design",
            "chapter": "The Meaning of Mies and the Rise of Modernism",
            "published": "2005",
        },
    ),
    # <ref name="artsclubchicago.org">http://www.artsclubchicago.org</ref>
    (ARTS_CLUB, "33", {"url": "http://www.artsclubchicago.org", "title": None}),
]


@pytest.mark.parametrize(("name", "label", "expected"), HAND_CHECKED)
def test_free_text_refs_of_the_real_pages(
    name: str, label: str, expected: dict[str, object]
) -> None:
    assert fields(entry(sample(name), label), expected) == expected


# What an offline audit of the real pages reports besides missing archives, checked by hand: the
# bare-URL refs name no title, Pevsner's Cornwall is cited twice (once by name), and no more. Two
# chapters of one book (Arts Club 16, 20), short citations (Wells, p. 6) and free-text refs read
# from their italics raise nothing.
FINDINGS_BY_HAND = {
    ARTS_CLUB: [
        ("33", "missing-access-date"),
        ("33", "unreadable-reference"),
        ("34", "missing-access-date"),
        ("34", "unreadable-reference"),
    ],
    BODMIN: [
        ("18", "duplicate-reference"),
        ("28", "missing-access-date"),
        ("29", "missing-access-date"),
        ("30", "missing-access-date"),
        ("32", "missing-access-date"),
        ("37", "missing-access-date"),
    ],
}


@pytest.mark.parametrize("name", [ARTS_CLUB, BODMIN])
def test_the_real_pages_raise_only_the_findings_checked_by_hand(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    report = audit(Document(text, "wikitext", name), today=dt.date(2026, 12, 7))
    found = sorted((f.reference, f.code) for f in report.findings if f.code != "missing-archive")
    assert found == FINDINGS_BY_HAND[name]


# -- free-text refs ---------------------------------------------------------------------------------

FREE_TEXT: list[tuple[str, dict[str, object]]] = [
    (
        "<ref>Smith, John [https://example.com/a Kim arrives] ''The Guardian''. 12 September 2023."
        " Accessed 7 December 2023.</ref>",
        {
            "authors": ["Smith, John"],
            "title": "Kim arrives",
            "publisher": "The Guardian",
            "published": "2023-09-12",
            "accessed": "2023-12-07",
            "url": "https://example.com/a",
            "archive_url": None,
        },
    ),
    # An archive link by its URL, another by its text alone.
    (
        "<ref>[https://example.com/b Page B] [https://web.archive.org/web/20200101000000/"
        "https://example.com/b Archived]</ref>",
        {
            "title": "Page B",
            "url": "https://example.com/b",
            "archive_url": "https://web.archive.org/web/20200101000000/https://example.com/b",
            "archived": "2020-01-01",
        },
    ),
    (
        "<ref>[https://example.com/c Page C] ([https://keep.example/c-copy Archived])</ref>",
        {
            "title": "Page C",
            "url": "https://example.com/c",
            "archive_url": "https://keep.example/c-copy",
        },
    ),
    ("<ref>https://example.com/bare</ref>", {"url": "https://example.com/bare", "title": None}),
    (
        "<ref>{{IMDb name|0000123|John Smith}}</ref>",
        {
            "title": "John Smith",
            "publisher": "IMDb",
            "url": "https://www.imdb.com/name/nm0000123/",
        },
    ),
]


@pytest.mark.parametrize(("ref", "expected"), FREE_TEXT)
def test_a_free_text_ref_gives_the_fields_of_its_links_and_italics(
    ref: str, expected: dict[str, object]
) -> None:
    assert fields(read_one(ref), expected) == expected


# -- one ref, several works -----------------------------------------------------------------------

SEVERAL_WORKS = [
    "<ref>Smith, J. (2010) ''Book A''. London: X; Jones, K. (1999) ''Book B'', accessed 1"
    " January 2000.</ref>",
    "<ref>Smith, J. (2010) ''Book A''. London: X. Jones, K. (1999) ''Book B'', accessed 1"
    " January 2000.</ref>",
    "<ref>{{cite book |title=Book A |date=2010}} {{cite book |title=Book B |date=1999"
    " |access-date=2000-01-01 |archive-url=https://web.archive.org/web/2000/https://b.example"
    " |archive-date=2000-01-01}} {{dead link}}</ref>",
]


@pytest.mark.parametrize("ref", SEVERAL_WORKS)
def test_a_ref_of_several_works_is_read_from_its_first_work(ref: str) -> None:
    reference = read_one(ref)
    assert reference.published is not None and reference.published.iso() == "2010"
    assert "Book A" in (reference.title or "")
    # The second work's access date, archive and dead-link tag are not the first work's.
    assert (reference.accessed, reference.archived, reference.archive_url) == (None, None, None)
    assert reference.url_status is None
    assert "Book B" in reference.raw
    report = audit(
        Document(f"A sentence.{ref}\n\n{{{{reflist}}}}\n", "wikitext", "<test>"),
        today=dt.date(2026, 12, 7),
        select=["date-order"],
    )
    assert report.findings == ()


# -- markers outside prose ------------------------------------------------------------------------

OUTSIDE_PROSE = """Intro.<ref>Prose ref, 2001.</ref>

== History<ref>Heading ref, 2002.</ref> ==
* First item<ref>List ref, 2003.</ref>
# Second item<ref>Numbered ref, 2004.</ref>
; Term<ref>Term ref, 2005.</ref> : definition

{| class="wikitable"
| 1990 || Opened<ref>Table ref, 2006.</ref>
|}
{{Infobox settlement
| population = 100<ref>Infobox ref, 2007.</ref>
}}
[[File:X.jpg|thumb|A caption<ref>Caption ref, 2008.</ref>]]
<gallery>
File:Z.jpg|Gallery caption<ref>Gallery ref, 2009.</ref>
</gallery>

== References ==
{{reflist}}
"""


def test_markers_outside_prose_are_uses_and_claims_of_their_own() -> None:
    reading = read_wikitext(OUTSIDE_PROSE)
    assert reading.problems == ()
    article = reading.article
    assert [r.label for r in article.references] == [str(n) for n in range(1, 10)]
    claims = [(c.section, c.line, c.text, [m.label for m in c.markers]) for c in article.claims]
    assert claims == [
        (None, 1, "Intro.", ["1"]),
        ("History", 3, "heading: History", ["2"]),
        ("History", 4, "First item", ["3"]),
        ("History", 5, "Second item", ["4"]),
        ("History", 6, "Term : definition", ["5"]),
        ("History", 9, "table: 1990 Opened", ["6"]),
        ("History", 12, "{{Infobox settlement}} population: 100", ["7"]),
        ("History", 14, "[[File:X.jpg]]: A caption", ["8"]),
        ("History", 16, "<gallery>: Gallery caption", ["9"]),
    ]
    report = audit(
        Document(OUTSIDE_PROSE, "wikitext", "<test>"),
        today=dt.date(2026, 12, 7),
        select=["uncited-reference"],
    )
    assert report.findings == ()


def test_the_further_works_of_one_ref_keep_their_links_for_the_check() -> None:
    from citecheck.parse.formats.wikitext import read_wikitext

    text = (
        "Body.<ref>Smith, J. (2010) [https://a.example/book Book A]. London: X; Jones, K. (1999) "
        "[https://b.example/b Book B], accessed 1 January 2000.</ref>\n"
        "Two.<ref>{{cite web |url=https://c.example/1 |title=One |date=2020}} "
        "{{cite web |url=https://d.example/2 |title=Two |date=2021}}</ref>\n"
        "Three.<ref>{{cite web |url=https://e.example/1 |title=One}} {{cite web "
        "|url=https://f.example/2 |title=Two |archive-url=https://web.archive.org/web/2020/"
        "https://f.example/2 |archive-date=2020}}</ref>\n== References ==\n{{reflist}}\n"
    )
    refs = read_wikitext(text).article.references
    assert [(r.url, r.more_urls) for r in refs] == [
        ("https://a.example/book", ("https://b.example/b",)),
        ("https://c.example/1", ("https://d.example/2",)),
        # A further work with an archive of its own loses nothing when its page dies.
        ("https://e.example/1", ()),
    ]
