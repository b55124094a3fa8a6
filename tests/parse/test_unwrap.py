"""Hard-wrapped entry text joined back."""

from __future__ import annotations

import pytest

from citecheck.parse.unwrap import unwrap


@pytest.mark.parametrize(
    ("wrapped", "joined"),
    [
        (
            "Available: https://www.\nusenix.org/conference/x",
            "Available: https://www.usenix.org/conference/x",
        ),
        ("https://arxiv.org/abs/2605.\n18891", "https://arxiv.org/abs/2605.18891"),
        (
            "http://www.oracle.com/java/8-whats-new-\n2157071.html",
            "http://www.oracle.com/java/8-whats-new-2157071.html",
        ),
        ("(2014-11-\n29).", "(2014-11-29)."),
        ("Configuration-\nconditional rank", "Configuration-conditional rank"),
        # A new word after a URL is a new word; a capital after a hyphen is a new name.
        ("https://x.org/page.\nRetrieved 5 May 2020", "https://x.org/page. Retrieved 5 May 2020"),
        (
            "https://x.org/\n(дата обращения: 01.02.2020)",
            "https://x.org/ (дата обращения: 01.02.2020)",
        ),
        ("Smith-\nJones", "Smith- Jones"),
        ("Automated flower\nclassification   over", "Automated flower classification over"),
    ],
)
def test_line_breaks_inside_urls_and_hyphenated_words_are_removed(
    wrapped: str, joined: str
) -> None:
    assert unwrap(wrapped) == joined
