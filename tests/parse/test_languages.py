from __future__ import annotations

import pytest

from citecheck.lang import primary
from citecheck.parse.languages import language_code


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("俄语", "ru"), ("(英语)", "en"), ("美国英语", "en-US"), ("英国英语", "en-GB"),
        ("乌克兰语", "uk"), ("日语", "ja"), ("（中文（臺灣））", "zh-TW"),
        ("(рус.)", "ru"), ("(англ.)", "en"), ("(рос.)", "ru"), ("(укр.)", "uk"),
        ("(英語)", "en"), ("(ロシア語)", "ru"), ("(in Russian)", "ru"), ("in Ukrainian", "uk"),
        ("ru", "ru"), ("en-us", "en-US"), ("Russian", "ru"),
        # Languages beyond the five wikis' own, in each rendering.
        ("（拉丁语）", "la"), ("(in Latin)", "la"), ("(лат.)", "la"), ("(ラテン語)", "la"),
        ("西班牙语", "es"), ("(in Spanish)", "es"), ("(исп.)", "es"), ("(ісп.)", "es"),
        ("義大利語", "it"), ("(in Italian)", "it"), ("(итал.)", "it"), ("イタリア語", "it"),
        ("葡萄牙语", "pt"), ("(in Portuguese)", "pt"), ("(порт.)", "pt"),
        ("波兰语", "pl"), ("(in Polish)", "pl"), ("(пол.)", "pl"), ("ポーランド語", "pl"),
        ("(in French)", "fr"), ("(нім.)", "de"), ("(in Korean)", "ko"), ("朝鮮語", "ko"),
        ("白俄羅斯語", "be"), ("(білор.)", "be"), ("(in Belarusian)", "be"),
        ("哈萨克语", "kk"), ("(каз.)", "kk"), ("(in Kazakh)", "kk"), ("カザフ語", "kk"),
        ("(in Dutch)", "nl"), ("荷兰语", "nl"),
    ],
)  # fmt: skip
def test_labels_of_the_five_wikis_become_bcp47(label: str, code: str) -> None:
    assert language_code(label) == code


@pytest.mark.parametrize("label", ["PDF", "2023", "газета", "AP", "in print", ""])
def test_other_bracketed_text_is_not_a_language(label: str) -> None:
    assert language_code(label) is None


def test_primary_drops_the_region() -> None:
    assert primary("en-US") == "en"
    assert primary("zh-Hant") == "zh"
