from __future__ import annotations

import pytest

from tests.rules.helpers import article, findings, ref


@pytest.mark.parametrize(
    ("title", "language", "reason"),
    [
        ("普京与金正恩在东方航天发射场会面并讨论军事合作", "ru", "script"),
        ("Путин встретился с Ким Чен Ыном на космодроме", "en", "script"),
        ("Путін і Кім обмінялись дарунками: зброя і рукавиця з космосу", "ru", "letters"),
        ("Ким Чен Ын посетил авиазавод в Комсомольске-на-Амуре", "uk", "letters"),
        ("Le président de la République a rencontré les représentants des syndicats", "en", "langdetect"),
    ],
)
def test_strong_evidence_fires(title: str, language: str, reason: str) -> None:
    [found] = findings("language-mismatch", article(ref("1", title=title, language=language)))
    assert found.evidence["reason"] == reason
    assert found.severity.value == "warning"


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("韓国統一相、北朝鮮とロシアの軍事協力に懸念表明=聯合ニュース", "ja"),
        ("Kim Jong-un and Putin Plan to Meet in Russia to Discuss Weapons", "en-US"),
        ("Ким Чен Ын посетил авиазавод", "ru"),
        # Neither ы э ъ ё nor і ї є ґ: Russian and Ukrainian cannot be told apart by letters.
        ("Лидер Северной Кореи посетил завод по производству истребителей", "uk"),
        ("Путін і Кім", "uk"),
        ("Bonjour", "en"),  # too short to judge
        ("Meduza", "ru"),  # a Latin brand name under a Russian tag: too short to judge
        ("Kim", "ru"),
    ],
)
def test_weak_or_consistent_evidence_does_not_fire(title: str, language: str) -> None:
    assert findings("language-mismatch", article(ref("1", title=title, language=language))) == []


def test_no_declared_language_is_not_a_mismatch() -> None:
    assert findings("language-mismatch", article(ref("1", title="存档副本", language=None))) == []
