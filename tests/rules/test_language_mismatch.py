from __future__ import annotations

import pytest

from tests.rules.helpers import article, findings, ref
from tests.rules.pages import URL, html, live, page_findings


@pytest.mark.parametrize(
    ("title", "language", "reason"),
    [
        ("普京与金正恩在东方航天发射场会面并讨论军事合作", "ru", "script"),
        ("Путин встретился с Ким Чен Ыном на космодроме", "en", "script"),
        ("Путін і Кім обмінялись дарунками: зброя і рукавиця з космосу", "ru", "letters"),
        ("Ким Чен Ын посетил авиазавод в Комсомольске-на-Амуре", "uk", "letters"),
        ("Le président de la République a rencontré les représentants des syndicats", "en", "langdetect"),
    ],
)
def test_strong_evidence_fires(title: str, language: str, reason: str) -> None:
    [found] = findings("language-mismatch", article(ref("1", title=title, language=language)))
    assert found.evidence["reason"] == reason
    assert found.severity.value == "warning"


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("韓国統一相、北朝鮮とロシアの軍事協力に懸念表明=聯合ニュース", "ja"),
        ("Kim Jong-un and Putin Plan to Meet in Russia to Discuss Weapons", "en-US"),
        ("Ким Чен Ын посетил авиазавод", "ru"),
        # Neither ы э ъ ё nor і ї є ґ: Russian and Ukrainian cannot be told apart by letters.
        ("Лидер Северной Кореи посетил завод по производству истребителей", "uk"),
        ("Путін і Кім", "uk"),
        ("Bonjour", "en"),  # too short to judge
        ("Meduza", "ru"),  # a Latin brand name under a Russian tag: too short to judge
        ("Kim", "ru"),
        # A bracketed title is a translation of the work's (PubMed's convention).
        ("[Urinary incontinence in castrated bitches. Part 1: Significance, clinical aspects]", "de"),
    ],
)
def test_weak_or_consistent_evidence_does_not_fire(title: str, language: str) -> None:
    assert findings("language-mismatch", article(ref("1", title=title, language=language))) == []


def test_an_english_title_of_an_indexed_paper_in_another_language_is_not_a_mismatch() -> None:
    # Dog (enwiki) ref 100: PubMed's English title of a German paper, without the brackets.
    title = "Changes in the behavior of dogs after castration"
    paper = ref("1", title=title, language="de", issn="0303-6286", identifiers=("PMID 2326799",))
    assert findings("language-mismatch", article(paper)) == []
    # The same title on a web page tagged German is still judged.
    page = ref("1", title=title + " and what owners should expect of them", language="de")
    assert len(findings("language-mismatch", article(page))) == 1


def test_no_declared_language_is_not_a_mismatch() -> None:
    assert findings("language-mismatch", article(ref("1", title="存档副本", language=None))) == []


# --- with the page's own language (the original when alive, else the snapshot) ---------------

RU_TEXT = (
    "Встреча прошла на космодроме Восточный в Амурской области. Стороны обсудили "
    "сотрудничество в экономике и обороне, а также подготовку будущих визитов. "
) * 3
UK_TEXT = (
    "Зустріч відбулася на космодромі Східний в Амурській області. Сторони обговорили "
    "співпрацю в економіці та обороні, а також підготовку майбутніх візитів. "
) * 3


def test_the_page_language_outweighs_the_title_and_says_why() -> None:
    # The title alone reads as Russian; the page is Ukrainian by declaration and by its text.
    cited = ref("1", title="Лидер Северной Кореи посетил завод", language="ru", url=URL)
    page = html("Лідер Північної Кореї відвідав завод", UK_TEXT, lang="uk")
    [found] = page_findings("language-mismatch", article(cited), live(page))
    assert found.evidence["reason"] == "page"
    assert (found.evidence["page_language"], found.evidence["detected"]) == ("uk", "uk")
    assert found.evidence["probability"] >= 0.99
    assert found.message == "reference 1 is tagged ru but the original page is in uk"


def test_a_page_in_the_declared_language_silences_the_title_check() -> None:
    # A Chinese translated title under a Russian tag: the page shows the tag is right.
    cited = ref("1", title="普京与金正恩在东方航天发射场会面并讨论军事合作", language="ru", url=URL)
    page = html("Путин и Ким встретились на космодроме", RU_TEXT, lang="ru")
    assert page_findings("language-mismatch", article(cited), live(page)) == []


def test_a_template_lang_attribute_alone_is_not_evidence() -> None:
    # lang="en" from a template, Russian text: the text wins, and agrees with the tag.
    cited = ref("1", title="Путин и Ким встретились на космодроме", language="ru", url=URL)
    page = html("Путин и Ким встретились на космодроме", RU_TEXT, lang="en")
    assert page_findings("language-mismatch", article(cited), live(page)) == []


def test_a_page_too_short_to_detect_falls_back_to_the_title() -> None:
    cited = ref("1", title="Путин встретился с Ким Чен Ыном на космодроме", language="en", url=URL)
    page = html("Путин", "Коротко.", lang="ru")
    [found] = page_findings("language-mismatch", article(cited), live(page))
    assert found.evidence["reason"] == "script"


def test_a_language_langdetect_does_not_know_is_never_judged_by_it() -> None:
    latin = "Felis Catus. Systema naturae per regna tria naturae: secundum classes, ordines"
    assert findings("language-mismatch", article(ref("1", title=latin, language="la"))) == []
