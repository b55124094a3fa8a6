"""The HTML report: one self-contained, deterministic page; everything from the document or the
web escaped and in its language; filters by family, severity and code that work in a real
browser (headless Chromium), with a screenshot."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import struct
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from citecheck import audit, render
from citecheck.cli import main
from citecheck.model import Article, Claim, Family, Finding, Marker, Reference, Report, Severity
from citecheck.report import is_report
from citecheck.report.as_html import script_lang, text_lang
from tests.support.browser import chromium, demo_report_html, missing_browser

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).parents[2]
SEED = "tests/data/articles/zhwiki-2023-north-korea-russia-summit.txt"
TODAY = dt.date(2026, 11, 22)


class Element:
    """One start tag as parsed: its name, attributes, the nearest ``lang`` in force, its text."""

    def __init__(self, tag: str, attrs: dict[str, str], lang: str) -> None:
        self.tag, self.attrs, self.lang = tag, attrs, lang
        self.text = ""


class Page(HTMLParser):
    """The page's elements in order, each with the language in force and its own text."""

    VOID = frozenset({"meta", "br", "input", "link", "img", "hr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        lang = values.get("lang") or (self.stack[-1].lang if self.stack else "")
        element = Element(tag, values, lang)
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data

    def lang_of(self, text: str) -> str:
        """The language of the innermost element whose text contains ``text``."""
        found = [e for e in self.elements if text in e.text]
        assert found, f"{text!r} is not on the page"
        return found[-1].lang

    def rows(self, kind: str) -> list[Element]:
        return [e for e in self.elements if e.attrs.get("data-kind") == kind]


@pytest.fixture(scope="module")
def seed_html() -> str:
    return render(audit(SEED, today=TODAY), "html")


@pytest.fixture(scope="module")
def demo_html() -> str:
    return demo_report_html()


def hostile_report() -> Report:
    """A report whose every text came from a hostile or multilingual document."""
    claims = (
        Claim(
            1, "<b>背景</b>", 3, "Ким прибыл <script>alert(1)</script> 金正恩抵达。", (Marker("1"),)
        ),
        Claim(2, None, 4, "プーチン氏と金正恩氏が会談した。", (Marker("2"), Marker("3"))),
        Claim(3, "Україна", 5, "Зеленський зустрівся з міністром.", (Marker("3"),)),
    )
    references = (
        Reference(
            "1",
            10,
            "raw",
            title='Путин "и" Ким <img src=x onerror=alert(2)>',
            language="ru",
            url="javascript:alert(3)",
            archive_url="https://web.archive.org/web/2023/https://example.org/a",
        ),
        Reference(
            "2",
            11,
            "raw",
            title="プーチン氏と金正恩氏が会談",
            language="ja",
            url="https://example.jp/a?x=1&y=2",
        ),
        Reference("3", 12, "raw", title="普京与金正恩会面", url="https://example.cn/b"),
    )
    findings = (
        Finding(
            "unsupported-claim",
            Family.MISMATCHED,
            Severity.WARNING,
            "claim 2: reference 2 does not support it (<i>a date differs</i>)",
            reference="2",
            claims=(2,),
            line=4,
            evidence={
                "verdict": "not-supported",
                "passage": "会談は9月13日に\n行われた。<br>",
                "passage_language": "ja",
                "page_url": "https://example.jp/a?x=1&y=2",
            },
        ),
        Finding(
            "title-mismatch",
            Family.MISMATCHED,
            Severity.WARNING,
            "reference 1: title differs",
            reference="1",
            claims=(1,),
            line=10,
            evidence={"page_title": "</dd><script>alert(4)</script>"},
        ),
        Finding(
            "dead-url",
            Family.DEAD,
            Severity.ERROR,
            "reference 3: the URL is dead",
            reference="3",
            claims=(2, 3),
            line=12,
        ),
    )
    article = Article(claims=claims, references=references, title="Саммит <2023> & 朝俄")
    return Report("doc<1>.md", TODAY, article, findings, links={"https://example.cn/b": "dead"})


# -- the page, read as HTML ------------------------------------------------------------------


def test_rendering_twice_gives_the_same_bytes(seed_html: str) -> None:
    assert render(audit(SEED, today=TODAY), "html") == seed_html


def test_the_page_is_self_contained(seed_html: str, demo_html: str) -> None:
    for html in (seed_html, demo_html):
        page = Page(html)
        assert not [e.tag for e in page.elements if e.tag in ("link", "img", "iframe", "object")]
        assert not [e.attrs["src"] for e in page.elements if "src" in e.attrs]
        scripts = [e for e in page.elements if e.tag == "script"]
        assert len(scripts) == 1 and scripts[0].text.strip()
        assert [e.tag for e in page.elements if e.tag == "style"] == ["style"]
        assert "@import" not in html and "url(" not in html
        hrefs = [e.attrs["href"] for e in page.elements if "href" in e.attrs]
        assert hrefs and all(h.startswith(("#", "http://", "https://")) for h in hrefs)


def test_every_claim_and_reference_has_a_row_with_a_coloured_status(seed_html: str) -> None:
    page = Page(seed_html)
    claims, references = page.rows("claim"), page.rows("reference")
    assert [e.attrs["id"] for e in claims] == [f"claim-{n}" for n in range(1, 81)]
    assert len(references) == 44
    statuses = [
        e.attrs["class"]
        for e in page.elements
        if e.tag == "span" and "status" in e.attrs.get("class", "").split()
    ]
    assert {"status not-checked", "status missing", "status mismatched"} <= set(statuses)
    # The seed article is rendered text without URLs, audited offline: nothing was checked, so
    # nothing, claim or reference, says ok.
    assert "status ok" not in statuses
    row = claims[14]  # claim 15: [7] mismatched (backlink-mismatch); [a] missing
    assert "[7] mismatched backlink-mismatch" in " ".join(row.text.split())
    assert "[a] missing missing-reference" in " ".join(row.text.split())
    assert set(row.attrs["data-hits"].split()) == {
        "mismatched:info:backlink-mismatch",
        "missing:error:missing-reference",
    }


def test_summary_and_filters_count_what_the_report_found(seed_html: str) -> None:
    page = Page(seed_html)
    assert "44 references, 0 notes, 80 claims, 18 findings." in seed_html
    choices = {
        (e.attrs["name"], e.attrs["value"])
        for e in page.elements
        if e.tag == "input" and e.attrs.get("type") == "radio"
    }
    # "all" and only the values the report has: no dead finding, so no "dead" choice.
    assert {value for name, value in choices if name == "family"} == {
        "all",
        "missing",
        "mismatched",
    }
    assert {value for name, value in choices if name == "severity"} == {
        "all",
        "error",
        "warning",
        "info",
    }
    assert {value for name, value in choices if name == "code"} == {
        "all",
        "backlink-mismatch",
        "missing-access-date",
        "missing-archive",
        "missing-reference",
        "placeholder-title",
        "uncited-reference",
    }
    assert "<span>missing-reference (3)</span>" in seed_html


def test_an_empty_document_says_there_was_nothing_to_audit() -> None:
    report = Report("empty.txt", TODAY, Article(claims=(), references=()), ())
    page = Page(render(report, "html"))
    assert "Nothing to audit" in render(report, "html")
    assert "No findings." in render(report, "html")
    radios = [e.attrs["value"] for e in page.elements if e.tag == "input"]
    assert radios == ["all", "all", "all"]  # one "all" per facet, nothing else to choose


def test_unchecked_links_are_said_to_be_unchecked() -> None:
    checked = hostile_report()
    unchecked = dataclasses.replace(checked, links={})
    assert "Links were not checked" in render(unchecked, "html")
    assert "Links were not checked" not in render(checked, "html")
    assert "dead<br>" in render(checked, "html")  # reference 3's link, with its status


def test_document_and_web_text_is_escaped_everywhere() -> None:
    html = render(hostile_report(), "html")
    page = Page(html)
    scripts = [e for e in page.elements if e.tag == "script"]
    assert len(scripts) == 1 and "alert" not in scripts[0].text  # only the filters' own
    assert not [e for e in page.elements if e.tag in ("img", "b", "i")]
    assert not [e for e in page.elements if any(k.startswith("on") for k in e.attrs)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/dd&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in html
    assert "<title>Citation audit: Саммит &lt;2023&gt; &amp; 朝俄</title>" in html
    assert "Source <code>doc&lt;1&gt;.md</code>" in html
    # A javascript: URL is text, never a link; http(s) URLs are links, their & escaped.
    hrefs = [e.attrs["href"] for e in page.elements if "href" in e.attrs]
    assert not [h for h in hrefs if not h.startswith(("#", "http"))]
    assert "<code>javascript:alert(3)</code>" in html
    assert 'href="https://example.jp/a?x=1&amp;y=2"' in html
    assert "https://example.jp/a?x=1&y=2" in hrefs


def test_zh_ru_uk_and_ja_text_carries_its_language() -> None:
    page = Page(render(hostile_report(), "html"))
    assert page.elements[0].attrs["lang"] == "en"  # the page's own words
    assert page.lang_of("プーチン氏と金正恩氏が会談した。") == "ja"  # a claim, by its kana
    assert page.lang_of("プーチン氏と金正恩氏が会談") == "ja"  # a title, as declared
    assert page.lang_of("普京与金正恩会面") == "zh"  # a title in Han only
    assert page.lang_of('Путин "и" Ким') == "ru"  # declared
    assert page.lang_of("Зеленський зустрівся з міністром.") == "uk"  # by its letters
    assert page.lang_of("会談は9月13日に 行われた。") == "ja"  # the passage, as the page said
    assert page.lang_of("Showing") == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("金正恩于9月12日抵达俄罗斯", "zh"),
        ("2025年5月19日時点のオリジナルよりアーカイブ", "ja"),
        ("Дата обращения: 22 сентября 2020", "ru"),
        ("Архів оригіналу за 4 травня 2013", "uk"),
        ("Archived from the original", None),
        ("", None),
    ],
)
def test_script_lang_reads_the_language_a_script_implies(text: str, lang: str | None) -> None:
    assert script_lang(text) == lang


@pytest.mark.parametrize(
    ("text", "declared", "lang"),
    [
        ("プーチン氏と金正恩氏が会談", "en", "ja"),  # wrongly tagged: its own glyphs all the same
        ("東京都知事選挙", "ja", "ja"),  # Han only, declared Japanese: Japanese glyphs
        ("朝鮮領導人訪問俄羅斯", "zh-TW", "zh-TW"),  # the declared variant is kept
        ("Путин и Ким", "uk", "uk"),
        ("Путин и Ким", "en", "ru"),
        ("La Corée du Nord", "fr", "fr"),  # Latin: the declared language, whatever it is
        ("North Korea", None, None),
    ],
)
def test_a_declared_language_is_kept_where_the_script_allows_it(
    text: str, declared: str | None, lang: str | None
) -> None:
    assert text_lang(text, declared) == lang


def test_each_finding_shows_its_evidence_its_passage_and_its_links() -> None:
    html = render(hostile_report(), "html")
    findings = Page(html).rows("finding")
    assert [f.attrs["data-hits"] for f in findings] == [
        "dead:error:dead-url",
        "mismatched:warning:unsupported-claim",
        "mismatched:warning:title-mismatch",
    ]  # by severity, as the Markdown report
    # Each finding's own part of the page.
    parts = [Page(part) for part in html.split('<article class="finding')[1:]]

    def links(part: Page) -> dict[str, str]:
        return {
            e.text: e.attrs["href"]
            for e in part.elements
            if e.tag == "a" and e.text in ("cited page", "snapshot")
        }

    assert links(parts[0]) == {"cited page": "https://example.cn/b"}
    quote = [e for e in parts[1].elements if e.tag == "blockquote"]
    assert len(quote) == 1 and quote[0].text == "会談は9月13日に 行われた。<br>"
    assert "Best passage (ja):" in findings[1].text
    assert "verdict" in findings[1].text and "not-supported" in findings[1].text
    assert links(parts[1]) == {"cited page": "https://example.jp/a?x=1&y=2"}
    # Reference 1's URL is javascript: no link to it, only to its snapshot.
    assert links(parts[2]) == {"snapshot": "https://web.archive.org/web/2023/https://example.org/a"}
    assert "javascript:alert(3)" in findings[2].text


def test_fixes_are_ready_to_copy(demo_html: str) -> None:
    page = Page(demo_html)
    buttons = [e for e in page.elements if e.tag == "button"]
    targets = {e.attrs["id"]: e.text for e in page.elements if e.tag == "code" and "id" in e.attrs}
    assert buttons and all(b.attrs["data-copy"] in targets for b in buttons)
    assert targets["fix-1"] == "|url-status=dead"
    assert targets["fix-2"].startswith(
        "|archive-url=http://127.0.0.1:18766/citations/20240102080000/"
    )
    assert targets["fix-2"].endswith("|archive-date=2024-01-02")
    assert (
        targets["fix-2-whole"].startswith("{{cite web |url=")
        and "|archive-date=2024-01-02" in targets["fix-2-whole"]
    )


def test_the_cli_writes_html_and_replaces_its_own_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = [
        "audit",
        SEED,
        "--today",
        "2026-11-22",
        "--no-network",
        "--format",
        "html",
        "-o",
        f"{tmp_path}/",
    ]
    assert main(args) == 1  # the seed article has errors
    written = tmp_path / "zhwiki-2023-north-korea-russia-summit.html"
    assert is_report(written.read_text(encoding="utf-8"))
    assert main(args) == 1  # its own report is replaced without --force
    other = tmp_path / "page.html"
    other.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>citecheck</title>\n',
        encoding="utf-8",
    )
    assert not is_report(other.read_text(encoding="utf-8"))
    assert main([*args[:-1], str(other)]) == 2
    assert other.read_text(encoding="utf-8").endswith("<title>citecheck</title>\n")


