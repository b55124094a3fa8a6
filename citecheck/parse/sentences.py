"""Split prose into claims: sentences that carry citation markers.

Sentences end at CJK ``。！？`` and at Latin/Cyrillic ``.!?`` followed by a space, but not inside
quotes and not after an abbreviation or an initial. Markers right after a sentence's end belong to
that sentence: ``…会面[1]。`` and ``…met.[1] Next`` cite the sentence before them.
"""

from __future__ import annotations

import re

from citecheck.lang import union
from citecheck.model import Claim, Marker

# [16], [a], [注 1], [note 2]; not [编辑] or [edit].
MARKER = re.compile(r"\[(\d{1,4}|[a-z]{1,2}|注\s?\d{1,3}|[Nn]ote\s\d{1,3})\]")


def note_label(number: int) -> str:
    """The lower-alpha label of the ``number``-th note (1-based): 1 -> a, 26 -> z, 27 -> aa."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


_LAST_WORD = re.compile(r"(\S+)$")
# How far around a full stop a sentence end is judged: longer than any abbreviation, and than
# the markers that may follow it.
_WINDOW = 200
_SPACED_MARKER = re.compile(r"\s*" + MARKER.pattern)
_OPEN = "“「『«《"
_CLOSE = "”」』»》"
_CJK_END = "。！？"
_LATIN_END = ".!?"
# Words after which a full stop does not end a sentence (en, ru, uk), lower-cased.
_ABBREVIATIONS = union("abbreviations")


def _ends_latin(text: str, i: int) -> bool:
    """Whether the ``.!?`` at ``text[i]`` ends a sentence."""
    nxt = text[i + 1 : i + 2]
    if nxt and not nxt.isspace() and nxt != "[":
        return False  # 1.5, U.S.A, example.com
    if text[i] != ".":
        return True
    # Only the neighbourhood of the full stop matters; looking at the whole paragraph each time
    # made a long paragraph quadratic.
    word = _LAST_WORD.search(text, max(0, i - _WINDOW), i)
    token = word.group(1).lower().lstrip(_OPEN + "(\"'") if word else ""
    if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return False
    rest = text[i + 1 : i + 1 + _WINDOW].lstrip()
    rest = MARKER.sub("", rest, count=0) if rest.startswith("[") else rest
    # "т. е. так" or "etc. and" continue the sentence.
    return not (rest[:1].isalpha() and rest[:1].islower())


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of ``text`` with their start offsets; markers stay in the text."""
    sentences: list[tuple[int, str]] = []
    start = 0
    depth = 0  # quote nesting; ASCII double quotes toggle
    in_ascii_quote = False
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        end = False
        if ch == '"':
            in_ascii_quote = not in_ascii_quote
        elif ch in _CLOSE and (depth > 0 or ch not in _OPEN):
            depth = max(0, depth - 1)
            # A quote that closes right after a terminator ends the sentence: …一起[18]。”
            before = MARKER.sub("", text[start:i]).rstrip()
            end = depth == 0 and before[-1:] in _CJK_END + _LATIN_END
        elif ch in _OPEN:
            depth += 1
        elif depth == 0 and not in_ascii_quote:
            end = ch in _CJK_END or (ch in _LATIN_END and _ends_latin(text, i))
        if end:
            i += 1
            # Take closing quotes, then any markers that follow.
            while i < n and text[i] in _CLOSE + '"' and depth == 0 and text[i] not in _OPEN:
                i += 1
            while m := MARKER.match(text, i):
                i = m.end()
            chunk = text[start:i]
            if chunk.strip():
                sentences.append((start, chunk))
            start = i
            continue
        i += 1
    if text[start:].strip():
        sentences.append((start, text[start:]))
    return sentences


def split_claims(text: str, *, section: str | None, line: int, first_id: int) -> list[Claim]:
    """The sentences of one paragraph that carry ``[n]``/``[a]`` markers, numbered from
    ``first_id``. ``text`` is prose with markers written inline as ``[16]`` or ``[a]``."""
    claims: list[Claim] = []
    for offset, sentence in split_sentences(text):
        markers = tuple(Marker(_label(m.group(1))) for m in MARKER.finditer(sentence))
        if not markers:
            continue
        lead = len(sentence) - len(sentence.lstrip())
        claims.append(
            Claim(
                id=first_id + len(claims),
                section=section,
                line=line + text[: offset + lead].count("\n"),
                # "in 2023 [1]." reads "in 2023." once its marker is gone.
                text=" ".join(_SPACED_MARKER.sub("", sentence).split()),
                markers=markers,
            )
        )
    return claims


def _label(raw: str) -> str:
    return re.sub(r"\s+", " ", raw)
