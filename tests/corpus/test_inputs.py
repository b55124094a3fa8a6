"""Where a corpus run's documents come from: paths, a titles file, a MediaWiki dump."""

from __future__ import annotations

import bz2
import gzip
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from citecheck.corpus.inputs import (
    SUFFIXES,
    Item,
    from_dump,
    from_dump_file,
    from_paths,
    from_titles,
    safe_component,
)
from citecheck.load import LoadError
from citecheck.model import Document
from citecheck.parse import format_names


def names(items: Iterable[Item]) -> list[str]:
    return [item.name for item in items]


def write(path: Path, text: str = "Body.[1]\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- paths -----------------------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """docs/ with articles of every kind, nested folders, and files a walk must skip."""
    monkeypatch.chdir(tmp_path)
    for name in [
        "intro.md",
        "guide/setup.txt",
        "guide/deep/page.html",
        "guide/deep/Notes.WIKI",
        "zeta.wikitext",
        "image.png",
        "guide/data.json",
        ".hidden/secret.md",
        ".draft.md",
    ]:
        write(tmp_path / "docs" / name, f"text of {name}\n")
    return tmp_path / "docs"


def test_every_reader_has_a_suffix_and_every_suffix_a_reader() -> None:
    assert set(SUFFIXES) == set(format_names())
    assert all(s.startswith(".") and s == s.lower() for group in SUFFIXES.values() for s in group)


def test_a_folder_is_walked_sorted_keeping_article_files_named_under_it(docs: Path) -> None:
    items = list(from_paths(["docs/"]))
    assert names(items) == ["guide/deep/Notes", "guide/deep/page", "guide/setup", "intro", "zeta"]
    assert items[3].origin == str(Path("docs/intro.md"))
    assert items[3].load() == Document("text of intro.md\n", "auto", str(Path("docs/intro.md")))


def test_a_file_is_named_by_its_stem_and_read_whatever_its_suffix(docs: Path) -> None:
    [item] = from_paths(["docs/guide/data.json"])
    assert (item.name, item.origin) == ("data", str(Path("docs/guide/data.json")))
    assert item.load().text == "text of guide/data.json\n"


def test_the_input_format_is_passed_to_every_document(docs: Path) -> None:
    [item] = from_paths(["docs/intro.md"], input_format="markdown")
    assert item.load().format == "markdown"


def test_items_read_nothing_until_loaded(docs: Path) -> None:
    [item] = from_paths(["docs/intro.md"])
    (docs / "intro.md").write_text("changed\n", encoding="utf-8")
    assert item.load().text == "changed\n"


def test_a_glob_is_expanded_sorted_and_named_under_its_root(docs: Path) -> None:
    assert names(from_paths(["docs/**/*.md"])) == ["intro"]
    assert names(from_paths(["docs/guide/**/*"])) == ["deep/Notes", "deep/page", "setup"]
    assert names(from_paths(["docs/*/setup.txt"])) == ["guide/setup"]


def test_a_file_named_twice_is_one_item(docs: Path) -> None:
    items = list(from_paths(["docs/intro.md", "docs", "./docs/intro.md", "docs/*.md"]))
    assert names(items) == ["intro", "guide/deep/Notes", "guide/deep/page", "guide/setup", "zeta"]


def test_names_that_would_collide_get_a_hash_of_their_origin(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "Intro.md")
    b = write(tmp_path / "b" / "intro.md")  # the same report file on Windows and macOS
    first, second = names(from_paths([str(a), str(b)]))
    assert first == "Intro"
    assert second.startswith("intro~") and len(second) == len("intro~") + 8


def test_standard_input_is_read_once_when_loaded() -> None:
    stdin = io.StringIO("From stdin.[1]\n")
    items = list(from_paths(["-", "-"], stdin=stdin))
    assert [(i.name, i.origin) for i in items] == [("stdin", "-")]
    assert stdin.tell() == 0
    assert items[0].load() == Document("From stdin.[1]\n", "auto", "<stdin>")


def test_standard_input_bytes_are_decoded_as_the_loader_does() -> None:
    stdin = io.TextIOWrapper(io.BytesIO("\ufeff普京。[1]\n".encode()), encoding="latin-1")
    [item] = from_paths(["-"], stdin=stdin)
    assert item.load().text == "普京。[1]\n"
    bad = io.TextIOWrapper(io.BytesIO(b"\xff\xfe"), encoding="latin-1")
    [item] = from_paths(["-"], stdin=bad)
    with pytest.raises(LoadError, match="<stdin>: not UTF-8"):
        item.load()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("docs/missing.md", "docs/missing.md: no such file or folder"),
        ("docs/**/*.rst", r"docs/\*\*/\*\.rst: the pattern matches no file"),
        ("docs/*.png", r"docs/\*\.png: the pattern matches no article file \(.htm, "),
        ("", "no article given"),
    ],
)
def test_a_source_that_is_not_there_fails_when_loaded_and_the_rest_go_on(
    docs: Path, source: str, message: str
) -> None:
    bad, after = from_paths([source, "docs/intro.md"])
    assert bad.origin == source
    assert "/" not in bad.name
    with pytest.raises(LoadError, match=message):
        bad.load()
    assert after.load().text == "text of intro.md\n"


def test_a_folder_without_articles_fails_when_loaded(tmp_path: Path) -> None:
    write(tmp_path / "pictures" / "a.png")
    [item] = from_paths([str(tmp_path / "pictures")])
    with pytest.raises(LoadError, match="the folder holds no article file"):
        item.load()


def test_a_walk_does_not_follow_links_to_folders(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "a.md")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs", target_is_directory=True)
    assert names(from_paths([str(tmp_path / "docs")])) == ["a"]


# -- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("普京", "普京"),
        ("AC/DC", "AC%2FDC"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("../../etc/passwd", "%2E.%2F..%2Fetc%2Fpasswd"),
        ("Talk:Foo?", "Talk%3AFoo%3F"),
        ("100%", "100%25"),
        ("a\x00b", "a%00b"),
        ("Mr.", "Mr%2E"),
        ("CON", "%43ON"),
        ("con.txt", "%63on.txt"),
        ("Console", "Console"),
        ("", "%00"),
    ],
)
def test_a_name_component_is_one_every_file_system_stores_as_written(text: str, safe: str) -> None:
    assert safe_component(text) == safe


def test_a_long_component_is_cut_with_a_hash_of_the_whole() -> None:
    a, b = safe_component("漢" * 300), safe_component("漢" * 301)
    assert a != b
    assert len(a.encode()) <= 180 and len(b.encode()) <= 180
    assert a.startswith("漢" * 50) and a[-9] == "~"
    assert not safe_component("/" * 100).rsplit("~", 1)[0].endswith(("%", "%2"))


# -- titles ----------------------------------------------------------------------------------


def fake_wiki(title: str) -> Document:
    return Document(f"wikitext of {title}", "wikitext", f"https://zh.wikipedia.org/?title={title}")


def test_a_titles_file_gives_each_title_once_without_comments_or_blanks(tmp_path: Path) -> None:
    path = write(
        tmp_path / "titles.txt",
        "\ufeff# summits\n普京\n\n  金正恩  \n普京\nVladimir_Putin\nVladimir Putin\n   \n# end\n",
    )
    items = list(from_titles(path, "zh", fake_wiki))
    assert [(i.name, i.origin) for i in items] == [
        ("wiki/zh/普京", "zh:普京"),
        ("wiki/zh/金正恩", "zh:金正恩"),
        ("wiki/zh/Vladimir Putin", "zh:Vladimir Putin"),
    ]
    assert items[1].load().text == "wikitext of 金正恩"


def test_titles_are_loaded_only_when_asked(tmp_path: Path) -> None:
    asked: list[str] = []

    def load_page(title: str) -> Document:
        asked.append(title)
        return fake_wiki(title)

    items = from_titles(write(tmp_path / "t.txt", "A\nB\n"), "en", load_page)
    first = next(items)
    assert asked == []
    first.load()
    assert asked == ["A"]


def test_a_forbidden_title_fails_naming_file_and_line_and_the_rest_go_on(tmp_path: Path) -> None:
    path = write(tmp_path / "titles.txt", "# list\nGood\nBad [title]\nAlso good\n")
    good, bad, after = from_titles(path, "en", fake_wiki)
    assert (good.name, after.name) == ("wiki/en/Good", "wiki/en/Also good")
    with pytest.raises(LoadError, match=r"titles\.txt:3: 'Bad \[title\]' is not a page title"):
        bad.load()


@pytest.mark.parametrize("title", ["a|b", "Foo#Bar", "{{x}}", "../up", "a/./b", "%41", "~~~"])
def test_titles_mediawiki_forbids_are_refused(tmp_path: Path, title: str) -> None:
    [item] = from_titles(write(tmp_path / "t.txt", title + "\n"), "en", fake_wiki)
    with pytest.raises(LoadError, match="is not a page title"):
        item.load()


def test_a_title_with_a_slash_and_dots_stays_in_its_folder(tmp_path: Path) -> None:
    [item] = from_titles(write(tmp_path / "t.txt", "AC/DC..\n"), "en", fake_wiki)
    assert item.name == "wiki/en/AC%2FDC.%2E"
    assert item.load().text == "wikitext of AC/DC.."


def test_a_missing_titles_file_is_a_load_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"nope\.txt: no such titles file"):
        list(from_titles(tmp_path / "nope.txt", "en", fake_wiki))


def test_a_titles_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"Good\n\xff\n")
    items = from_titles(path, "en", fake_wiki)
    assert next(items).name == "wiki/en/Good"
    with pytest.raises(LoadError, match=r"t\.txt:2: not UTF-8"):
        next(items)


# -- dumps -----------------------------------------------------------------------------------

SITEINFO = """<siteinfo><sitename>Test</sitename><dbname>testwiki</dbname>
<namespaces><namespace key="0" case="first-letter" />
<namespace key="1" case="first-letter">Talk</namespace>
<namespace key="4" case="first-letter">Wikipedia</namespace></namespaces></siteinfo>"""


def page(
    title: str,
    ns: int,
    *revisions: tuple[int, str | None],
    redirect: str | None = None,
    model: str = "wikitext",
) -> str:
    """A <page> as dumps write it; a revision whose text is None has its text deleted."""
    revs = "".join(
        f"<revision><id>{rid}</id><timestamp>2024-01-0{i + 1}T00:00:00Z</timestamp>"
        f"<model>{model}</model><format>text/x-wiki</format>"
        + (
            '<text bytes="0" deleted="deleted" />'
            if text is None
            else f'<text bytes="{len(text.encode())}" xml:space="preserve">{escape(text)}</text>'
        )
        + "<sha1>x</sha1></revision>"
        for i, (rid, text) in enumerate(revisions)
    )
    target = f'<redirect title="{escape(redirect)}" />' if redirect else ""
    return f"<page><title>{escape(title)}</title><ns>{ns}</ns><id>1</id>{target}{revs}</page>"


def dump_xml(pages: Iterable[str]) -> str:
    return (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" '
        f'xml:lang="zh">{SITEINFO}{"".join(pages)}</mediawiki>\n'
    )


SAMPLE = dump_xml(
    [
        page("普京", 0, (10, "old text"), (12, "Путин — президент.<ref>[1]</ref>")),
        page("Talk:普京", 1, (11, "talk text")),
        page("Путин", 0, (13, "#REDIRECT [[普京]]"), redirect="普京"),
        page("AC/DC", 0, (14, "a band")),
        page("Wikipedia:..", 4, (15, "project page")),
    ]
)


@pytest.fixture(params=["plain", "bz2", "gz"])
def sample_dump(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    data = SAMPLE.encode()
    compressors: dict[str, Callable[[bytes], bytes]] = {
        "plain": bytes,
        "bz2": bz2.compress,
        "gz": gzip.compress,
    }
    compress = compressors[request.param]
    path = tmp_path / f"dump.xml.{request.param}"
    path.write_bytes(compress(data))
    return path


def test_a_dump_gives_the_latest_revision_of_main_pages_without_redirects(
    sample_dump: Path,
) -> None:
    items = list(from_dump(sample_dump))
    assert [(i.name, i.origin) for i in items] == [
        ("dump/0/普京", f"{sample_dump}#普京"),
        ("dump/0/AC%2FDC", f"{sample_dump}#AC/DC"),
    ]
    doc = items[0].load()
    assert doc == Document("Путин — президент.<ref>[1]</ref>", "wikitext", f"{sample_dump}#普京")


def test_a_dump_is_filtered_by_namespace_and_title(sample_dump: Path) -> None:
    every = from_dump(sample_dump, namespaces=frozenset({0, 1, 4}))
    assert names(every) == ["dump/0/普京", "dump/1/普京", "dump/0/AC%2FDC", "dump/4/%2E%2E"]
    picked = from_dump(sample_dump, namespaces=frozenset({0, 1}), titles=frozenset({"Talk:普京"}))
    assert [i.load().text for i in picked] == ["talk text"]
    assert names(from_dump(sample_dump, titles=frozenset({"AC/DC", "Путин"}))) == ["dump/0/AC%2FDC"]


def test_titles_given_with_underscores_match(tmp_path: Path) -> None:
    path = write(tmp_path / "d.xml", dump_xml([page("Vladimir Putin", 0, (1, "x"))]))
    assert names(from_dump(path, titles=frozenset({"Vladimir_Putin"}))) == ["dump/0/Vladimir Putin"]


def test_an_empty_page_is_empty_a_deleted_text_fails_and_other_content_is_skipped(
    tmp_path: Path,
) -> None:
    pages = [
        page("Empty", 0, (1, "")),
        page("Hidden", 0, (2, "was here"), (3, None)),
        page("Data", 0, (4, "{}"), model="json"),
    ]
    empty, hidden = from_dump(write(tmp_path / "d.xml", dump_xml(pages)))
    assert empty.load().text == ""
    with pytest.raises(LoadError, match=r"d\.xml#Hidden: revision 3's text is deleted"):
        hidden.load()


def test_a_page_listed_twice_gets_two_names(tmp_path: Path) -> None:
    pages = [
        page("Twice", 0, (1, "one")),
        page("twice", 0, (2, "other")),
        page("Twice", 0, (3, "x")),
    ]
    first, second, third = names(from_dump(write(tmp_path / "d.xml", dump_xml(pages))))
    assert first == "dump/0/Twice"
    assert len({first, second, third}) == 3
    assert second.startswith("dump/0/twice~") and third.startswith("dump/0/Twice~")


class CountingReader(io.RawIOBase):
    """A file that counts the bytes handed out."""

    def __init__(self, data: bytes) -> None:
        self.inner = io.BytesIO(data)
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        n = self.inner.readinto(buffer)
        self.read_bytes += n
        return n


def test_a_dump_streams_its_first_page_before_reading_the_rest() -> None:
    body = "Text.[1]\n" * 20
    data = dump_xml(page(f"Page {n}", 0, (n, body)) for n in range(10_000)).encode()
    file = CountingReader(data)
    items = from_dump_file(file, "big.xml")
    assert file.read_bytes == 0
    assert next(items).name == "dump/0/Page 0"
    assert 0 < file.read_bytes < len(data) / 20  # len(data) is several megabytes
    assert next(items).load().text == body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SAMPLE[: SAMPLE.index("Talk:普京") + 20], "damaged dump after page '普京'"),
        ("<mediawiki><page></mediawiki>", "damaged dump at its start"),
        ("not xml at all", "damaged dump at its start"),
        ("<html><body/></html>", "damaged dump at its start"),
    ],
)
def test_a_damaged_dump_is_a_load_error_naming_file_and_page(
    tmp_path: Path, data: str, message: str
) -> None:
    path = write(tmp_path / "broken.xml", data)
    with pytest.raises(LoadError, match=f"broken.xml: {message}"):
        list(from_dump(path))


def test_a_cut_bz2_dump_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml.bz2"
    path.write_bytes(bz2.compress(SAMPLE.encode())[:-40])
    with pytest.raises(LoadError, match=r"cut\.xml\.bz2: damaged dump"):
        list(from_dump(path))


def test_a_missing_dump_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot open the dump"):
        list(from_dump(tmp_path / "none.xml"))
