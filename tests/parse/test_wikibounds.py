"""The linear-time helpers read as the code they replace: wikibounds.parse as mwparserfromhell
on ordinary wikitext, replace_spans and paired_spans as the regexes, code spans and the
closing of unclosed refs as before."""

from __future__ import annotations

import re

import mwparserfromhell
from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.wikicode import Wikicode

from citecheck.parse import wikibounds
from citecheck.parse.formats.markdown.inline import _code_spans
from citecheck.parse.formats.wikitext import read_wikitext
from citecheck.parse.formats.wikitext.repair import _template_ends
from citecheck.parse.spans import paired_spans, replace_spans

_PIECES = (
    "{{", "}}", "[[", "]]", "[", "]", "{|", "|}", "\n", "|", "=", "a", " ", "<ref>", "</ref>",
    "<ref name=x/>", "<!--", "-->", "<nowiki>", "</nowiki>", "http://x.org", "<div>", "</div>",
    "<br>", "'''", "{{{", "}}}", "<pre>", "</pre>", "<li>", "*", "==", "{{cite web|url=",
    "<span ", ">", "<",
)  # fmt: skip


def _shape(code: Wikicode) -> list[tuple[str, str]]:
    return [(type(node).__name__, str(node)) for node in code.filter(recursive=True)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_ordinary_wikitext_parses_as_mwparserfromhell_parses_it(text: str) -> None:
    """Fewer than ``_FEW`` unmatched openers of a kind and no deep nesting: the same tree."""
    assert _shape(wikibounds.parse(text)) == _shape(
        mwparserfromhell.parse(text, skip_style_tags=True)
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6), st.integers(17, 200))
def test_hostile_wikitext_prints_back_to_its_source(pieces: list[str], times: int) -> None:
    """Past ``_FEW`` unmatched openers the parse differs in details, never in the text."""
    text = "".join(pieces) * times
    assert str(wikibounds.parse(text)) == text


def test_openers_nothing_closes() -> None:
    found = wikibounds.unmatched_openers(
        "{{a|{{b}} <!-- {{ -->}} <ref>a<ref>b</ref> [http://x a\n[[c]] <span x <nowiki>{{</nowiki>"
    )
    assert {kind: len(spans) for kind, spans in found.items() if spans} == {"tag": 2, "ext": 1}


def test_many_unclosed_templates_read_as_text() -> None:
    code = wikibounds.parse("{{a|" * 100 + "{{cite web|url=http://x.org}}")
    assert [str(t.name) for t in code.filter_templates()] == ["cite web"]
    assert str(code).startswith("{{a|{{a|")


def test_deeply_nested_braces_do_not_overflow_the_stack() -> None:
    text = "{" * 3000 + "x" + "}" * 3000
    assert str(wikibounds.parse(text)) == text


_SPAN_PIECES = ("<!--", "-->", "<style>", "</style>", "<SCRIPT a>", "</script >", "x", "\n", ">")
_COMMENT_OR_RAW = re.compile(r"<!--.*?-->|<(style|script)\b.*?</\1\s*>", re.DOTALL | re.I)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SPAN_PIECES), max_size=12).map("".join))
def test_replace_spans_is_the_lazy_regex(text: str) -> None:
    ends = {
        None: re.compile("-->"),
        "style": re.compile(r"</style\s*>", re.I),
        "script": re.compile(r"</script\s*>", re.I),
    }
    opener = re.compile(r"<!--|<(style|script)\b", re.I)
    expected = _COMMENT_OR_RAW.sub(lambda m: "#" * len(m.group(0)), text)
    found = replace_spans(
        text, opener, lambda m: ends[m.group(1) and m.group(1).lower()], lambda s: "#" * len(s)
    )
    assert found == expected


_QUOTES = {'"': '"', "“": "”", "«": "»"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='"“”«»a. ', max_size=20))
def test_paired_spans_are_the_quote_regex(text: str) -> None:
    expected = [m.span() for m in re.finditer(r'"[^"]*"|“[^”]*”|«[^»]*»', text)]
    assert paired_spans(text, _QUOTES) == expected


def test_code_spans() -> None:
    assert _code_spans("a `[1]` b ``x`y`` c") == "a 1 b x`y c"
    assert _code_spans("`a\n`") == "`a\n`"  # a span ends on its line
    assert _code_spans("``a`") == "``a`"  # no run of the opener's length closes it


def test_template_ends() -> None:
    text = "{{a|{{b}}}} {{c"
    assert _template_ends(text) == {0: 11, 4: 9, 12: -1}


def test_unclosed_refs_are_closed_where_one_at_a_time_closed_them() -> None:
    text = "A.<ref>{{cite web|url=http://a.org|title=A}} B.<ref>http://b.org\nC.<ref name=c>C"
    reading = read_wikitext(text)
    assert [r.url for r in reading.article.references] == ["http://a.org", "http://b.org", None]
    assert [p.line for p in reading.problems] == [1, 1, 2]
    assert (
        reading.problems[0].message == "<ref> is never closed (read up to the end of its template)"
    )


def test_a_nul_does_not_end_the_text() -> None:
    """mwparserfromhell stops at a NUL; the refs after it are still read."""
    text = "Claim one.<ref>http://a.org</ref>\x00 Claim two.<ref>http://b.org</ref>"
    assert str(wikibounds.parse(text)) == text
    urls = [r.url for r in read_wikitext(text).article.references]
    assert urls == ["http://a.org", "http://b.org"]
