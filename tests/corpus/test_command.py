"""``citecheck audit`` on many documents: folders, globs and several files become one run with
a report per document under -o and an index; bad documents are listed, not fatal."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.cli import main
from tests.support.static_site import Answer, StaticSite

PAGE = b"<html><head><title>A page</title></head><body><p>Text of a page.</p></body></html>"


@pytest.fixture()
def site() -> Iterator[StaticSite]:
    pages: dict[str, Answer] = {
        f"/p/{i}": (200, {"Content-Type": "text/html"}, PAGE) for i in range(9)
    }
    with StaticSite(pages) as served:
        yield served


def write_corpus(folder: Path, origin: str) -> None:
    for d, sub in enumerate(["a", "a", "b/c"]):
        path = folder / sub / f"doc{d}.wikitext"
        path.parent.mkdir(parents=True, exist_ok=True)
        refs = "".join(
            f"Claim {d}.{r}.<ref>{{{{cite web |url={origin}/p/{d + r} |title=A page}}}}</ref>\n"
            for r in range(3)
        )
        path.write_text("== Body ==\n" + refs + "== References ==\n{{reflist}}\n", "utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not an article: left out of the walk


def audit(*args: str) -> int:
    return main(["audit", *args, "--today", "2026-12-01", "--fail-on", "never"])


def audit_corpus(site: StaticSite, tmp_path: Path, *more: str) -> int:
    """The corpus of ``write_corpus`` audited into tmp_path/out over a fresh cache."""
    write_corpus(tmp_path / "corpus", site.origin)
    out, cache = tmp_path / "out", tmp_path / "c.sqlite"
    return audit(
        str(tmp_path / "corpus"), "-o", str(out), "--allow-private", "--cache", str(cache), *more
    )


def test_a_folder_is_audited_into_a_report_per_document_and_an_index(
    site: StaticSite, tmp_path: Path
) -> None:
    code = audit_corpus(site, tmp_path)
    out = tmp_path / "out"
    assert code == 0
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert names == ["a/doc0.md", "a/doc1.md", "b/c/doc2.md", "index.md"]
    rows = [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]
    assert [r["references"] for r in rows] == [3, 3, 3]
    assert max(site.requests.values()) == 1  # /p/1, /p/2 are cited twice, asked once
    assert "3 documents (0 could not be read), 9 references" in (out / "index.md").read_text(
        "utf-8"
    )


def test_a_missing_source_is_listed_and_the_others_are_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("A claim.[1]\n\n## References\n\n1. A work. 2020.\n", "utf-8")
    out = tmp_path / "out"
    assert audit(str(doc), str(tmp_path / "missing.md"), "-o", str(out), "--no-network") == 0
    data = json.loads((out / "index.jsonl").read_text("utf-8").splitlines()[1])
    assert "missing.md" in data["error"]
    assert "2 documents (1 could not be read)" in capsys.readouterr().err


def test_a_corpus_needs_a_folder_to_write_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text("A claim.[1]\n", "utf-8")
    (tmp_path / "b.md").write_text("A claim.[1]\n", "utf-8")
    assert audit(str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-o", "-") == 2
    assert "give -o FOLDER" in capsys.readouterr().err
    assert audit(str(tmp_path), "--titles", str(tmp_path / "t.txt"), "-o", str(tmp_path)) == 2
    assert "--titles needs --wiki" in capsys.readouterr().err


def test_a_cache_citecheck_must_not_use_stops_the_run_before_any_document(
    site: StaticSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "c.sqlite"  # the cache audit_corpus names: another program's database
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE invoices (id INTEGER)")
    assert audit_corpus(site, tmp_path) == 2
    err = capsys.readouterr().err
    assert "an SQLite database of another program (tables: invoices)" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
    assert site.requests == {}


def test_a_new_cache_is_made_before_the_workers_open_it(tmp_path: Path) -> None:
    from citecheck.corpus.run import ready_cache
    from tests.support.http_settings import fast_settings

    path = tmp_path / "new" / "c.sqlite"
    ready_cache(fast_settings(cache=str(path), no_cache=False))
    with sqlite3.connect(path) as con:
        mode = con.execute("PRAGMA journal_mode").fetchone()[0]
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
    assert mode == "wal"
    assert {"responses", "citecheck_heads", "citecheck_derived"} <= tables


def test_the_exit_code_follows_fail_on_over_the_whole_corpus(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "clean.md").write_text("No citation here.\n", "utf-8")
    (tmp_path / "docs" / "bad.md").write_text("A claim.[7]\n", "utf-8")  # [7] names nothing
    args = ["audit", str(tmp_path / "docs"), "-o", str(tmp_path / "out"), "--no-network"]
    assert main([*args, "--fail-on", "error"]) == 1
    assert main([*args, "--fail-on", "never", "--force"]) == 0


def test_on_two_workers_through_the_command(site: StaticSite, tmp_path: Path) -> None:
    code = audit_corpus(site, tmp_path, "--workers", "2", "--per-host", "2")
    out = tmp_path / "out"
    assert code == 0
    assert sorted(p.name for p in out.rglob("doc*.md")) == ["doc0.md", "doc1.md", "doc2.md"]
    assert max(site.requests.values()) == 1
    assert site.most_in_flight <= 2


DUMP = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">
  <siteinfo><sitename>Test</sitename><dbname>testwiki</dbname>
    <namespaces><namespace key="0" case="first-letter" /><namespace key="1" case="first-letter">Talk</namespace></namespaces>
  </siteinfo>
  <page><title>First page</title><ns>0</ns><id>1</id>
    <revision><id>10</id><timestamp>2026-11-01T00:00:00Z</timestamp><model>wikitext</model><format>text/x-wiki</format>
      <text xml:space="preserve">A claim.&lt;ref&gt;{{cite web |url=https://example.org/a |title=A}}&lt;/ref&gt;
== References ==
{{reflist}}</text></revision></page>
  <page><title>Talk:First page</title><ns>1</ns><id>2</id>
    <revision><id>11</id><timestamp>2026-11-01T00:00:00Z</timestamp><model>wikitext</model><format>text/x-wiki</format>
      <text xml:space="preserve">Talk.</text></revision></page>
</mediawiki>
"""


