from __future__ import annotations

import pytest

from citecheck.model import PartialDate
from tests.rules.helpers import article, findings, ref


@pytest.mark.parametrize(
    "title",
    ["存档副本", "Archived copy", "Архивная копия", "Архівна копія", "アーカイブされたコピー"],
)
def test_bot_placeholder_titles_are_flagged(title: str) -> None:
    [found] = findings("placeholder-title", article(ref("1", title=title, language=None)))
    assert "no language" in found.message


def test_a_real_title_mentioning_an_archive_is_fine() -> None:
    assert findings("placeholder-title", article(ref("1", title="Archived copy of a letter"))) == []


def test_same_url_is_a_duplicate_of_the_first_entry() -> None:
    art = article(
        ref("1", url="https://www.example.org/a/", title="One"),
        ref("2", url="http://example.org/a", title="Two"),
    )
    [found] = findings("duplicate-reference", art)
    assert (found.reference, found.evidence["same_as"], found.evidence["by"]) == ("2", "1", "URL")


def test_same_title_publisher_and_date_is_a_duplicate() -> None:
    art = article(ref("1", title="Kim meets Putin"), ref("2", title="Kim meets Putin!"))
    [found] = findings("duplicate-reference", art)
    assert found.evidence["by"] == "title, publisher and date"


def test_same_title_on_another_day_is_another_work() -> None:
    art = article(
        ref("1", title="Daily news"),
        ref("2", title="Daily news", published=PartialDate(2023, 9, 14)),
    )
    assert findings("duplicate-reference", art) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"pages": "12"}, {"pages": "40–41"}),
        ({"chapter": "The Meaning of Mies"}, {"chapter": "Chicago's Second Modern Period"}),
    ],
    ids=["pages", "chapters"],
)
def test_other_pages_or_chapters_of_one_work_are_two_uses_not_a_duplicate(
    first: dict[str, str], second: dict[str, str]
) -> None:
    by_title = article(
        ref("1", title="Chicago Architecture", **first),
        ref("2", title="Chicago Architecture", **second),
    )
    by_url = article(
        ref("1", url="https://example.org/book.pdf", title="Book", **first),
        ref("2", url="https://example.org/book.pdf", title="Book", **second),
    )
    assert findings("duplicate-reference", by_title) == []
    assert findings("duplicate-reference", by_url) == []
    # The same page twice is still one work cited twice.
    twice = article(
        ref("1", title="Chicago Architecture", **first),
        ref("2", title="Chicago Architecture", **first),
    )
    assert len(findings("duplicate-reference", twice)) == 1
