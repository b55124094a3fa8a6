"""The input-format registry."""

from __future__ import annotations

from citecheck.parse import FORMATS, format_names, load_formats


def test_format_names_are_the_registered_formats_without_importing_them() -> None:
    load_formats()
    assert format_names() == sorted(FORMATS) == ["html", "markdown", "text", "wikitext"]
