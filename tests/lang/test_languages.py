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
