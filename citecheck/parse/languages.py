"""Language labels of reference lists (俄语, (рус.), (in Russian), (英語)…) as BCP-47 codes."""

from __future__ import annotations


def language_code(label: str) -> str | None:
    """BCP-47 code for a language label with or without its brackets; None if unknown."""
    raise NotImplementedError
