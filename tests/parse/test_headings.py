"""List headings as real documents dress them, in the five languages."""

from __future__ import annotations

import pytest

from citecheck.parse.headings import ListKind, heading_kind


@pytest.mark.parametrize(
    "heading",
    [
        "Список литературы",
        "Список использованных источников",
        "Литература",
        "Источники",
        "Примечания",
        "Список використаних джерел",
        "Список використаних джерел до розділу 1",
        "СПИСОК ВИКОРИСТАНИХ ДЖЕРЕЛ",
        "Література",
        "Джерела",
        "Перелік посилань",
        "参考文献",
        "参考文献：",
        "4 参考资料",
        "参考URL",
        "引用",
        "出典",
        "脚注",
        "References",
        "REFERENCES",
        "References:",
        "**Bibliography**",
        "VIII. Works Cited",
        "Sources",
        "References (selected)",
        "⽂献",  # a Kangxi radical from a PDF, NFKC 文献
    ],
)
def test_reference_list_headings_are_recognised(heading: str) -> None:
    assert heading_kind(heading) is ListKind.REFERENCES


@pytest.mark.parametrize("heading", ["注释", "注釈", "Notes", "Explanatory notes", "Комментарии"])
def test_notes_headings_are_recognised(heading: str) -> None:
    assert heading_kind(heading) is ListKind.NOTES


@pytest.mark.parametrize(
    "heading",
    [
        "Notes to self",
        "Sources of funding",
        "Literature review",
        "参考实现",
        "注意事项",
        "Installation",
        "1. Перейти в каталог",
        "",
    ],
)
def test_a_phrase_inside_a_longer_title_is_no_list_heading(heading: str) -> None:
    assert heading_kind(heading) is None
