"""A page's language: the one it declares, the one its text is in, and which the rules use.

A declaration loses to the text only on strong evidence (templates ship ``lang="en"``); East
Asian text is decided by its script, not by langdetect.
"""

from __future__ import annotations

import collections
import re
from typing import TYPE_CHECKING

from citecheck.check.page.markup import Metas, clean, meta
from citecheck.evidence.page import PageLanguage
from citecheck.parse.languages import detect_language, script_of

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

# The most of a page's running text any reader looks at.
_MAIN_TEXT_CHARS = 5_000
# langdetect's guess is kept only over this much text; a menu or a caption says little.
_MIN_DETECT_LETTERS = 60
# langdetect's time grows with the text; a few paragraphs name a language as surely as a page.
_DETECT_CHARS = 2_000
# A declared language loses to the text's only on strong evidence: templates ship lang="en".
_OVERRIDE_LETTERS = 300
_OVERRIDE_PROBABILITY = 0.99

_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _code(value: str | None) -> str | None:
    value = (value or "").split(",")[0].strip()
    return value.replace("_", "-") if _LANG_CODE.match(value) else None


def declared_language(
    tree: HTMLParser, metas: Metas, content_language: str | None
) -> PageLanguage | None:
    """The first language the page or its server declares, ``<html lang>`` first."""
    html = tree.css_first("html")
    candidates = [
        ("html lang", html.attributes.get("lang") if html else None),
        ("html xml:lang", html.attributes.get("xml:lang") if html else None),
        ("Content-Language", content_language),
        ("meta Content-Language", meta(metas, "content-language")),
        ("og:locale", meta(metas, "og:locale")),
    ]
    for source, value in candidates:
        if code := _code(value):
            return PageLanguage(code, source)
    return None


def _letters(text: str, enough: int) -> int:
    """How many letters ``text`` has, counted only until there are ``enough``."""
    counted = 0
    for start in range(0, len(text), 4 * enough):  # bounded by len(text)
        counted += sum(map(str.isalpha, text[start : start + 4 * enough]))
        if counted >= enough:
            break
    return counted


# The first letter script_of calls Han, Kana or Hangul (HANGUL CHOSEONG KIYEOK), pinned by a test.
_FIRST_CJK = "\u1100"


def _cjk_language(text: str) -> tuple[str, float] | None:
    """zh, ja or ko from the script of a mostly-CJK text, with the CJK share as probability.

    langdetect reads long Traditional Chinese as Korean at 0.99999 (the pixnet sample), so
    East Asian text is decided by its script: any real share of kana is Japanese, of Hangul
    Korean, and Han alone Chinese.
    """
    sample = text[:_MAIN_TEXT_CHARS]
    if not sample or max(sample) < _FIRST_CJK:
        return None  # no East Asian letter at all: most pages, settled without counting
    han = kana = hangul = letters = 0
    # Each distinct character is looked at once: a page repeats its characters.
    for ch, n in collections.Counter(sample).items():
        if not ch.isalpha():
            continue
        letters += n
        script = script_of(ch)
        if script == "Han":
            han += n
        elif script == "Kana":
            kana += n
        elif script == "Hangul":
            hangul += n
    cjk = han + kana + hangul
    if not letters or cjk / letters < 0.5:
        return None
    share = round(cjk / letters, 3)
    if kana >= 0.05 * cjk:
        return "ja", share
    if hangul >= 0.2 * cjk:
        return "ko", share
    return "zh", share


def language(
    declared: PageLanguage | None, text: str
) -> tuple[PageLanguage | None, PageLanguage | None]:
    """The page's language and langdetect's guess, which overrides a contradicted declaration
    only on a long text and a near-certain guess."""
    letters = _letters(text, max(_MIN_DETECT_LETTERS, _OVERRIDE_LETTERS))
    detected: PageLanguage | None = None
    if letters >= _MIN_DETECT_LETTERS:
        if script := _cjk_language(text):
            detected = PageLanguage(script[0], "script", script[1])
        elif guess := detect_language(text[:_DETECT_CHARS]):
            detected = PageLanguage(guess[0], "langdetect", guess[1])
    if declared is None:
        return detected, detected
    if (
        detected is not None
        and detected.primary != declared.primary
        and letters >= _OVERRIDE_LETTERS
        and (detected.probability or 0) >= _OVERRIDE_PROBABILITY
    ):
        source = f"{detected.source} (the page declares {declared.code} in {declared.source})"
        return PageLanguage(detected.code, source, detected.probability), detected
    return declared, detected


_DROP = "script, style, noscript, template, nav, header, footer, aside, form, select, iframe"


def main_text(tree: HTMLParser) -> str:
    """The page's running text: paragraphs of the article (or of the body), no menus."""
    found = tree.css_first("article") or tree.body
    if found is None:
        return ""
    # A copy, so that dropping menus does not change the tree the other readers use.
    root = type(tree)(found.html or "")
    for node in root.css(_DROP):
        node.decompose()
    paragraphs: list[str] = []
    length = 0
    for node in root.css("p"):
        paragraph = clean(node.text(separator=" "))
        if len(paragraph) >= 20:
            paragraphs.append(paragraph)
            length += len(paragraph) + 1
            if length >= _MAIN_TEXT_CHARS:
                break  # enough to judge the language by
    text = " ".join(paragraphs)
    if len(text) < 200 and root.body is not None:
        text = clean(root.body.text(separator=" "))
    return text[:_MAIN_TEXT_CHARS]
