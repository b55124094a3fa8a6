"""MediaWiki HTML input: legacy parser output and Parsoid HTML.

The two real pages (zhwiki and enwiki "Cat", legacy ``action=parse`` output) are checked for
every reference; the expected values below were read by hand from their HTML.
"""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Article, Document, PartialDate, Reference
from citecheck.parse import ParseError, detect_format, parse
from citecheck.parse.formats.html import detect

HTML = Path(__file__).parents[2] / "data" / "html"


@cache
def article(name: str) -> Article:
    path = HTML / name
    return parse(Document(path.read_text(encoding="utf-8"), "html", str(path)))


def read(text: str) -> Article:
    return parse(Document(text, "html", "<test>"))


def ref(art: Article, label: str) -> Reference:
    (found,) = [r for r in art.references if r.label == label]
    return found


def claim_markers(art: Article) -> list[tuple[str | None, str, tuple[str, ...]]]:
    return [(c.section, c.text, tuple(m.label for m in c.markers)) for c in art.claims]


# -- the real pages ---------------------------------------------------------------------------

ZH = "zhwiki-cat.parse.html"
EN = "enwiki-cat.parse.html"


@pytest.mark.parametrize(("name", "references"), [(ZH, 93), (EN, 251)])
def test_every_reference_of_the_real_pages_is_read(name: str, references: int) -> None:
    art = article(name)
    assert len(art.references) == references
    assert [r.label for r in art.references] == [str(n) for n in range(1, references + 1)]
    assert all(r.raw for r in art.references)


@pytest.mark.parametrize(("name", "links", "archives"), [(ZH, 80, 50), (EN, 229, 105)])
def test_the_real_pages_keep_their_urls_and_archive_urls(
    name: str, links: int, archives: int
) -> None:
    refs = article(name).references
    assert sum(r.url is not None for r in refs) == links
    assert sum(r.archive_url is not None for r in refs) == archives
    # Archive links never pose as the cited URL, nor the other way round.
    assert not any(r.url and "web.archive.org" in r.url for r in refs)
    hosts = {urlsplit(r.archive_url).hostname for r in refs if r.archive_url}
    assert hosts <= {"web.archive.org", "www.webcitation.org"}


@pytest.mark.parametrize("name", [ZH, EN])
def test_every_body_marker_takes_the_label_of_its_list_entry(name: str) -> None:
    """The enwiki note [a] shifts ids: the list's 169th entry (cite_note-170) displays [169]."""
    art = article(name)
    labels = {r.label for r in art.references} | {n.label for n in art.notes}
    uses = art.uses()
    assert set(uses) <= labels
    # Every reference is cited from the body (infobox rows included).
    assert {r.label for r in art.references} <= set(uses)


def test_zh_cat_reference_with_archive_clause() -> None:
    first = ref(article(ZH), "1")
    assert first.title == "ITIS Standard Report Page: Felis catus"
    assert first.url == (
        "https://www.itis.gov/servlet/SingleRpt/SingleRpt?search_topic=TSN&search_value=183798#null"
    )
    assert first.archive_url == (
        "https://web.archive.org/web/20120110180909/"
        "http://www.itis.gov/servlet/SingleRpt/SingleRpt?search_topic=TSN&search_value=183798#null"
    )
    assert first.accessed == PartialDate(2020, 1, 11)
    assert first.archived == PartialDate(2012, 1, 10)
    assert first.raw.endswith("（原始内容存档于2012-01-10）.")
    assert first.line == 1323  # <li id="cite_note-1"> in the source


def test_zh_cat_reference_with_language_tag() -> None:
    britannica = ref(article(ZH), "3")
    assert britannica.title == "cat | Breeds & Facts"
    assert britannica.url == "https://www.britannica.com/animal/cat"
    assert britannica.archive_url == (
        "https://web.archive.org/web/20210313200711/https://www.britannica.com/animal/cat"
    )
    assert britannica.archived == PartialDate(2021, 3, 13)
    assert britannica.language == "en"


