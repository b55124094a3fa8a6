"""The references table's cells that every report format shows alike (Markdown and HTML escape
or not around them): plain strings from a reference."""

from __future__ import annotations

from collections.abc import Mapping

from citecheck.model import PartialDate, Reference


def date_cell(value: PartialDate | None) -> str:
    """A date at its own precision, or "—"."""
    return value.iso() if value else "—"


def archived_cell(ref: Reference) -> str:
    """The archive date; "yes (undated)" for an archive link without one; else "—"."""
    return date_cell(ref.archived) if ref.archived or not ref.has_archive else "yes (undated)"


def uses_cell(ref: Reference, uses: Mapping[str, tuple[int, ...]]) -> str:
    """How often the body uses the entry, "n of m" when its backlinks say m."""
    shown = f"{len(uses.get(ref.label, ()))}"
    return f"{shown} of {len(ref.backlinks)}" if ref.backlinks else shown
