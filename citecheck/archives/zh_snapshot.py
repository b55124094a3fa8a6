"""A Chinese snapshot service's capture banner: the page's own statement of what it copied.

The service serves its copy of an article as text with a banner around it (no Memento headers,
no URL grammar citecheck knows, so this banner is all there is):

- ``快照生成时间:2023-09-13 14:45:03`` — when the snapshot was made, in the service's local
  time with no zone (kept naive rather than guessed);
- ``信息原文地址:<url>`` — the original address, sometimes as a link, sometimes lost in the copy
  (then none is invented);
- ``类别:国际 发布时间:2023-09-13 13:03:00 来源:…`` — the article's publication date, on the
  line just below the article's headline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from citecheck.archives._types import CaptureBanner

_TIME = re.compile(r"快照生成时间\s*[:：]\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})")
_URL = re.compile(r"信息原文地址\s*[:：]\s*(?:<[^>]*href=[\"'])?(https?://[^\s\"'<>]+)")
_PUBLISHED = re.compile(r"发布时间\s*[:：]\s*(\d{4}-\d{2}-\d{2})")


def _title(text: str) -> str | None:
    """The headline: the line just above the ``类别:… 发布时间:…`` line."""
    lines = [line.strip() for line in text.splitlines()[:200]]
    for i, line in enumerate(lines):
        if "发布时间" in line:
            above = [x for x in lines[:i] if x]
            return above[-1] if above else None
    return None


@dataclass(frozen=True)
class ZhSnapshotBanner:
    name: str = "zh-snapshot-service"

    def read_banner(self, text: str) -> CaptureBanner | None:
        m = _TIME.search(text)
        if m is None:
            return None
        original = _URL.search(text)
        published = _PUBLISHED.search(text)
        return CaptureBanner(
            source="snapshot banner",
            captured=dt.datetime.fromisoformat(f"{m[1]}T{m[2]}"),
            original=original[1] if original else None,
            title=_title(text),
            published=published[1] if published else None,
            published_raw=published.group(0) if published else None,
            published_source="snapshot banner 发布时间" if published else None,
        )


ZH_SNAPSHOT_SERVICE = ZhSnapshotBanner()
