"""Compatibility forms that PDF text and CJK input methods write where ASCII is meant.

Markers typed or extracted as ``［1］``, ``[１２]`` or ``【3】`` cite like ``[1]``; recognising them
through their NFKC forms keeps the rest of the text as written.
"""

from __future__ import annotations

import re
import unicodedata

_WIDE_MARKER = re.compile(r"[［\[【]([0-9０-９]{1,4})[］\]】]")
_ASCII = frozenset("[]0123456789")


def ascii_markers(text: str) -> str:
    """``text`` with every full-width or lenticular-bracket marker written ``[n]``; nothing
    else changes."""
    if "［" not in text and "【" not in text and not any("０" <= ch <= "９" for ch in text):
        return text
    return _WIDE_MARKER.sub(_narrow, text)


def _narrow(m: re.Match[str]) -> str:
    if set(m.group(0)) <= _ASCII:
        return m.group(0)
    return f"[{unicodedata.normalize('NFKC', m.group(1))}]"
