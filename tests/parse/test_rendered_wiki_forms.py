"""The rendered forms of the five wikis' citation templates, as a reader copies them: every
clause read into its field (title, work, published, accessed, archived, language)."""

from __future__ import annotations

import pytest

from citecheck.parse.reftext import parse_reference_text

CASES = [
    # ruwiki, the older rendering: "Проверено …", "Архивировано из первоисточника … года".
    (
        "Путин и Ким встретились (рус.). РИА Новости (13 сентября 2023). Проверено 14 сентября "
        "2023. Архивировано из первоисточника 15 сентября 2023 года.",
        ("Путин и Ким встретились", "РИА Новости", "2023-09-13", "2023-09-14", "2023-09-15", "ru"),
    ),
    # ruwiki today: "Дата обращения: …", "Архивировано … года".
    (
        "Путин и Ким встретились. РИА Новости (13 сентября 2023). Дата обращения: 14 сентября "
        "2023. Архивировано 15 сентября 2023 года.",
        ("Путин и Ким встретились", "РИА Новости", "2023-09-13", "2023-09-14", "2023-09-15", None),
    ),
    # ruwiki's {{webarchive}}: "Архивная копия от … на Wayback Machine".
    (
        "Путин и Ким встретились. РИА Новости. Архивная копия от 3 февраля 2009 на Wayback Machine",
        ("Путин и Ким встретились", "РИА Новости", None, None, "2009-02-03", None),
    ),
    # ukwiki: "Архів оригіналу за … Процитовано …".
    (
        "Путін і Кім зустрілися (укр.). Українська правда. 13 вересня 2023. Архів оригіналу за 15 "
        "вересня 2023. Процитовано 14 вересня 2023.",
        (
            "Путін і Кім зустрілися",
            "Українська правда",
            "2023-09-13",
            "2023-09-14",
            "2023-09-15",
            "uk",
        ),
    ),
    # jawiki: 「…」『…』…時点のオリジナルよりアーカイブ。…閲覧。
    (
        "「プーチン氏と金正恩氏が会談」『朝日新聞』2023年9月13日。2023年9月15日時点のオリジナルより"
        "アーカイブ。2023年9月14日閲覧。",
        ("プーチン氏と金正恩氏が会談", "朝日新聞", "2023-09-13", "2023-09-14", "2023-09-15", None),
    ),
    # zhwiki: "2023-09-13 [2023-09-14]. （原始内容存档于…）".
    (
        "普京与金正恩会面. 新华网. 2023-09-13 [2023-09-14]. （原始内容存档于2023-09-15） "
        "(中文（中国大陆）).",
        ("普京与金正恩会面", "新华网", "2023-09-13", "2023-09-14", "2023-09-15", "zh-CN"),
    ),
    # enwiki CS1.
    (
        "Kim meets Putin. Reuters. 13 September 2023. Archived from the original on 15 September "
        "2023. Retrieved 14 September 2023.",
        ("Kim meets Putin", "Reuters", "2023-09-13", "2023-09-14", "2023-09-15", None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_every_clause_of_a_rendered_citation_is_read(
    text: str, expected: tuple[str | None, ...]
) -> None:
    ref = parse_reference_text(text, label="1", line=1)

    def iso(date: object) -> str | None:
        return date.iso() if date is not None else None  # type: ignore[attr-defined]

    got = (
        ref.title,
        ref.publisher,
        iso(ref.published),
        iso(ref.accessed),
        iso(ref.archived),
        ref.language,
    )
    assert got == expected
    assert ref.has_archive and ref.unread == ()