# -- in a real browser -----------------------------------------------------------------------

needs_browser = pytest.mark.skipif(missing_browser() is not None, reason=str(missing_browser()))


@pytest.fixture(scope="module")
def browser(demo_html: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    page = tmp_path_factory.mktemp("html") / "report.html"
    page.write_text(demo_html, encoding="utf-8")
    with chromium() as driver:
        # What a user grants a page the first time it copies (headless Chromium cannot ask).
        permissions = ["clipboardReadWrite", "clipboardSanitizedWrite"]
        driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": permissions})
        driver.get(page.as_uri())
        yield driver


def visible(driver: WebDriver, kind: str) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, f'[data-kind="{kind}"]')
    return [
        str(r.get_attribute("id") or r.get_attribute("data-hits")) for r in rows if r.is_displayed()
    ]


def choose(driver: WebDriver, name: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    label = driver.find_element(
        By.XPATH, f'//fieldset[@id="filter-{name}"]//label[input[@value="{value}"]]'
    )
    label.click()


def shown(driver: WebDriver) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.ID, "shown").text)


@needs_browser
def test_the_filters_show_only_the_rows_with_a_matching_finding(browser: WebDriver) -> None:
    # The demo article's claims, as its Markdown report lists them (cassettes/demo/report.md).
    assert len(visible(browser, "claim")) == 10
    assert shown(browser) == "Showing 10 of 10 claims, 17 of 17 findings, 10 of 10 references."

    choose(browser, "family", "dead")
    assert visible(browser, "claim") == ["claim-2", "claim-3", "claim-6", "claim-10"]
    assert visible(browser, "reference") == ["ref-2", "ref-3", "ref-6", "ref-10"]
    assert shown(browser) == "Showing 4 of 10 claims, 6 of 17 findings, 4 of 10 references."

    choose(browser, "severity", "error")  # dead and an error: reference 2's dead URL is a warning
    assert visible(browser, "claim") == ["claim-3", "claim-6", "claim-10"]
    assert visible(browser, "finding") == [
        "dead:error:dead-archive",
        "dead:error:dead-archive",
        "dead:error:dead-url",
        "dead:error:dead-url",
    ]

    choose(browser, "family", "all")
    choose(browser, "severity", "all")
    choose(browser, "code", "title-mismatch")
    assert visible(browser, "claim") == ["claim-7", "claim-10"]
    assert visible(browser, "finding") == ["mismatched:warning:title-mismatch"] * 2

    choose(browser, "family", "unverified")  # the 403 is unverified, not dead: and no title
    assert visible(browser, "claim") == []
    choose(browser, "code", "all")
    assert visible(browser, "claim") == ["claim-4"]

    choose(browser, "family", "all")
    assert len(visible(browser, "claim")) == 10 and len(visible(browser, "finding")) == 17


