"""What one fetched page says about itself: the values the rules read, each with its source.

Data only: the page reader (``citecheck.check.page``) builds it, the rules and reports read it
without the readers that make it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from citecheck.lang import primary
from citecheck.model import PartialDate


@dataclass(frozen=True)
class TitleCandidate:
    """One title the page gives, with where it came from (``og:title``, ``title``, ``h1``…)."""

    text: str
    source: str


@dataclass(frozen=True)
class PageLanguage:
    """A language code (BCP-47 as found), where it came from, and langdetect's probability."""

    code: str
    source: str
    probability: float | None = None

    @property
    def primary(self) -> str:
        return primary(self.code.replace("_", "-"))


@dataclass(frozen=True)
class PageDate:
    """A publication date the page states: the day, the raw text it was read from, the source."""

    date: PartialDate
    source: str
    raw: str

    @property
    def strong(self) -> bool:
        """Machine-readable metadata, not a date guessed from visible text or the URL."""
        return self.source not in ("visible", "url")


@dataclass(frozen=True)
class PageEvidence:
    """What one fetched page says about itself.

    ``titles`` lists every candidate, the best first; ``language`` is the one the rules use and
    ``declared_language``/``detected_language`` are what it was decided from. ``original_url``
    and ``captured`` come from an archive page's own banner or comment, not from the archive's
    headers (those are in the snapshot outcome).
    """

    url: str
    charset: str
    charset_source: str
    titles: tuple[TitleCandidate, ...] = ()
    language: PageLanguage | None = None
    declared_language: PageLanguage | None = None
    detected_language: PageLanguage | None = None
    published: PageDate | None = None
    canonical: str | None = None
    canonical_source: str | None = None
    original_url: str | None = None
    captured: dt.datetime | None = None
    captured_source: str | None = None

    @property
    def title(self) -> str | None:
        return self.titles[0].text if self.titles else None

    def to_dict(self) -> dict[str, Any]:
        """A small stable shape for findings' evidence and JSON reports."""
        lang = self.language
        return {
            "page_url": self.url,
            "charset": f"{self.charset} ({self.charset_source})",
            "page_title": self.title,
            "page_titles": [f"{c.source}: {c.text}" for c in self.titles],
            "page_language": lang.code if lang else None,
            "page_language_source": lang.source if lang else None,
            "page_language_probability": (
                round(lang.probability, 3) if lang and lang.probability is not None else None
            ),
            "page_published": self.published.date.iso() if self.published else None,
            "page_published_source": self.published.source if self.published else None,
            "canonical": self.canonical,
            "page_original_url": self.original_url,
            "page_captured": self.captured.isoformat() if self.captured else None,
        }
