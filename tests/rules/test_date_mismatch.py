"""date-mismatch: the cited publication date against the date the page states, ±1 day."""

from __future__ import annotations

import pytest

from citecheck.model import PartialDate
from tests.rules.helpers import article, ref
from tests.rules.pages import ARCHIVE, URL, archived, html, live, page_findings

PUBLISHED = '<meta property="article:published_time" content="2023-09-12T08:00:00+03:00">'


def test_a_date_three_days_off_the_page_metadata_is_a_warning_with_both_dates() -> None:
    cited = ref("1", url=URL, published=PartialDate(2023, 9, 15))
    [found] = page_findings("date-mismatch", article(cited), live(html("T", head=PUBLISHED)))
    assert found.severity.value == "warning"
    assert found.evidence["cited_published"] == "2023-09-15"
    assert found.evidence["page_published"] == "2023-09-12"
    assert found.evidence["page_published_source"] == "meta article:published_time"
    assert found.evidence["page_published_raw"] == "2023-09-12T08:00:00+03:00"


@pytest.mark.parametrize(
    "cited",
    [
        PartialDate(2023, 9, 12),
        PartialDate(2023, 9, 13),  # a day later: another time zone
        PartialDate(2023, 9, 11),
        PartialDate(2023, 9),  # the cited month contains the day
        PartialDate(2023),
    ],
)
def test_dates_within_a_day_or_at_a_coarser_precision_agree(cited: PartialDate) -> None:
    art = article(ref("1", url=URL, published=cited))
    assert page_findings("date-mismatch", art, live(html("T", head=PUBLISHED))) == []


def test_a_date_read_only_from_the_url_is_an_info() -> None:
    url = "https://news.example.org/2023/09/10/summit.html"
    cited = ref("1", url=url, published=PartialDate(2023, 9, 15))
    [found] = page_findings("date-mismatch", article(cited), live(html("T"), url=url))
    assert found.severity.value == "info"
    assert found.evidence["page_published_source"] == "url"


def test_the_snapshot_speaks_when_the_original_is_dead() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-09-01"}</script>'
    cited = ref("1", url=URL, archive_url=ARCHIVE, published=PartialDate(2023, 9, 13))
    [found] = page_findings("date-mismatch", article(cited), archived(html("T", head=ld)))
    assert found.evidence["page_from"] == "snapshot"
    assert found.evidence["page_published_source"] == "json-ld datePublished"


def test_a_page_without_a_date_says_nothing() -> None:
    page_url = "https://news.example.org/summit"
    cited = ref("1", url=page_url, published=PartialDate(2020, 1, 1))
    assert page_findings("date-mismatch", article(cited), live(html("T"), url=page_url)) == []
