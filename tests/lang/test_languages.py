"""The language contract: every registered language fills every field it has, in the form its
consumers compare; and the consumers see each language's data."""

from __future__ import annotations

import dataclasses
import re

import pytest

from citecheck.lang import LANGUAGES, Language, alternation, union

CODES = sorted(LANGUAGES)

# Phrase fields that every language has, compared lower-case by their consumers.
LOWER_PHRASES = (
    "reference_headings",
    "notes_headings",
    "ending_headings",
    "edit_links",
    "footer_phrases",
    "box_phrases",
    "archive_link_words",
    "reference_signs",
)

# Phrase fields of the reader's headings that a language fills when it has such words,
# compared lower-case (parse/headings.py).
HEADING_WORDS = (
    "heading_qualifiers",
    "heading_part_prepositions",
    "heading_parts",
    "heading_suffixes",
    "section_units",
)


def test_the_registry_finds_every_language_module() -> None:
    assert CODES == ["en", "ja", "ru", "uk", "zh"]
    for code, language in LANGUAGES.items():
        assert isinstance(language, Language)
        assert language.code == code


@pytest.mark.parametrize("code", CODES)
def test_a_language_is_immutable(code: str) -> None:
    language = LANGUAGES[code]
    with pytest.raises(dataclasses.FrozenInstanceError):
        language.code = "xx"  # type: ignore[misc]
    for field in dataclasses.fields(Language):
        value = getattr(language, field.name)
        assert not isinstance(value, list | dict | set), field.name


@pytest.mark.parametrize("field", LOWER_PHRASES)
@pytest.mark.parametrize("code", CODES)
def test_phrases_are_filled_lower_case_stripped_and_distinct(code: str, field: str) -> None:
    phrases = getattr(LANGUAGES[code], field)
    assert isinstance(phrases, tuple)
    assert phrases, f"{code}.{field} is empty"
    assert len(set(phrases)) == len(phrases), f"{code}.{field} repeats a phrase"
    for phrase in phrases:
        assert phrase == phrase.strip() and phrase, (code, field, phrase)
        assert phrase == phrase.lower(), (code, field, phrase)


@pytest.mark.parametrize("code", CODES)
def test_a_heading_is_of_one_kind_only(code: str) -> None:
    language = LANGUAGES[code]
    kinds = (language.reference_headings, language.notes_headings, language.ending_headings)
    for i, one in enumerate(kinds):
        for other in kinds[i + 1 :]:
            assert not set(one) & set(other), code


def test_the_union_and_the_alternation_cover_every_language() -> None:
    for code, language in LANGUAGES.items():
        assert set(language.edit_links) <= union("edit_links"), code
    alternatives = alternation("edit_links").split("|")
    # Longest first: "edit source" is tried before "edit".
    assert alternatives.index(re.escape("edit source")) < alternatives.index("edit")


# --- fields of spaced languages, of every language, and the clause patterns -------------------


@pytest.mark.parametrize("code", CODES)
def test_abbreviations_and_months_where_words_are_spaced(code: str) -> None:
    language = LANGUAGES[code]
    if not language.writes_spaces:
        assert not language.abbreviations and not language.months and not language.month_pattern
        return
    assert language.abbreviations
    assert len(set(language.abbreviations)) == len(language.abbreviations)
    assert all(a == a.lower() and not a.endswith(".") for a in language.abbreviations)
    # Every month, once at least, and only months.
    assert set(language.months.values()) == set(range(1, 13)), code
    assert all(stem == stem.lower() for stem in language.months)
    month_name = re.compile(rf"(?i:{language.month_pattern})")
    for stem in language.months:
        # A stem that is a whole name ("мая", "may") is one the date search accepts.
        if month_name.fullmatch(stem):
            continue
        assert any(
            month_name.match(stem + end) for end in ("", "а", "я", "ь", "ня", "ень", "ого", "ий")
        ), stem


@pytest.mark.parametrize("code", CODES)
def test_labels_name_the_language_itself_and_english(code: str) -> None:
    labels = LANGUAGES[code].language_labels
    assert code in labels.values() and "en" in labels.values(), code
    for label, tag in labels.items():
        assert label == label.strip()
        assert re.fullmatch(r"[a-z]{2,3}(?:-[A-Z][A-Za-z]{1,3})?", tag), (label, tag)
        if label.isascii():
            assert label == label.lower(), label