def test_zh_cat_placeholder_title_keeps_its_links() -> None:
    placeholder = ref(article(ZH), "4")
    assert placeholder.title == "存档副本"
    assert placeholder.url == "https://www.termonline.cn/search?k=domestic&r="
    assert placeholder.archived == PartialDate(2023, 5, 28)


def test_zh_cat_taiwan_chinese_language_tag() -> None:
    pansci = ref(article(ZH), "88")
    assert pansci.language == "zh-TW"
    assert pansci.archived == PartialDate(2023, 5, 10)


def test_zh_cat_page_archive_backup_form() -> None:
    """（页面存档备份…） says a snapshot exists but not when; its link says where."""
    gisd = ref(article(ZH), "93")
    assert "（页面存档备份，存于互联网档案馆）" in gisd.raw
    assert gisd.has_archive
    assert gisd.url == "http://gisd.biodiv.tw/details.php?id=24"
    # The link is protocol-relative in the HTML.
    assert gisd.archive_url == (
        "https://web.archive.org/web/20150504054733/http://gisd.biodiv.tw/details.php?id=24"
    )


def test_zh_cat_multi_use_backlinks() -> None:
    assert ref(article(ZH), "24").backlinks == ("24.0", "24.1")
    assert ref(article(ZH), "1").backlinks == ()


def test_en_cat_archived_reference() -> None:
    aspca = ref(article(EN), "251")
    assert aspca.url == "http://cats.about.com/od/catsafety/a/highrisefalls.htm"
    assert aspca.archive_url == (
        "https://web.archive.org/web/20120522014805/"
        "http://cats.about.com/od/catsafety/a/highrisefalls.htm"
    )
    assert aspca.archived == PartialDate(2012, 5, 22)
    assert aspca.accessed == PartialDate(2018, 6, 6)
    assert aspca.published == PartialDate(2005, 6, 30)


def test_en_cat_dictionary_entry() -> None:
    queen = ref(article(EN), "13")
    assert queen.title == "queen cat"
    assert queen.url is not None and queen.url.startswith("http://www.oed.com/view/Entry/156212")
    assert queen.archived == PartialDate(2015, 9, 3)
    assert queen.accessed == PartialDate(2012, 10, 1)


def test_en_cat_foreign_language_book_without_link() -> None:
    pictet = ref(article(EN), "5")
    assert pictet.language == "fr"
    assert pictet.url is None and pictet.archive_url is None
    assert pictet.published == PartialDate(1859)


def test_en_cat_backlink_letters() -> None:
    assert ref(article(EN), "1").backlinks == ("a", "b")
    # cite_note-Case-53: the note [a] took an id, so it displays as 52.
    assert ref(article(EN), "52").backlinks == ("a", "b", "c", "d")


@pytest.mark.parametrize(("name", "label", "cites"), [(ZH, "a", "27"), (EN, "a", "24")])
def test_real_pages_notes_are_notes(name: str, label: str, cites: str) -> None:
    """zh [註 1] and en [a] are notes labelled a, b, c…, not numbered references."""
    art = article(name)
    assert [n.label for n in art.notes] == [label]
    assert art.has_notes_section
    assert all(r.raw != art.notes[0].raw for r in art.references)
    # The note is the list entry with that id: it is read from the source line that holds it.
    (entry_line,) = [
        n
        for n, line in enumerate((HTML / name).read_text().splitlines(), 1)
        if f'id="cite_note-{cites}"' in line
    ]
    assert art.notes[0].line == entry_line
    assert label in art.uses()


def test_real_page_claims_have_sections_and_source_lines() -> None:
    art = article(EN)
    first_prose = next(c for c in art.claims if c.section == "Etymology and naming")
    assert first_prose.text.startswith("The origin of the English word cat")
    assert [m.label for m in first_prose.markers] == ["4"]
    assert first_prose.line == 304
    # Infobox rows are not prose but their citations count.
    assert art.claims[0].section is None and art.claims[0].text == "Species: F. catus"
    # No heading, edit link or reference-list text leaks into claims.
    assert not any(c.text == "edit" or "Edit section" in c.text for c in art.claims)
    assert not any(c.text.startswith("^") for c in art.claims)


