"""The capture banners of archive and snapshot-service pages: the original address, the
capture time, and the title and date the service kept.

Each service's banner (a feed capture's comment, ``快照生成时间…``, the Wayback replay
comment…) is read by its reader in ``citecheck.archives.BANNER_READERS``; this turns the first
banner found into page evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from citecheck.archives import BANNER_READERS, CaptureBanner
from citecheck.check.page.dates import parse_page_date
from citecheck.evidence.page import PageDate


@dataclass(frozen=True)
class Capture:
    """What a capture banner says of the page it frames."""

    original: str | None = None
    captured: dt.datetime | None = None
    source: str | None = None
    title: str | None = None
    published: PageDate | None = None


def capture_banner(text: str) -> Capture | None:
    """The banner of the first service whose reader finds one in ``text``, or None."""
    for reader in BANNER_READERS:
        if (banner := reader.read_banner(text)) is not None:
            return Capture(
                banner.original,
                banner.captured,
                banner.source,
                banner.title,
                _banner_published(banner),
            )
    return None


def _banner_published(banner: CaptureBanner) -> PageDate | None:
    if banner.published is None or (day := parse_page_date(banner.published)) is None:
        return None
    return PageDate(day, banner.published_source or banner.source, banner.published_raw or "")
