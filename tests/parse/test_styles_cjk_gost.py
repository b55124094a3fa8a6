"""GB/T 7714, GOST (and Uspekhi Gerontologii's variant of it), SIST 02 and the Japanese styles
(Igaku Toshokan): entries as the styles print them, made up here, with the fields a reader takes
from them, and entries where the grammar must not make up an author, a title or a date.
"""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.parse import styles
from tests.parse.test_reftext import read
from tests.parse.test_styles import _case

CASES = [
    # GB/T 7714 books and chapters without their type mark: capitalised names, bare initials.
    _case(
        "GB/T book",
        "ORLOVA T V, KRAMER P. Cats in the city: A field guide. Cambridge, MA: MIT Press, 2014.",
        authors=("ORLOVA T V", "KRAMER P"),
        title="Cats in the city: A field guide",
        publisher="MIT Press",
        published="2014",
    ),
    _case(
        "GB/T book",
        "БЕЛОВА Н А. Кошки и города. Москва: Наука, 2001.",
        authors=("БЕЛОВА Н А",),
        title="Кошки и города",
        publisher="Наука",
        published="2001",
    ),
    # The author-date variant: the year after the names, the imprint without one.
    _case(
        "GB/T author-date book",
        "QUINN A, MORROW L, 1999. Whiskers and wires. London: Routledge.",
        authors=("QUINN A", "MORROW L"),
        title="Whiskers and wires",
        publisher="Routledge",
        published="1999",
    ),
    _case(
        "GB/T author-date book",
        "陈小猫, 2003. 城市里的猫：观察笔记. 北京: 猫爪出版社.",
        authors=("陈小猫",),
        title="城市里的猫:观察笔记",  # GB/T reads full-width punctuation as ASCII (NFKC)
        publisher="猫爪出版社",
        published="2003",
    ),
    # A chapter: the host glued to the title, its editor first, then book, imprint and pages.
    _case(
        "GB/T chapter",
        "HALE R J. Feeding habits//STONE M. Feline studies: A reader. Oxford: Oxford "
        "University Press, 2007: 408-435.",
        authors=("HALE R J",),
        title="Feeding habits",
        publisher="Feline studies: A reader",
        published="2007",
    ),
    _case(
        "GB/T author-date chapter",
        "李小花, 2006. 猫的睡眠//王大明. 宠物行为学. 北京: 猫爪出版社: 55-63.",
        authors=("李小花",),
        title="猫的睡眠",
        publisher="宠物行为学",
        published="2006",
    ),
    # GOST: a chapter's host with its own responsibility and imprint.
    _case(
        "GOST chapter",
        "Котов А. Б. Ночная охота // Кошки России: сборник / под ред. И. И. Мурова. "
        "Москва: Наука, 2018. С. 407–415.",
        authors=("Котов А. Б.",),
        title="Ночная охота",
        publisher="Кошки России: сборник",
        published="2018",
        pages="407–415",
    ),
    # ISO 690's chapter, read with GOST's areas: the host after "In :", its editor left out.
    _case(
        "ISO 690 chapter",
        "КОТОВА, Анна Борисовна and HALE, Robert. Ночная охота. In : МУРОВ, Иван (ed.), "
        "Кошки России. Cambridge, MA : MIT Press, 2019. p. 224–237.",
        authors=("КОТОВА, Анна Борисовна", "HALE, Robert"),
        title="Ночная охота",
        publisher="Кошки России",
        published="2019",
    ),
    # GOST with CJK names: "и др." after the first; a book before its imprint.
    _case(
        "GOST",
        "陈小猫 и др. 城市猫群研究 // 动物学报. 2009. Т. 36, № 2. С. 802–827.",
        authors=("陈小猫",),
        title="城市猫群研究",
        publisher="动物学报",
        published="2009",
    ),
    _case(
        "GOST book",
        "山田 太郎, 石井 治. 猫と暮らす技術. 東京: 猫の手書房, 2017.",
        authors=("山田 太郎", "石井 治"),
        title="猫と暮らす技術",
        publisher="猫の手書房",
        published="2017",
    ),
    # Uspekhi Gerontologii: the names and the title apart by a space only.
    _case(
        "Uspekhi Gerontologii",
        "陈小猫, 王大明 城市猫群研究 // 动物学报. 2016. № 3 (31). C. 959–993.",
        authors=("陈小猫", "王大明"),
        title="城市猫群研究",
        publisher="动物学报",
        published="2016",
    ),
    _case(
        "Uspekhi Gerontologii",
        "山田 太郎, 橋本 さゆり 猫の一日: 観察記録 // 猫新聞. 2021.",
        authors=("山田 太郎", "橋本 さゆり"),
        title="猫の一日: 観察記録",
        publisher="猫新聞",
        published="2021",
    ),
    _case(
        "Uspekhi Gerontologii book",
        "王大明 城市里的猫 / 王大明, 北京: 猫爪出版社, 2020.",
        authors=("王大明",),
        title="城市里的猫",
        publisher="猫爪出版社",
        published="2020",
    ),
    # Igaku Toshokan: Vancouver's initials without dots; a chapter's editor before its book.
    _case(
        "Igaku Toshokan chapter",
        "Hale RJ, Котов АБ. Feeding habits. Stone M, 編集者. Feline studies. 2011. ページ 276–99.",
        authors=("Hale RJ", "Котов АБ"),
        title="Feeding habits",
        publisher="Feline studies",
        published="2011",
        pages="276–99",
    ),
    _case(
        "Igaku Toshokan webpage",
        "Котов АБ. Ночная охота. Кошачий вестник. 2019. [インターネット]. "
        "https://example.org/a [参照 2023年10月2日]",
        authors=("Котов АБ",),
        title="Ночная охота",
        publisher="Кошачий вестник",
        published="2019",
        accessed="2023-10-02",
    ),
    _case(
        "Igaku Toshokan webpage",
        "猫の研究: 入門編. 猫の手書房. [インターネット]. https://example.jp/a [参照 2023年10月2日]",
        authors=(),
        title="猫の研究: 入門編",
        publisher="猫の手書房",
        published=None,
    ),
    # A colon after more than names is the title's: the names end at the comma.
    _case(
        "Japanese book note",
        "山田 太郎 and 橋本 さゆり, 猫のいる暮らし: 入門 (猫の手書房, 2024).",
        authors=("山田 太郎", "橋本 さゆり"),
        title="猫のいる暮らし: 入門",
        publisher="猫の手書房",
        published="2024",
    ),
    # SIST 02: a kana given name is a name; a title and a year alone have no author.
    _case(
        "SIST 02",
        "橋本 さゆり. 猫の一日. 2012. https://example.jp/a, (参照 2026-11-22).",
        authors=("橋本 さゆり",),
        title="猫の一日",
        published="2012",
    ),
    _case(
        "SIST 02",
        "城市猫群观察记录. 2017. https://example.cn/a, (参照 2024-11-01).",
        authors=(),
        title="城市猫群观察记录",
        published="2017",
    ),
    # --- negatives: nothing made up --------------------------------------------------------
    # No names before the title: none made up from it.
    _case(
        "no names",
        "Title of the cat book. London: Routledge, 2020.",
        authors=(),
        title="Title of the cat book",
        published="2020",
    ),
    # "Available from: [Accessed …]" is no "Place: Publisher".
    _case(
        "not an imprint",
        "陈小猫 and 王大明, 2018. 城市里的猫. 猫爪出版社. Online. 7 December 2018. "
        "Available from: https://example.cn/a [Accessed 18 September 2026].",
        authors=("陈小猫", "王大明"),
        title="城市里的猫",
        publisher="猫爪出版社",
    ),
    # A GOST title alone before its host: no author out of the title's first word.
    _case(
        "GOST, no author",
        "城市猫群的行为研究 // 动物学报. 2020.",
        authors=(),
        title="城市猫群的行为研究",
        publisher="动物学报",
        published="2020",
    ),
    # A GB/T chapter without a year: the pages are no year.
    _case(
        "GB/T chapter, no year",
        "HALE R J. Feeding habits//Feline studies. Oxford: Oxford University Press: 408-435.",
        authors=("HALE R J",),
        title="Feeding habits",
        publisher="Feline studies",
        published=None,
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reads_each_style(text: str, expected: dict[str, Any]) -> None:
    got = read(text)
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        # Vancouver: mixed-case surnames, a semicolon before the year.
        "Orlova TV, Kramer P. Cats in the city. London: Routledge; 2020.",
        # A URL's slashes are no host's "//"; no capitalised names either.
        "Cats in the city. Reuters. 2020. https://example.org/a//b",
        # Words in capitals that are no names with initials.
        "NASA REPORT. Cats in orbit. Houston: NASA, 2020.",
    ],
)
def test_markless_gbt_needs_its_names(text: str) -> None:
    assert styles.choose(text).NAME != "GB/T 7714"
