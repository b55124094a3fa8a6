"""Split prose into claims: sentences that carry citation markers."""

from __future__ import annotations

from citecheck.model import Claim


def split_claims(text: str, *, section: str | None, line: int, first_id: int) -> list[Claim]:
    """The sentences of one paragraph that carry ``[n]``/``[a]`` markers, numbered from
    ``first_id``. ``text`` is prose with markers written inline as ``[16]`` or ``[a]``."""
    raise NotImplementedError
