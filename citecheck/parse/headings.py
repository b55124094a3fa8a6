"""What a section heading says about the list under it: references, notes, or neither.

Real documents dress the same few words many ways: ``## 4 参考资料``, ``# 参考文献：``,
``**СПИСОК ВИКОРИСТАНИХ ДЖЕРЕЛ**``, ``Список використаних джерел до розділу 1``, ``REFERENCES``,
``References:``, ``VIII. Bibliography``, ``参考URL``. :func:`heading_kind` strips the dressing
(Unicode compatibility forms, emphasis, section numbers, a trailing colon, a qualifying suffix)
and compares what is left with the phrases below, one table per language.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache


class ListKind(StrEnum):
    REFERENCES = "references"
    NOTES = "notes"


# fmt: off
# Phrases that head a list of the works cited, per language, lower-case.
REFERENCE_PHRASES: dict[str, tuple[str, ...]] = {
    "zh": ("参考文献", "參考文獻", "参考资料", "參考資料", "参考来源", "參考來源", "来源", "來源",
           "引用", "参考", "參考", "引用文献", "引用文獻", "参考书目", "參考書目", "文献", "文獻",
           "资料来源", "資料來源", "脚注", "腳註"),
    "ja": ("出典", "脚注", "参照", "参考文献", "引用文献", "参考", "参考資料", "文献"),
    "en": ("references", "citations", "sources", "footnotes", "bibliography", "works cited",
           "reference list", "literature", "literature cited", "references and notes",
           "notes and references", "cited works", "endnotes", "source"),
    "ru": ("примечания", "источники", "литература", "сноски", "список литературы",
           "список источников", "список использованных источников",
           "список использованной литературы", "библиография", "библиографический список",
           "использованные источники", "использованная литература", "ссылки на источники"),
    "uk": ("примітки", "джерела", "література", "виноски", "список літератури",
           "список використаних джерел", "список використаної літератури",
           "список джерел", "перелік посилань", "перелік джерел", "використані джерела",
           "бібліографічний список", "бібліографія", "список рекомендованої літератури",
           "рекомендована література"),
}
# Phrases that head explanatory notes, kept apart when the document also has a reference list.
NOTES_PHRASES: dict[str, tuple[str, ...]] = {
    "zh": ("注释", "注釋", "註釋", "注解", "注", "附注", "附註"),
    "ja": ("注記", "注釈", "注"),
    "en": ("notes", "explanatory notes"),
    "ru": ("комментарии",),
    "uk": ("коментарі",),
}

# Sections that follow a reference list on wiki pages and end it: external links, see also.
OTHER_SECTION_PHRASES: dict[str, tuple[str, ...]] = {
    "zh": ("外部链接", "外部連結", "外部連接", "参见", "參見", "参看", "延伸阅读", "延伸閱讀"),
    "ja": ("外部リンク", "関連項目"),
    "en": ("external links", "see also", "further reading"),
    "ru": ("ссылки", "см. также", "дополнительная литература"),
    "uk": ("посилання", "див. також"),
}
# fmt: on

ENDING_HEADINGS = frozenset(p for phrases in OTHER_SECTION_PHRASES.values() for p in phrases)
REFERENCE_HEADINGS = frozenset(p for phrases in REFERENCE_PHRASES.values() for p in phrases)
NOTES_HEADINGS = frozenset(p for phrases in NOTES_PHRASES.values() for p in phrases)

# Section numbering before a heading's words: "4 ", "4.", "IV. ", "7.2 ", "Глава 3.", "第五章".
_NUMBERING = re.compile(
    r"^(?:(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})[.):]?\s+|\d{1,3}\.(?=\D)|第[\d一二三四五六七八九十]+[章节節部]\s*)"
)
_EMPHASIS = re.compile(r"[*_`~]+")
# A suffix that qualifies the list without changing what it is: "(… до розділу 1)",
# " к главе 2", " for chapter 3", "（第1章）", a number, a plain "URL"/"リンク". Not any words:
# "Notes to self" and "Sources of funding" head no list of works cited.
_QUALIFIER = re.compile(
    r"^(?:[(（\[].*[)）\]]|(?:до|к|по)\s.{1,40}"
    r"|(?:for|to|of|in)\s(?:chapter|section|part|the chapter|this chapter)\b.{0,20}"
    r"|url|urls|リンク|链接|鏈接|一覧|\d{1,3})$"
)
_EDGE = " \t.:：;；。·-–—|#="


@lru_cache(maxsize=1024)
def heading_key(text: str) -> str:
    """A heading reduced to its words: compatibility forms folded (NFKC), emphasis, section
    numbers, a trailing colon and surrounding punctuation removed, lower-cased."""
    text = unicodedata.normalize("NFKC", text)
    text = _EMPHASIS.sub("", text).strip(_EDGE)
    text = _NUMBERING.sub("", text).strip(_EDGE)
    return " ".join(text.split()).lower()


def ends_lists(text: str) -> bool:
    """Whether ``text`` heads a section that follows a reference list and is not one (External
    links, See also, Ссылки, 外部リンク)."""
    return heading_key(text) in ENDING_HEADINGS


@lru_cache(maxsize=1024)
def heading_kind(text: str) -> ListKind | None:
    """REFERENCES or NOTES when ``text`` is a heading of such a list, else None.

    A heading is one of the phrases, alone or followed by a qualifier (``до розділу 1``,
    ``(selected)``, ``URL``); a phrase inside a longer title ("Notes on the design") is not.
    """
    key = heading_key(text)
    if not key or len(key) > 80:
        return None
    for kind, names in (
        (ListKind.REFERENCES, REFERENCE_HEADINGS),
        (ListKind.NOTES, NOTES_HEADINGS),
    ):
        if key in names:
            return kind
    for kind, names in (
        (ListKind.REFERENCES, REFERENCE_HEADINGS),
        (ListKind.NOTES, NOTES_HEADINGS),
    ):
        for name in names:
            if key.startswith(name):
                rest = key[len(name) :].strip(_EDGE)
                if _QUALIFIER.match(rest):
                    return kind
    return None