@pytest.mark.parametrize("code", CODES)
def test_every_language_fills_its_lists(code: str) -> None:
    language = LANGUAGES[code]
    for field in (
        "placeholder_titles",
        "error_title_phrases",
        "error_title_hints",
        "error_title_filler",
        "redirect_words",
        "accessed_clauses",
        "archived_clauses",
        "template_error_clauses",
        "dead_link_words",
    ):
        values = getattr(language, field)
        assert values, f"{code}.{field} is empty"
        assert len(set(values)) == len(values), f"{code}.{field} repeats itself"
    assert all(t == t.casefold() for t in language.placeholder_titles)
    assert all(w == w.lower() for w in language.redirect_words)
    assert all(w == w.lower() for hint in language.error_title_hints for w in hint)
    for pattern in (*language.error_title_phrases, *language.translated_title_patterns):
        re.compile(pattern)


CLAUSE_FIELDS = (
    "archived_clauses",
    "archived_undated_clauses",
    "accessed_clauses",
    "template_error_clauses",
    "medium_clauses",
)


@pytest.mark.parametrize("code", CODES)
def test_clause_patterns_compile_with_a_date(code: str) -> None:
    language = LANGUAGES[code]
    for name in CLAUSE_FIELDS:
        for needle, pattern in getattr(language, name):
            assert needle, (code, name)
            compiled = re.compile(
                pattern.replace("{date}", r"(\d{4}-\d{2}-\d{2})").replace(
                    "{wayback}", "Wayback Machine"
                )
            )
            assert compiled.groups <= 1, pattern


@pytest.mark.parametrize("code", CODES)
def test_medium_and_year_words(code: str) -> None:
    language = LANGUAGES[code]
    for name in ("medium_words", "availability_words", "year_words", "dead_link_words"):
        words = getattr(language, name)
        assert len(set(words)) == len(words), (code, name)
        assert all(w and w == w.strip() for w in words), (code, name)
    # Compared case-insensitively, so stored lower-case.
    assert all(w == w.lower() for w in language.medium_words), code
    assert all(w == w.lower() for w in language.dead_link_words), code
    assert all(w.endswith((".", "а", "у")) for w in language.year_words), code
    if not language.writes_spaces:
        assert not language.year_words


@pytest.mark.parametrize("code", CODES)
def test_the_wiki_names_its_namespaces_and_known_schemes(code: str) -> None:
    from citecheck.parse import templates

    wiki = LANGUAGES[code].wiki
    assert wiki.template_namespaces and wiki.file_namespaces and wiki.category_namespaces
    assert all(n.endswith(":") for n in wiki.template_namespaces)
    assert set(wiki.citation_templates.values()) <= set(templates.SCHEMES)
    assert set(wiki.citation_params) | set(wiki.citation_authors) <= set(templates.SCHEMES)
    assert wiki.fix_params or wiki.fixes_as in LANGUAGES, code
    for table in (wiki.citation_templates, wiki.archive_templates, wiki.note_templates):
        assert all(name == templates.normalize_name(name) for name in table)


# --- the consumers see every language's data ---------------------------------------------------


ERROR_TITLES = {
    "en": "Page not found | Example News",
    "ja": "お探しのページは見つかりませんでした",
    "ru": "Ошибка 404 — страница не найдена",
    "uk": "Сторінку не знайдено",
    "zh": "抱歉，您访问的页面不存在",
}


def test_every_language_has_an_error_title_example() -> None:
    assert set(ERROR_TITLES) == set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_the_soft_404_check_reads_each_language(code: str) -> None:
    import importlib

    classify = importlib.import_module("citecheck.http.classify")
    assert classify.has_error_hint(ERROR_TITLES[code])
    assert classify.is_error_title(ERROR_TITLES[code])
    for phrase in LANGUAGES[code].error_title_phrases:
        assert phrase in classify._ERROR_PHRASE.pattern