def test_wiki_titles_are_loaded_through_the_api_and_audited_one_report_each(
    site: StaticSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.load.wiki_api_server import FakeWiki, Page, Revision, WikiApiServer

    def page(pageid: int, title: str, text: str) -> Page:
        return Page(pageid, title, [Revision(pageid * 10, "2026-11-01T00:00:00Z", text)])

    cites = "".join(
        f"Claim {r}.<ref>{{{{cite web |url={site.origin}/p/{r} |title=A page}}}}</ref>\n"
        for r in range(3)
    )
    wiki = FakeWiki(
        pages={
            "Alpha": page(1, "Alpha", f"== Body ==\n{cites}== References ==\n{{{{reflist}}}}\n"),
            "Beta": page(2, "Beta", "#REDIRECT [[Alpha]]\n"),
        }
    )
    titles = tmp_path / "titles.txt"
    titles.write_text("Alpha\n# a comment\nBeta\nGamma\n", "utf-8")
    server = WikiApiServer(wiki)
    server.start()
    try:
        code = audit(
            "--wiki", "en", "--api", server.api_url, "--titles", str(titles),
            "-o", str(tmp_path / "out"), "--allow-private", "--cache", str(tmp_path / "c.sqlite"),
        )  # fmt: skip
    finally:
        server.stop()
    assert code == 0, capsys.readouterr().err
    index = (tmp_path / "out" / "index.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in index.splitlines()]
    assert [r["name"] for r in rows] == ["wiki/en/Alpha", "wiki/en/Beta", "wiki/en/Gamma"]
    # The redirect is followed to its article; a title the wiki lacks is a row saying so.
    assert [r["references"] for r in rows[:2]] == [3, 3]
    assert "Gamma" in rows[2]["error"]
    assert (tmp_path / "out" / "wiki" / "en" / "Alpha.md").is_file()
    assert max(site.requests.values()) == 1  # Alpha's pages, cited twice, asked once


def test_a_dump_s_articles_are_audited_page_by_page(tmp_path: Path) -> None:
    dump = tmp_path / "dump.xml"
    dump.write_text(DUMP, "utf-8")
    out = tmp_path / "out"
    assert audit("--dump", str(dump), "-o", str(out), "--no-network") == 0
    rows = [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]
    assert [(r["references"], r["error"]) for r in rows] == [(1, None)]  # namespace 0 only
    assert (out / rows[0]["report"]).read_text("utf-8").startswith("# Citation audit")


def test_ctrl_c_writes_the_index_of_the_documents_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import citecheck.corpus.run as corpus_run

    real = corpus_run.run_serial

    def interrupted(documents: Any, settings: Any, done: Any) -> None:
        def first_then_stop(row: dict[str, Any]) -> None:
            done(row)
            raise KeyboardInterrupt

        real(documents, dataclasses.replace(settings, segment=1), first_then_stop)

    monkeypatch.setattr(corpus_run, "run_serial", interrupted)
    (tmp_path / "docs").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "docs" / f"{name}.md").write_text(f"Claim {name}.[1]\n", "utf-8")
    out = tmp_path / "out"
    assert main(["audit", str(tmp_path / "docs"), "-o", str(out), "--no-network"]) == 130
    assert "interrupted; the index lists the documents done" in capsys.readouterr().err
    assert "1 documents (0 could not be read)" in (out / "index.md").read_text("utf-8")


def test_resume_skips_the_documents_already_reported(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "docs" / f"{name}.md").write_text(f"Claim {name}.[1]\n", "utf-8")
    out = tmp_path / "out"
    args = ["audit", str(tmp_path / "docs"), "-o", str(out), "--no-network", "--fail-on", "never"]
    assert main(args) == 0
    # As an interruption leaves it: b's report never written, its row cut short.
    (out / "b.md").unlink()
    lines = (out / "index.jsonl").read_text("utf-8").splitlines()
    (out / "index.jsonl").write_text(lines[0] + "\n" + lines[1][:20], "utf-8")
    kept = (out / "a.md").stat().st_mtime_ns
    assert main([*args, "--resume"]) == 0
    assert (out / "a.md").stat().st_mtime_ns == kept  # not audited again
    rows = [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]
    assert [r["name"] for r in rows] == ["a", "b", "c"]
    assert (out / "b.md").is_file()
