"""Language labels of reference lists (俄语, (рус.), (in Russian), (英語)…) as BCP-47 codes.

One table, keyed by the label as the five wikis render it, merged from the language modules'
``language_labels`` (``citecheck/lang``); add a row there to teach a new label.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from citecheck.lang import merged

# Every language module's labels, merged (citecheck/lang: language_labels).
LABELS: Mapping[str, str] = merged("language_labels")

_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")


def language_code(label: str) -> str | None:
    """BCP-47 code for a language label with or without its brackets; None if unknown."""
    text = label.strip()
    if text[:1] in "(（[" and text[-1:] in ")）]":
        text = text[1:-1].strip()
    text = re.sub(r"^in\s+", "", text, flags=re.IGNORECASE)
    if text in LABELS:
        return LABELS[text]
    lowered = text.lower()
    if lowered in LABELS:
        return LABELS[lowered]
    if _CODE.fullmatch(text):
        lang, _, region = text.partition("-")
        return f"{lang}-{region.upper()}" if len(region) == 2 else text
    return None


_SCRIPT_PREFIXES = (
    ("CJK", "Han"),
    ("HIRAGANA", "Kana"),
    ("KATAKANA", "Kana"),
    ("HANGUL", "Hangul"),
    ("CYRILLIC", "Cyrillic"),
    ("LATIN", "Latin"),
    ("ARABIC", "Arabic"),
    ("GREEK", "Greek"),
    ("HEBREW", "Hebrew"),
)


@lru_cache(maxsize=8192)  # unicodedata.name per letter is the cost of counting scripts
def script_of(ch: str) -> str | None:
    """The script of a letter (Han, Kana, Hangul, Cyrillic, Latin…), None for anything else."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for prefix, script in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return script
    return None


def scripts(text: str) -> Counter[str]:
    """Letters of ``text`` counted per script."""
    return Counter(s for s in map(script_of, text) if s)


# The languages langdetect 1.0.9 has profiles for: any other text (Latin, Belarusian, Kazakh…)
# it can only misname, so its guess counts only when the expected language is one of these.
# fmt: off
DETECTABLE = frozenset({
    "af", "ar", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fa", "fi",
    "fr", "gu", "he", "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml",
    "mr", "ne", "nl", "no", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw",
    "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zh",
})
# fmt: on


# Bounded: page texts are long, and an audit reads thousands of pages.
@lru_cache(maxsize=1024)
def detect_language(text: str) -> tuple[str, float] | None:
    """langdetect's best guess for ``text`` (as it names it, e.g. ``zh-cn``) and its
    probability, reproducibly: the detector is seeded, so the same text gives the same answer."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return str(best.lang), float(best.prob)
