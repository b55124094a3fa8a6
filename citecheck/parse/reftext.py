"""The one parser for the text of a reference entry, in every language and rendering."""

from __future__ import annotations

from citecheck.model import Reference


def parse_reference_text(
    text: str, *, label: str, line: int, backlinks: tuple[str, ...] = ()
) -> Reference:
    """Read authors, title, publisher, dates, language, ISSN and URLs from a rendered entry."""
    raise NotImplementedError
