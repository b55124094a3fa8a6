"""Setting parameters in a citation's source text reads as mwparserfromhell's Template.add
wrote them, whatever the template's spacing, duplicates and empty values."""

from __future__ import annotations

import mwparserfromhell
import pytest

from citecheck.parse.formats.wikitext import read_wikitext
from citecheck.report.template_text import set_params

SET = (
    ("archive-url", "https://web.archive.org/web/20230914101500/https://a.example/x"),
    ("archive-date", "2023-09-14"),
    ("url-status", "dead"),
)
TEMPLATES = [
    "{{cite web}}",
    "{{cite web|url=https://a.example/x}}",
    "{{cite web |url=https://a.example/x |title=Summit}}",
    "{{cite web\n| url = https://a.example/x\n| title = Summit\n}}",
    "{{cite web\n|url=https://a.example/x\n|title=Summit\n}}",
    "{{cite web | url = a | title = \n | archive-date = 2023-09-15 }}",
    "{{cite web|url=a|archive-url=|archive-url=b|archive-date=x}}",
    "{{cite web|url=a| archive-url = b <!-- old -->\n|archive-date=  \n}}",
    "{{Cite web|和書|url=a|title=会談}}",
    "{{cite web|en|url=a|url-status=\n\n|title={{lang|en|X}}}}",
    "{{cite web\n |url        = a\n |title      = [[Summit|s]]\n |website    = [https://b x]\n}}",
    "{{cite web|\turl\t=\ta\t|\ttitle\t=\tb\t}}",
    "{{cite web| url=a |title=b|date= c }}",
]


def with_mwparserfromhell(template: str, params: tuple[tuple[str, str], ...]) -> str:
    parsed = mwparserfromhell.parse(template).filter_templates(recursive=False)[0]
    for name, value in params:
        parsed.add(name, value)
    return str(parsed)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("count", [1, 2, 3])
def test_parameters_are_set_as_mwparserfromhell_sets_them(template: str, count: int) -> None:
    [reference] = read_wikitext(
        f"Claim.<ref>{template}</ref>\n\n{{{{reflist}}}}\n"
    ).article.references
    assert reference.citation is not None and reference.citation.text == template
    assert set_params(reference.citation, SET[:count]) == with_mwparserfromhell(
        template, SET[:count]
    )


def test_a_pipe_in_a_value_is_always_escaped() -> None:
    # mwparserfromhell leaves it bare inside a bare URL, which splits the parameter.
    [reference] = read_wikitext(
        "A.<ref>{{cite web|url=a}}</ref>\n\n{{reflist}}\n"
    ).article.references
    assert reference.citation is not None
    written = set_params(reference.citation, [("archive-url", "https://a.example/x|y")])
    assert written == "{{cite web|url=a|archive-url=https://a.example/x&#124;y}}"
