"""Wiki templates that matter to citations, as data: names, aliases and parameter names per wiki.

The wikitext parser knows only the syntax (a template is a name and parameters); what a template
*means* is decided here. To teach citecheck another wiki, add its template names and parameter
aliases to these tables; no parser code changes.

Names are compared after :func:`normalize_name` (namespace prefix dropped, ``_`` as space, case
folded), and parameter names after ``casefold`` and trimming, so ``Cite_web`` and ``cite web``,
``Access-Date`` and ``access-date`` are the same.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_NAMESPACES = ("template:", "шаблон:", "模板:", "テンプレート:")


@functools.lru_cache(maxsize=4096)  # a page names the same few templates and parameters
def normalize_name(name: str) -> str:
    """The form of a template or parameter name used as a key in these tables."""
    text = re.sub(r"[\s_]+", " ", name).strip().casefold()
    for prefix in _NAMESPACES:
        if text.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


@dataclass(frozen=True)
class CitationScheme:
    """How one family of citation templates names its parameters.

    ``fields`` maps a Reference field to the parameter names that may carry it, most preferred
    first (the first non-empty one wins). ``authors`` lists ``(last, first)`` pairs of patterns
    with ``{n}`` for the author's number (``first`` may be empty for a whole-name parameter).
    """

    name: str
    fields: Mapping[str, tuple[str, ...]]
    authors: tuple[tuple[str, str], ...] = ()
    # A positional flag that sets the language, e.g. jawiki's {{Cite web|和書|…}}.
    positional_language: Mapping[str, str] = field(default_factory=dict)
    # Whether the template reports CS1's pairing errors (archive-url without archive-date…).
    # ruwiki's GOST-style templates do not, so flagging them there would cry wolf.
    cs1_errors: bool = False


# CS1 as used on en, zh, uk and ja, plus ruwiki's own {{cite web}} (same template name, older
# parameter names such as lang/deadlink) and ukwiki's Ukrainian aliases of the CS1 module.
CS1 = CitationScheme(
    name="cs1",
    fields=MappingProxyType(
        {
            "title": ("title", "назва", "заголовок", "заглавие", "название"),
            # The work (site, newspaper, journal) before the publisher: it is what renderings
            # show as the source, e.g. "Reuters" or "The Guardian".
            "publisher": (
                "website",
                "work",
                "newspaper",
                "journal",
                "magazine",
                "periodical",
                "encyclopedia",
                "site",
                "вебсайт",
                "сайт",
                "робота",
                "видання",
                "газета",
                "журнал",
                "publisher",
                "agency",
                "видавець",
                "видавництво",
                "издатель",
            ),
            "date": ("date", "дата", "publication-date", "publication date"),
            "year": ("year", "рік", "год"),
            "access_date": (
                "access-date",
                "accessdate",
                "access date",
                "access_date",
                "дата-доступу",
                "дата доступу",
                "датадоступу",
                "дата обращения",
                "дата-обращения",
            ),
            "archive_url": (
                "archive-url",
                "archiveurl",
                "archive url",
                "archive_url",
                "url-архіву",
                "url архіву",
                "архів-url",
                "архівurl",
                "архив-url",
            ),
            "archive_date": (
                "archive-date",
                "archivedate",
                "archive date",
                "archive_date",
                "дата-архіву",
                "дата архіву",
                "архив-дата",
            ),
            "url": ("url", "url-адреса", "посилання"),
            "language": ("language", "lang", "мова", "язык"),
            "issn": ("issn", "eissn"),
            "url_status": (
                "url-status",
                "urlstatus",
                "deadurl",
                "dead-url",
                "deadlink",
                "dead-link",
                "стан-url",
                "статус-url",
            ),
        }
    ),
    authors=(
        ("last{n}", "first{n}"),
        ("surname{n}", "given{n}"),
        ("author-last{n}", "author-first{n}"),
        ("прізвище{n}", "ім'я{n}"),
        ("author{n}", ""),
        ("автор{n}", ""),
        ("authors", ""),
    ),
    positional_language=MappingProxyType({"和書": "ja"}),
    cs1_errors=True,
)

# ruwiki {{статья}} / {{публикация}} (GOST-style): издание is the periodical.
RU_ARTICLE = CitationScheme(
    name="ru-article",
    fields=MappingProxyType(
        {
            "title": ("заглавие", "title"),
            "publisher": ("издание", "издательство", "сайт", "publisher"),
            "date": ("дата", "date"),
            "year": ("год", "year"),
            "access_date": ("проверено", "дата обращения", "accessdate", "access-date"),
            "archive_url": ("архив", "archiveurl", "archive-url"),
            "archive_date": ("архив дата", "архив-дата", "archivedate", "archive-date"),
            "url": ("ссылка", "url"),
            "language": ("язык", "lang", "language"),
            "issn": ("issn",),
            "url_status": ("deadlink", "url-status"),
        }
    ),
    authors=(("автор{n}", ""), ("авторы", ""), ("author{n}", "")),
)

# ruwiki {{книга}} and ukwiki {{книга}}: издание/видання there is the edition, not the source.
BOOK = CitationScheme(
    name="book",
    fields=MappingProxyType(
        {
            "title": ("заглавие", "назва", "title"),
            "publisher": ("издательство", "видавництво", "publisher"),
            "date": ("дата", "date"),
            "year": ("год", "рік", "year"),
            "access_date": ("проверено", "дата-доступу", "accessdate", "access-date"),
            "archive_url": ("архив", "url-архіву", "archiveurl", "archive-url"),
            "archive_date": ("архив дата", "дата-архіву", "archivedate", "archive-date"),
            "url": ("ссылка", "посилання", "url"),
            "language": ("язык", "мова", "lang", "language"),
            "issn": ("issn",),
            "url_status": ("deadlink", "url-status"),
        }
    ),
    authors=(("автор{n}", ""), ("авторы", ""), ("author{n}", "")),
)

SCHEMES: Mapping[str, CitationScheme] = MappingProxyType(
    {scheme.name: scheme for scheme in (CS1, RU_ARTICLE, BOOK)}
)

# Citation template name -> scheme name.
CITATION_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        # CS1 family (en, zh, uk, ja; ruwiki keeps the English names for its own cite web).
        **dict.fromkeys(
            (
                "cite web",
                "cite news",
                "cite journal",
                "cite book",
                "citation",
                "cite magazine",
                "cite press release",
                "cite report",
                "cite encyclopedia",
                "cite conference",
                "cite av media",
                "cite video",
                "cite tweet",
                "cite thesis",
                "cite interview",
                "cite periodical",
                "cite document",
                "cite episode",
                "cite arxiv",
                "cite newspaper",
                "cite paper",
                # jawiki: a copy of cite web kept for older pages.
                "cite web2",
            ),
            "cs1",
        ),
        # ruwiki
        "статья": "ru-article",
        "публикация": "ru-article",
        "книга": "book",
    }
)

# Archive link templates placed after a citation. ``archive`` says what |url= holds: the
# snapshot itself (Webarchive) or the original page, with |date= a Wayback timestamp (Wayback).
ARCHIVE_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        "webarchive": "snapshot",
        "web archive": "snapshot",
        "архивировано": "snapshot",
        "архівовано": "snapshot",
        "wayback": "original",
    }
)

# Tags a wiki uses to say the cited URL no longer works.
DEAD_LINK_TEMPLATES: frozenset[str] = frozenset(
    {
        "dead link",
        "deadlink",
        "dead",
        "404",
        "失效链接",
        "失效連結",
        "死链",
        "недоступная ссылка",
        "недоступне посилання",
        "мертве посилання",
        "リンク切れ",
    }
)

# CS1 |url-status= values (and old |deadurl=/|deadlink=) meaning the original is gone.
DEAD_URL_VALUES: frozenset[str] = frozenset({"dead", "yes", "y", "true", "да", "так", "unfit"})
USURPED_URL_VALUES: frozenset[str] = frozenset({"usurped"})

# Footnote templates and the ref group they stand for. A group of None means "the template's
# |group= if given, else an ordinary reference" ({{refn}}).
NOTE_TEMPLATES: Mapping[str, str | None] = MappingProxyType(
    {
        "efn": "lower-alpha",
        "efn-ua": "upper-alpha",
        "efn-la": "lower-alpha",
        "efn-lr": "lower-roman",
        "efn-ur": "upper-roman",
        "efn-lg": "lower-greek",
        "notetag": "注",
        "note tag": "注",
        "comment": "comment",
        "комм.": "comment",
        "注釈": "注釈",
        "refn": None,
    }
)

# Short citations ({{sfn|Smith|2020|p=25}}): one reference per distinct argument list.
SFN_TEMPLATES: frozenset[str] = frozenset({"sfn", "sfnp", "sfnm", "sfn-ua"})

# Where the reference list or a notes list is rendered. |group= (or the notes templates
# themselves) makes it a notes list; |refs= may hold list-defined references.
REFLIST_TEMPLATES: frozenset[str] = frozenset(
    {
        "reflist",
        "references",
        "refs",
        "примечания",
        "список примечаний",
        "примітки",
        "джерела",
        "脚注ヘルパー",
        "参考文献",
        "reflist-talk",
    }
)
NOTELIST_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        "notelist": "lower-alpha",
        "notelist-ua": "upper-alpha",
        "notelist-la": "lower-alpha",
        "notelist-lr": "lower-roman",
        "notelist-ur": "upper-roman",
        "notefoot": "注",
        "комментарии": "comment",
        "notes": "lower-alpha",
    }
)

# Inline templates that render text inside a sentence: name -> positional parameters whose
# values are shown, joined by a space. Other inline templates render nothing in a claim.
INLINE_TEXT_TEMPLATES: Mapping[str, tuple[int, ...]] = MappingProxyType(
    {
        "lang": (2,),
        "le": (1,),
        "tsl": (3,),
        "link-en": (1,),
        "ill": (1,),
        "iw": (1,),
        "не переведено": (1,),
        "нп": (1,),
        "нп5": (1,),
        "nowrap": (1,),
        "nobr": (1,),
        "abbr": (1,),
        "transl": (2,),
        "convert": (1, 2),
        "small": (1,),
        "noflag": (1,),
        "仮リンク": (1,),
    }
)
# Prefixes of families of inline text templates: {{lang-ru|…}}, {{lang-en|…}}.
INLINE_TEXT_PREFIXES: Mapping[str, tuple[int, ...]] = MappingProxyType({"lang-": (1,)})

# Namespaces whose links are not prose: files (their captions may carry refs), categories.
FILE_NAMESPACES: frozenset[str] = frozenset(
    {
        "file",
        "image",
        "файл",
        "изображение",
        "зображення",
        "文件",
        "檔案",
        "图像",
        "ファイル",
        "画像",
    }
)
CATEGORY_NAMESPACES: frozenset[str] = frozenset(
    {"category", "категория", "категорія", "分类", "分類", "カテゴリ"}
)


# Persistent identifiers a citation template may carry; a work with one is a printed or
# catalogued work (book, journal article), which needs no access date or web archive.
IDENTIFIER_PARAMS: tuple[str, ...] = (
    "doi", "isbn", "issn-l", "pmid", "pmc", "jstor", "oclc", "bibcode", "s2cid", "arxiv", "hdl",
)  # fmt: skip
