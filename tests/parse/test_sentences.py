from __future__ import annotations

from citecheck.parse.sentences import split_claims, split_sentences


def texts_and_markers(text: str) -> list[tuple[str, list[str]]]:
    claims = split_claims(text, section=None, line=1, first_id=1)
    return [(c.text, [m.label for m in c.markers]) for c in claims]


def test_cjk_sentences_keep_the_marker_before_the_full_stop() -> None:
    assert texts_and_markers("普京会面[1]。成为首次外访[2]。没有来源。") == [
        ("普京会面。", ["1"]),
        ("成为首次外访。", ["2"]),
    ]


def test_a_full_stop_inside_quotes_does_not_end_the_sentence() -> None:
    text = "他表示“……支持所有措施。永远在一起[18]。”金正恩说：“我希望[16]。”"
    assert texts_and_markers(text) == [
        ("他表示“……支持所有措施。永远在一起。”", ["18"]),
        ("金正恩说：“我希望。”", ["16"]),
    ]


def test_markers_after_a_latin_full_stop_belong_to_the_sentence_before() -> None:
    assert texts_and_markers("Putin met Kim.[1][2] They talked. Nothing else[3].") == [
        ("Putin met Kim.", ["1", "2"]),
        ("Nothing else.", ["3"]),
    ]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. J. Smith of the U.S. embassy spoke on Sept. 13.[4] Иванов И. И. ответил, т. е. отказал[5]."
    assert texts_and_markers(text) == [
        ("Mr. J. Smith of the U.S. embassy spoke on Sept. 13.", ["4"]),
        ("Иванов И. И. ответил, т. е. отказал.", ["5"]),
    ]


def test_note_markers_are_markers_and_edit_links_are_not() -> None:
    claims = split_claims("意义[b][10][20]。[编辑]无。", section="会面", line=7, first_id=5)
    assert [(c.id, c.section, c.line) for c in claims] == [(5, "会面", 7)]
    assert [m.label for m in claims[0].markers] == ["b", "10", "20"]
    assert [m.is_note for m in claims[0].markers] == [True, False, False]


def test_line_numbers_follow_newlines_inside_a_paragraph() -> None:
    claims = split_claims("First.[1]\nSecond.[2]", section=None, line=10, first_id=1)
    assert [c.line for c in claims] == [10, 11]


def test_decimal_numbers_and_domains_do_not_split() -> None:
    assert [s for _, s in split_sentences("It rose 2.5 percent on example.com today.")] == [
        "It rose 2.5 percent on example.com today."
    ]


def test_a_marker_after_a_space_leaves_no_space_before_the_full_stop() -> None:
    assert texts_and_markers("Kim met Putin in 2023 [1]. Next.") == [("Kim met Putin in 2023.", ["1"])]