@pytest.mark.parametrize("code", CODES)
def test_the_stages_read_each_language(code: str) -> None:
    from citecheck.load.wiki import _REDIRECT
    from citecheck.parse import sentences, templates
    from citecheck.parse.languages import language_code
    from citecheck.report import fixes
    from citecheck.rules.placeholder_title import PLACEHOLDERS
    from citecheck.rules.title_mismatch import _TRANSLATED

    language = LANGUAGES[code]
    for label, tag in language.language_labels.items():
        assert language_code(f"({label})") == tag
    assert set(language.abbreviations) <= sentences._ABBREVIATIONS
    assert set(language.placeholder_titles) <= PLACEHOLDERS
    for word in language.redirect_words:
        assert _REDIRECT.match(f"#{word.upper()} [[Target]]"), word
    for pattern in language.translated_title_patterns:
        assert pattern in _TRANSLATED.pattern
    wiki = language.wiki
    for namespace in wiki.template_namespaces:
        assert templates.normalize_name(f"{namespace}Cite X") == "cite x"
    assert set(wiki.file_namespaces) <= templates.FILE_NAMESPACES
    assert set(wiki.category_namespaces) <= templates.CATEGORY_NAMESPACES
    assert wiki.citation_templates.items() <= templates.CITATION_TEMPLATES.items()
    assert wiki.archive_templates.items() <= templates.ARCHIVE_TEMPLATES.items()
    assert set(wiki.dead_link_templates) <= templates.DEAD_LINK_TEMPLATES
    assert set(wiki.dead_url_values) <= templates.DEAD_URL_VALUES
    assert wiki.note_templates.items() <= templates.NOTE_TEMPLATES.items()
    assert set(wiki.reflist_templates) <= templates.REFLIST_TEMPLATES
    for scheme, roles in wiki.citation_params.items():
        read = {p for names in templates.SCHEMES[scheme].fields.values() for p in names}
        assert {p for names in roles.values() for p in names} <= read, (code, scheme)
    for scheme, roles in wiki.citation_authors.items():
        assert {p for pairs in roles.values() for p in pairs} <= set(
            templates.SCHEMES[scheme].authors
        )
    for scheme, names in wiki.fix_params.items():
        assert fixes._NAMES[(scheme, code)] == names


# One made-up entry per language, with the clauses and notes its wiki and styles write.
RENDERED = {
    "en": (
        'Smith, John. "Title of a page". Site. Available from: https://example.org/a. '
        "Archived from the original on 2 March 2021. Retrieved 5 May 2021. [dead link]"
    ),
    "ja": (
        "山田太郎. ページの題名 [インターネット]. 入手先: https://example.org/a "
        "2021年3月2日時点のオリジナルよりアーカイブ。2021年5月5日閲覧。[リンク切れ]"
    ),
    "ru": (
        "Иванов И. И. Заглавие страницы [Электронный ресурс]. URL: https://example.org/a "
        "(дата обращения: 5 мая 2021). Архивировано 2 марта 2021 года. [недоступная ссылка]"
    ),
    "uk": (
        "Іваненко І. І. Назва сторінки [Електронний ресурс]. Режим доступу: "
        "https://example.org/a Архів оригіналу за 2 березня 2021. Процитовано 5 травня 2021. "
        "[недоступне посилання]"
    ),
    "zh": (
        "张三. 页面标题. 网站. 2020-01-01 [2021-05-05]. https://example.org/a "
        "（原始内容存档于2021-03-02）. [永久失效链接]"
    ),
}


