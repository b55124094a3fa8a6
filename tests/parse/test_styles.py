"""The citation styles of citecheck.parse.styles: a contract every registered style keeps, and
per style, small entries as documents write them with the fields a reader would take from them.

Entries here are made up in each style's grammar (not copied from the labelled corpus), so they
test the grammar, not the corpus; tests/data/corpus is what bench/accuracy.py measures.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from citecheck.model import Reference
from citecheck.parse import styles
from citecheck.parse.reftext import parse_reference_text
from citecheck.parse.styles import STYLES, Fields, Style
from tests.parse.test_reftext import read

# --- the contract ---------------------------------------------------------------------------

_ANY = [
    "",
    ".",
    "Title.",
    "Smith, J. (2020). Title. Journal, 1(2), 3–4.",
    "蔡维德. 标题[J]. 软件学报, 2018, 29(10): 2912-2933.",
    "Иванов И. И. Заглавие // Журнал. — 2020. — № 3. — С. 5–10.",
    "著者『書名』出版社, 2017.",
    '"Quoted," Site, 2020.',
    "(((((((((( [[[[[[ 《《《 「「「 “““ ",
]


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.NAME)
def test_every_style_has_a_name_its_date_flags_and_a_detector_between_0_and_1(
    style: Style,
) -> None:
    assert style.NAME and isinstance(style.PAREN_DATES, bool)
    assert isinstance(style.BRACKETED_ACCESS, bool)
    for text in _ANY:
        assert 0.0 <= style.detect(text) <= 1.0


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.NAME)
@pytest.mark.parametrize("text", _ANY)
def test_every_style_reads_any_text_without_raising(style: Style, text: str) -> None:
    fields = style.read(text)
    assert isinstance(fields, Fields)
    assert all(isinstance(a, str) and a for a in fields.authors)


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.NAME)
def test_every_style_stays_linear_on_hostile_input(style: Style) -> None:
    """Long runs of what the patterns look for: quadratic backtracking would take seconds."""
    for unit in (
        "A. ",
        "Smith, J., ",
        "SMITH, Jo and ",
        ", 2020. ",
        "(2020). ",
        "「",
        "“a,” ",
        "[J]",
        " // ",
        ". — ",
        "1-",
    ):
        text = unit * 2000
        start = time.perf_counter()
        style.detect(text)
        style.read(text)
        assert time.perf_counter() - start < 1.0, (style.NAME, unit)


def test_the_wiki_renderings_are_the_fallback() -> None:
    assert styles.choose("Title. Work. 2023-09-12 [2023-09-13].").NAME == "wiki"
    assert styles.STYLES[-1].NAME == "wiki"


# --- the styles, entry by entry -------------------------------------------------------------


def _case(style: str, text: str, **expected: Any) -> Any:
    return pytest.param(text, expected, id=f"{style}: {text[:50]}")


CASES = [
    # GB/T 7714-2015: the type mark ends the title; journal, year, volume(issue): pages.
    _case(
        "GB/T",
        "张三, 李四, 王五, 等. 城市猫群的行为研究[J]. 动物学报, 2021, 67(2): 101-115.",
        authors=("张三", "李四", "王五"),
        title="城市猫群的行为研究",
        publisher="动物学报",
        published="2021",
        pages="101-115",
        url=None,
    ),
    _case(
        "GB/T",
        "刘一. 猫的驯化史[M]. 2版. 上海: 上海科学技术出版社, 2018.",
        authors=("刘一",),
        title="猫的驯化史",
        publisher="上海科学技术出版社",
        published="2018",
        pages=None,
    ),
    _case(
        "GB/T",
        "Chen L, Zhou M. Feline gait analysis[C]//Proceedings of the Vision Conference. "
        "Berlin: Springer, 2020: 45-52.",
        authors=("Chen L", "Zhou M"),
        title="Feline gait analysis",
        publisher="Proceedings of the Vision Conference",
        published="2020",
        pages="45-52",
    ),
    _case(
        "GB/T",
        "国家统计局. 2022年宠物行业报告[EB/OL]. (2023-01-15)[2023-05-01]. "
        "https://example.org/report",
        authors=("国家统计局",),
        title="2022年宠物行业报告",
        published="2023-01-15",
        accessed="2023-05-01",
        url="https://example.org/report",
        publisher=None,
    ),
    # No author: the title runs from the start; no date after the URL is taken for the work's.
    _case(
        "GB/T",
        "猫粮成分说明[EB/OL]. https://example.org/food, 2021-06-01.",
        authors=(),
        title="猫粮成分说明",
        published=None,
        url="https://example.org/food",
    ),
    # GB/T set in full-width punctuation, as many Chinese papers do.
    _case(
        "GB/T",
        "王五，赵六．猫的行为[J]．动物学杂志，2019，54（3）：100-108．",
        authors=("王五", "赵六"),
        title="猫的行为",
        publisher="动物学杂志",
        published="2019",
        pages="100-108",
    ),
    # GB/T author-date: the year after the names; 佚名 (anonymous) names no one.
    _case(
        "GB/T author-date",
        "LEE K, PARK J, 2021. Cats in winter[EB/OL]. (2021-01-05)[2022-02-03]. https://ex.org/w.",
        authors=("LEE K", "PARK J"),
        title="Cats in winter",
        published="2021-01-05",
        accessed="2022-02-03",
    ),
    _case(
        "GB/T author-date",
        "佚名, [2020]. 猫的故事[EB/OL]. [2021-03-04]. https://ex.cn/s.",
        authors=(),
        title="猫的故事",
        accessed="2021-03-04",
    ),
    # GOST R 7.0.5 / 7.0.100: heading, " // " host, dashes, URL and access date.
    _case(
        "GOST",
        "Петров А. В., Сидорова Е. К. Поведение домашних кошек // Вопросы зоологии. "
        "— 2020. — № 3. — С. 5–10.",
        authors=("Петров А. В.", "Сидорова Е. К."),
        title="Поведение домашних кошек",
        publisher="Вопросы зоологии",
        published="2020",
        pages="5–10",
    ),
    _case(
        "GOST",
        "Орлова Н. Н. Кошки и люди : монография / Н. Н. Орлова, И. П. Белов. — М. : Наука, "
        "2019. — 256 с.",
        authors=("Н. Н. Орлова", "И. П. Белов"),
        title="Кошки и люди",
        publisher="Наука",
        published="2019",
        pages=None,
    ),
    _case(
        "GOST",
        "Сайт о кошках [Электронный ресурс]. — URL: https://example.ru/cats "
        "(дата обращения: 17.09.2023).",
        authors=(),
        title="Сайт о кошках",
        url="https://example.ru/cats",
        accessed="2023-09-17",
    ),
    # GOST with CJK names.
    _case(
        "GOST",
        "山口 里佳, 佐々木 桃子. 猫の研究 [Электронный ресурс] // 猫学会. 2025. URL: https://ex.jp/g "
        "(дата обращения: 01.02.2026).",
        authors=("山口 里佳", "佐々木 桃子"),
        title="猫の研究",
        publisher="猫学会",
        published="2025",
        accessed="2026-02-01",
    ),
    # DSTU 8302:2015: no dashes; "Place : Publisher, Year"; (дата звернення: …).
    _case(
        "DSTU",
        "Коваль О. П. Історія котів. Київ : Наукова думка, 2018. 320 с.",
        authors=("Коваль О. П.",),
        title="Історія котів",
        publisher="Наукова думка",
        published="2018",
        pages=None,
    ),
    _case(
        "DSTU",
        "Мельник І. В. Коти в місті. Вісник зоології. 2017. № 4. С. 12–19.",
        authors=("Мельник І. В.",),
        title="Коти в місті",
        publisher="Вісник зоології",
        published="2017",
        pages="12–19",
    ),
    _case(
        "DSTU",
        "Каталог порід. URL: https://example.ua/breeds (дата звернення: 05.01.2025).",
        title="Каталог порід",
        url="https://example.ua/breeds",
        accessed="2025-01-05",
        authors=(),
    ),
    # IEEE: the comma inside the quotes; [Online]. Available: URL [Accessed: …].
    _case(
        "IEEE",
        'J. Doe and R. Roe, "Whiskers as sensors," *Journal of Cat Science*, vol. 3, '
        "no. 2, pp. 1–5, Feb. 2020.",
        authors=("J. Doe", "R. Roe"),
        title="Whiskers as sensors",
        publisher="Journal of Cat Science",
        published="2020-02",
        pages="1–5",
    ),
    _case(
        "IEEE",
        "Cat Fanciers' Association, “Breed standards,” CFA, 2019. [Online]. Available: "
        "https://example.org/breeds. [Accessed: 5 Nov. 2021].",
        authors=("Cat Fanciers' Association",),
        title="Breed standards",
        publisher="CFA",
        published="2019",
        accessed="2021-11-05",
        url="https://example.org/breeds",
    ),
    # IEEE proceedings: abbreviations inside the name do not end it.
    _case(
        "IEEE",
        'J. Doe, "Cat detection with CNNs," in Proc. IEEE Conf. Computer Vision, Paris, France, '
        "2019, pp. 100–105.",
        authors=("J. Doe",),
        title="Cat detection with CNNs",
        publisher="Proc. IEEE Conf. Computer Vision",
        published="2019",
        pages="100–105",
    ),
    # A quoted IEEE title without authors and year: neither is invented.
    _case(
        "IEEE",
        '"Feeding guide." PetSite. [Online]. Available: https://example.org/feed',
        authors=(),
        title="Feeding guide",
        publisher="PetSite",
        published=None,
        url="https://example.org/feed",
    ),
    # An unreadable access date (day-month or month-day?) is left unread, not guessed.
    _case(
        "IEEE",
        'A. Lee, "Naps," Blog, 2020. [Online]. Available: https://e.org/n. [Accessed: 09-10-2026].',
        accessed=None,
        published="2020",
        url="https://e.org/n",
    ),
    # CS2 ({{citation}}) looks like IEEE but writes "Surname, Given" and a lower-case "retrieved".
    _case(
        "CS2",
        'Smith, John (2020), "Cats at home", The Cat Times, retrieved 2021-01-01',
        authors=("Smith, John",),
        title="Cats at home",
        publisher="The Cat Times",
        published="2020",
        accessed="2021-01-01",
    ),
    # APA 7: Author, A. A., & Author, B. (Year). Title. Container, vol(issue), pages. DOI.
    _case(
        "APA",
        "Garcia, M. L., & Chen, P. (2019). Purring frequencies in domestic cats. "
        "*Animal Acoustics*, *12*(4), 201–219. https://doi.org/10.1000/aa.2019.12",
        authors=("Garcia, M. L.", "Chen, P."),
        title="Purring frequencies in domestic cats",
        publisher="Animal Acoustics",
        published="2019",
        pages="201–219",
        url="https://doi.org/10.1000/aa.2019.12",
        doi="doi:10.1000/aa.2019.12",
    ),
    _case(
        "APA",
        "Novak, T. (2021). *The indoor cat* (2nd ed.). Feline Press.",
        authors=("Novak, T.",),
        title="The indoor cat",
        publisher="Feline Press",
        published="2021",
    ),
    # An APA chapter: the edited book holds it.
    _case(
        "APA",
        "Lee, A. (2020). Cats and play. In B. Kim (Ed.), Feline minds (pp. 10–25). Cat Press.",
        authors=("Lee, A.",),
        title="Cats and play",
        publisher="Feline minds",
        published="2020",
        pages="10–25",
    ),
    # A group author and no date.
    _case(
        "APA",
        "World Cat Federation. (n.d.). Breed list. Retrieved May 3, 2022, from "
        "https://example.org/wcf",
        authors=("World Cat Federation",),
        title="Breed list",
        published=None,
        accessed="2022-05-03",
        url="https://example.org/wcf",
    ),
    # Nature: the year closes the entry, volume and pages follow the journal.
    _case(
        "Nature",
        "Soto, H. & Lee, N. N. Cats see in the dark. Journal of Feline Optics 47, 706–723 (2008).",
        authors=("Soto, H.", "Lee, N. N."),
        title="Cats see in the dark",
        publisher="Journal of Feline Optics",
        published="2008",
        pages="706–723",
    ),
    # Vancouver (Elsevier) web pages: "Publisher 2019. URL (accessed …)."
    _case(
        "Vancouver (Elsevier)",
        "Cats at night. Feline Press 2019. https://ex.org/n (accessed November 2, 2025).",
        title="Cats at night",
        publisher="Feline Press",
        published="2019",
        accessed="2025-11-02",
    ),
    # ISO 690 numeric: the year as a sentence before "Vol."; GB/T without its type mark.
    _case(
        "ISO 690",
        "BARNES, Tina and JOHNSON, Jack. Cats and light. Feline Letters. 1996. Vol. 72, no. 11, "
        "p. 1524–1557.",
        authors=("BARNES, Tina", "JOHNSON, Jack"),
        title="Cats and light",
        publisher="Feline Letters",
        published="1996",
        pages="1524–1557",
    ),
    _case(
        "GB/T",
        "КАЗАКОВА Н Д. Кошки и свет. Известия РАН. Серия физическая, 2004, 80(8): 803-806.",
        authors=("КАЗАКОВА Н Д",),
        title="Кошки и свет",
        publisher="Известия РАН. Серия физическая",
        published="2004",
        pages="803-806",
    ),
    # ISO 690 author-date: capitals, the year after the names, "Online.", "Available from:".
    _case(
        "ISO 690",
        "MITCHELL, Laura N. and SHORT, Ann, 2017. Cats and rain. Feline Press. Online. "
        "5 April 2017. Available from: https://ex.org/r [Accessed 2 September 2024].",
        authors=("MITCHELL, Laura N.", "SHORT, Ann"),
        title="Cats and rain",
        accessed="2024-09-02",
        url="https://ex.org/r",
    ),
    # ISO 690 author-date by its head: "NAMES, Year." or, with no author, "Title, Year.";
    # "[no date]" is no part of the title; a later date of the same year makes it precise; the
    # journal, the publisher after its place, or the book after "In: EDITOR (ed.),".
    _case(
        "ISO 690 author-date",
        "Cats at the window: A field study, 2021. Feline Press. Online. 6 October 2021. "
        "Available from: https://ex.org/w [Accessed 2 May 2024].",
        authors=(),
        title="Cats at the window: A field study",
        publisher="Feline Press",
        published="2021-10-06",
    ),
    _case(
        "ISO 690 author-date",
        "Whiskers in winter, [no date]. Feline Press. Online. Available from: https://ex.org/n "
        "[Accessed 2 May 2024].",
        authors=(),
        title="Whiskers in winter",
        publisher="Feline Press",
        published=None,
    ),
    _case(
        "ISO 690 author-date",
        "ГРОМОВА, Анна Петровна, [no date]. Кошки зимой. Кошачий дом. Online. Available from: "
        "https://ex.ru/k [Accessed 2 May 2024].",
        authors=("ГРОМОВА, Анна Петровна",),
        title="Кошки зимой",
        publisher="Кошачий дом",
        published=None,
    ),
    _case(
        "ISO 690 author-date",
        "HOLT, Mara J., PIKE, Dan and WREN, Ola, 2009. Tails and balance. Journal of Cats. 2009. "
        "Vol. 12, no. 3, p. 45–52.",
        authors=("HOLT, Mara J.", "PIKE, Dan", "WREN, Ola"),
        title="Tails and balance",
        publisher="Journal of Cats",
        published="2009",
        pages="45–52",
    ),
    _case(
        "ISO 690 author-date",
        "田中 学 and 山本 花子, 2013. 猫の夜. In: 加藤 舞 (ed.), 猫の本: 第二集. 東京: 猫書房. "
        "p. 20–30.",
        authors=("田中 学", "山本 花子"),
        title="猫の夜",
        publisher="猫の本: 第二集",
        published="2013",
    ),
    _case(
        "ISO 690 author-date",
        "李斌, 2010. 猫与城市. 北京: 猫出版社.",
        authors=("李斌",),
        title="猫与城市",
        publisher="猫出版社",
        published="2010",
    ),
    # Not ISO 690's head: a lower-case surname is no name, so no author is made up from it.
    _case(
        "ISO 690 author-date",
        "Paris, France, 2005. Feline Press. Online. 6 May 2005.",
        authors=(),
        published="2005-05-06",
    ),
    # One CJK name as a sentence of its own (Nature, Elsevier): a name when a title and a work,
    # or a bracketed imprint, follow; a short title with only its work after it stays a title.
    _case(
        "Nature",
        "杨桂花. 城市里的猫. 猫出版社 (2011).",
        authors=("杨桂花",),
        title="城市里的猫",
        publisher="猫出版社",
        published="2011",
    ),
    _case(
        "Nature",
        "佐藤 陽子. 猫の夜. (猫書房, 東京, 2005).",
        authors=("佐藤 陽子",),
        title="猫の夜",
        publisher="猫書房",
        published="2005",
    ),
    _case("Nature", "猫与狗. 猫出版社 (2016).", authors=(), title="猫与狗", published="2016"),
    _case("Nature", "城市之猫. 猫报. 猫出版社 (2016).", authors=()),
    # Initials first in Cyrillic (Chicago notes, IEEE): "И. И. Surname and …, Title (…)".
    _case(
        "Chicago notes",
        "С. Д. Бирюкова and К. А. Сорокин, Кошки зимой (Наука, 1988).",
        authors=("С. Д. Бирюкова", "К. А. Сорокин"),
        title="Кошки зимой",
        publisher="Наука",
        published="1988",
    ),
    # A title with a comma but no initials before it names no author.
    _case(
        "Chicago notes",
        "Кошки, собаки и люди (Наука, 1988).",
        authors=(),
        title="Кошки, собаки и люди",
    ),
    # Harvard without quotes: "(Year) Title, Publisher."; CJK names in a Latin-script style.
    _case(
        "Harvard",
        "中村 修平 and 木村 稔 (2007) 猫の歴史, 猫書房. Available at: https://ex.jp/h "
        "(Accessed: March 17, 2024).",
        authors=("中村 修平", "木村 稔"),
        title="猫の歴史",
        publisher="猫書房",
        published="2007",
        accessed="2024-03-17",
        url="https://ex.jp/h",
    ),
    _case(
        "APA",
        "岡本 真綾, 松田 直子, & 小林 裕太. (2018, February 23). 猫の生活. 猫出版. https://ex.jp/a",
        authors=("岡本 真綾", "松田 直子", "小林 裕太"),
        title="猫の生活",
        publisher="猫出版",
        published="2018-02-23",
    ),
    # Springer LNCS: "Surname, I.: Title. Journal vol(issue), pages (year)".
    _case(
        "LNCS",
        "Kato, H., Ito, S.: Tail signals. Ethology Letters 8(1), 10–20 (2015)",
        authors=("Kato, H.", "Ito, S."),
        title="Tail signals",
        publisher="Ethology Letters",
        published="2015",
        pages="10–20",
    ),
    # Vancouver: initials without full stops, "Year Mon Day;Vol(Issue):Pages".
    _case(
        "Vancouver",
        "Kim J, Park SY, Lee H. Litter box habits of indoor cats. J Feline Behav. "
        "2018 Jun 5;12(2):88-94.",
        authors=("Kim J", "Park SY", "Lee H"),
        title="Litter box habits of indoor cats",
        publisher="J Feline Behav",
        published="2018-06-05",
        pages="88-94",
    ),
    # ISO 690: SURNAME, Given. Title. Journal. Year, Vol(Issue), Pages.
    _case(
        "ISO 690",
        "NOVAK, Petra. Cats in the city. Urban Ecology. 2016, 4(1), 10–18.",
        authors=("NOVAK, Petra",),
        title="Cats in the city",
        publisher="Urban Ecology",
        published="2016",
        pages="10–18",
    ),
    # Harvard: "(Year) 'Title', Journal, Vol(Issue), pp."
    _case(
        "Harvard",
        "Brown, T. and Green, S. (2017) 'Why cats knead', Feline Studies, 9(2), pp. 30-41.",
        authors=("Brown, T.", "Green, S."),
        title="Why cats knead",
        publisher="Feline Studies",
        published="2017",
        pages="30-41",
    ),
    # MLA: "Surname, Given. "Title." Container, vol., no., Year, pp."
    _case(
        "MLA",
        'Black, Anna. "Cats and Mirrors." Feline Review, vol. 5, no. 1, 2020, pp. 7-9.',
        authors=("Black, Anna",),
        title="Cats and Mirrors",
        publisher="Feline Review",
        published="2020",
        pages="7-9",
    ),
    # Books whose imprint closes the entry in brackets (Chicago notes, Nature).
    _case(
        "Chicago notes",
        "D. Bird et al., Cats in Cities (Routledge, 2023).",
        authors=("D. Bird",),
        title="Cats in Cities",
        publisher="Routledge",
        published="2023",
    ),
    _case(
        "Nature",
        "Kelly, S. J. & Hanson, E. Cats Available Everywhere. (MIT Press, Cambridge, MA, 1992).",
        authors=("Kelly, S. J.", "Hanson, E."),
        title="Cats Available Everywhere",  # "Available" without a colon is a word of the title
        publisher="MIT Press",
        published="1992",
    ),
    # A publisher named after its founders keeps its commas (Harvard).
    _case(
        "Harvard",
        "Cross, N.E. (2006) Cats at dusk, Howard, Novak and Hayden. Available at: https://ex.org/d "
        "(Accessed: May 7, 2026).",
        authors=("Cross, N.E.",),
        title="Cats at dusk",
        publisher="Howard, Novak and Hayden",
        published="2006",
        accessed="2026-05-07",
    ),
    # GOST in English: "Place, State: Publisher, Year".
    _case(
        "GOST",
        "Rojas R., Wright D., Hancock P. J. Cats and machines. Cambridge, MA: MIT Press, 1987.",
        authors=("Rojas R.", "Wright D.", "Hancock P. J."),
        title="Cats and machines",
        publisher="MIT Press",
        published="1987",
    ),
    # MLA with volume and issue before the year; ISO 690 with CJK names and the year after them.
    _case(
        "MLA",
        "邹秀梅, and 李华. “猫与人”. 动物学报, vol. 63, no. 8, 1996, pp. 1089–103.",
        authors=("邹秀梅", "李华"),
        title="猫与人",
        publisher="动物学报",
        published="1996",
        pages="1089–103",
    ),
    _case(
        "ISO 690",
        "杨东 and 孔龙, 2018. 城市里的猫. 猫出版社. Online. 7 December 2018. Available from: "
        "https://ex.cn/i [Accessed 6 February 2024].",
        authors=("杨东", "孔龙"),
        title="城市里的猫",
        publisher="猫出版社",
        published="2018-12-07",
        accessed="2024-02-06",
    ),
    # Vancouver lists before CS1's "Surname, Given": Cyrillic initials without full stops.
    _case(
        "Vancouver",
        "Маслова ЖГ, Артемьева ПТ. Кошки и сон. Вестник зоологии. 2019;12(3):40-48.",
        authors=("Маслова ЖГ", "Артемьева ПТ"),
        title="Кошки и сон",
        publisher="Вестник зоологии",
        published="2019",
        pages="40-48",
    ),
    # Chicago notes and author-date.
    _case(
        "Chicago notes",
        'Anna Black, "Cats and Mirrors," Feline Review 5, no. 1 (2020): 7–9.',
        authors=("Anna Black",),
        title="Cats and Mirrors",
        publisher="Feline Review",
        published="2020",
        pages="7–9",
    ),
    _case(
        "Chicago author-date",
        'Black, Anna. 2020. "Cats and Mirrors." Feline Review 5 (1): 7–9.',
        authors=("Black, Anna",),
        title="Cats and Mirrors",
        publisher="Feline Review",
        published="2020",
        pages="7–9",
    ),
    # Japanese: 著者『書名』出版社, 年; 「論文」『誌名』 巻, 号, pp.; SIST 02 with (参照 …).
    _case(
        "ja book",
        "山本太郎『猫の文化史』猫書房, 2016.",
        authors=("山本太郎",),
        title="猫の文化史",
        publisher="猫書房",
        published="2016",
    ),
    _case(
        "ja paper",
        "佐藤 花子, 鈴木 一郎, 「猫の睡眠時間」 『動物行動学会誌』 12 巻, 3 号, pp. 45-52, 2018",
        authors=("佐藤 花子", "鈴木 一郎"),
        title="猫の睡眠時間",
        publisher="動物行動学会誌",
        published="2018",
        pages="45-52",
    ),
    _case(
        "SIST 02",
        '田中一. "猫の飼い方入門". 猫ブログ. 2020. https://example.jp/cat, (参照 2021-04-01)',
        authors=("田中一",),
        title="猫の飼い方入門",
        publisher="猫ブログ",
        published="2020",
        accessed="2021-04-01",
        url="https://example.jp/cat",
    ),
    # No author: a title with hiragana is no name.
    _case(
        "SIST 02",
        "猫の研究. 猫学会. 2019-04-01. 入手先 <https://ex.jp/a> (参照 2019-04-01)",
        authors=(),
        title="猫の研究",
        publisher="猫学会",
        published="2019-04-01",
        accessed="2019-04-01",
        url="https://ex.jp/a",
    ),
    _case(
        "SIST 02",
        "山田太郎, 鈴木花子. 猫の行動学. 東京: 猫出版, 2015.",
        authors=("山田太郎", "鈴木花子"),
        title="猫の行動学",
        publisher="猫出版",
        published="2015",
    ),
    _case(
        "SIST 02",
        "猫の図鑑. 入手先 <https://example.jp/zukan> (参照 2019-4-1)",
        authors=(),
        url="https://example.jp/zukan",
        accessed="2019-04-01",
    ),
    _case(
        "ja web",
        "GitHub「リポジトリの作成」(https://docs.example.com/ja/repo) 2023年12月17日閲覧",
        authors=("GitHub",),
        title="リポジトリの作成",
        url="https://docs.example.com/ja/repo",
        accessed="2023-12-17",
    ),
    # A Japanese comma list: the editor (編) is the one named; the imprint in brackets.
    _case(
        "ja list",
        "木村 編, 猫の栄養学 (猫書房, 2012).",
        authors=("木村",),
        title="猫の栄養学",
        publisher="猫書房",
        published="2012",
    ),
    # Japanese academic with full-width punctuation: 著者：書名，出版社，年．
    _case(
        "ja academic",
        "田中一郎：猫の科学，猫出版，2010．",
        authors=("田中一郎",),
        title="猫の科学",
        publisher="猫出版",
        published="2010",
    ),
    # jawiki CS1: the one name before the quoted title is the author.
    _case(
        "jawiki",
        "山田花子 (2015年). “猫の日本史”. 猫新聞. 2020年1月2日閲覧。",
        authors=("山田花子",),
        title="猫の日本史",
        publisher="猫新聞",
        published="2015",
        accessed="2020-01-02",
    ),
    # en CS1: initials in the work's name do not hide the date after it.
    _case(
        "enwiki",
        '"Cats of the world". Example Media L.P. March 3, 2019. Retrieved May 1, 2020.',
        title="Cats of the world",
        publisher="Example Media L.P.",
        published="2019-03-03",
        accessed="2020-05-01",
    ),
    # zh footnotes after SIST 02: author, 《title》, site, date. (参照 date).
    _case(
        "zh SIST",
        "小明, 《猫咪为什么爱纸箱》, 宠物论坛, 2021-03-04. (参照 2022-01-02).",
        authors=("小明",),
        title="猫咪为什么爱纸箱",
        publisher="宠物论坛",
        published="2021-03-04",
        accessed="2022-01-02",
    ),
    # AMA: one name alone, "Surname AB."; a book's "Publisher; Year."; a chapter's "In: …, ed.
    # Book. Publisher; Year:pages."; a web page's date as its own sentence before "Accessed".
    _case(
        "AMA",
        "Whisker T. Cats at Night. Feline Press; 2019.",
        authors=("Whisker T",),
        title="Cats at Night",
        publisher="Feline Press",
        published="2019",
    ),
    _case(
        "AMA",
        "Кошкин ИИ, Мурова АБ. Кошки ночью. In: Лапкин ВВ, ed. Жизнь кошек. Наука; 2001:45-52.",
        authors=("Кошкин ИИ", "Мурова АБ"),
        title="Кошки ночью",
        publisher="Жизнь кошек",
        published="2001",
        pages="45-52",
    ),
    _case(
        "AMA",
        "田猫. 猫的夜晚. 猫报. May 21, 2011. Accessed June 2, 2020. https://ex.org/c",
        authors=("田猫",),
        title="猫的夜晚",
        publisher="猫报",
        published="2011-05-21",
        accessed="2020-06-02",
    ),
    _case(
        "AMA",
        "Whisker T. Cats at night. J Feline Sci. 2019;3(4):5-6.",
        authors=("Whisker T",),
        title="Cats at night",
        publisher="J Feline Sci",
        published="2019",
    ),
    # ISO 690 web pages after CJK names: "Online." and the date as sentences of their own (no
    # "5 February" publisher); without a date the wiki reading is kept.
    _case(
        "ISO 690",
        "李猫 and 王猫. 猫的夜晚. 猫报. Online. 5 February 2009. [Accessed 23 November 2023]. "
        "Available from: https://ex.org/c",
        authors=("李猫", "王猫"),
        title="猫的夜晚",
        publisher="猫报",
        published="2009-02-05",
    ),
    _case(
        "ISO 690",
        "李猫 and 王猫. 猫的夜晚. 猫报. Online. [Accessed 23 November 2023]. "
        "Available from: https://ex.org/c",
        authors=("李猫", "王猫"),
        title="猫的夜晚",
        publisher="猫报",
        published=None,
    ),
    # Vancouver (Elsevier): the journal and its year in one sentence; a quoted publisher.
    _case(
        "Vancouver (Elsevier)",
        "Кошкин ИИ. Кошки ночью. Вопросы кошек 2004;78:600–19.",
        authors=("Кошкин ИИ",),
        title="Кошки ночью",
        publisher="Вопросы кошек",
        published="2004",
        pages="600–19",
    ),
    _case(
        "Vancouver (Elsevier)",
        "Кошки ночью. ООО «Кот» 2007. https://ex.org/k (accessed June 13, 2023).",
        title="Кошки ночью",
        publisher="ООО «Кот»",
        published="2007",
    ),
    # Harvard and APA with Cyrillic initials: "Брагина, Т.Н., Степанова, А.Р. and …".
    _case(
        "Harvard",
        "Кошкина, Т.Н., Мурова, А.Р. and Лапкин, Л.Т. (2006) Кошки ночью, ООО «Кот». "
        "Available at: https://ex.org/k (Accessed: November 15, 2023).",
        authors=("Кошкина, Т.Н.", "Мурова, А.Р.", "Лапкин, Л.Т."),
        title="Кошки ночью",
        published="2006",
    ),
    _case(
        "APA 7",
        "Кошкина, Т. Н. (2019). Кошки ночью. Вопросы кошек, 3(4), 5–6.",
        authors=("Кошкина, Т. Н.",),
        title="Кошки ночью",
        publisher="Вопросы кошек",
    ),
    # No Vancouver name is invented: a title of capitalised words before "Publisher; Year".
    _case(
        "AMA",
        "Windows XP Handbook. Feline Press; 2019.",
        authors=(),
        publisher="Feline Press",
        published="2019",
    ),
    _case(
        "AMA",
        "Cats at Night. Feline Press; 2019.",
        authors=(),
        title="Cats at Night",
        publisher="Feline Press",
    ),
    # Short citations: the author and the place in a work the bibliography gives in full.
    _case("short", "Wells, p. 6.", authors=("Wells",), title=None, pages="6", unread=()),
    _case("short", "Shaw, pg. 40", authors=("Shaw",), title=None, pages="40"),
    _case(
        "short",
        "Fitzgerald (1998), pp. 120–1.",
        authors=("Fitzgerald",),
        published="1998",
        pages="120–1",
        unread=(),
    ),
    _case("short", "Smith and Jones, p. 4", authors=("Smith", "Jones"), title=None),
    _case("short", "Иванов 2001, с. 5", authors=("Иванов",), published="2001", pages="5"),
    # "Ibid." names no author: the entry before is meant.
    _case("short", "Ibid., p. 5", authors=(), pages="5"),
    # A 「quotation」 inside zh running text is no title.
    _case(
        "zh note",
        "研究称家猫全死于「猫瘟」的说法并不准确",
        title="研究称家猫全死于「猫瘟」的说法并不准确",
        authors=(),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reads_each_style(text: str, expected: dict[str, Any]) -> None:
    got = read(text)
    assert {k: got[k] for k in expected} == expected


# --- what every style shares (reftext) ------------------------------------------------------


def test_a_snapshot_given_alone_stands_for_the_page_it_copied() -> None:
    got = read(
        "Smith, J. Cats. Site. 2020-01-01. "
        "https://web.archive.org/web/20210305120000/https://example.org/cats"
    )
    assert got["url"] == "https://example.org/cats"
    assert (
        got["archive_url"] == "https://web.archive.org/web/20210305120000/https://example.org/cats"
    )
    assert got["archived"] == "2021-03-05"


def test_a_snapshot_beside_the_original_keeps_both_as_written() -> None:
    got = read(
        "Cats. Site. https://example.org/cats "
        "https://web.archive.org/web/20210305120000/https://example.org/cats"
    )
    assert got["url"] == "https://example.org/cats" and got["archived"] is None


def test_markdown_links_give_their_text_and_their_url() -> None:
    got = read("Doe, J. [*Cats at home*](https://example.org/c). Pet Press. 2020.")
    assert got["title"] == "Cats at home" and got["url"] == "https://example.org/c"


@pytest.mark.parametrize(
    "text",
    [
        "Cats. [Sony.net](http://sony.net/). 2020.",  # a site named by its own host
        "Cats - [Wayback Machine](https://en.wikipedia.org/wiki/Wayback_Machine). 2020.",
        "[Doe, Jane](/wiki/Jane_Doe) (2020). Cats. Site.",  # a wiki link
    ],
)
def test_links_that_name_a_site_or_a_wiki_page_are_no_url(text: str) -> None:
    assert read(text)["url"] is None


def test_an_announced_url_wins_over_a_quoted_one() -> None:
    got = read(
        '"https://example.org/docs/intro/", Example.com. [Online]. Available: '
        "https://example.org/docs/. [Accessed: 03- Feb- 2022]"
    )
    assert got["url"] == "https://example.org/docs/" and got["accessed"] == "2022-02-03"


def test_a_url_keeps_its_balanced_brackets_and_drops_cjk_punctuation() -> None:
    assert read("Paper. https://doi.org/10.1016/S0925-7721(99)00017-6")["url"] == (
        "https://doi.org/10.1016/S0925-7721(99)00017-6"
    )
    assert read("Page[EB/OL]. https://example.org/p.html，2019-06-18.")["url"] == (
        "https://example.org/p.html"
    )


@pytest.mark.parametrize(
    "unit",
    [
        *("[a](", "](http://a", "http://a(", "*a ", "_a ", "((", "“a,” ", "(2020). ", "「"),
        *("/ И. И. ", "И. И. Иванов, ", "23 Dec. ", "Smith, J., ", "SMITH, John, ", "A. "),
        *("柳丽丽, ", "中村 修平 and ", "Wilkins, ", "(2007) a, "),
    ],
)
def test_the_shared_reading_stays_linear_on_hostile_input(unit: str) -> None:
    start = time.perf_counter()
    parse_reference_text(unit * 4000, label="1", line=1)
    assert time.perf_counter() - start < 1.0


def test_pdf_compatibility_characters_are_read_as_what_they_stand_for() -> None:
    raw = "赵一，钱二. ⼤语⾔模型导论. 北京: ⾼等教育出版社. 2024."
    ref = parse_reference_text(raw, label="1", line=1)
    assert ref.raw == raw  # the original text is kept
    assert ref.title == "大语言模型导论" and ref.authors == ("赵一", "钱二")
    assert ref.publisher == "高等教育出版社" and ref.published is not None


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        ("Title. Journal. 2020. pp. 1–5.", "1–5"),
        ("Заглавие // Журнал. — 2020. — С. 5–10.", "5–10"),
        ("Title. Journal. 2020, p. 3_12-3_28.", "3_12-3_28"),
        ("Title. Journal. 2014, pp. 939-946, 2014.", "939-946"),  # the year is not a page
        ("Книга. — М. : Наука, 2019. — 256 с.", None),  # a page count, not pages
        ("Smith P. 2019. Title.", None),  # an initial before a year
    ],
)
def test_pages_are_read_after_their_marker(text: str, pages: str | None) -> None:
    assert read(text)["pages"] == pages


@pytest.mark.parametrize(
    "text",
    [
        "The pascal visual object classes (voc) challenge[J]. Journal, 2010, 88(2): 303-338.",
        "Cats. Site. 2020.",
        "猫的报告. 研究所. 2023.",
        "Cats Tonight AB. Feline Press; 2019.",
        "Night Cats. Site. May 21, 2011. Accessed June 2, 2020.",
        "Cats and dogs, 2019. Feline Press. Online.",
        "Cats, [no date]. Feline Press. Online.",
    ],
)
def test_no_author_url_or_language_is_invented(text: str) -> None:
    ref: Reference = parse_reference_text(text, label="1", line=1)
    assert ref.authors == () and ref.url is None and ref.language is None
