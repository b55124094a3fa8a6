"""The verdict on a claim and a page: facts across languages, words in the same language,
precision first."""

from __future__ import annotations

from citecheck.evidence import SupportVerdict
from citecheck.model import PartialDate
from citecheck.verify.combine import combine, found_facts
from citecheck.verify.judge import PageText, Reading, judge, page_text
from citecheck.verify.language import claim_language

DW = PageText(
    url="https://example.org/dw",
    passages=(
        "俄罗斯总统普京和朝鲜最高领导人金正恩周三在俄罗斯东方航天发射场举行了会谈。",
        "(德国之声中文网)周三(13日),普京与到访的朝鲜最高领导人金正恩在东方航天发射场会面。",
        "据韩国政府的经济学家称,今年前五个月,朝鲜从俄罗斯进口的玉米和面粉仅为5380吨,"
        "而从中国进口的大米为10.2万吨。",
    ),
    language="zh",
    published=PartialDate(2023, 9, 14),
)
SPORT = PageText(
    url="https://example.org/sport",
    passages=(
        "The home side won the cup final 3-1 after extra time in front of a record crowd.",
        "The striker scored twice and was named player of the match by the league.",
    ),
    language="en",
)


def test_a_day_the_page_gives_without_its_month_is_read_in_the_page_s_month() -> None:
    support = judge("普京与金正恩于2023年9月13日在东方航天发射场会面。", "zh", DW)
    assert support.verdict is SupportVerdict.SUPPORTED
    assert support.facts == ("2023年9月13日",)
    assert support.missing == ()


def test_a_figure_is_found_across_languages_scripts_and_units() -> None:
    support = judge(
        "North Korea imported 5,380 tonnes of corn and flour from Russia, and 102,000 tonnes "
        "of rice from China.",
        "en",
        DW,
    )
    assert support.verdict is SupportVerdict.SUPPORTED
    assert "10.2万吨" in (support.passage or "")


def test_a_date_the_best_passage_states_otherwise_is_a_contradiction() -> None:
    support = judge("普京与金正恩于2023年9月12日在东方航天发射场会面。", "zh", DW)
    assert support.verdict is SupportVerdict.NOT_SUPPORTED
    assert support.strong
    assert support.conflicting == (("2023年9月12日", "13日"),)


def test_a_figure_stated_nowhere_is_weak_evidence() -> None:
    support = judge("金正恩在东方航天发射场会见普京,两人会谈了5个小时。", "zh", DW)
    assert support.verdict is SupportVerdict.NOT_SUPPORTED
    assert not support.strong
    assert support.missing == ("5个小时",)


def test_a_page_about_something_else_in_the_claim_s_language_does_not_support_it() -> None:
    support = judge("The parliament passed the budget law after a long night of debate.", "en", SPORT)
    assert support.verdict is SupportVerdict.NOT_SUPPORTED
    assert support.strong
    assert "something else" in support.reason


def test_across_languages_with_nothing_to_compare_nothing_is_said() -> None:
    support = judge("Парламент принял закон о бюджете после долгих дебатов.", "ru", SPORT)
    assert support.verdict is SupportVerdict.CANT_TELL
    assert judge("Парламент принял бюджет в 2019 году.", "ru", SPORT).verdict is (
        SupportVerdict.CANT_TELL
    )


def test_a_page_without_main_text_can_t_tell() -> None:
    empty = PageText(url="https://example.org/empty", passages=())
    assert judge("Anything at all.", "en", empty).verdict is SupportVerdict.CANT_TELL


def test_the_quoted_passage_is_at_most_300_characters() -> None:
    long = PageText(url="u", passages=("word " * 200 + "budget law",), language="en")
    support = judge("The budget law passed.", "en", long)
    assert support.passage is not None and len(support.passage) <= 300


def test_a_reading_gives_the_same_verdicts_as_the_page() -> None:
    reading = Reading(DW)
    for claim in ("普京与金正恩于2023年9月12日会面。", "朝鲜从俄罗斯进口了5380吨玉米和面粉。"):
        assert judge(claim, "zh", reading) == judge(claim, "zh", DW)


def test_a_page_without_metadata_is_dated_by_its_dateline() -> None:
    text = "跳转至内容\n\n普京会见金正恩\n\n2023年9月14日\n\n周三(13日),普京与金正恩会面。两人会谈。\n"
    page = page_text("u", text, is_html=False, language="zh", published=None)
    assert page.published == PartialDate(2023, 9, 14)


def test_a_claim_s_language_is_told_by_its_script() -> None:
    assert claim_language("金正恩访问俄罗斯。") == "zh"
    assert claim_language("金正恩がロシアを訪問した。") == "ja"
    assert claim_language("Кім Чен Ин відвідав Росію.") == "uk"
    assert claim_language("Ким Чен Ын посетил Россию.") == "ru"
    assert claim_language("Kim visited Russia.") == "en"
    assert claim_language("Ким посетил Россию.", default="uk") == "uk"


def test_a_fact_on_another_cited_page_is_not_missing() -> None:
    half = judge("普京与金正恩会面,朝鲜进口了5380吨玉米,两人会谈了5个小时。", "zh", DW)
    other = half.__class__(
        verdict=SupportVerdict.CANT_TELL,
        reason="",
        page_url="u2",
        facts=half.facts,
        missing=tuple(f for f in half.facts if f != "5个小时"),
    )
    first, second = combine([half, other], [found_facts(half), found_facts(other)])
    assert first.verdict is SupportVerdict.CANT_TELL
    assert "other cited pages" in first.reason
    assert second == other
