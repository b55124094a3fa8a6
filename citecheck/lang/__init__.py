"""What citecheck knows about each language it reads, one data module per language.

Every module of this package except this one (``zh.py``, ``ja.py``, ``ru.py``, ``uk.py``,
``en.py``) defines ``LANGUAGE = Language(...)``; :data:`LANGUAGES` finds them all, so adding a
language is one new file, checked by the contract test in ``tests/lang/test_languages.py``.

The stages read this data, never a copy of it: a consumer either reads one language's
:class:`Language` or the union of a field over all languages (:func:`union`), which is
computed once and cached. Phrases that a consumer compares case-insensitively are stored
lower-case.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from types import MappingProxyType
from typing import Any


def _frozen(value: object) -> object:
    """``value`` with every dict made a read-only mapping and every list or set a tuple or
    frozenset, so that a data module may write plain literals."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, set):
        return frozenset(value)
    return value


# A clause of a rendered reference that names its own field: the cheap word to look for first,
# and the regular expression, where ``{date}`` stands for a (loose) date and ``{wayback}`` for
# the name of a web archive.
Clause = tuple[str, str]


@dataclass(frozen=True)
class Wiki:
    """What the language's wiki calls its templates and their parameters (wikitext reader and
    fixes). Names are lower-case, as parse/templates.py's normalize_name leaves them."""

    # Prefixes of the template namespace, with their colon (templates.normalize_name).
    template_namespaces: tuple[str, ...] = ()
    # Namespaces of files and of categories: links there are not prose (wikitext reader).
    file_namespaces: tuple[str, ...] = ()
    category_namespaces: tuple[str, ...] = ()
    # Citation template name -> the name of its scheme: "cs1", "ru-article", "book"
    # (templates.CITATION_TEMPLATES).
    citation_templates: Mapping[str, str] = field(default_factory=dict)
    # Scheme -> role -> parameter names written in this language, most preferred first. A role
    # is a Reference field, or a part of one that templates.py composes ("work" and "publisher"
    # make the publisher) (templates.SCHEMES).
    citation_params: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    # Scheme -> role -> author parameters as (last, first) patterns with {n} for the number;
    # first is "" for a whole-name parameter (templates.SCHEMES).
    citation_authors: Mapping[str, Mapping[str, tuple[tuple[str, str], ...]]] = field(
        default_factory=dict
    )
    # Scheme -> positional flag -> the language it sets: jawiki's {{Cite web|和書|…}}.
    positional_language: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Archive templates after a citation -> what their |url= holds: "snapshot" or "original".
    archive_templates: Mapping[str, str] = field(default_factory=dict)
    # Tags that say the cited URL no longer works: {{dead link}}, {{失效链接}}.
    dead_link_templates: tuple[str, ...] = ()
    # Values of a url-status parameter that say the original is gone: dead, yes, да, так.
    dead_url_values: tuple[str, ...] = ()
    # Footnote templates -> the ref group they stand for (None: the template's |group=).
    note_templates: Mapping[str, str | None] = field(default_factory=dict)
    # Short-citation templates ({{sfn}}).
    sfn_templates: tuple[str, ...] = ()
    # Templates where the reference list is rendered; notes-list templates -> their group.
    reflist_templates: tuple[str, ...] = ()
    notelist_templates: Mapping[str, str] = field(default_factory=dict)
    # Inline templates that render text in a sentence -> the positional parameters shown;
    # prefixes of families of them ("lang-").
    inline_text_templates: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    inline_text_prefixes: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # Scheme -> field -> the parameter name this wiki writes for a fix: archive_url,
    # archive_date, url_status (report/fixes.py).
    fix_params: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The wiki whose spelling of fixes this wiki follows when it has none of its own (zh and
    # ja write enwiki's CS1 names) (report/fixes.py).
    fixes_as: str = ""
    # url-status parameters whose "dead" is CS1's keyword; older switches take "yes" (fixes).
    status_keyword_params: tuple[str, ...] = ()
    # Parameter names that only citations written on this wiki use (fixes.guess_wiki).
    wiki_signs: tuple[str, ...] = ()
    # Name prefixes of templates that never render prose (infoboxes, navboxes): refs inside
    # count as uses of the box, not of a sentence; lower-case (wikitext reader: _is_block).
    container_prefixes: tuple[str, ...] = ()
    # Values of a url-status parameter that say the original still works: live, no, нет
    # (wikitext reader: url_status).
    live_url_values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, _frozen(getattr(self, f.name)))


