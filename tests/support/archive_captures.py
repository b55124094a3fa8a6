"""The captures in the local pywb archive: real pages at fixed times, and the URLs they are at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.pywb_server import Capture

PAGES = Path(__file__).resolve().parents[1] / "data" / "archives" / "pages"

RFI_ASIA = "https://www.rfi.fr/cn/asia/"
DW_ARTICLE = "https://www.dw.com/zh/a-66800000"
DW_OLD_ARTICLE = "https://www.dw.com/zh/a-66000000"
DW_HOME = "https://www.dw.com/zh/"
DW_GONE = "https://www.dw.com/zh/a-404"


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


CAPTURES = (
    # One URL captured twice, five days apart.
    Capture(RFI_ASIA, utc(2023, 9, 7, 10, 0, 0), _page("rfi-zh-20230907-feed-capture.html")),
    Capture(RFI_ASIA, utc(2023, 9, 12, 8, 30, 0), _page("rfi-zh-20230912-feed-capture.html")),
    Capture(
        DW_ARTICLE,
        utc(2023, 9, 14, 12, 30, 59),
        _page("dw-zh-20230914.txt"),
        content_type="text/plain; charset=utf-8",
    ),
    # A dead article that the site redirected to its home page when it was archived.
    Capture(
        DW_OLD_ARTICLE, utc(2023, 9, 20, 6, 0, 0), status="301 Moved Permanently", location=DW_HOME
    ),
    Capture(DW_HOME, utc(2023, 9, 20, 6, 0, 1), _page("dw-zh-home.html")),
    Capture(DW_GONE, utc(2023, 9, 21), b"<h1>Not Found</h1>", status="404 Not Found"),
)
