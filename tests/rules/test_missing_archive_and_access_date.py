from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.rules._sources import _LIBRARY_HOST, LIBRARY_HOSTS, _library_copy
from tests.rules.helpers import article, findings, ref


def test_no_archive_date_link_or_note_is_missing_archive() -> None:
    art = article(ref("1", archived=None, has_archive=False), ref("2"))
    assert [f.reference for f in findings("missing-archive", art)] == ["1"]


def test_an_undated_archive_note_or_an_archive_url_counts_as_archived() -> None:
    art = article(
        ref("1", archived=None, has_archive=True),
        ref(
            "2", archived=None, has_archive=False, archive_url="https://web.archive.org/web/2023/x"
        ),
    )
    assert findings("missing-archive", art) == []


def test_no_access_date_is_a_warning() -> None:
    art = article(ref("1", accessed=None), ref("2"))
    [found] = findings("missing-access-date", art)
    assert (found.reference, found.severity.value) == ("1", "warning")


def test_a_printed_work_needs_no_access_date() -> None:
    art = article(ref("1", accessed=None, has_archive=False, archived=None, issn="0261-3077"))
    assert findings("missing-access-date", art) == []


def test_printed_works_need_no_access_date_nor_archive() -> None:
    book = ref(
        "1",
        accessed=None,
        archived=None,
        has_archive=False,
        identifiers=("ISBN 978-0-00-000000-2",),
    )
    art = article(book)
    assert findings("missing-access-date", art) == []
    assert findings("missing-archive", art) == []


def test_where_the_input_shows_urls_a_citation_without_one_is_offline() -> None:
    web = ref("1", url="https://example.org/a", accessed=None, archived=None, has_archive=False)
    offline = ref("2", accessed=None, archived=None, has_archive=False)
    art = article(web, offline)
    assert [f.reference for f in findings("missing-access-date", art)] == ["1"]
    assert [f.reference for f in findings("missing-archive", art)] == ["1"]


def test_a_papers_list_of_printed_works_without_urls_is_not_taken_for_web_pages() -> None:
    # No URL anywhere, no access or archive date, no archive note, no language label: a journal
    # article or a book, as a paper's reference list has them, not a web page seen as text.
    printed = {"accessed": None, "archived": None, "has_archive": False, "language_label": None}
    art = article(ref("1", **printed), ref("2", **printed))
    assert findings("missing-access-date", art) == []
    assert findings("missing-archive", art) == []
    # The same entries rendered from a wiki's web citations carry their marks.
    web = article(ref("1", **{**printed, "language_label": "英语"}), ref("2", **printed))
    assert [f.reference for f in findings("missing-archive", web)] == ["1"]


def test_a_digital_librarys_copy_of_a_book_is_not_a_web_page() -> None:
    scan = ref(
        "1",
        url="https://archive.org/details/englishwordsthei00mckn/page/300",
        accessed=None,
        archived=None,
        has_archive=False,
    )
    snapshot_page = ref(
        "2",
        url="https://archive.org/web/2019/https://example.org/",
        accessed=None,
        archived=None,
        has_archive=False,
    )
    art = article(scan, snapshot_page)
    assert [f.reference for f in findings("missing-access-date", art)] == ["2"]


@pytest.mark.parametrize(
    ("host", "library"),
    [
        ("books.google.co.uk", True),
        ("www.jstor.org", True),
        ("WWW.JSTOR.ORG", True),  # hosts are compared in lower case
        ("pubmed.ncbi.nlm.nih.gov", True),
        ("doi.org", True),
        ("dx.doi.org", True),
        ("scholar.archive.org", True),
        ("notdoi.org", False),
        ("jstor.org.example.com", True),  # starts with a library's name: taken for it
        ("example.com", False),
        ("google.com", False),
    ],
)
def test_a_library_is_known_by_its_host_or_a_subdomain_of_it(host: str, library: bool) -> None:
    assert _library_copy(f"https://{host}/item/1") is library


def test_a_library_named_only_in_the_path_or_query_is_not_the_host() -> None:
    assert not _library_copy("https://example.com/doi.org/10.1/x?via=jstor.org")
    assert not _library_copy("https://news.example/2020/01/citing-arxiv.org-papers")


def _library_host_as_split(url: str) -> bool:
    """The host test alone, without the quick search that settles most URLs first."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return False
    if host == "archive.org" and parts.path.startswith("/web/"):
        return False
    return _LIBRARY_HOST.search(host) is not None


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "www.", "dx.", "a.b."]),
    st.sampled_from(LIBRARY_HOSTS).flatmap(
        lambda h: st.lists(st.booleans(), min_size=len(h), max_size=len(h)).map(
            lambda up: "".join(c.upper() if u else c for c, u in zip(h, up, strict=True))
        )
    ),
    st.sampled_from(["", "x", ".example.com"]),
    st.text(max_size=20),
)
def test_the_quick_search_never_turns_away_a_library_host(
    prefix: str, host: str, suffix: str, rest: str
) -> None:
    url = f"https://{prefix}{host}{suffix}/{rest}"
    assert _library_copy(url) is _library_host_as_split(url)
