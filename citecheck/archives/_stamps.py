"""Archive timestamps: the 4–14 digit form of archive URLs and the HTTP date of Memento."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from citecheck.archives._types import Precision

# Digits per precision: 2023 | 202309 | 20230914 | 2023091412 | 202309141230 | 20230914123059.
_PRECISION_BY_LENGTH = {
    4: Precision.YEAR,
    6: Precision.MONTH,
    8: Precision.DAY,
    10: Precision.HOUR,
    12: Precision.MINUTE,
    14: Precision.SECOND,
}


def parse_digits(digits: str) -> tuple[dt.datetime, Precision] | str:
    """The earliest UTC instant of a ``YYYY[MM[DD[hh[mm[ss]]]]]`` stamp and its precision.

    Returns a one-line reason instead when the stamp is not a real time: odd lengths are
    rejected rather than guessed, because they are almost always a truncated copy-paste.
    """
    if not digits.isascii() or not digits.isdigit():
        return f"timestamp {digits!r} is not digits"
    precision = _PRECISION_BY_LENGTH.get(len(digits))
    if precision is None:
        return f"timestamp {digits!r} has {len(digits)} digits, not 4, 6, 8, 10, 12 or 14"
    fields = [int(digits[i : i + 2]) for i in range(4, len(digits), 2)]
    month, day, hour, minute, second = (fields + [1, 1, 0, 0, 0][len(fields) :])[:5]
    try:
        when = dt.datetime(int(digits[:4]), month, day, hour, minute, second, tzinfo=dt.UTC)
    except ValueError as exc:
        return f"timestamp {digits!r} is not a real time ({exc})"
    return when, precision


def to_digits(when: dt.datetime) -> str:
    """The 14-digit stamp of an instant, in UTC."""
    return when.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")


def parse_http_date(value: str | None) -> dt.datetime | None:
    """An RFC 7231 HTTP date (as in ``Memento-Datetime``) in UTC, or ``None`` if unreadable."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" means UTC in HTTP dates
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)
