"""title-mismatch: the cited title against the titles the page gives, precision first."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.rules.title_mismatch import _QUOTES, normalise_title, similarity
from tests.rules.helpers import article, ref
from tests.rules.pages import ARCHIVE, URL, archived, html, live, page_findings


def test_another_headline_on_the_cited_page_is_a_warning_with_its_score() -> None:
    page = html("Шойгу осмотрел выставку вооружений — Demo News")
    cited = ref("1", title="Лавров посетит Пхеньян", url=URL, language="ru")
    [found] = page_findings("title-mismatch", article(cited), live(page))
    assert found.severity.value == "warning"
    assert found.evidence["cited_title"] == "Лавров посетит Пхеньян"
    assert found.evidence["page_title"] == "Шойгу осмотрел выставку вооружений"
    assert found.evidence["similarity"] == 0.24
    assert found.evidence["page_from"] == "original"


def test_a_dead_original_is_judged_by_its_snapshot() -> None:
    page = html("Вход для подписчиков")
    cited = ref("1", title="Эксклюзив: подробности переговоров", url=URL, archive_url=ARCHIVE)
    [found] = page_findings("title-mismatch", article(cited), archived(page))
    assert found.evidence["page_from"] == "snapshot"


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        # the site's name after the headline, quotes and case
        ("Obama admits US gun laws are his “biggest frustration”", "Obama admits US gun laws are his 'biggest frustration' - BBC News"),
        # a shortened title
        ("Путин и Ким встретились", "Путин и Ким встретились на космодроме — Demo News"),
        # CJK punctuation and full-width forms, channel names after underscores
        ("宇航员在太空中喝酒会怎么样?后果很严重", "宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网"),
        ("DeepMind新电脑已可利用记忆自学，人工智能迈上新台阶", "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网"),
        # a title too short to judge
        ("Интервью", "Access denied"),
        # a bot placeholder is placeholder-title's business
        ("存档副本", "普京与金正恩会面"),
    ],
)
def test_the_same_work_or_weak_evidence_does_not_fire(cited: str, page_title: str) -> None:
    art = article(ref("1", title=cited, url=URL))
    assert page_findings("title-mismatch", art, live(html(page_title))) == []


def test_a_title_in_another_script_is_an_info_a_possible_translation() -> None:
    page = html("Путин и Ким встретились на космодроме", lang="ru")
    cited = dataclasses.replace(
        ref("1", title="普京与金正恩在东方航天发射场会面", url=URL),
        raw="普京与金正恩在东方航天发射场会面. Коммерсантъ. (俄语)",
    )
    [found] = page_findings("title-mismatch", article(cited), live(page))
    assert found.severity.value == "info"
    assert (found.evidence["cited_script"], found.evidence["page_script"]) == ("Han", "Cyrillic")


@pytest.mark.parametrize(
    "raw",
    [
        "{{cite web |url=… |title=普京与金正恩在东方航天发射场会面 |trans-title=Putin and Kim meet}}",
        "普京与金正恩在东方航天发射场会面 [Putin and Kim meet at the cosmodrome]. Коммерсантъ.",
    ],
)
def test_a_translated_title_given_as_such_is_not_a_mismatch(raw: str) -> None:
    page = html("Путин и Ким встретились на космодроме", lang="ru")
    cited = dataclasses.replace(ref("1", title="普京与金正恩在东方航天发射场会面", url=URL), raw=raw)
    assert page_findings("title-mismatch", article(cited), live(page)) == []


def test_without_network_evidence_nothing_is_said() -> None:
    assert page_findings("title-mismatch", article(ref("1", url=URL)), None) == []


def test_normalising_sets_aside_case_quotes_and_punctuation() -> None:
    assert normalise_title("«Путин и Ким» — встретились!") == "путин и ким встретились"
    assert normalise_title("ＤｅｅｐＭｉｎｄ新电脑") == "deepmind新电脑"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_a_normalised_title_is_letters_and_digits_in_single_spaced_words(title: str) -> None:
    # comparable() counts letters as the characters that are not spaces: this must hold for it.
    text = normalise_title(title)
    assert text == " ".join(text.split())
    assert all(ch.isalnum() for ch in text.replace(" ", ""))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_normalising_keeps_the_words_left_when_punctuation_becomes_space(title: str) -> None:
    # The definition in two steps (how it was first written): what a word is must not drift.
    text = unicodedata.normalize("NFKC", title).casefold().translate(_QUOTES)
    spaced = re.sub(r"\s+", " ", re.sub(r"[^\w\s]|_", " ", text)).strip()
    assert normalise_title(title) == spaced


def test_two_headlines_of_one_news_day_about_the_same_people_score_low() -> None:
    assert similarity("Ким Чен Ын прибыл в Россию", "Путин и Ким встретились на космодроме") < 0.4
    assert similarity("Kim Jong Un arrives in Russia", "Kim Jong Un arrives in Russia for talks with Putin") == 1.0


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abcxyz ", min_size=0, max_size=12),
    st.text(alphabet="abcxyz ", min_size=1, max_size=12),
    st.text(alphabet="abcxyz ", min_size=0, max_size=12),
)
def test_a_title_inside_another_scores_what_the_matcher_would_say(
    before: str, inner: str, after: str
) -> None:
    # similarity() answers containment without running SequenceMatcher; it must agree with it.
    a, b = inner.replace(" ", ""), (before + inner + after).replace(" ", "")
    if not a:
        return
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 2)
    expected = max(matcher.ratio(), matched / min(len(a), len(b)))
    assert similarity(inner, before + inner + after) == pytest.approx(expected)
