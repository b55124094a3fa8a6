"""Markdown inline text: markup reduced to what a reader sees, markers written ``[label]``,
footnote labels, and a reference entry read from its Markdown source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from citecheck.model import Reference
from citecheck.parse.compat import ascii_markers
from citecheck.parse.formats.markdown.blocks import _HEADING_ATTRIBUTES
from citecheck.parse.formats.text import EDIT_LINK
from citecheck.parse.reftext import is_archived_copy, parse_reference_text, strip_backlinks
from citecheck.parse.sentences import MARKER
from citecheck.parse.unwrap import unwrap

# -- inline syntax ------------------------------------------------------------------------------

_BACKTICKS = re.compile(r"`+|\n")
# A link whose text is a marker: [[1]](#cite_note-1), Pandoc's [\[1\]](#cite_note-1).
_LINKED_MARKER = re.compile(r"\[\\?\[([^\[\]\\]{1,12})\\?\]\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\s]+)\]")
_MARKER_GROUP = re.compile(r"\[(\d{1,4}(?:[ \t]*[,;，；、–—~～-][ \t]*\d{1,4})+)\](?![(\[:])")
# A link whose text is a number: a marker that links to its source, [3](https://…) or [3](#ref3).
_NUMBERED_LINK = re.compile(r"\[(\d{1,4})\]\((?:https?://|#)[^()\s]*(?:\s+\"[^\"]*\")?\)")
# An image's alt text describes a picture; it is not a sentence of the text.
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()]*\)")
_INLINE_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_REFERENCE_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[([^\[\]]*)\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
# Spans exclude their own delimiter, so an unmatched "*" costs a short scan, not the paragraph.
# Triple delimiters go first, then single: "**a *b* c**" becomes "**a b c**", then "a b c".
_EMPHASIS = (
    re.compile(r"\*\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*\*"),
    re.compile(r"(?<!\w)___(?=[^\s_])([^_]+?)(?<=[^\s_])___(?!\w)"),
    re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=[^\s*\\])\*(?![\w*])"),
    re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?!\w)"),
    re.compile(r"\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*"),
    re.compile(r"(?<!\w)__(?=[^\s_])([^_]+?)(?<=[^\s_])__(?!\w)"),
    re.compile(r"~~(?=[^\s~])([^~]+?)(?<=[^\s~])~~"),
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_NOTE_LETTER = re.compile(r"[a-z]")
# -- inline text --------------------------------------------------------------------------------


def _code_spans(text: str) -> str:
    """``text`` with each code span replaced by its code, without brackets: code is shown
    verbatim, so nothing in it is a marker.

    A span opens with a run of backticks and closes at the next run of the same length on its
    line (CommonMark's rule, within a line). Each run is looked at once: the regex this
    replaces, ``(`+)(.+?)\\1``, tried every shorter opener against the rest of the line, so
    20,000 backticks took minutes.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    # For each run, the index of the next run of its length on its line (a newline is a run of
    # length 0 for this, never matched), found right to left in one pass.
    closer: list[int | None] = [None] * len(runs)
    latest: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        start, end = runs[i]
        if text[start] == "\n":
            latest.clear()
            continue
        closer[i] = latest.get(end - start)
        latest[end - start] = i
    pieces: list[str] = []
    done = 0
    i = 0
    while i < len(runs):
        j = closer[i]
        if j is None:
            i += 1
            continue
        (start, end), (close, after) = runs[i], runs[j]
        pieces += [text[done:start], text[end:close].replace("[", "").replace("]", "")]
        done = after
        i = j + 1
    pieces.append(text[done:])
    return "".join(pieces)


def _plain(text: str) -> str:
    """Markdown inline markup reduced to the text a reader sees (links to their text)."""
    text = _IMAGE.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(
        lambda m: m.group(0) if MARKER.fullmatch(f"[{m.group(2)}]") else m.group(1), text
    )
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _link_urls(text: str) -> list[str]:
    """The targets of a Markdown entry's links, which reducing links to text would lose."""
    return [url for url, _ in _links(text)]


def _links(text: str) -> list[tuple[str, bool]]:
    """Each http(s) link of a Markdown entry, and whether it is its archived copy: a snapshot
    URL, or a link named as one ("Archived", "存档", "Архивная копия") on any host."""
    found = [(m.group(2), m.group(1)) for m in _INLINE_LINK.finditer(text)]
    found += [(m.group(1), "") for m in _AUTOLINK.finditer(text)]
    return [
        (url, is_archived_copy(url, shown))
        for url, shown in found
        if url.startswith(("http://", "https://"))
    ]


# What named footnotes are called while the numbers other citations take are still being found.
_UNNUMBERED = "0"


class _Labels:
    """Labels of footnotes: numbers stay, one letter is a note, names take the numbers nothing
    else takes (``taken``: the labels of list entries and ``[n]`` markers), by first use."""

    def __init__(self, names_in_order: Iterable[str], taken: set[int] | None) -> None:
        names = list(dict.fromkeys(names_in_order))
        self.labels: dict[str, str] = {}
        taken = None if taken is None else taken | {int(n) for n in names if self._numeric(n)}
        free = 0
        for name in names:
            if self._numeric(name):
                self.labels[name] = str(int(name))
            elif _NOTE_LETTER.fullmatch(name):
                self.labels[name] = name
            elif taken is None:
                self.labels[name] = _UNNUMBERED
            else:
                free += 1
                while free in taken:
                    free += 1
                self.labels[name] = str(free)

    @staticmethod
    def _numeric(name: str) -> bool:
        return name.isdigit() and len(name) <= 4

    def get(self, name: str) -> str | None:
        return self.labels.get(name)


def _expand_group(m: re.Match[str], known: frozenset[int] | None) -> str:
    """``[1, 3]`` -> ``[1][3]``; ``[2–4]``, ``[7~9]`` -> ``[2][3][4]`` (a short range only).
    Where the list's labels are ``known``, a group naming any number outside it is left as text:
    ``[20, 35]`` in a document of six references is a value, not two missing citations."""
    out: list[int] = []
    for part in re.split(r"[ \t]*[,;，；、][ \t]*", m.group(1)):
        bounds = re.split(r"[ \t]*[–—~～-][ \t]*", part)
        low, high = int(bounds[0]), int(bounds[-1])
        if not 0 <= high - low <= 50:
            return m.group(0)
        out += range(low, high + 1)
    if known is not None and not known.issuperset(out):
        return m.group(0)
    return "".join(f"[{n}]" for n in out)


def _prose(text: str, labels: _Labels, known: frozenset[int] | None = None) -> str:
    """A paragraph as split_claims reads it: plain text with each marker written ``[label]``.
    ``known``: the numbers of the list's entries, once a first reading has found them."""
    text = _IMAGE.sub("", _code_spans(ascii_markers(text)))
    text = _LINKED_MARKER.sub(
        lambda m: f"[{m.group(1)}]" if MARKER.fullmatch(f"[{m.group(1)}]") else m.group(0), text
    )
    if known:
        text = _NUMBERED_LINK.sub(
            lambda m: f"[{m.group(1)}]" if int(m.group(1)) in known else m.group(0), text
        )
    text = _FOOTNOTE_REF.sub(lambda m: f"[{labels.get(m.group(1)) or m.group(1)}]", text)
    text = _plain(text)
    return _MARKER_GROUP.sub(lambda m: _expand_group(m, known), text)


# -- entries ------------------------------------------------------------------------------------


def _entry_parts(text: str, *, label: str, note: bool) -> tuple[str, tuple[str, ...], str, str]:
    """An entry's label, backlinks, plain text to parse, and Markdown source."""
    source = unwrap(text)
    plain = _plain(_code_spans(source))
    if note:
        # A note's markers are its claims' (see _Reader.add_note), not part of its text.
        plain = " ".join(MARKER.sub("", _FOOTNOTE_REF.sub("", plain)).split())
    backlinks, rest = strip_backlinks(plain)
    # Wiki renderings number backlinks "16.00 16.01": the entry's own label comes first.
    if not note and backlinks and re.fullmatch(r"\d+\.\d+", backlinks[0]):
        label = backlinks[0].split(".")[0]
    return label, backlinks, rest, source


def _entry(text: str, *, label: str, line: int, note: bool = False) -> Reference:
    """A reference (or note) from the Markdown text of its entry, with its links' URLs."""
    label, backlinks, rest, source = _entry_parts(text, label=label, note=note)
    reference = parse_reference_text(rest, label=label, line=line, backlinks=backlinks)
    links = _links(source)
    originals = [url for url, archived in links if not archived]
    archives = [url for url, archived in links if archived]
    archive_url = reference.archive_url or next(iter(archives), None)
    return replace(
        reference,
        raw=source,
        url=reference.url or next(iter(originals), None),
        archive_url=archive_url,
        has_archive=reference.has_archive or archive_url is not None,
    )


def _heading_text(text: str) -> str:
    text = _HEADING_ATTRIBUTES.sub("", _plain(_code_spans(text))).strip()
    # A wiki page converted to Markdown keeps the edit link after each heading: "背景[编辑]".
    if (m := re.search(r"\[[^\[\]]*\]\s*$", text)) and EDIT_LINK.fullmatch(m.group(0)):
        text = text[: m.start()].strip()
    return text
