"""Specification of lexical support: content terms per language, and claims scored on a page."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest

from citecheck.verify.stopwords import languages, stop_words
from citecheck.verify.words import PageTerms, terms

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages" / "readability"


def _paragraphs(name: str) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser((PAGES / f"{name}.html").read_text(encoding="utf-8"))
    found = [" ".join(p.text(separator=" ").split()) for p in tree.css("p")]
    return [p for p in found if len(p) >= 20]


def _first_sentence(passage: str) -> str:
    return re.split(r"(?<=[.!?])\s+|(?<=[。！？])", passage)[0]


# --- stop words: one module per language, contract ----------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru", "uk", "zh", "ja", "fr", "pt"])
def test_every_claim_language_has_a_short_lower_case_stop_list(language: str) -> None:
    assert language in languages()
    words = stop_words(language)
    assert 10 <= len(words) <= 200
    assert all(w == w.lower() and w.strip() == w and w for w in words)


def test_a_language_without_a_list_has_no_stop_words() -> None:
    assert stop_words("xx") == frozenset()


# --- terms --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "one", "other"),
    [
        ("ru", "сентября", "сентябре"),
        ("en", "meeting", "meetings"),
        ("fr", "réunion", "réunions"),
        ("pt", "acordo", "acordos"),
        ("uk", "вересня", "вересні"),
        ("uk", "зустріч", "зустрічі"),
    ],
)
def test_stemming_folds_inflections(language: str, one: str, other: str) -> None:
    assert terms(one, language) == terms(other, language)
    assert len(terms(one, language)) == 1


def test_stop_words_and_numbers_are_dropped() -> None:
    assert terms("The summit was held on 13 September 2023 at the", "en") == (
        "summit",
        "held",
        "septemb",
    )
    assert terms("Встреча прошла 13 сентября в 2023 году", "ru") == (
        "встреч",
        "прошл",
        "сентябр",
        "год",
    )


def test_a_name_with_digits_is_kept_but_a_number_is_not() -> None:
    assert terms("G20 leaders met 20 times", "en") == ("g20", "leader", "met", "time")


def test_zh_is_cut_into_bigrams_at_stop_characters() -> None:
    got = terms("金正恩与普京在东方航天发射场举行会晤", "zh")
    assert got[:2] == ("金正", "正恩")
    # 与 and 在 end a run: no bigram pairs the words on either side of them.
    assert "恩与" not in got and "京在" not in got and "恩普" not in got
    assert {"普京", "航天", "发射", "会晤"} <= set(got)


def test_latin_names_stay_whole_terms_in_zh_and_ja() -> None:
    assert {"kcna", "reuters", "报道"} <= set(terms("据KCNA报道（REUTERS）", "zh"))
    ja = terms("トレンドマイクロはWi-Fi利用時の通信を暗号化する", "ja")
    assert {"wi", "fi", "利用", "通信", "暗号"} <= set(ja)


def test_ja_keeps_katakana_words_whole_and_drops_hiragana() -> None:
    got = terms("セキュリティアプリを発表した", "ja")
    assert got == ("セキュリティアプリ", "発表")


def test_latin_names_in_ru_stay_terms() -> None:
    assert "vostochny" in terms("на космодроме Vostochny", "ru")


def test_an_unknown_language_is_split_and_lower_cased_without_stemming() -> None:
    assert terms("Spotkanie przywódców", "pl") == ("spotkanie", "przywódców")


def test_terms_are_deterministic() -> None:
    text = " ".join(_paragraphs("gmw")[:5])
    assert terms(text, "zh") == terms(text, "zh")


# --- PageTerms ----------------------------------------------------------------------------------


def test_best_is_the_passage_holding_most_of_the_claim() -> None:
    page = PageTerms.of(
        [
            "The weather in Paris was mild.",
            "Putin met Kim Jong Un at the Vostochny cosmodrome.",
            "Markets closed higher.",
        ],
        "en",
    )
    got = page.best(terms("Kim met Putin at Vostochny", "en"))
    assert got is not None
    index, score = got
    assert index == 1
    assert score == pytest.approx(1.0)


def test_a_claim_sharing_nothing_has_no_best_passage_and_zero_coverage() -> None:
    page = PageTerms.of(["Markets closed higher."], "en")
    claim = terms("Kim met Putin", "en")
    assert page.best(claim) is None
    assert page.coverage(claim) == 0.0
    assert page.coverage(()) == 0.0


def test_a_missing_term_weighs_more_than_any_term_present() -> None:
    page = PageTerms.of(["alpha beta", "alpha gamma", "alpha delta"], "en")
    assert page.weight("missing") > page.weight("beta") > page.weight("alpha") > 0
    # Half the terms, but the missing one is the rarest: coverage is below one half.
    assert page.coverage(("alpha", "missing")) < 0.5


@pytest.mark.parametrize(
    ("language", "page", "other"),
    [("en", "bbc-1", "nytimes-1"), ("zh", "gmw", "qq"), ("fr", "lemonde-1", "liberation-1")],
)
def test_on_topic_sentences_cover_more_than_off_topic_ones(
    language: str, page: str, other: str
) -> None:
    passages = _paragraphs(page)
    # On topic: each passage's first sentence, on the page without that passage (no exact
    # match possible); off topic: first sentences of another page in the same language.
    on = [
        PageTerms.of(passages[:i] + passages[i + 1 :], language).coverage(
            terms(_first_sentence(p), language)
        )
        for i, p in enumerate(passages)
    ]
    whole = PageTerms.of(passages, language)
    off = [whole.coverage(terms(_first_sentence(p), language)) for p in _paragraphs(other)]
    assert statistics.median(on) > 1.3 * statistics.median(off)


def test_page_terms_are_deterministic() -> None:
    passages = _paragraphs("bbc-1")
    claim = terms(passages[3], "en")
    one, two = PageTerms.of(passages, "en"), PageTerms.of(passages, "en")
    assert one == two
    assert one.best(claim) == two.best(claim) == (3, 1.0)
