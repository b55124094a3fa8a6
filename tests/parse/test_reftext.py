"""The one reference-text parser on each rendered form the five wikis produce."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from citecheck.model import Document, PartialDate, Reference
from citecheck.parse import parse
from citecheck.parse.reftext import parse_reference_text, strip_backlinks


def read(text: str) -> dict[str, Any]:
    ref = parse_reference_text(text, label="1", line=1)
    return {
        "authors": ref.authors,
        "title": ref.title,
        "publisher": ref.publisher,
        "published": ref.published.iso() if ref.published else None,
        "accessed": ref.accessed.iso() if ref.accessed else None,
        "archived": ref.archived.iso() if ref.archived else None,
        "has_archive": ref.has_archive,
        "language": ref.language,
        "url": ref.url,
        "archive_url": ref.archive_url,
        "pages": ref.pages,
        "doi": next((i for i in ref.identifiers if i.lower().startswith("doi")), None),
        "errors": ref.template_errors,
        "unread": ref.unread,
    }


CASES: list[tuple[str, dict[str, Any]]] = [
    # zh CS1, as in the seed.
    (
        "Wong, Edward; Barnes, Julian E. Kim Jong-un and Putin Plan to Meet in Russia. "
        "The New York Times. 2023-09-04 [2023-09-13]. ISSN 0362-4331. (原始内容存档于2023-09-13) (美国英语).",
        {
            "authors": ("Wong, Edward", "Barnes, Julian E."),
            "title": "Kim Jong-un and Putin Plan to Meet in Russia",
            "publisher": "The New York Times",
            "published": "2023-09-04",
            "accessed": "2023-09-13",
            "archived": "2023-09-13",
            "language": "en-US",
        },
    ),
    # zh with English dates and full-width brackets.
    (
        "Cats of the world. Example Times. 14 February 2023 [16 February 2023]. （原始内容存档于4 March 2023）.",
        {
            "title": "Cats of the world",
            "publisher": "Example Times",
            "published": "2023-02-14",
            "accessed": "2023-02-16",
            "archived": "2023-03-04",
        },
    ),
    # zh year only, zh access date, PDF archive, traditional-script language label.
    (
        "貓的報告. 研究所. 2023 [2023年2月16日]. （原始内容存档 (PDF)于2023年3月6日） （中文（臺灣））.",
        {
            "title": "貓的報告",
            "publisher": "研究所",
            "published": "2023",
            "accessed": "2023-02-16",
            "archived": "2023-03-06",
            "language": "zh-TW",
        },
    ),
    # zh archive note without a date.
    (
        "猫. 网站. [2023-02-16]. （页面存档备份，存于互联网档案馆）.",
        {
            "title": "猫",
            "publisher": "网站",
            "accessed": "2023-02-16",
            "archived": None,
            "has_archive": True,
        },
    ),
    # zh leaked template error.
    (
        "Why is Putin looking to North Korea for arms?. The Economist. 2023-09-13 [2023-09-18]. "
        "|journal=被忽略 (帮助) (英语).",
        {
            "title": "Why is Putin looking to North Korea for arms?",
            "publisher": "The Economist",
            "errors": ("|journal=被忽略 (帮助)",),
            "language": "en",
        },
    ),
    # en CS1 with URLs as a plain-text copy with links keeps them.
    (
        'Smith, Josh (12 September 2023). "How Kim\'s meeting could shake up relations". Reuters. '
        "https://www.reuters.com/world/kim-putin. Archived from the original on 13 September 2023. "
        "Retrieved 18 September 2023.",
        {
            "authors": ("Smith, Josh",),
            "title": "How Kim's meeting could shake up relations",
            "publisher": "Reuters",
            "published": "2023-09-12",
            "accessed": "2023-09-18",
            "archived": "2023-09-13",
            "url": "https://www.reuters.com/world/kim-putin",
        },
    ),
    (
        '"Путин встретился с Ким Чен Ыном" (in Russian). Deutsche Welle. 13 September 2023. '
        "Archived from the original on 14 September 2023. Retrieved 18 September 2023.",
        {
            "title": "Путин встретился с Ким Чен Ыном",
            "publisher": "Deutsche Welle",
            "published": "2023-09-13",
            "archived": "2023-09-14",
            "accessed": "2023-09-18",
            "language": "ru",
        },
    ),
    # ru: ruwiki cite web.
    (
        "Путин встретился с Ким Чен Ыном (рус.). Deutsche Welle (13 сентября 2023). "
        "Дата обращения: 22 сентября 2023. Архивировано 29 сентября 2023 года.",
        {
            "title": "Путин встретился с Ким Чен Ыном",
            "publisher": "Deutsche Welle",
            "published": "2023-09-13",
            "accessed": "2023-09-22",
            "archived": "2023-09-29",
            "language": "ru",
        },
    ),
    (
        "Kim visits Russia (англ.). CNN (13 September 2023). Архивная копия от 3 февраля 2024 на "
        "Wayback Machine (дата обращения: 04.12.2023)",
        {
            "title": "Kim visits Russia",
            "publisher": "CNN",
            "published": "2023-09-13",
            "archived": "2024-02-03",
            "accessed": "2023-12-04",
            "language": "en",
        },
    ),
    # ru GOST style with initials.
    (
        "Иванов И. И. История вопроса // Вопросы истории. — 2019. — № 5. — С. 12—20.",
        {
            "authors": ("Иванов И. И.",),
            "title": "История вопроса",
            "publisher": "Вопросы истории",
            "published": "2019",
        },
    ),
    # uk
    (
        "Путін і Кім обмінялись дарунками (укр.). Deutsche Welle. 14 вересня 2023. "
        "Архів оригіналу за 4 травня 2024. Процитовано 20 травня 2025.",
        {
            "title": "Путін і Кім обмінялись дарунками",
            "publisher": "Deutsche Welle",
            "published": "2023-09-14",
            "archived": "2024-05-04",
            "accessed": "2025-05-20",
            "language": "uk",
        },
    ),
    (
        "Зустріч лідерів (рос.). РБК-Україна. (дата звернення: 2025-09-01)",
        {
            "title": "Зустріч лідерів",
            "publisher": "РБК-Україна",
            "accessed": "2025-09-01",
            "language": "ru",
        },
    ),
    # ja
    (
        '"Kim Jong Un visits Russia" (英語). AP News. 2023年9月13日. '
        "2025年5月19日時点のオリジナルよりアーカイブ。2025年5月27日閲覧。",
        {
            "title": "Kim Jong Un visits Russia",
            "publisher": "AP News",
            "published": "2023-09-13",
            "archived": "2025-05-19",
            "accessed": "2025-05-27",
            "language": "en",
        },
    ),
    (
        "「露朝首脳会談」 (ロシア語). コメルサント. 2023年9月13日. 2023年9月20日閲覧。",
        {
            "title": "露朝首脳会談",
            "publisher": "コメルサント",
            "accessed": "2023-09-20",
            "language": "ru",
        },
    ),
    # An archive URL in the text is recognised as the archive link.
    (
        "Title. Site. 2023-09-13 [2023-09-18]. https://example.org/a "
        "https://web.archive.org/web/20230914000000/https://example.org/a",
        {
            "url": "https://example.org/a",
            "archive_url": "https://web.archive.org/web/20230914000000/https://example.org/a",
            "has_archive": True,
        },
    ),
]


# Forms from the real zhwiki and enwiki "Cat" pages (tests/data/html/), and the archive clauses
# of the other wikis' templates. Each case once misread a field.
REAL_FORMS: list[tuple[str, dict[str, Any]]] = [
    # zh 20: initials in a list of authors; identifiers after the journal.
    (
        "Driscoll, C. A.; Macdonald, D. W.; O'Brien, S. J. In the Light of Evolution III. "
        "Proceedings of the National Academy of Sciences of the United States of America. "
        "2009, 106 (S1): 9971–9978. Bibcode:2009PNAS..106.9971D. PMC 2702791 . PMID 19528637. "
        "doi:10.1073/pnas.0901586106 .",
        {
            "authors": ("Driscoll, C. A.", "Macdonald, D. W.", "O'Brien, S. J."),
            "title": "In the Light of Evolution III",
            "publisher": "Proceedings of the National Academy of Sciences of the United States of America",
            "published": "2009",
            "unread": (),
        },
    ),
    # en 21: "&" before the last author; (PDF) after the title; en identifiers.
    (
        'Gentry, A.; Clutton-Brock, J. & Groves, C. P. (2004). "The naming of wild animal species '
        'and their domestic derivatives" (PDF). Journal of Archaeological Science. 31 (5): 645–651. '
        "Bibcode:2004JArSc..31..645G. doi:10.1016/j.jas.2003.10.006. Archived (PDF) from the "
        "original on 4 March 2016. Retrieved 19 January 2019.",
        {
            "authors": ("Gentry, A.", "Clutton-Brock, J.", "Groves, C. P."),
            "title": "The naming of wild animal species and their domestic derivatives",
            "publisher": "Journal of Archaeological Science",
            "published": "2004",
            "archived": "2016-03-04",
            "accessed": "2019-01-19",
            "unread": (),
        },
    ),
    # en-style authors with initials and a volume.
    (
        'Smith, J.; Doe, A. B. (2019). "Cats and dogs". Nature. 12 (3): 45–67. doi:10.1000/xyz.',
        {
            "authors": ("Smith, J.", "Doe, A. B."),
            "title": "Cats and dogs",
            "publisher": "Nature",
            "published": "2019",
            "unread": (),
        },
    ),
    # zh 6: given names first, separated by semicolons.
    (
        "Carlos A. Driscoll; Juliet Clutton-Brock; Andrew C. Kitchener; Stephen J. O'Brien. "
        "野貓何時變家貓 (第89期). 由鍾慧元翻译. 臺北市: 遠流出版社. 2009年7月 [2016-02-04]. "
        "（原始内容存档于2016-02-04） （中文）.",
        {
            "authors": (
                "Carlos A. Driscoll",
                "Juliet Clutton-Brock",
                "Andrew C. Kitchener",
                "Stephen J. O'Brien",
            ),
            "title": "野貓何時變家貓 (第89期). 由鍾慧元翻译",
            "publisher": "臺北市: 遠流出版社",
            "published": "2009-07",
            "accessed": "2016-02-04",
            "language": "zh",
        },
    ),
    # zh 63: Vancouver-style authors; PMID.
    (
        "Nassar R, Mosier JE, Williams LW. Study of the feline and canine populations in the greater "
        "Las Vegas area. American Journal of Veterinary Research. 1984, 45 (2): 282–287. PMID 6711951.",
        {
            "authors": ("Nassar R", "Mosier JE", "Williams LW"),
            "title": "Study of the feline and canine populations in the greater Las Vegas area",
            "publisher": "American Journal of Veterinary Research",
            "published": "1984",
        },
    ),
    # zh 33: journal date with volume and issue before the access date; ISSN, PMC, PMID, doi.
    (
        "Vigne, Jean-Denis; Evin, Allowen. Earliest “Domestic” Cats in China Identified as Leopard "
        "Cat (Prionailurus bengalensis). PLoS ONE. 2016-01-22, 11 (1) [2019-01-02]. ISSN 1932-6203. "
        "PMC 4723238 . PMID 26799955. doi:10.1371/journal.pone.0147295. （原始内容存档于2020-10-04）.",
        {
            "authors": ("Vigne, Jean-Denis", "Evin, Allowen"),
            "title": "Earliest “Domestic” Cats in China Identified as Leopard Cat (Prionailurus bengalensis)",
            "publisher": "PLoS ONE",
            "published": "2016-01-22",
            "accessed": "2019-01-02",
            "archived": "2020-10-04",
            "unread": (),
        },
    ),
    # zh 35: book year with page, "Volume N", place and publisher, ISBN.
    (
        "Takács, G. mjw. Etymological Dictionary of Egyptian. Volume 3. Leiden, Boston: Brill. "
        "2008: 135 [2021-02-08]. ISBN 9789047423799. （原始内容存档于2021-03-20）.",
        {
            "authors": ("Takács, G.",),
            "title": "mjw. Etymological Dictionary of Egyptian",
            "publisher": "Leiden, Boston: Brill",
            "published": "2008",
            "accessed": "2021-02-08",
        },
    ),
    # zh 38: ISBN and OCLC are not the publisher.
    (
        "幼福編輯部. 動物小百科 初版. 新北市: 幼福文化事業股份有限公司. ISBN 9789862433140. "
        "OCLC 902608986.",
        {"title": "幼福編輯部. 動物小百科 初版", "publisher": "新北市: 幼福文化事業股份有限公司"},
    ),
    # zh 13: a language tag after the pages, not at the end of the entry.
    (
        "Linnaeus, C. Felis Catus. Systema naturae. Holmiae: Laurentii Salvii. 1758: 42 （拉丁语）.",
        {
            "authors": ("Linnaeus, C.",),
            "title": "Felis Catus. Systema naturae",
            "publisher": "Holmiae: Laurentii Salvii",
            "published": "1758",
            "language": "la",
        },
    ),
    # en 1: (in Latin), Vol. with its edition, place: publisher, p.
    (
        'Linnaeus, C. (1758). "Felis Catus". Systema naturae (in Latin). Vol. 1 (10th reformed '
        "ed.). Holmiae: Laurentii Salvii. p. 42.",
        {
            "authors": ("Linnaeus, C.",),
            "title": "Felis Catus",
            "publisher": "Systema naturae",
            "published": "1758",
            "language": "la",
            "unread": (),
        },
    ),
    # en 5: a book without quotes: Vol. N, Location: Publisher, p. N.
    (
        "Pictet, A. (1859). Les origines indo-européennes ou les Aryas primitifs : essai de "
        "paléontologie linguistique (in French). Vol. 1. Paris: Joël Cherbuliez. p. 381.",
        {
            "title": "Les origines indo-européennes ou les Aryas primitifs : essai de paléontologie "
            "linguistique",
            "publisher": "Paris: Joël Cherbuliez",
            "published": "1859",
            "language": "fr",
            "unread": (),
        },
    ),
    # en 2: a chapter "In" a book with editors; pp.
    (
        'Wozencraft, W. C. (2005). "Species Felis catus". In Wilson, D. E.; Reeder, D. M. (eds.). '
        "Mammal Species of the World (3rd ed.). Johns Hopkins University Press. pp. 534–535. "
        "ISBN 978-0-8018-8221-0. OCLC 62265494.",
        {
            "authors": ("Wozencraft, W. C.",),
            "title": "Species Felis catus",
            "publisher": "Mammal Species of the World (3rd ed.)",
            "published": "2005",
            "unread": (),
        },
    ),
    # en 232: the original year in brackets is not an access date.
    (
        'Engels, D. W. (2001) [1999]. "Greece". Classical Cats: The Rise and Fall of the Sacred Cat. '
        "London: Routledge. pp. 48–87. ISBN 9780415261623.",
        {
            "title": "Greece",
            "publisher": "Classical Cats: The Rise and Fall of the Sacred Cat",
            "published": "2001",
            "accessed": None,
            "unread": (),
        },
    ),
    # en 251: "– via" and the type of the work.
    (
        '"The ASPCA Warns About High-rise Falls by Cats". New York: American Society for the '
        "Prevention of Cruelty to Animals. 30 June 2005. Archived from the original on 22 May 2012. "
        "Retrieved 6 June 2018 – via About.com. (Press release.)",
        {
            "title": "The ASPCA Warns About High-rise Falls by Cats",
            "publisher": "New York: American Society for the Prevention of Cruelty to Animals",
            "published": "2005-06-30",
            "unread": (),
        },
    ),
    # zh 82: a year alone before the access date ("Newsweek." is not a month).
    (
        "Phillips, Catherine. Not just for Christmas: Swiss urged to stop eating cats and dogs. "
        "Newsweek. 2014 [2019-08-24]. （原始内容存档于2019-08-24）.",
        {
            "authors": ("Phillips, Catherine",),
            "title": "Not just for Christmas: Swiss urged to stop eating cats and dogs",
            "publisher": "Newsweek",
            "published": "2014",
            "accessed": "2019-08-24",
        },
    ),
    # zh 67: "Animals. 2011" is not a month and a year either.
    (
        "Cat Care: Spay–Neuter. ASPCA.org. New York: American Society for the Prevention of Cruelty "
        "to Animals. 2011 [2023-08-06]. （原始内容存档于2012-06-08）.",
        {
            "title": "Cat Care: Spay–Neuter. ASPCA.org",
            "publisher": "New York: American Society for the Prevention of Cruelty to Animals",
            "published": "2011",
            "accessed": "2023-08-06",
            "archived": "2012-06-08",
        },
    ),
    # zh 81: (PDF) between 原始内容 and 存档.
    (
        "UoWaikato newsletter (PDF). [2008-05-18]. （原始内容 (PDF)存档于2009-09-02）.",
        {
            "title": "UoWaikato newsletter",
            "publisher": None,
            "accessed": "2008-05-18",
            "archived": "2009-09-02",
            "has_archive": True,
            "unread": (),
        },
    ),
    # zh 61: the archive clause without brackets.
    (
        "Fédération Internationale Féline :: Breed standards. web.archive.org. 2013-02-18 "
        "[2019-09-17]. 原始内容存档于2013-02-18.",
        {
            "title": "Fédération Internationale Féline :: Breed standards",
            "publisher": "web.archive.org",
            "published": "2013-02-18",
            "archived": "2013-02-18",
        },
    ),
    # zh: page as 第N页, Spanish label.
    (
        "猫的历史. 科学出版社. 2019: 第42页 （西班牙语）.",
        {"title": "猫的历史", "publisher": "科学出版社", "published": "2019", "language": "es"},
    ),
    # en: Archived from the original (PDF) on; {{webarchive}}.
    (
        '"Cats". BBC News. 12 May 2019. Archived from the original (PDF) on 3 June 2020. '
        "Retrieved 1 June 2020.",
        {
            "title": "Cats",
            "publisher": "BBC News",
            "archived": "2020-06-03",
            "accessed": "2020-06-01",
            "unread": (),
        },
    ),
    (
        '"Cats". BBC News. 12 May 2019. Archived 2016-03-04 at the Wayback Machine',
        {"title": "Cats", "publisher": "BBC News", "archived": "2016-03-04", "unread": ()},
    ),
    (
        '"Gatti". La Repubblica (in Italian). p. 5. Accessed October 2020.',
        {"title": "Gatti", "publisher": "La Repubblica", "language": "it", "accessed": "2020-10"},
    ),
    # ru: Архивировано из первоисточника.
    (
        "Кошки (рус.). Вокруг света (12 мая 2019). Дата обращения: 1 июня 2020. "
        "Архивировано из первоисточника 3 июня 2020 года.",
        {
            "title": "Кошки",
            "publisher": "Вокруг света",
            "published": "2019-05-12",
            "accessed": "2020-06-01",
            "archived": "2020-06-03",
            "language": "ru",
        },
    ),
    # ru GOST book: place: publisher, year; С. N. The place (М. = Moscow) is not the publisher.
    (
        "Иванов И. И. История кошек. — М.: Наука, 2019. — С. 12—20.",
        {
            "authors": ("Иванов И. И.",),
            "title": "История кошек",
            "publisher": "Наука",
            "published": "2019",
            "unread": (),
        },
    ),
    # uk: Архівовано з джерела; {{webarchive}} in Ukrainian.
    (
        "Кішки (укр.). Дзеркало тижня. 12 травня 2019. Архівовано з джерела 3 червня 2020. "
        "Процитовано 1 червня 2020.",
        {
            "title": "Кішки",
            "publisher": "Дзеркало тижня",
            "published": "2019-05-12",
            "archived": "2020-06-03",
            "accessed": "2020-06-01",
            "language": "uk",
        },
    ),
    (
        "Кішки. Дзеркало тижня. 12 травня 2019. Архівовано 3 червня 2020 у Wayback Machine.",
        {"title": "Кішки", "archived": "2020-06-03", "unread": ()},
    ),
    # ja: the older "オリジナルの…時点におけるアーカイブ" clause, Latin label.
    (
        "「猫の話」 (ラテン語). 猫新聞. 2019年5月12日. "
        "オリジナルの2020年6月3日時点におけるアーカイブ。2020年6月1日閲覧。",
        {
            "title": "猫の話",
            "publisher": "猫新聞",
            "published": "2019-05-12",
            "archived": "2020-06-03",
            "accessed": "2020-06-01",
            "language": "la",
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES + REAL_FORMS)
def test_reads_each_rendered_form(text: str, expected: dict[str, Any]) -> None:
    got = read(text)
    assert {k: got[k] for k in expected} == expected


def test_unreadable_parts_are_named_and_the_raw_text_kept() -> None:
    text = "Some page. Retrieved 31 Febtember 2023."
    ref = parse_reference_text(text, label="9", line=3)
    assert ref.raw == text
    assert ref.label == "9" and ref.line == 3
    assert "accessed" in ref.unread
    assert ref.title == "Some page"


def test_an_entry_with_no_title_says_so() -> None:
    ref = parse_reference_text("[2023-09-26].", label="1", line=1)
    assert ref.title is None and "title" in ref.unread
    assert ref.accessed == PartialDate(2023, 9, 26)


@pytest.mark.parametrize(
    ("line", "backlinks", "rest"),
    [
        ("- ^ 16.00 16.01 16.02 Title. Site.", ("16.00", "16.01", "16.02"), "Title. Site."),
        ("- ^ Title. Site.", ("^",), "Title. Site."),
        ("^ a b c Smith, J. Title.", ("a", "b", "c"), "Smith, J. Title."),
        ("↑ 1 2 Заголовок.", ("1", "2"), "Заголовок."),
        ("1. Title. Site.", (), "Title. Site."),
        ("Title. Site.", (), "Title. Site."),
        ("- ^ a Tale of Two Cities. Site.", ("^",), "a Tale of Two Cities. Site."),
    ],
)
def test_backlinks_are_split_from_the_entry(
    line: str, backlinks: tuple[str, ...], rest: str
) -> None:
    assert strip_backlinks(line) == (backlinks, rest)


# -- the real pages, every reference ----------------------------------------------------------

HTML = Path(__file__).parents[1] / "data" / "html"
IDENTIFIER = re.compile(r"doi:|PMID|PMC \d|OCLC|ISBN|Bibcode|S2CID|JSTOR|NLC \d|ISSN")


@cache
def real_references(name: str) -> tuple[Reference, ...]:
    path = HTML / name
    return parse(Document(path.read_text(encoding="utf-8"), "html", str(path))).references


def is_read(ref: Reference) -> bool:
    """A title, a publisher or publication date, and nothing left unread."""
    return bool(ref.title and (ref.publisher or ref.published) and not ref.unread)


@pytest.mark.parametrize(
    ("name", "total", "floor"),
    # Measured: zh 66 of 93, en 236 of 251 (before the real-page forms: zh 65, en 102).
    [("zhwiki-cat.parse.html", 93, 66), ("enwiki-cat.parse.html", 251, 236)],
)
def test_most_references_of_the_real_pages_are_read(name: str, total: int, floor: int) -> None:
    refs = real_references(name)
    assert len(refs) == total
    assert sum(is_read(r) for r in refs) >= floor


@pytest.mark.parametrize("name", ["zhwiki-cat.parse.html", "enwiki-cat.parse.html"])
def test_identifiers_and_page_numbers_are_neither_title_nor_publisher(name: str) -> None:
    for ref in real_references(name):
        for text in (ref.title or "", ref.publisher or ""):
            assert not IDENTIFIER.search(text), (ref.label, text)
            # "p. 381" once split into a title ending "… p" and the publisher "381".
            assert not re.fullmatch(r"[\d–:, ()]+|.*\bpp?", text), (ref.label, text)
        # An initial never starts the title: "A.; Macdonald, D. W.; …".
        assert not re.match(r"[A-Z]\.[;, ]", ref.title or ""), (ref.label, ref.title)


@pytest.mark.parametrize(
    "text",
    [
        "Title. Site. 2023-09-13 [2023-09-18]. [永久失效链接] (英语).",
        'Smith, J. (2019). "Title". Site. Retrieved 1 May 2020.[permanent dead link]',
        "Заголовок (рус.). Сайт. [недоступная ссылка]",
    ],
)
def test_a_rendered_dead_link_tag_marks_the_url_dead(text: str) -> None:
    ref = parse_reference_text(text, label="1", line=1)
    assert ref.url_status == "dead"
    assert ref.title in ("Title", "Заголовок")
    assert ref.unread == ()


def test_text_that_only_looks_like_a_url_is_not_an_archive_link() -> None:
    from citecheck.parse.reftext import is_archive_url

    assert not is_archive_url("https://x.y>[")
    assert is_archive_url("https://web.archive.org/web/2023/https://example.org/")
    assert not is_archive_url("https://archive.org/details/book")


@pytest.mark.parametrize(
    ("text", "url"),
    [
        # A link written without its scheme, with a path: the entry's URL.
        (
            "Colin Day, National Service, at www.colindaylinks.com/dayspast/raec49.html.",
            "http://www.colindaylinks.com/dayspast/raec49.html",
        ),
        # A bare site name is the publisher's name, not a page to check.
        ("History of Bodmin. www.bodmin.gov.uk. Retrieved 19 March 2013.", None),
        # With a real link, the scheme-less one is not the entry's URL.
        (
            "Report. www.example.org/about. https://example.org/report.pdf",
            "https://example.org/report.pdf",
        ),
    ],
)
def test_a_link_without_its_scheme_is_the_url_only_with_a_path_and_alone(
    text: str, url: str | None
) -> None:
    assert read(text)["url"] == url
