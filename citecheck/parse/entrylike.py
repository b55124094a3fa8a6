"""How much a line of text reads like a bibliographic reference, whatever its style.

Used where structure alone cannot tell a reference list from another numbered list: a headless
list at the end of a document, a list under an unusual heading. Each sign is one kind of evidence
that citation styles share (a link, a year, an identifier, a quoted title, author initials, a
volume or page locator, a type marker, an access clause); the score is how many kinds are there.
"""

from __future__ import annotations

import re
import unicodedata

from citecheck.lang import alternation, union

# The words of the last two signs, from each language's module (citecheck/lang/): what a
# rendering writes in brackets for the medium, and the other words of references.
_MEDIUM_WORDS = alternation("medium_words")
_WORDS = union("reference_signs") | {w.lower() for w in union("availability_words")}

_SIGNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"https?://|www\.\w", re.I),
    re.compile(r"(?<!\d)(?:1[6-9]|20)\d{2}(?!\d)"),
    re.compile(r"\b(?:doi|isbn|issn|arxiv|pmid)\b|10\.\d{4,9}/", re.I),
    re.compile(r"[\"“”«»「」『』]"),
    # Initials beside a surname: "J. Smith", "Smith J.", "Иванов И. И.", "Smith, J."
    re.compile(
        r"\b[A-ZА-ЯЁІЇЄҐ]\.\s?[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ]|[a-zа-яёіїєґ],?\s[A-ZА-ЯЁІЇЄҐ]\.(?:\s|,|$)"
    ),
    re.compile(
        r"\b(?:pp?|vol|no|[CcСс]|стор|Т)\.\s?\d|\(\d+\)\s?:\s?\d|№\s?\d|第\s?\d+\s?[卷期页]"
    ),
    # GB/T 7714 type markers, GOST's "//" before the container, a medium in brackets
    # ("[Online]", "[Электронный ресурс]").
    re.compile(
        r"\[(?:J|M|C|D|R|S|P|N|EB|OL|Z|A|G|DB|CP)(?:/OL)?\]|//"
        rf"|\[(?:{_MEDIUM_WORDS})\]",
        re.I,
    ),
    # Access clauses, "et al", publishers, "Available from".
    re.compile("|".join(re.escape(w) for w in sorted(_WORDS, key=lambda w: (-len(w), w))), re.I),
)


def reference_likeness(text: str) -> int:
    """How many kinds of reference evidence ``text`` shows (0 for ordinary prose steps such as
    "Postman - тестування API"; 2 or more for almost every real entry)."""
    text = unicodedata.normalize("NFKC", text)
    return sum(bool(sign.search(text)) for sign in _SIGNS)
