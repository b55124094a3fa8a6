"""The language a claim is written in, told by its script (claims are short: langdetect guesses
poorly on a sentence, and the languages citecheck reads are told apart by script)."""

from __future__ import annotations

from citecheck.parse.languages import scripts


def claim_language(text: str, default: str | None = None) -> str | None:
    """The language a claim is written in, by its script: kana is Japanese, Han Chinese,
    Cyrillic with Ukrainian letters Ukrainian, other Cyrillic Russian (or ``default`` when it
    is Cyrillic too), Latin English (or a Latin ``default``)."""
    counts = scripts(text)
    if not counts:
        return default
    if counts["Kana"]:
        return "ja"
    main = counts.most_common(1)[0][0]
    if main == "Han":
        return "zh"
    if main == "Cyrillic":
        if set(text.lower()) & set("іїєґ"):
            return "uk"
        return default if default in ("ru", "uk") else "ru"
    if main == "Latin":
        return default if default and default not in ("zh", "ja", "ru", "uk") else "en"
    return default