@dataclass(frozen=True)
class Language:
    # The language's code as citecheck uses it everywhere: "zh", "ja", "ru", "uk", "en".
    code: str
    # Whether words are separated by spaces (en, ru, uk): consumers then match whole words
    # and look for abbreviations and month names (check/http/classify.py, contract test).
    writes_spaces: bool
    # Letters that only this language writes among those of its script: і ї є ґ for uk
    # (rules/language_mismatch.py, report/fixes.py guess_wiki).
    own_letters: frozenset[str]

    # Headings of a list of the works cited, lower-case (parse/headings.py: heading_kind).
    reference_headings: tuple[str, ...]
    # Headings of explanatory notes, kept apart from the reference list (parse/headings.py).
    notes_headings: tuple[str, ...]
    # Headings of the sections that follow a reference list and end it: external links, see
    # also, further reading; lower-case (parse/headings.py: ends_lists).
    ending_headings: tuple[str, ...]
    # The words of a wiki section's edit link as a browser copy shows them in brackets
    # ("[编辑]", "[править | править код]"), lower-case (parse/formats/text.py: EDIT_LINK).
    edit_links: tuple[str, ...]
    # Words of the lines of a wiki page's footer (last edited, licence, categories, retrieved
    # from), lower-case; a line containing one ends the article in a browser copy (document
    # reader).
    footer_phrases: tuple[str, ...]
    # Words of the lines of the sister-project boxes a wiki page shows beside its lists
    # (Commons, Wikiquote, Scholia), lower-case; such a line is no entry (document reader).
    box_phrases: tuple[str, ...]
    # The texts of a citation's link to its archived copy, lower-case ("Archived", "存档",
    # "Архивная копия"): such a link is the entry's archive URL in every input format, on any
    # host (parse/formats/html.py, parse/formats/markdown/).
    archive_link_words: tuple[str, ...]

    # Language labels of reference lists, as rendered (俄语, рус., russian) -> BCP-47 code;
    # Latin-script labels lower-case (parse/languages.py: LABELS, language_code).
    language_labels: Mapping[str, str]
    # Words after which a full stop does not end a sentence, lower-case, without their stop
    # (parse/sentences.py).
    abbreviations: tuple[str, ...]
    # Titles that archiving bots write when they do not know the real one, casefolded
    # (rules/placeholder_title.py, rules/duplicate_reference.py).
    placeholder_titles: tuple[str, ...]
    # Regular expressions of what the title of an error page says: "страница\s+не\s+найдена"
    # (check/http/classify.py: soft-404).
    error_title_phrases: tuple[str, ...]
    # Words an error title must hold for the phrases to be tried, lower-case: each tuple's
    # words all present (check/http/classify.py: has_error_hint).
    error_title_hints: tuple[tuple[str, ...], ...]
    # Regular expressions of the other words an error title may hold ("error", "抱歉"); whole
    # words where the language writes spaces (check/http/classify.py).
    error_title_filler: tuple[str, ...]
    # The wiki's redirect magic words, lower-case (load/wiki.py).
    redirect_words: tuple[str, ...]
    # Regular expressions of how a citation shows a translated title: trans-title, перевод
    # заглавия (rules/title_mismatch.py).
    translated_title_patterns: tuple[str, ...]

    # Month names by their stem -> month number; genitive and nominative share a stem
    # (parse/dates.py: month_number). No stem of one language is the prefix of another's.
    months: Mapping[str, int]
    # A regular expression of the month names a date search accepts, real names and usual
    # short forms only; "" for languages that write months as numbers (parse/dates.py).
    month_pattern: str
    # The word for "year" written after a date, as written: "года", "г.", "року", "р."
    # (parse/dates.py).
    year_words: tuple[str, ...]
    # Clauses that say when a page was archived, dated and undated (parse/reftext.py). Each
    # clause's needle is a word that must be in the text for its pattern to be tried.
    archived_clauses: tuple[Clause, ...]
    archived_undated_clauses: tuple[Clause, ...]
    # Clauses that say when a page was read: Retrieved …, [cited …], Дата обращения …, … 閲覧
    # (parse/reftext.py). A clause whose date is not a {date} has one group of its own.
    accessed_clauses: tuple[Clause, ...]
    # Leaked citation-template error and maintenance messages (parse/reftext.py).
    template_error_clauses: tuple[Clause, ...]
    # How a dead-link tag renders inside brackets: 失效链接, dead link; lower-case, compared
    # case-insensitively (parse/reftext.py).
    dead_link_words: tuple[str, ...]
    # What a rendering writes in brackets to say the work is online: [Online],
    # [Электронный ресурс], [インターネット]; lower-case, compared case-insensitively
    # (parse/reftext.py: _MEDIUM).
    medium_words: tuple[str, ...]
    # Words that announce where the work is found, before its URL, with or without a colon:
    # "Available from", "Режим доступу", "入手先" (parse/reftext.py: _MEDIUM).
    availability_words: tuple[str, ...]
    # Other medium notes, said in a sentence of their own: ISO 690's "Online.", GOST
    # 7.0.100's "— Текст : электронный" (parse/reftext.py: _MEDIUM).
    medium_clauses: tuple[Clause, ...]
    # Words that make a line read like a reference whatever its style (an access clause, "et
    # al", a publisher), besides the medium and availability words; lower-case, compared
    # case-insensitively (parse/entrylike.py).
    reference_signs: tuple[str, ...]

    # Words that begin a qualifier of a list heading followed by any words: "до розділу 1",
    # "к главе 2"; lower-case (parse/headings.py: _QUALIFIER).
    heading_qualifiers: tuple[str, ...] = ()
    # A qualifier naming a part of the document: a preposition, then a part ("for chapter 3",
    # "to this chapter"); lower-case (parse/headings.py: _QUALIFIER).
    heading_part_prepositions: tuple[str, ...] = ()
    heading_parts: tuple[str, ...] = ()
    # Words alone after a list heading that leave it what it is: "参考URL", "参考リンク";
    # lower-case (parse/headings.py: _QUALIFIER).
    heading_suffixes: tuple[str, ...] = ()
    # The units of a section number written 第…章 before a heading's words: 章, 节, 節
    # (parse/headings.py: _NUMBERING).
    section_units: tuple[str, ...] = ()

    # Words written after a number that name its unit -> the unit's key, lower-case: "км" ->
    # "km", "小时" -> "h", "процентов" -> "%", "美元" -> "usd"; "" for words that only say what is
    # counted (people, 人), so the count stays unit-less (verify/facts.py).
    unit_words: Mapping[str, str] = field(default_factory=dict)
    # Words written after a number that multiply it, lower-case, without a final full stop:
    # "million", "млн", "тыс", "万", "億" (verify/facts.py).
    multiplier_words: Mapping[str, int] = field(default_factory=dict)
    # Numerals written as characters, digits and the powers of ten they multiply: 一 -> 1,
    # 两 -> 2, 十 -> 10, 千 -> 1000 (verify/facts.py).
    number_words: Mapping[str, int] = field(default_factory=dict)
    # Words before a number that say it is rounded, lower-case: "about", "около", "约"
    # (verify/facts.py).
    approximate_words: tuple[str, ...] = ()
    # Words right after a number (and its unit) that say the same: "左右", "程度", "前後".
    approximate_suffixes: tuple[str, ...] = ()

    # The language's wiki: its templates and their parameters.
    wiki: Wiki = Wiki()

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, _frozen(getattr(self, f.name)))


