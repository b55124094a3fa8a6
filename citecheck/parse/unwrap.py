"""Hard-wrapped entry text joined back: lines as a PDF, an e-mail or a terminal broke them.

A line break is a space, except inside a URL (``https://www.`` / ``usenix.org/…``,
``…/abs/2605.`` / ``18891``) and after a hyphen inside a word or a number (``2014-11-`` / ``29``,
``Configuration-`` / ``conditional``), where the break was only the line's end.
"""

from __future__ import annotations

import re

# The last token of a line is a URL that stops at a character a URL goes on after.
_URL_TAIL = re.compile(r"https?://\S*[/.\-_?=&#%~]$")
_URL_CHARS = re.compile(r"[\w%~\-./?=&#:+]+")
_HYPHEN_TAIL = re.compile(r"\w-$")


def _url_rest(head: str) -> bool:
    """A URL's continuation: URL characters only, starting lower-case or with a digit (not a
    new word such as "Retrieved"), with a path or domain character or all digits."""
    return (
        (head[:1].islower() or head[:1].isdigit())
        and (head.isdigit() or any(c in "./-_?=&#%" for c in head))
        and _URL_CHARS.fullmatch(head) is not None
    )


def unwrap(text: str) -> str:
    """``text`` on one line, with the line breaks inside URLs and hyphenated words removed and
    every other run of white space made one space."""
    pieces: list[str] = []
    # The last token joined so far, kept apart: splitting the joined text for it at every line
    # copied the text each time (160,000 lines: seconds).
    tail = ""
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        words = line.split(None, 1)
        if pieces:
            head = words[0]
            glued = (_URL_TAIL.search(tail) and _url_rest(head)) or (
                _HYPHEN_TAIL.search(tail) and head[:1].isalnum() and not head[:1].isupper()
            )
            pieces.append(line if glued else " " + line)
            tail = (tail if glued else "") + line if len(words) == 1 else line.rsplit(None, 1)[-1]
        else:
            pieces.append(line)
            tail = line.rsplit(None, 1)[-1]
    return " ".join("".join(pieces).split())
