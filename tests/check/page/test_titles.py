"""Titles: the site's name taken off the headline, never the headline itself."""

from __future__ import annotations

import pytest

from citecheck.check.page import strip_site_suffix


@pytest.mark.parametrize(
    ("title", "stripped"),
    [
        (
            "Obama admits US gun laws are his 'biggest frustration' - BBC News",
            "Obama admits US gun laws are his 'biggest frustration'",
        ),
        (
            "宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网",
            "宇航员在太空中喝酒会怎么样？后果很严重",
        ),
        (
            "United States to Lift Sudan Sanctions - The New York Times",
            "United States to Lift Sudan Sanctions",
        ),
        # a dash inside the headline is not a site name
        (
            "Kim - Putin summit: what we know so far about the talks",
            "Kim - Putin summit: what we know so far about the talks",
        ),
    ],
)
def test_site_suffixes(title: str, stripped: str) -> None:
    assert strip_site_suffix(title) == stripped
