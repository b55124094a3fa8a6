"""URLs as citations write them: the splitter's refusals are answers, not exceptions."""

from __future__ import annotations

import pytest

from citecheck.urls import is_valid_url, split_url


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://example.org/a?b=c#d", True),
        ("http://[2001:db8::1]/x", True),
        ("ftp://ftp.example.org/pub/file.txt", True),  # the checker says it does not fetch it
        ("http://[::1", False),  # the standard splitter raises on it
        ("https://", False),
        ("http:///path-only", False),
    ],
)
def test_a_url_is_valid_when_it_can_be_split_and_an_http_one_has_a_host(
    url: str, valid: bool
) -> None:
    assert is_valid_url(url) is valid


def test_an_unsplittable_url_splits_into_nothing() -> None:
    assert split_url("http://[::1").geturl() == ""