def test_zh_page_rp_page_numbers_are_not_markers() -> None:
    """{{rp|33}} renders as sup.reference ":33" with no link; it is neither marker nor text."""
    art = article(ZH)
    assert not any(":33" in c.text or ":35" in c.text for c in art.claims)
    markers = sum(len(c.markers) for c in art.claims)
    assert markers == 113  # every sup.reference that links to a cite_note


# -- hand-written legacy page -----------------------------------------------------------------


def test_legacy_small_references_and_links() -> None:
    art = article("legacy-small.html")
    assert art.title == "Small legacy page"
    assert [r.label for r in art.references] == ["1", "2", "3", "4"]
    doi_only, live, dead, zh = art.references
    # An entry that links only a doi: the doi is its URL.
    assert doi_only.url == "https://doi.org/10.1000%2Ftabby"
    assert doi_only.backlinks == ("a", "b")
    assert "CS1 maint" not in doi_only.raw  # hidden maintenance message
    assert live.url == "https://example.org/tabby"
    assert (
        live.archive_url == "https://web.archive.org/web/20200304000000/https://example.org/tabby"
    )
    assert live.backlinks == ("a", "b", "c", "d")
    # url-status=dead: the title links to the snapshot, "the original" to the cited page.
    assert dead.url == "https://dead.example.com/egypt"
    assert dead.archive_url == "https://archive.ph/AbCdE"
    assert zh.url == "http://www.example.cn/dl/161955"
    assert zh.archive_url == (
        "https://web.archive.org/web/20070618033517/http://www.example.cn/dl/161955"
    )


def test_legacy_small_claims() -> None:
    art = article("legacy-small.html")
    assert claim_markers(art) == [
        (None, "Species: F. tabby", ("1",)),  # infobox row
        (None, "The tabby is a coat pattern.", ("2",)),
        (None, "It is common in cats.", ("a",)),  # [citation needed] dropped
        ("History", "Tabbies appear in ancient art.", ("2",)),  # {{rp}} ": 7" dropped
        ("History", "They were kept in Egypt.", ("3",)),
        ("Names", "Mackerel tabby", ("2",)),
        ("Names", "Ticked tabby.", ("4",)),  # nested list item, read once
        ("Names", "A tabby kitten.", ("3",)),  # image caption
        ("Notes", "Most sources agree.", ("1",)),  # a note citing a reference
    ]
    # Hatnote and navbox markers are not claims.
    assert "9" not in art.uses()
    assert art.uses()["2"] == (2, 4, 6)
    assert [c.id for c in art.claims] == list(range(1, 10))


def test_legacy_small_notes_and_lines() -> None:
    art = article("legacy-small.html")
    (note,) = art.notes
    assert note.label == "a"
    assert note.raw == "Most sources agree.[1]"
    assert note.line == 24
    assert art.has_notes_section
    assert [c.line for c in art.claims][:3] == [9, 11, 11]


# -- hand-written Parsoid page ----------------------------------------------------------------


def test_parsoid_references_notes_and_backlinks() -> None:
    art = article("parsoid-small.html")
    assert art.title == "小虎斑"
    assert [r.label for r in art.references] == ["1", "2"]
    tabby, news = art.references
    assert tabby.backlinks == ("1.0", "1.1")
    assert tabby.url == "https://example.org/tabby"
    assert tabby.archive_url == (
        "https://web.archive.org/web/20200304000000/https://example.org/tabby"
    )
    assert tabby.archived == PartialDate(2020, 3, 4)
    assert tabby.language == "en"
    assert news.url == "https://news.example.com/cats" and news.archive_url is None
    # group="注" (data-mw-group) is a notes list.
    assert [n.label for n in art.notes] == ["a"]
    assert art.notes[0].raw == "也有人称为“花狸猫”。"


def test_parsoid_claims() -> None:
    assert claim_markers(article("parsoid-small.html")) == [
        (None, "虎斑是一种毛色。", ("1",)),
        (None, "它很常见。", ("a",)),
        ("歷史", "古埃及已有虎斑猫。", ("1",)),
        ("歷史", "后来传到欧洲。", ("2",)),
    ]


