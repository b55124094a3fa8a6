"""Language labels of reference lists (俄语, (рус.), (in Russian), (英語)…) as BCP-47 codes.

One table, keyed by the label as the five wikis render it; add a row to teach a new label.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

LABELS: dict[str, str] = {
    # zh CS1: (俄语) (英语) (美国英语) …, simplified and traditional.
    "俄语": "ru",
    "俄語": "ru",
    "英语": "en",
    "英語": "en",
    "美国英语": "en-US",
    "美國英語": "en-US",
    "英国英语": "en-GB",
    "英國英語": "en-GB",
    "乌克兰语": "uk",
    "烏克蘭語": "uk",
    "日语": "ja",
    "日語": "ja",
    "中文": "zh",
    "中文（中国大陆）": "zh-CN",
    "中文（臺灣）": "zh-TW",
    "中文（台湾）": "zh-TW",
    "中文（香港）": "zh-HK",
    "中文（简体）": "zh-Hans",
    "中文（繁體）": "zh-Hant",
    "韩语": "ko",
    "韓語": "ko",
    "朝鲜语": "ko",
    "朝鮮語": "ko",
    "法语": "fr",
    "法語": "fr",
    "德语": "de",
    "德語": "de",
    "白俄罗斯语": "be",
    "白俄羅斯語": "be",
    "拉丁语": "la",
    "拉丁語": "la",
    "西班牙语": "es",
    "西班牙語": "es",
    "意大利语": "it",
    "意大利語": "it",
    "義大利語": "it",
    "葡萄牙语": "pt",
    "葡萄牙語": "pt",
    "波兰语": "pl",
    "波蘭語": "pl",
    "哈萨克语": "kk",
    "哈薩克語": "kk",
    "荷兰语": "nl",
    "荷蘭語": "nl",
    "阿拉伯语": "ar",
    "阿拉伯語": "ar",
    "土耳其语": "tr",
    "土耳其語": "tr",
    "瑞典语": "sv",
    "瑞典語": "sv",
    "希腊语": "el",
    "希臘語": "el",
    "越南语": "vi",
    "越南語": "vi",
    "加拿大英语": "en-CA",
    "澳大利亚英语": "en-AU",
    "加拿大法语": "fr-CA",
    # ja
    "ロシア語": "ru",
    "ウクライナ語": "uk",
    "日本語": "ja",
    "中国語": "zh",
    "韓国語": "ko",
    "フランス語": "fr",
    "ドイツ語": "de",
    "ラテン語": "la",
    "スペイン語": "es",
    "イタリア語": "it",
    "ポルトガル語": "pt",
    "ポーランド語": "pl",
    "ベラルーシ語": "be",
    "カザフ語": "kk",
    "オランダ語": "nl",
    "アラビア語": "ar",
    "トルコ語": "tr",
    "英語 (アメリカ)": "en-US",
    "英語 (イギリス)": "en-GB",
    # ru
    "рус.": "ru",
    "англ.": "en",
    "укр.": "uk",
    "яп.": "ja",
    "кит.": "zh",
    "кор.": "ko",
    "фр.": "fr",
    "нем.": "de",
    "белор.": "be",
    "русский": "ru",
    "английский": "en",
    "украинский": "uk",
    "японский": "ja",
    "китайский": "zh",
    "лат.": "la",
    "исп.": "es",
    "итал.": "it",
    "порт.": "pt",
    "пол.": "pl",
    "польск.": "pl",
    "каз.": "kk",
    "нидерл.": "nl",
    "араб.": "ar",
    "тур.": "tr",
    "латинский": "la",
    "французский": "fr",
    "немецкий": "de",
    "испанский": "es",
    "итальянский": "it",
    "португальский": "pt",
    "польский": "pl",
    "корейский": "ko",
    "белорусский": "be",
    "казахский": "kk",
    # uk
    "рос.": "ru",
    "англ": "en",
    "япон.": "ja",
    "кит": "zh",
    "російська": "ru",
    "англійська": "en",
    "українська": "uk",
    "японська": "ja",
    "китайська": "zh",
    "нім.": "de",
    "ісп.": "es",
    "італ.": "it",
    "біл.": "be",
    "білор.": "be",
    "латинська": "la",
    "французька": "fr",
    "німецька": "de",
    "іспанська": "es",
    "італійська": "it",
    "португальська": "pt",
    "польська": "pl",
    "корейська": "ko",
    "білоруська": "be",
    "казахська": "kk",
    # en
    "russian": "ru",
    "english": "en",
    "ukrainian": "uk",
    "japanese": "ja",
    "chinese": "zh",
    "korean": "ko",
    "french": "fr",
    "german": "de",
    "belarusian": "be",
    "latin": "la",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "polish": "pl",
    "kazakh": "kk",
    "dutch": "nl",
    "arabic": "ar",
    "turkish": "tr",
    "swedish": "sv",
    "greek": "el",
    "vietnamese": "vi",
}

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


def primary(code: str) -> str:
    """The language without its region or script: ``en-US`` -> ``en``."""
    return code.split("-", 1)[0].lower()


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
