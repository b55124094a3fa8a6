"""What a fetched page says about itself, as the rules and reports read it.

The page reader (``citecheck.check.page``) builds frozen dataclasses that have these shapes;
this contract names only what readers use: the titles, the language and what it was decided
from, the stated publication date, the canonical URL and a capture's own banner. Protocols,
with read-only members, so the reader keeps its own classes and mypy checks that they fit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from citecheck.model import PartialDate


class TitleCandidate(Protocol):
    """One title the page gives, and where it came from (``og:title``, ``title``, ``h1``…)."""

    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...


class PageLanguage(Protocol):
    """A language code (BCP-47 as found), where it came from, and langdetect's probability."""

    @property
    def code(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def probability(self) -> float | None: ...
    @property
    def primary(self) -> str: ...


class PageDate(Protocol):
    """A publication date the page states, where it came from, and whether that is metadata."""

    @property
    def date(self) -> PartialDate: ...
    @property
    def source(self) -> str: ...
    @property
    def raw(self) -> str: ...
    @property
    def strong(self) -> bool: ...


class PageEvidence(Protocol):
    """What one fetched page says about itself; ``to_dict`` is the shape findings show."""

    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def titles(self) -> tuple[TitleCandidate, ...]: ...
    @property
    def language(self) -> PageLanguage | None: ...
    @property
    def declared_language(self) -> PageLanguage | None: ...
    @property
    def detected_language(self) -> PageLanguage | None: ...
    @property
    def published(self) -> PageDate | None: ...
    @property
    def canonical(self) -> str | None: ...
    @property
    def original_url(self) -> str | None: ...
    @property
    def captured(self) -> dt.datetime | None: ...

    def to_dict(self) -> dict[str, Any]: ...
