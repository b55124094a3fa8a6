"""The whole page read: the Readability samples' titles, languages and dates, and where each
value came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.check.page import read_page, strip_site_suffix
from citecheck.rules.title_mismatch import normalise_title

READABILITY = Path(__file__).parents[2] / "data" / "pages" / "readability"
SAMPLES = sorted(p.name.split(".")[0] for p in READABILITY.glob("*.expected-metadata.json"))
HAND_CHECKED = json.loads((READABILITY / "hand-checked.json").read_text(encoding="utf-8"))


def expected(name: str) -> tuple[str, str | None, str | None]:
    """Readability's title, and its language and day, completed by hand where it has none."""
    meta = json.loads((READABILITY / f"{name}.expected-metadata.json").read_text("utf-8"))
    extra = HAND_CHECKED.get(name, {})
    lang = meta.get("lang") or extra.get("lang")
    published = (meta.get("publishedTime") or "")[:10] or extra.get("published")
    return meta["title"], lang, published


@pytest.mark.parametrize("name", SAMPLES)
def test_readability_samples_title_language_and_date(name: str) -> None:
    title, lang, published = expected(name)
    page = read_page((READABILITY / f"{name}.html").read_bytes(), "https://example.org/")
    assert page.title is not None
    # Readability keeps some site names ("_科技_腾讯网"); the reader drops them: both are right.
    assert normalise_title(page.title) in {
        normalise_title(title),
        normalise_title(strip_site_suffix(title)),
    }
    assert page.language is not None and page.language.primary == (lang or "").split("-")[0]
    assert (page.published.date.iso() if page.published else None) == published


def test_readability_scores() -> None:
    """The figures in issue 5's note: 10/10 titles, 10/10 languages, 9/9 findable dates and no
    date invented (yahoo-4 shows its day without a year)."""
    titles = languages = dates = 0
    for name in SAMPLES:
        title, lang, published = expected(name)
        page = read_page((READABILITY / f"{name}.html").read_bytes(), "https://example.org/")
        titles += normalise_title(page.title or "") in {
            normalise_title(title),
            normalise_title(strip_site_suffix(title)),
        }
        languages += bool(page.language and page.language.primary == (lang or "").split("-")[0])
        dates += (page.published.date.iso() if page.published else None) == published
    assert (titles, languages, dates) == (10, 10, 10)


def test_each_value_says_where_it_came_from() -> None:
    page = read_page((READABILITY / "bbc-1.html").read_bytes(), "https://www.bbc.com/news/x")
    assert [(c.source, c.text) for c in page.titles] == [
        ("og:title", "Obama admits US gun laws are his 'biggest frustration'"),
        ("title (whole)", "Obama admits US gun laws are his 'biggest frustration' - BBC News"),
    ]
    assert page.published is not None
    assert (page.published.source, page.published.raw) == (
        "json-ld datePublished",
        "2015-07-24T05:36:09+01:00",
    )
    assert page.canonical == "http://www.bbc.com/news/world-us-canada-33646704"
    assert page.language is not None and page.language.source == "html lang"
    assert page.detected_language is not None and page.detected_language.primary == "en"
