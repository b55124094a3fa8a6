"""Dates and numbers read from a text compare equal across languages, scripts and units."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citecheck.model import PartialDate
from citecheck.verify.facts import (
    Fact,
    FactKind,
    conflicts,
    facts_in,
    matches,
    resolve,
)

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages" / "readability"
DW = Path("/work/shared/samples/pages/dw-zh-20230914.txt")


def values(text: str, language: str | None = None) -> list[str]:
    return [f.value for f in facts_in(text, language)]


def one(text: str, language: str | None = None) -> Fact:
    (fact,) = facts_in(text, language)
    return fact


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "13 сентября 2023", "2023年9月13日", "September 13, 2023", "13 September 2023",
        "13 вересня 2023 р.", "2023-09-13", "2023/9/13", "13.09.2023", "２０２３年９月１３日",
        "13 septembre 2023", "13 de setembro de 2023",
    ],
)  # fmt: skip
def test_one_day_written_every_way_is_one_key(text: str) -> None:
    fact = one(text)
    assert (fact.kind, fact.value, fact.precision) == (FactKind.DATE, "2023-09-13", "day")
    assert (fact.text, fact.start, fact.end) == (text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "key", "precision"),
    [
        ("September 2023", "2023-09", "month"), ("2023年9月", "2023-09", "month"),
        ("сентябрь 2023 года", "2023-09", "month"), ("in 2009", "2009", "year"),
        ("2014年", "2014", "year"),
    ],
)  # fmt: skip
def test_a_date_keeps_its_precision(text: str, key: str, precision: str) -> None:
    fact = one(text)
    assert (fact.value, fact.precision) == (key, precision)


@pytest.mark.parametrize(
    ("text", "key"),
    [("周三(13日)", "---13"), ("9月13日", "--09-13"), ("on 13 September", "--09-13"),
     ("13 сентября", "--09-13"), ("September 13 was", "--09-13"), ("（7月）访问", "--07")],
)  # fmt: skip
def test_a_date_without_its_year_is_partial(text: str, key: str) -> None:
    assert values(text) == [key]


def test_resolve_fills_the_missing_parts_from_the_page_date() -> None:
    page = PartialDate(2023, 9, 14)
    assert resolve(one("13日"), page).value == "2023-09-13"
    assert resolve(one("on 13 September"), page).value == "2023-09-13"
    # A year alone cannot give a day its month; full dates and numbers stay as they are.
    assert resolve(one("13日"), PartialDate(2023)).value == "---13"
    assert resolve(one("2022-01-05"), page).value == "2022-01-05"
    assert resolve(one("45%"), page).value == "45 %"


def test_a_year_inside_a_date_is_not_also_a_number() -> None:
    assert values("Le 5 mai 2015, 438 députés") == ["2015-05-05", "438"]


def test_impossible_dates_are_not_read() -> None:
    assert values("2023-02-30") == []


# --- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["1,300 km", "1 300 км", "1\u00a0300 km", "1\u202f300 км", "1\u2009300km", "1300公里",
             "1300千米", "1300キロ", "１３００ｋｍ".replace("ｋｍ", "km")],
)  # fmt: skip
def test_a_distance_is_one_key_in_every_script(text: str) -> None:
    assert values(text) == ["1300 km"]


@pytest.mark.parametrize(
    "text", ["45%", "45 %", "45％", "45 процентов", "百分之四十五", "45 відсотків"]
)
def test_a_percentage_is_one_key(text: str) -> None:
    assert values(text) == ["45 %"]


@pytest.mark.parametrize("text", ["2 hours", "两小时", "2 часа", "2時間", "2 години"])
def test_a_duration_is_one_key(text: str) -> None:
    assert values(text) == ["2 h"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("1.2 million", "1200000"), ("1,2 млн", "1200000"), ("1,5 млн", "1500000"),
        ("1.2万", "12000"), ("3億", "300000000"), ("5 тыс. человек", "5000"),
        ("2 тис.", "2000"), ("2 billion", "2000000000"), ("4 млрд", "4000000000"),
        ("3亿", "300000000"), ("三千", "3000"), ("十五", "15"), ("一百二十", "120"),
        ("一亿五千万", "150000000"), ("$1.2 billion", "1200000000 usd"), ("3亿美元", "300000000 usd"),
        ("２９００円", "2900 jpy"), ("1,234.5", "1234.5"), ("1.234,5", "1234.5"),
        ("1 234,5", "1234.5"), ("1,300,000", "1300000"),
    ],
)  # fmt: skip
def test_multipliers_numerals_and_separators(text: str, key: str) -> None:
    assert values(text) == [key]


def test_a_lone_group_of_three_after_a_dot_or_comma_follows_the_language() -> None:
    # Without a language both group thousands; the dot's reading is a guess, so weak.
    assert (one("1,300").value, one("1,300").weak) == ("1300", False)
    assert (one("1.300").value, one("1.300").weak) == ("1300", True)
    assert one("1.300", "fr").value == "1300" and not one("1.300", "fr").weak
    assert one("1,300", "ru").value == "1.3"
    assert one("1.300", "en").value == "1.3"


@pytest.mark.parametrize(
    "text",
    ["G7", "COVID-19", "A320", "[3]", "https://example.org/2023/09/13/a1", "5G", "18:45", "13h36",
     "一直", "十分老旧", "万一", "第3次", "1.2.3"],
)  # fmt: skip
def test_digits_of_words_urls_markers_times_are_no_facts(text: str) -> None:
    assert facts_in(text) == ()


def test_a_number_keeps_how_it_was_rounded_and_hedged() -> None:
    fact = one("about 1,300 km")
    assert fact.approximate and fact.step == 1 and fact.rounding_step == 100
    assert one("1.3 million").step == 100_000
    assert one("约300人").approximate and one("300人左右").approximate
    assert not one("handsome 300").approximate


def test_facts_come_in_text_order_with_their_offsets() -> None:
    text = "Le 04.05.2015, 75 députés; 2 hours [3] ago, 1,300 km."
    found = facts_in(text)
    assert [f.value for f in found] == ["2015-05-04", "75", "2 h", "1300 km"]
    assert all(text[f.start : f.end] == f.text for f in found)
    assert [f.start for f in found] == sorted(f.start for f in found)


# --- comparing ------------------------------------------------------------------------------------


def test_one_value_written_two_ways_has_one_key() -> None:
    assert one("45%").value == one("百分之四十五").value == "45 %"
    assert one("1300").value == "1300" != one("1300 km").value
    assert one("45%").value != one("45 km").value


def test_a_date_matches_a_source_date_at_least_as_precise() -> None:
    assert matches(one("September 2023"), one("13 сентября 2023"))
    assert matches(one("2023"), one("2023年9月13日"))
    assert not matches(one("2023-09-13"), one("September 2023"))
    assert matches(one("9月13日"), one("2023-09-13"))
    assert not matches(one("2023-09-13"), one("13日"))


def test_dates_conflict_on_a_part_both_give_when_both_give_the_year() -> None:
    assert conflicts(one("2023-09-13"), one("14 September 2023"))
    assert conflicts(one("2022"), one("2023"))
    # A bare year and a full date are seldom the same event's ("acquired in 2014").
    assert not conflicts(one("2022"), one("2023-09-13"))
    assert not conflicts(one("September 2023"), one("2023-09-13"))
    assert not conflicts(one("13日"), one("2023-09-14"))  # resolve first


def test_a_number_matches_the_same_value_and_unit_within_the_claims_rounding() -> None:
    assert matches(one("1,300 km"), one("1300公里"))
    assert matches(one("1.3 million"), one("1,296,000"))
    assert matches(one("about 1,300 km"), one("1,296 km"))
    # A bare round number is not a rounding the claim admits: can't tell either way.
    assert not matches(one("1,300 km"), one("1,296 km"))
    assert not conflicts(one("1,300 km"), one("1,296 km"))
    # A precise claim is not supported by a rounder source.
    assert not matches(one("1,296 km"), one("about 1,300 km"))
    assert not matches(one("45%"), one("45 km"))
    assert not matches(one("45%"), one("45"))


def test_numbers_conflict_in_the_same_unit_only() -> None:
    assert conflicts(one("2 hours"), one("3時間"))
    assert conflicts(one("1,300 km"), one("1,100 km"))
    assert not conflicts(one("about 2 hours"), one("3 h".replace("h", "hours")))
    assert not conflicts(one("438"), one("86"))  # unit-less counts may count different things
    assert not conflicts(one("45%"), one("46 km"))


def test_weak_facts_neither_match_nor_conflict() -> None:
    assert not matches(one("1.300"), one("1.300"))
    assert not conflicts(one("1.300 km"), one("5 km"))


# --- real pages -----------------------------------------------------------------------------------


def _page_text(name: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser((PAGES / f"{name}.html").read_text(encoding="utf-8"))
    for node in tree.css("script, style"):
        node.decompose()
    assert tree.body is not None
    return re.sub(r"\s+", " ", tree.body.text())


@pytest.mark.skipif(not DW.exists(), reason="shared sample absent")
def test_the_dw_chinese_page() -> None:
    text = DW.read_text(encoding="utf-8")
    assert values(text)[0] == "2023-09-14"
    assert values("(德国之声中文网)周三(13日),普京与到访的朝鲜最高领导人") == ["---13"]
    assert values("针对朝鲜的制裁从2017年加强以来") == ["2017"]
    assert values("俄罗斯国防部长在(7月)访问朝鲜期间") == ["--07"]


@pytest.mark.parametrize(
    ("page", "sentence", "keys"),
    [
        ("bbc-1", "by terrorism, it's less than 100.", ["100"]),
        ("bbc-1", "But with just 18 months left in power", ["18"]),
        ("bbc-1", "24 July 2015 From the section", ["2015-07-24"]),
        ("qq", "TNW中文站2016年10月14日07:17 我要分享", ["2016-10-14"]),
        ("qq", "开发人员向AlphaGo提供了历史对弈中的大约3000万记录", ["30000000"]),
        ("yahoo-4", "ライセンスは2900円（税込）で、2年版ライセンスは5000円（税込）", ["2900 jpy", "2", "5000 jpy"]),
        ("yahoo-4", "回答者の約85％が安全な", ["85 %"]),
        ("yahoo-4", "CNET Japan 3/9(木) 18:45配信", ["--03-09"]),
        ("lemonde-1", "adopté à une large majorité (438 contre 86 et 42 abstentions)", ["438", "86", "42"]),
        ("lemonde-1", "Le Monde | 04.05.2015 à 13h36", ["2015-05-04"]),
    ],
)  # fmt: skip
def test_sentences_of_real_pages(page: str, sentence: str, keys: list[str]) -> None:
    text = _page_text(page)
    assert sentence in text
    assert values(sentence) == keys
    start = text.index(sentence)
    found = [f for f in facts_in(text) if start <= f.start < start + len(sentence)]
    assert [f.value for f in found] == keys


def test_the_qq_approximate_count_is_hedged() -> None:
    assert one("大约3000万记录").approximate