@needs_browser
def test_statuses_are_coloured_apart_and_nothing_was_fetched(browser: WebDriver) -> None:
    colours = browser.execute_script(
        "var out={};document.querySelectorAll('td .status').forEach(function(s){"
        "out[s.textContent]=getComputedStyle(s).backgroundColor;});return out;"
    )
    assert set(colours) == {"ok", "dead", "missing", "mismatched"}
    assert len(set(colours.values())) == 4
    requests = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function(e){return e.name;});"
    )
    assert requests == []


@needs_browser
def test_a_copy_button_copies_its_fix(browser: WebDriver) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    button = browser.find_element(By.CSS_SELECTOR, 'button[data-copy="fix-2"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    WebDriverWait(browser, 5).until(lambda _: button.text == "Copied")
    copied = browser.execute_async_script(
        "var done=arguments[0];navigator.clipboard.readText().then(done,function(e){done(String(e));});"
    )
    assert copied == (
        "|archive-url=http://127.0.0.1:18766/citations/20240102080000/"
        "http://127.0.0.1:18765/news/2023/09/15/sanctions.html |archive-date=2024-01-02"
    )


@needs_browser
def test_a_screenshot_of_the_report(demo_html: str, tmp_path: Path) -> None:
    from tests.support.browser import WINDOW, screenshot

    out = tmp_path / "report.png"
    screenshot(demo_html, out, height=700)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (WINDOW[0], 700)
    assert len(data) > 20_000  # a page, not a blank


def test_the_readme_screenshot_is_a_png() -> None:
    data = (ROOT / "docs" / "report.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert re.fullmatch(rb"\x00\x00\x00\rIHDR", data[8:16])
