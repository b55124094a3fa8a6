from __future__ import annotations

from citecheck.model import PartialDate
from tests.rules.helpers import article, findings, ref


def test_accessed_before_published_is_an_error() -> None:
    art = article(ref("1", published=PartialDate(2023, 9, 18), accessed=PartialDate(2023, 9, 13),
                      archived=PartialDate(2023, 9, 20)))
    [found] = findings("date-order", art)
    assert found.severity.value == "error"
    assert "accessed (2023-09-13) before it was published (2023-09-18)" in found.message


def test_archived_before_published_is_an_error() -> None:
    art = article(ref("1", published=PartialDate(2023, 9, 18), archived=PartialDate(2023, 9, 1),
                      accessed=PartialDate(2023, 9, 19)))
    assert "archived" in findings("date-order", art)[0].message


def test_a_date_after_the_audit_date_is_an_error() -> None:
    art = article(ref("1", accessed=PartialDate(2027, 1, 1)))
    [found] = findings("date-order", art)
    assert "future" in found.message and found.evidence["today"] == "2026-11-22"


def test_coarse_dates_are_not_called_out_of_order() -> None:
    art = article(ref("1", published=PartialDate(2023), accessed=PartialDate(2023, 1, 5)))
    assert findings("date-order", art) == []


def test_same_day_is_in_order() -> None:
    day = PartialDate(2023, 9, 13)
    assert findings("date-order", article(ref("1", published=day, accessed=day, archived=day))) == []
