"""A feed capture's head comment: the capture time and the original, written into the copy.

Some capture tools save a feed item as text that starts with the capture time in epoch
milliseconds in an HTML comment, then a Markdown link to the original:
``<!--1694047501000-->\\n[金正恩想从普京身上得到什么](https://www.rfi.fr/cn/…)``. RFI's feed writes
the publication time day first below it: ``<div>07/09/2023 - 02:29</div>``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from citecheck.archives._types import CaptureBanner

_HEAD = re.compile(r"^\s*<!--\s*(\d{13})\s*-->\s*\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_DATE = re.compile(r"<div>\s*(\d{2})/(\d{2})/(\d{4})\s*-\s*\d{2}:\d{2}\s*</div>")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class FeedCaptureBanner:
    name: str = "feed-capture"

    def read_banner(self, text: str) -> CaptureBanner | None:
        m = _HEAD.match(text)
        if m is None:
            return None
        published = _DATE.search(text, m.end(), m.end() + 2000)
        day = None
        if published:
            try:  # day first: 07/09/2023 is 7 September
                day = dt.date(int(published[3]), int(published[2]), int(published[1])).isoformat()
            except ValueError:
                day = None
        return CaptureBanner(
            source="feed capture comment",
            captured=dt.datetime.fromtimestamp(int(m[1]) / 1000, dt.UTC),
            original=m[3],
            title=_SPACES.sub(" ", m[2]).strip(),
            published=day,
            published_raw=published.group(0) if published and day else None,
            published_source="feed" if day else None,
        )


FEED_CAPTURE = FeedCaptureBanner()
