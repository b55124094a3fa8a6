"""Chinese stop words (simplified and traditional): particles, pronouns, copulas, conjunctions.

Only whole words: with character bigrams a stop character splits a run instead (see
``STOP_CHARS``), since a bigram such as ``的国`` is noise, not a word.
"""

# fmt: off
_WORDS = """
的 了 是 在 和 与 及 或 也 都 就 而 被 把 这 那 其 之 于 为 以 对 从 等 着 过 又 并 但 个
我 你 他 她 它 我们 你们 他们 她们 它们 这个 那个 这些 那些 这样 一个 没有 不 很 会 要 将
已 已经 还 让 给 向 由 所 因为 所以 如果 但是 而且 以及 其中 表示 进行 認為 认为
們 這 個 與 為 對 從 會 將 還 讓 給 們 沒有 這個 這些 那些 這樣 因為 所以 但是 以及 而且
"""
WORDS = frozenset(_WORDS.split())

# Characters that end a run of Han characters before it is cut into bigrams: function words
# that are rarely part of a content word (not 会, 以, 为, 过, 所: 会晤, 以色列, 成为, 通过, 研究所),
# so that no bigram pairs two unrelated words across them.
STOP_CHARS = frozenset("的了是在和与及或也都就而被把着又并但们與們")