def _load() -> Mapping[str, Language]:
    found: dict[str, Language] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        language = module.LANGUAGE
        if not isinstance(language, Language) or language.code != info.name:
            raise TypeError(f"{module.__name__}.LANGUAGE is no Language for {info.name!r}")
        found[language.code] = language
    return MappingProxyType(dict(sorted(found.items())))


# Every registered language by its code, in code order.
LANGUAGES: Mapping[str, Language] = _load()


@cache
def union(field: str) -> frozenset[str]:
    """Every value of a tuple field over all languages (``union("edit_links")``)."""
    return frozenset(p for lang in LANGUAGES.values() for p in getattr(lang, field))


@cache
def wiki_union(field: str) -> frozenset[str]:
    """Every value of a tuple field of :class:`Wiki` over all languages."""
    return frozenset(p for lang in LANGUAGES.values() for p in getattr(lang.wiki, field))


@cache
def merged(field: str) -> Mapping[str, Any]:
    """A mapping field of :class:`Language` merged over all languages; two languages may give
    the same key only with the same value."""
    return _merge(field, [getattr(lang, field) for lang in LANGUAGES.values()])


@cache
def wiki_merged(field: str) -> Mapping[str, Any]:
    """A mapping field of :class:`Wiki` merged over all languages, as :func:`merged`."""
    return _merge(field, [getattr(lang.wiki, field) for lang in LANGUAGES.values()])


def _merge(field: str, mappings: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    out: dict[str, Any] = {}
    for mapping in mappings:
        for key, value in mapping.items():
            if out.setdefault(key, value) != value:
                raise ValueError(f"{field}: {key!r} is {out[key]!r} and {value!r}")
    return MappingProxyType(out)


@cache
def alternation(field: str) -> str:
    """A regular-expression alternation of a field's phrases over all languages, escaped,
    longest first so that a phrase never stops a longer one from matching."""
    return "|".join(re.escape(p) for p in sorted(union(field), key=lambda p: (-len(p), p)))


def primary(code: str) -> str:
    """The language without its region or script: ``en-US`` -> ``en``."""
    return code.split("-", 1)[0].lower()


__all__ = [
    "LANGUAGES",
    "Clause",
    "Language",
    "Wiki",
    "alternation",
    "merged",
    "primary",
    "union",
    "wiki_merged",
    "wiki_union",
]
