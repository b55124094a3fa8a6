"""Dates as reference lists write them, in zh, ja, ru, uk and en, kept at their precision."""

from __future__ import annotations

from citecheck.model import PartialDate


def parse_date(text: str) -> PartialDate | None:
    """Read one date (``2023-09-13``, ``2023年9月13日``, ``14 February 2023``, ``22 сентября 2020
    года``, ``04.12.2022``…); None when ``text`` is not a date."""
    raise NotImplementedError