def test_every_language_has_a_rendered_example() -> None:
    assert set(RENDERED) == set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_the_reference_parser_reads_each_language(code: str) -> None:
    from citecheck.model import PartialDate
    from citecheck.parse import dates, reftext

    language = LANGUAGES[code]
    # The parser's tables are the languages' own clauses.
    for name, table in (
        ("archived_clauses", reftext._ARCHIVED),
        ("archived_undated_clauses", reftext._ARCHIVED_UNDATED),
        ("accessed_clauses", reftext._ACCESSED),
        ("template_error_clauses", reftext._TEMPLATE_ERRORS),
    ):
        needles = [needle for needle, _ in table]
        assert all(needle in needles for needle, _ in getattr(language, name)), (code, name)
    for stem, number in language.months.items():
        assert dates.month_number(stem) == number, stem
    for word in language.year_words:
        assert dates.parse_date(f"5 {next(iter(language.months), 'may')} 2001 {word}")
    for word in language.medium_words:
        assert reftext._MEDIUM.fullmatch(f"[{word.capitalize()}]"), word
    for word in language.availability_words:
        assert reftext._MEDIUM.fullmatch(f"{word}:"), word
    ref = reftext.parse_reference_text(RENDERED[code], label="1", line=1)
    assert ref.url == "https://example.org/a"
    assert ref.archived == PartialDate(2021, 3, 2)
    assert ref.accessed == PartialDate(2021, 5, 5)
    assert ref.url_status == "dead"
    # The medium and availability words are read, not left in the title.
    words = (*language.medium_words, *language.availability_words)
    assert ref.title and not any(w.lower() in ref.title.lower() for w in words), ref.title


def test_a_cs1_field_takes_the_work_before_the_publisher_in_every_language() -> None:
    from citecheck.parse import templates

    publisher = templates.SCHEMES["cs1"].fields["publisher"]
    works = [
        p
        for lang in LANGUAGES.values()
        for p in lang.wiki.citation_params.get("cs1", {}).get("work", ())
    ]
    publishers = [
        p
        for lang in LANGUAGES.values()
        for p in lang.wiki.citation_params.get("cs1", {}).get("publisher", ())
    ]
    assert max(publisher.index(w) for w in works) < min(publisher.index(p) for p in publishers)


# --- the reader's signs, heading words and wiki boxes --------------------------------------------


@pytest.mark.parametrize("field", HEADING_WORDS)
@pytest.mark.parametrize("code", CODES)
def test_heading_words_are_lower_case_stripped_and_distinct(code: str, field: str) -> None:
    words = getattr(LANGUAGES[code], field)
    assert isinstance(words, tuple)
    assert len(set(words)) == len(words), f"{code}.{field} repeats a word"
    for word in words:
        assert word and word == word.strip() and word == word.lower(), (code, field, word)


@pytest.mark.parametrize("code", CODES)
def test_every_language_qualifies_its_headings(code: str) -> None:
    language = LANGUAGES[code]
    assert language.heading_qualifiers or language.heading_suffixes, code
    # A preposition needs the parts it names, and the other way round.
    assert bool(language.heading_part_prepositions) == bool(language.heading_parts), code
    # 第…章 is how languages without spaces number their sections.
    assert bool(language.section_units) == (code in {"ja", "zh"}), code


@pytest.mark.parametrize("code", CODES)
def test_the_wiki_names_its_boxes_and_url_statuses(code: str) -> None:
    wiki = LANGUAGES[code].wiki
    assert wiki.container_prefixes, code
    for name in ("container_prefixes", "live_url_values", "dead_url_values"):
        values = getattr(wiki, name)
        assert len(set(values)) == len(values), (code, name)
        assert all(v and v == v.strip() and v == v.casefold() for v in values), (code, name)
    assert not set(wiki.live_url_values) & set(wiki.dead_url_values), code


@pytest.mark.parametrize("code", CODES)
def test_the_entry_signs_read_each_language(code: str) -> None:
    from citecheck.parse import entrylike

    language = LANGUAGES[code]
    *_, medium, words = entrylike._SIGNS
    for word in language.medium_words:
        assert medium.fullmatch(f"[{word.capitalize()}]"), word
    for word in (*language.reference_signs, *language.availability_words):
        assert words.fullmatch(word) and words.fullmatch(word.upper()), word
        assert entrylike.reference_likeness(f"Title. {word}") >= 1, word


@pytest.mark.parametrize("code", CODES)
def test_the_headings_read_each_language(code: str) -> None:
    from citecheck.parse.headings import ListKind, heading_key, heading_kind

    language = LANGUAGES[code]
    heading = language.reference_headings[0]
    for word in language.heading_qualifiers:
        assert heading_kind(f"{heading} {word} розділу 1") is ListKind.REFERENCES, word
    for word in language.heading_part_prepositions:
        for part in language.heading_parts:
            assert heading_kind(f"{heading} {word} {part} 3") is ListKind.REFERENCES, (word, part)
    for word in language.heading_suffixes:
        assert heading_kind(f"{heading}{word.upper()}") is ListKind.REFERENCES, word
    for unit in language.section_units:
        assert heading_key(f"第五{unit} {heading}") == heading, unit


