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

# Characters that end a run of Han characters before it is cut into bigrams: they are almost
# always function words, and a bigram across one would pair two unrelated words.
STOP_CHARS = frozenset(
    "的了是在和与及或也都就而被把这那其之于为以对从等着过又并但个"
    "我你他她它不很会要将已还让给向由所們這個與為對從會將還讓給"
)
