from __future__ import annotations

import re

import pytest

from citecheck.model import PartialDate
from citecheck.parse.dates import DATE_PATTERN, LOOSE_DATE_PATTERN, parse_date

CASES = [
    ("2023-09-13", PartialDate(2023, 9, 13)),
    ("2023-02", PartialDate(2023, 2)),
    ("2023", PartialDate(2023)),
    ("2023年2月16日", PartialDate(2023, 2, 16)),
    ("2023年3月", PartialDate(2023, 3)),
    ("2025年5月19日", PartialDate(2025, 5, 19)),
    ("14 February 2023", PartialDate(2023, 2, 14)),
    ("4 March 2016", PartialDate(2016, 3, 4)),
    ("February 14, 2023", PartialDate(2023, 2, 14)),
    ("Sept. 2023", PartialDate(2023, 9)),
    ("14 Feb 2023", PartialDate(2023, 2, 14)),
    ("22 сентября 2020", PartialDate(2020, 9, 22)),
    ("29 сентября 2020 года", PartialDate(2020, 9, 29)),
    ("3 февраля 2009", PartialDate(2009, 2, 3)),
    ("май 2021", PartialDate(2021, 5)),
    ("04.12.2022", PartialDate(2022, 12, 4)),
    ("4 травня 2013", PartialDate(2013, 5, 4)),
    ("20 травня 2025", PartialDate(2025, 5, 20)),
    ("1 вересня 2025 року", PartialDate(2025, 9, 1)),
    ("листопад 2024", PartialDate(2024, 11)),
    # Forms of the citation styles: unpadded ISO, year-first with slashes or dots (ja, zh),
    # IEEE's day-month-year with hyphens, APA's "(2026, June 18)", DSTU's short months.
    ("2019-4-1", PartialDate(2019, 4, 1)),
    ("2020/11/15", PartialDate(2020, 11, 15)),
    ("2020.8.14", PartialDate(2020, 8, 14)),
    ("27-Aug-2018", PartialDate(2018, 8, 27)),
    ("03- Feb- 2022", PartialDate(2022, 2, 3)),
    ("06 - Feb - 2019", PartialDate(2019, 2, 6)),
    ("Apr. 10, 2024", PartialDate(2024, 4, 10)),
    ("Feb. 2020", PartialDate(2020, 2)),
    ("Feb., 1969", PartialDate(1969, 2)),
    ("2026, June 18", PartialDate(2026, 6, 18)),
    ("1 January 2008", PartialDate(2008, 1, 1)),
    ("5 квіт. 2001 р.", PartialDate(2001, 4, 5)),
    ("2025 年 11 月 25 日", PartialDate(2025, 11, 25)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reads_each_form_at_its_precision(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "_"), CASES)
def test_the_search_pattern_finds_the_whole_date(text: str, _: object) -> None:
    m = re.search(DATE_PATTERN, f"x {text} y")
    assert m is not None and m.group(0).strip() == text.strip()


@pytest.mark.parametrize(
    "text",
    # "09-10-2026": day-month or month-day? Neither is guessed.
    ["", "yesterday", "2023-02-30", "31 Febtember 2023", "13.13.2023", "12345", "09-10-2026"],
)
def test_rejects_what_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_precision_decides_what_surely_comes_before() -> None:
    assert PartialDate(2023, 9, 12).surely_before(PartialDate(2023, 9, 13))
    assert not PartialDate(2023).surely_before(PartialDate(2023, 9, 13))
    assert not PartialDate(2023, 9).surely_before(PartialDate(2023, 9, 1))
    assert PartialDate(2023, 8).surely_before(PartialDate(2023, 9))
    assert PartialDate(2024, 2).latest().day == 29


@pytest.mark.parametrize(
    "text",
    ["Newsweek. 2014", "Cruelty to Animals. 2011", "Marra 2013", "Mayor 2019", "Omar 12, 2020"],
)
def test_the_search_pattern_takes_only_real_month_names(text: str) -> None:
    """Any word once passed for a month: "Newsweek. 2014" hid the publisher and the year."""
    m = re.search(DATE_PATTERN, text)
    assert m is not None and m.group(0) == text[-4:]


@pytest.mark.parametrize(
    "text", ["Sept. 2023", "сент. 2020", "12 мая 2019", "3 червня 2020", "DECEMBER 2004"]
)
def test_short_and_inflected_month_names_are_still_found(text: str) -> None:
    m = re.search(DATE_PATTERN, f"x {text} y")
    assert m is not None and m.group(0) == text


def test_the_loose_pattern_finds_a_misspelt_month_for_the_clause_that_announces_it() -> None:
    m = re.search(LOOSE_DATE_PATTERN, "Retrieved 31 Febtember 2023.")
    assert m is not None and m.group(0) == "31 Febtember 2023"
    assert parse_date(m.group(0)) is None


@pytest.mark.parametrize("text", ["version 2019.1.1.3", "Node 1.9.3", "ч. 2020.8"])
def test_version_numbers_are_not_year_first_dates(text: str) -> None:
    m = re.search(DATE_PATTERN, text)
    assert m is None or parse_date(m.group(0)) in (None, PartialDate(int(m.group(0))))
