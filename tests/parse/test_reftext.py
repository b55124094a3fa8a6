"""The one reference-text parser on each rendered form the five wikis produce."""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.model import PartialDate
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
        "errors": ref.template_errors,
        "unread": ref.unread,
    }


CASES: list[tuple[str, dict[str, Any]]] = [
    # zh CS1, as in the seed.
    (
        "Wong, Edward; Barnes, Julian E. Kim Jong-un and Putin Plan to Meet in Russia. "
        "The New York Times. 2023-09-04 [2023-09-13]. ISSN 0362-4331. (原始内容存档于2023-09-13) (美国英语).",
        {"authors": ("Wong, Edward", "Barnes, Julian E."), "title": "Kim Jong-un and Putin Plan to Meet in Russia",
         "publisher": "The New York Times", "published": "2023-09-04", "accessed": "2023-09-13",
         "archived": "2023-09-13", "language": "en-US"},
    ),
    # zh with English dates and full-width brackets.
    (
        "Cats of the world. Example Times. 14 February 2023 [16 February 2023]. （原始内容存档于4 March 2023）.",
        {"title": "Cats of the world", "publisher": "Example Times", "published": "2023-02-14",
         "accessed": "2023-02-16", "archived": "2023-03-04"},
    ),
    # zh year only, zh access date, PDF archive, traditional-script language label.
    (
        "貓的報告. 研究所. 2023 [2023年2月16日]. （原始内容存档 (PDF)于2023年3月6日） （中文（臺灣））.",
        {"title": "貓的報告", "publisher": "研究所", "published": "2023", "accessed": "2023-02-16",
         "archived": "2023-03-06", "language": "zh-TW"},
    ),
    # zh archive note without a date.
    (
        "猫. 网站. [2023-02-16]. （页面存档备份，存于互联网档案馆）.",
        {"title": "猫", "publisher": "网站", "accessed": "2023-02-16", "archived": None,
         "has_archive": True},
    ),
    # zh leaked template error.
    (
        "Why is Putin looking to North Korea for arms?. The Economist. 2023-09-13 [2023-09-18]. "
        "|journal=被忽略 (帮助) (英语).",
        {"title": "Why is Putin looking to North Korea for arms?", "publisher": "The Economist",
         "errors": ("|journal=被忽略 (帮助)",), "language": "en"},
    ),
    # en CS1 with URLs as a plain-text copy with links keeps them.
    (
        'Smith, Josh (12 September 2023). "How Kim\'s meeting could shake up relations". Reuters. '
        "https://www.reuters.com/world/kim-putin. Archived from the original on 13 September 2023. "
        "Retrieved 18 September 2023.",
        {"authors": ("Smith, Josh",), "title": "How Kim's meeting could shake up relations",
         "publisher": "Reuters", "published": "2023-09-12", "accessed": "2023-09-18",
         "archived": "2023-09-13", "url": "https://www.reuters.com/world/kim-putin"},
    ),
    (
        '"Путин встретился с Ким Чен Ыном" (in Russian). Deutsche Welle. 13 September 2023. '
        "Archived from the original on 14 September 2023. Retrieved 18 September 2023.",
        {"title": "Путин встретился с Ким Чен Ыном", "publisher": "Deutsche Welle",
         "published": "2023-09-13", "archived": "2023-09-14", "accessed": "2023-09-18",
         "language": "ru"},
    ),
    # ru: ruwiki cite web.
    (
        "Путин встретился с Ким Чен Ыном (рус.). Deutsche Welle (13 сентября 2023). "
        "Дата обращения: 22 сентября 2023. Архивировано 29 сентября 2023 года.",
        {"title": "Путин встретился с Ким Чен Ыном", "publisher": "Deutsche Welle",
         "published": "2023-09-13", "accessed": "2023-09-22", "archived": "2023-09-29",
         "language": "ru"},
    ),
    (
        "Kim visits Russia (англ.). CNN (13 September 2023). Архивная копия от 3 февраля 2024 на "
        "Wayback Machine (дата обращения: 04.12.2023)",
        {"title": "Kim visits Russia", "publisher": "CNN", "published": "2023-09-13",
         "archived": "2024-02-03", "accessed": "2023-12-04", "language": "en"},
    ),
    # ru GOST style with initials.
    (
        "Иванов И. И. История вопроса // Вопросы истории. — 2019. — № 5. — С. 12—20.",
        {"authors": ("Иванов И. И.",), "title": "История вопроса", "publisher": "Вопросы истории",
         "published": "2019"},
    ),
    # uk
    (
        "Путін і Кім обмінялись дарунками (укр.). Deutsche Welle. 14 вересня 2023. "
        "Архів оригіналу за 4 травня 2024. Процитовано 20 травня 2025.",
        {"title": "Путін і Кім обмінялись дарунками", "publisher": "Deutsche Welle",
         "published": "2023-09-14", "archived": "2024-05-04", "accessed": "2025-05-20",
         "language": "uk"},
    ),
    (
        "Зустріч лідерів (рос.). РБК-Україна. (дата звернення: 2025-09-01)",
        {"title": "Зустріч лідерів", "publisher": "РБК-Україна", "accessed": "2025-09-01",
         "language": "ru"},
    ),
    # ja
    (
        '"Kim Jong Un visits Russia" (英語). AP News. 2023年9月13日. '
        "2025年5月19日時点のオリジナルよりアーカイブ。2025年5月27日閲覧。",
        {"title": "Kim Jong Un visits Russia", "publisher": "AP News", "published": "2023-09-13",
         "archived": "2025-05-19", "accessed": "2025-05-27", "language": "en"},
    ),
    (
        "「露朝首脳会談」 (ロシア語). コメルサント. 2023年9月13日. 2023年9月20日閲覧。",
        {"title": "露朝首脳会談", "publisher": "コメルサント", "accessed": "2023-09-20",
         "language": "ru"},
    ),
    # An archive URL in the text is recognised as the archive link.
    (
        "Title. Site. 2023-09-13 [2023-09-18]. https://example.org/a "
        "https://web.archive.org/web/20230914000000/https://example.org/a",
        {"url": "https://example.org/a",
         "archive_url": "https://web.archive.org/web/20230914000000/https://example.org/a",
         "has_archive": True},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
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