def test_the_html_reader_takes_the_notes_headings_and_footnotes() -> None:
    from citecheck.parse.formats import html

    # "Footnotes" is the one difference, explained beside NOTES_HEADINGS.
    assert html.NOTES_HEADINGS - union("notes_headings") == {"footnotes"}
    assert union("notes_headings") <= html.NOTES_HEADINGS


@pytest.mark.parametrize("code", CODES)
def test_the_wikitext_reader_reads_each_wiki(code: str) -> None:
    from citecheck.parse.formats.wikitext import dead_links, detection, reader

    wiki = LANGUAGES[code].wiki
    for prefix in wiki.container_prefixes:
        assert f"{prefix} summit".startswith(reader._CONTAINER_PREFIXES), prefix
    for value in wiki.live_url_values:
        assert dead_links._url_status_value(value.upper()) == "live", value
    for value in wiki.dead_url_values:
        assert dead_links._url_status_value(value) == "dead", value
    # Detection knows each wiki's citation, reference-list and notes-list templates.
    citation, reflist = (pattern for pattern, _ in detection._DETECT_SIGNS[1:3])
    for name in wiki.citation_templates:
        assert citation.search(f"{{{{{name} |title=X}}}}"), name
    for name in (*wiki.reflist_templates, *wiki.notelist_templates):
        assert reflist.search(f"{{{{{name}}}}}"), name


@pytest.mark.parametrize("code", CODES)
def test_each_languages_archive_link_words_mark_the_archive_link_in_markdown(code: str) -> None:
    from citecheck.model import Document
    from citecheck.parse import parse

    for word in LANGUAGES[code].archive_link_words:
        text = (
            "Claim [1].\n\n## References\n\n1. Title. Site. 2020. "
            f"[Page](https://news.example/a). [{word}](https://keep.example/x1).\n"
        )
        (ref,) = parse(Document(text, "markdown", "t.md")).references
        assert (ref.url, ref.archive_url) == ("https://news.example/a", "https://keep.example/x1")


# --- the words of facts: units, multipliers, numerals (verify/facts.py) -------------------------


@pytest.mark.parametrize("code", CODES)
def test_every_language_names_its_units_multipliers_and_hedges(code: str) -> None:
    language = LANGUAGES[code]
    assert language.unit_words and language.multiplier_words and language.approximate_words
    for word, unit in language.unit_words.items():
        assert word == word.strip().lower() and word, (code, word)
        assert re.fullmatch(r"[a-z%]{0,3}", unit), (code, word, unit)
    for word, factor in language.multiplier_words.items():
        assert word == word.lower() and not word.endswith("."), (code, word)
        assert factor >= 1000 and str(factor).rstrip("0") == "1", (code, word)
    # Numerals are written as characters only where words are not spaced.
    assert bool(language.number_words) == (not language.writes_spaces), code
    assert all(len(ch) == 1 for ch in language.number_words), code


@pytest.mark.parametrize("code", CODES)
def test_the_fact_reader_reads_each_languages_words(code: str) -> None:
    from citecheck.verify.facts import facts_in

    language = LANGUAGES[code]
    gap = " " if language.writes_spaces else ""
    for word, unit in language.unit_words.items():
        (fact,) = facts_in(f"7{gap}{word}")
        assert (fact.value, fact.unit) == (f"7 {unit}".strip(), unit), (code, word)
    for word, factor in language.multiplier_words.items():
        (fact,) = facts_in(f"7{gap}{word}")
        assert fact.amount == 7 * factor, (code, word)
    for word in language.approximate_words:
        (fact,) = facts_in(f"{word} 70")
        assert fact.approximate, (code, word)
    for word in language.approximate_suffixes:
        (fact,) = facts_in(f"70{word}")
        assert fact.approximate, (code, word)
