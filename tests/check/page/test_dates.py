"""Page dates: only an unambiguous day is read."""

from __future__ import annotations

import pytest

from citecheck.check.page import parse_page_date
from citecheck.model import PartialDate


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2015-07-24T05:36:09+01:00", PartialDate(2015, 7, 24)),
        ("20170113", PartialDate(2017, 1, 13)),
        ("2016年10月14日07:17", PartialDate(2016, 10, 14)),
        ("於 2013/12/28 10:28", PartialDate(2013, 12, 28)),
        ("14 сентября 2023 года", PartialDate(2023, 9, 14)),
        ("07/09/2023", None),  # day or month first? not guessed
        ("3/9(木) 18:45", None),  # no year
        ("2023", None),  # not a day
    ],
)
def test_page_dates_are_read_only_when_unambiguous(raw: str, day: PartialDate | None) -> None:
    assert parse_page_date(raw) == day
