"""Refs left open: each ``<ref>`` that is never closed gets its ``</ref>``, so it is still read."""

from __future__ import annotations

import bisect
import re

from citecheck.parse.formats.wikitext.tree import Problem, _Tree

_OPEN_REF = re.compile(r"<ref(?:\s[^<>]*?)?(?<!/)>", re.IGNORECASE)


def _repair_unclosed_refs(text: str) -> tuple[str, list[Problem], set[int], _Tree]:
    """Close each ``<ref>`` that is never closed, so its content is still read.

    Returns the repaired text, a problem per repair, the offsets where ``</ref>`` was
    inserted (no newline is inserted, so line numbers stay those of the original), and the
    repaired text parsed.

    Every unclosed ref a parse shows is closed at once, then the text is parsed again, until a
    parse shows none that was not closed already: closing one per parse made 1,000 unclosed
    refs cost 1,000 parses of the whole text. A ``</ref>`` holds none of the stops ``_ref_end``
    looks for, so each end is where closing them one by one would put it; which refs are closed
    differs only where closing one changes how the text after it parses (broken text such as
    an unclosed ref inside an unclosed comment).
    """
    problems: list[Problem] = []
    inserted: set[int] = set()
    seen: set[int] = set()
    while True:
        tree = _Tree.of(text)
        openings = [
            (tree.offsets[id(node)] + match.start(), tree.offsets[id(node)] + match.end())
            for node in tree.texts  # a <ref> left as text by the parser is never closed
            for match in _OPEN_REF.finditer(node.value)
        ]
        # The first opening was closed already: the closing did not take, stop.
        if not openings or min(openings)[0] in seen:
            return text, problems, inserted, tree
        openings = sorted(o for o in openings if o[0] not in seen)
        seen.update(start for start, _ in openings)
        templates = _template_ends(text)
        ends = [_ref_end(text, stop, templates) for _, stop in openings]
        newlines = [m.start() for m in re.finditer("\n", text)]
        problems.extend(
            Problem(bisect.bisect_left(newlines, at) + 1, f"<ref> is never closed ({how})")
            for (at, _), (_, how) in zip(openings, ends, strict=True)
        )
        text, inserted = _insert_closings(text, [end for end, _ in ends], inserted)


def _insert_closings(text: str, ends: list[int], inserted: set[int]) -> tuple[str, set[int]]:
    """``text`` with ``</ref>`` inserted at each of ``ends`` (offsets in ``text``), and the
    offsets of all insertions so far (``inserted``) moved to the new text."""
    pieces: list[str] = []
    moved: set[int] = set()
    ends = sorted(ends)
    last = 0
    for i, end in enumerate(ends):
        pieces += [text[last:end], "</ref>"]
        last = end
        moved.add(end + 6 * i)
    pieces.append(text[last:])
    for offset in inserted:
        moved.add(offset + 6 * bisect.bisect_right(ends, offset))
    return "".join(pieces), moved


def _ref_end(text: str, start: int, templates: dict[int, int]) -> tuple[int, str]:
    """Where an unclosed ref most likely ends: after its template, else at the end of its line
    or before the next ref, whichever comes first. ``templates``: ``_template_ends(text)``."""
    lead = start
    while lead < len(text) and text[lead] == " ":
        lead += 1
    if (end := templates.get(lead, -1)) >= 0:
        return end, "read up to the end of its template"
    # Each search stops at the nearest stop found so far, so a ref costs the length of what it
    # reads, not of the text after it ("<ref" also finds "<references").
    end = len(text)
    for stop in ("<ref", "\n", "</references"):
        found = text.find(stop, start, end)
        if found >= 0:
            end = found
    return end, "read up to the end of its line"


_BRACES = re.compile(r"\{\{|\}\}")


def _template_ends(text: str) -> dict[int, int]:
    """For each ``{{`` of ``text``, the offset after the ``}}`` that brings the count of pairs
    back to where it was before it, or -1 if none does (pairs read left to right, as counting
    from that ``{{`` reads them: ``{{{`` is a pair and a brace). One pass for all refs: counting
    from each unclosed ref's template to the end cost the square of the count of them."""
    ends: dict[int, int] = {}
    stack: list[int] = []
    for pair in _BRACES.finditer(text):
        if pair.group() == "{{":
            stack.append(pair.start())
            ends[pair.start()] = -1
        elif stack:
            ends[stack.pop()] = pair.end()
    return ends
