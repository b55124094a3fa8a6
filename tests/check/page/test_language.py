"""The page's language where langdetect is wrong: East Asian text is decided by its script."""

from __future__ import annotations

from pathlib import Path

from citecheck.check.page import language, read_page
from citecheck.parse.languages import script_of

READABILITY = Path(__file__).parents[2] / "data" / "pages" / "readability"


def test_langdetect_reading_traditional_chinese_as_korean_is_overruled_by_the_script() -> None:
    page = read_page((READABILITY / "pixnet.html").read_bytes(), "https://example.org/")
    assert page.detected_language is not None
    assert (page.detected_language.code, page.detected_language.source) == ("zh", "script")


def test_no_east_asian_letter_comes_before_the_one_the_cjk_shortcut_starts_at() -> None:
    # _cjk_language skips counting a text whose every character is below _FIRST_CJK.
    east_asian = [c for c in range(0x3000) if script_of(chr(c)) in ("Han", "Kana", "Hangul")]
    assert chr(min(east_asian)) == language._FIRST_CJK
