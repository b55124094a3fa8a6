"""Japanese stop words: auxiliaries and formal nouns that a segmenter returns as words.

Particles and endings are not listed: both segmentations drop runs of hiragana, or the
words a dictionary tags as particles and auxiliaries.
"""

# fmt: off
_WORDS = """
する し さ れる られる ある いる なる ない こと もの ため よう これ それ あれ この その あの
等 的 者 中 年 月 日 時 約 氏 同 各
"""
WORDS = frozenset(_WORDS.split())