# -- broken and odd input ---------------------------------------------------------------------

MARKER = '<sup class="reference"><a href="#cite_note-{0}">[{1}]</a></sup>'


def test_no_reference_list_keeps_claims_and_markers() -> None:
    art = read(
        "<html><body><div class='mw-parser-output'><p>Cats purr."
        + MARKER.format("1", "1")
        + " Cats sleep."
        + MARKER.format("x-2", "注 2")
        + "</p></div></body></html>"
    )
    assert art.references == () and art.notes == ()
    assert not art.has_notes_section
    # The rules flag these markers: a group marker reads as the note it would have been.
    assert claim_markers(art) == [(None, "Cats purr.", ("1",)), (None, "Cats sleep.", ("b",))]


def test_a_saved_page_is_read_from_its_content_not_its_site_notice() -> None:
    art = read(
        "<html><body><div id='siteNotice'><div class='mw-parser-output'>Donate!</div></div>"
        "<div id='mw-content-text'><div class='mw-parser-output'><p>Cats purr."
        + MARKER.format("1", "1")
        + "</p><ol class='references'><li id='cite_note-1'>Source.</li></ol></div></div>"
        "</body></html>"
    )
    assert claim_markers(art) == [(None, "Cats purr.", ("1",))]
    assert [r.raw for r in art.references] == ["Source."]


def test_unclosed_tags_do_not_crash() -> None:
    art = read('<p>Cats purr.<sup class="reference"><a href="#cite_note-1">[1]')
    assert [m.label for c in art.claims for m in c.markers] == ["1"]


def test_entries_without_ids_or_text_are_still_entries() -> None:
    art = read('<ol class="references"><li></li><li>Plain text source.</li></ol>')
    assert [r.label for r in art.references] == ["1", "2"]
    assert art.references[1].raw == "Plain text source."


@pytest.mark.parametrize("text", ["", "   \n", "<html></html>", "<div><!-- only --></div>"])
def test_nothing_readable_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="<test>"):
        read(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdefgilnoprstu[]1#-_.。")), max_size=200))
def test_arbitrary_markup_never_crashes(text: str) -> None:
    with contextlib.suppress(ParseError):
        read(text)


# -- detection --------------------------------------------------------------------------------


def test_detects_mediawiki_html() -> None:
    assert detect((HTML / ZH).read_text(encoding="utf-8")) >= 0.9
    assert detect((HTML / "parsoid-small.html").read_text(encoding="utf-8")) >= 0.9
    # The small page: the text format's detect takes seconds on the 650 kB enwiki page.
    assert detect_format((HTML / "legacy-small.html").read_text(encoding="utf-8")) == "html"


@pytest.mark.parametrize(
    "text",
    [
        "貓是一种动物。[1]\n\n参考文献\n- ^ Title. 2023.",
        "Cats purr.[[1]](#cite_note-1)\n\n## References\n1. Title",  # Markdown from a wiki page
        "",
    ],
)
def test_does_not_claim_other_formats(text: str) -> None:
    assert detect(text) == 0


def test_plain_html_is_a_maybe() -> None:
    assert 0 < detect("<!DOCTYPE html><html><body><p>Hi</p></body></html>") < 0.9


def test_a_marker_repeated_with_the_same_id_counts_once() -> None:
    # Mobile output repeats the taxobox; its markers keep their cite_ref ids.
    page = (
        '<html><body><div class="mw-parser-output">'
        '<p>Cats purr.<sup id="cite_ref-a_1-0" class="reference"><a href="#cite_note-a-1">[1]</a></sup></p>'
        '<p>Cats purr.<sup id="cite_ref-a_1-0" class="reference"><a href="#cite_note-a-1">[1]</a></sup></p>'
        '<ol class="references"><li id="cite_note-a-1"><span class="mw-cite-backlink">'
        '<a href="#cite_ref-a_1-0">^</a></span> <span class="reference-text">Purring. Cat Times. 2020.'
        "</span></li></ol></div></body></html>"
    )
    article = parse(Document(page, "html", "dup.html"))
    assert article.uses() == {"1": (1,)}
