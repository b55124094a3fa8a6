"""Finding the reference list of a document in the shapes real documents give it.

Each case is a small document written the way a PDF copy, a thesis, a README or a wiki dump
writes its list; the labels of the entries read are the specification.
"""

from __future__ import annotations

import pytest

from citecheck.model import Article, Document
from citecheck.parse import parse


def read(text: str) -> Article:
    return parse(Document(text, "auto", "doc.md"))


def labels(text: str) -> list[str]:
    return [r.label for r in read(text).references]


CASES = {
    "paren numbers under a Russian heading": (
        "Текст[1][2].\n\n# Источники\n1) Первый источник. — М., 2019;\n2) Второй. — 2020.\n",
        ["1", "2"],
    ),
    "bracket labels glued to the text, trailing spaces": (
        "正文[1]。\n\n# 参考文献：\n\n[1]柴松. 研究[J]. 学报, 2019, 1(2): 1-3.   \n"
        "[2]王五. 书名[M]. 北京: 出版社, 2018.   \n",
        ["1", "2"],
    ),
    "a [1] line under a heading is an entry, not a claim": (
        "Body [1].\n\n## References\n\n[1] Smith, J. (2020). Title. Journal, 1(2), 3–4.\n",
        ["1"],
    ),
    "a plain-line heading from a PDF": (
        "Body text [1], [2].\n\nREFERENCES\n[1]M. Abdin, “Phi-3 report,” arXiv, 2024.\n"
        "[2]J. Johnson, “Billion-scale search,” IEEE Trans., vol. 7, 2021.\n",
        ["1", "2"],
    ),
    "PDF runs: several entries on a line, entries across blank lines": (
        "## REFERENCES\n\n[1] Penrose, R. (1965). Gravitational collapse. Physical Review Letters, 14(3),\n\n"
        "57–59. [2] Hawking, S. W. (1970). Singularities. Proc. R. Soc. A, 314, 529–548. [3] "
        "Bekenstein, J. D. (1973). Black holes and entropy. Phys. Rev. D, 7(8), 2333.\n",
        ["1", "2", "3"],
    ),
    "a wrapped year or page is not an entry": (
        "## Список литературы\n1. Duncan McGregor, Java to Kotlin, «O'Reilly Media»,\n"
        "2021. – 422 р. ISBN 978-1492082279\n2. Nate Ebel, Mastering Kotlin, 2021.\n",
        ["1", "2"],
    ),
    "a wrapped number tail that the next item repeats": (
        "## Література\n1. Head First. Python. 2023. ISBN 978-617-522-047-\n2.\n"
        "2. Head First. PHP. 2023. ISBN 978-0596006303.\n3. Java. 2021.\n",
        ["1", "2", "3"],
    ),
    "an introduction before the list is not an entry": (
        "Claim [1].\n\n## Источники\n\nОписания оформлены по ГОСТ Р 7.0.100–2018.\n\n"
        "1. Fisheye camera model. – URL: https://docs.opencv.org/x (дата обращения: 01.02.2024).\n"
        "2. ГОСТ Р 7.0.100–2018. – М., 2018. – 124 с.\n",
        ["1", "2"],
    ),
    "a footer after a rule is not an entry": (
        "Claim [1].\n\n## Works Cited\n\n[1] Smith, J. Title. 2020.\n\n---\n\n"
        "*Copyright 2026 — all rights reserved*\n\nLast edited 2026-01-02.\n",
        ["1"],
    ),
    "entries separated only by Markdown hard breaks": (
        "### REFERENCES\n[1] 李四. 容器技术[J]. 软件学报, 2019.  \n[2] 张三. 内核[M]. 2018.  \n",
        ["1", "2"],
    ),
    "a headless final list of a wiki dump": (
        "ZFS は…\\[1\\]。採用された\\[2\\]。\n\n## 脚注\n\n## 外部リンク\n\n"
        "  - [OpenZFS](http://www.open-zfs.org/)\n\n"
        "1.  [You say zeta](https://blogs.oracle.com/bonwick/zeta)\n2.\n"
        "3.  <http://zfsonlinux.org/>\n",
        ["1", "2", "3"],
    ),
    "two lists, each numbered from 1": (
        "Claim [1].\n\n## Works Cited\n\n[1] Smith, J. Title. 2020.\n\n[2] Doe, A. Other. 2021.\n\n"
        "References:\n1. Zenodo: https://doi.org/10.5281/zenodo.1\n",
        ["1", "1", "2"],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_list_is_found_with_its_entries(case: str) -> None:
    text, expected = CASES[case]
    assert labels(text) == expected


def test_a_list_of_steps_at_the_end_of_a_document_without_markers_is_no_reference_list() -> None:
    text = "# Setup\n\nRun these.\n\n1. Install Python\n2. Run the tests\n3. Open the report\n"
    assert read(text).references == ()


def test_a_list_after_the_references_under_a_plain_other_heading_ends_them() -> None:
    text = (
        "Перелік посилань\n1. MDN HTTP Methods. - [Електронний ресурс]. - Режим доступу:\n"
        "https://developer.mozilla.org/. - Назва з екрана.\n2. REST API Tutorial. - Режим доступу: "
        "https://restfulapi.net/. - Назва з екрана.\nКорисні інструменти\n1. Postman - тестування API\n"
        "2. curl - командний рядок\n"
    )
    assert [r.url for r in read(text).references] == [
        "https://developer.mozilla.org/",
        "https://restfulapi.net/",
    ]


def test_link_definitions_lend_their_urls_to_a_written_list() -> None:
    text = (
        "Claim [1].\n\n## References\n\n1. Smith, J. A study. 2020.\n\n"
        "[1]: https://example.org/study\n"
    )
    (ref,) = read(text).references
    assert (ref.label, ref.url) == ("1", "https://example.org/study")


def test_link_definitions_alone_are_the_list() -> None:
    text = 'Claim ([source][1]).\n\n[1]: https://example.org/a "A"\n[2]: https://example.org/b\n'
    assert labels(text) == ["1", "2"]


def test_a_url_broken_across_lines_is_joined() -> None:
    text = (
        "Claim [1].\n\nREFERENCES\n[1] Y. Li, “Auditing,” arXiv, 2026. [Online]. Available: "
        "https://arxiv.org/abs/2605.\n18891\n"
    )
    assert read(text).references[0].url == "https://arxiv.org/abs/2605.18891"


def test_numbers_in_brackets_that_name_no_entry_are_not_a_group_of_markers() -> None:
    text = "瓶颈[1]。例如：[20, 35]，表示融合。占比[1, 2]。\n\n## 参考文献\n\n[1] 甲. 论文[J]. 2020.\n\n[2] 乙. 书[M]. 2019.\n"
    assert [[m.label for m in c.markers] for c in read(text).claims] == [["1"], ["1", "2"]]


def test_a_link_whose_text_is_an_entry_number_is_a_marker() -> None:
    text = (
        "Git は分散型です[3](https://git-scm.com/book)。\n\n## 参考文献\n\n"
        "[1] A. 2020.\n\n[2] B. 2021.\n\n[3] Pro Git. https://git-scm.com/book\n"
    )
    assert [m.label for c in read(text).claims for m in c.markers] == ["3"]


def test_a_tilde_range_names_each_marker() -> None:
    text = "参考了文献[7\\~9]。\n\n## 参考文献\n\n" + "".join(
        f"[{n}] 作者{n}. 题名[J]. 2020.\n\n" for n in range(1, 10)
    )
    assert [m.label for c in read(text).claims for m in c.markers] == ["7", "8", "9"]


@pytest.mark.parametrize("marker", ["［1］", "[１]", "【1】"])
def test_full_width_markers_cite_like_ascii_ones(marker: str) -> None:
    text = f"正文{marker}。\n\n## 参考文献\n\n[1] 甲. 论文[J]. 学报, 2020.\n"
    assert [m.label for c in read(text).claims for m in c.markers] == ["1"]


def test_an_unnumbered_list_without_blank_lines_is_one_entry_per_reference() -> None:
    # APA copied from a word processor: a plain-line heading, one entry per line, one wrapped.
    text = (
        "As shown by Smith (2020) [sic].\n\nReferences\n"
        "Smith, J. (2020). Title one. Journal of Things, 1(2), 3–4.\n"
        "Doe, A., & Roe, B. (2021). A second title that is long enough to wrap onto\n"
        "the next line. Publisher.\n"
        "Пушкин А. С. Сочинения. — М. : Наука, 2019. — 256 с.\n"
    )
    refs = read(text).references
    assert [r.label for r in refs] == ["1", "2", "3"]
    assert refs[1].raw.endswith("the next line. Publisher.")


def test_a_snapshot_link_on_any_wayback_compatible_archive_is_the_archive_url() -> None:
    text = (
        'Claim [1].\n\n## References\n\n1. Smith, J. "[A page](http://news.example/a)". News. '
        "2023. [Archived](http://archive.example.org/web/20240102030405/http://news.example/a).\n"
    )
    (ref,) = read(text).references
    assert (ref.url, ref.archive_url) == (
        "http://news.example/a",
        "http://archive.example.org/web/20240102030405/http://news.example/a",
    )


def test_a_title_link_named_archived_copy_is_the_page_not_its_archive() -> None:
    # "Archived copy" / 存档副本 is a bot's placeholder title: its link is the cited page.
    text = 'Claim [1].\n\n## References\n\n1. "[Archived copy](https://news.example/a)". 2020.\n'
    (ref,) = read(text).references
    assert (ref.url, ref.archive_url) == ("https://news.example/a", None)
