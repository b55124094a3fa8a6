"""The command line as a user meets it: exit codes, messages, where reports go."""

from __future__ import annotations

import contextlib
import gc
import io
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.cli import _is_url, main

SEED = Path("tests/data/articles/zhwiki-2023-north-korea-russia-summit.txt").resolve()
CLEAN = "Body.[1]\nReferences\n- ^ Cats. Cat Times. 2020-01-01 [2020-02-02]. (原始内容存档于2020-03-03) (英语).\n"


def run(*args: str) -> int:
    return main(["audit", *args, "--today", "2026-11-22"])


def test_default_output_goes_to_reports_named_after_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(str(SEED)) == 1  # the seed has errors
    report = tmp_path / "reports" / "zhwiki-2023-north-korea-russia-summit.md"
    assert report.read_text(encoding="utf-8").startswith("# Citation audit: 2023年朝俄首脑会谈")
    assert "18 findings" in capsys.readouterr().err


def test_fail_on_sets_the_exit_code(tmp_path: Path) -> None:
    out = str(tmp_path / "r.md")
    assert run(str(SEED), "-o", out, "--fail-on", "never") == 0
    assert run(str(SEED), "-o", out, "--fail-on", "error") == 1
    assert run(str(SEED), "-o", out, "--ignore", "missing-reference", "--fail-on", "error") == 0
    assert run(str(SEED), "-o", out, "--ignore", "missing-reference", "--fail-on", "info") == 1


def test_a_clean_article_exits_zero(tmp_path: Path) -> None:
    article = tmp_path / "clean.txt"
    article.write_text(CLEAN, encoding="utf-8")
    assert run(str(article), "-o", str(tmp_path / "out") + "/", "--fail-on", "info") == 0
    assert (tmp_path / "out" / "clean.md").exists()


def test_json_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(str(SEED), "--format", "json", "-o", "-", "--fail-on", "never") == 0
    assert capsys.readouterr().out.startswith('{\n  "citecheck": ')


def test_stdin_is_read_with_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLEAN.encode())))
    assert run("-", "-o", "-", "--fail-on", "info") == 0
    assert "| 1 | Cats |" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["missing.txt"], "missing.txt: no such file"),
        ("bad.txt", ["bad.txt"], "bad.txt: not UTF-8 text"),
        ("words.txt", ["words.txt", "--input-format", "text"], "words.txt: nothing could be read"),
        ("ok.txt", ["ok.txt", "--select", "nonsense"], "unknown rule or family 'nonsense'"),
    ],
)
def test_bad_input_is_a_clear_message_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setup: str | None,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    (tmp_path / "words.txt").write_text("just words\n")
    (tmp_path / "ok.txt").write_text(CLEAN)
    assert run(*args, "-o", "-") == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_readable_document_with_nothing_cited_is_a_report_saying_so_and_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "words.txt").write_text("just words\n")
    assert run(str(tmp_path / "words.txt"), "-o", "-", "--no-network") == 0
    assert "Nothing to audit: no sentence with a citation marker" in capsys.readouterr().out


def test_an_existing_file_that_is_not_a_report_is_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "notes.md"
    precious.write_text("my own notes")
    assert run(str(SEED), "-o", str(precious)) == 2
    assert precious.read_text() == "my own notes"
    assert "use --force" in capsys.readouterr().err
    assert run(str(SEED), "-o", str(precious), "--force", "--fail-on", "never") == 0
    assert "citecheck" in precious.read_text(encoding="utf-8")


def test_a_cache_sqlite_cannot_read_is_a_clear_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"garbage" * 600)
    before = damaged.read_bytes()
    article = tmp_path / "a.txt"
    article.write_text(CLEAN.replace("(英语)", "http://127.0.0.1:9/x (英语)"))
    assert run(str(article), "--allow-private", "--cache", str(damaged), "-o", "-") == 2
    err = capsys.readouterr().err
    assert f"citecheck: error: cache {damaged}: file is not a database" in err
    assert "Traceback" not in err and damaged.read_bytes() == before


def test_suggest_from_takes_archive_today_by_its_domain_and_refuses_what_names_no_archive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(CLEAN.replace("(原始内容存档于2020-03-03)", "https://cats.example/a"))
    offline = ("--offline", "--cache", str(tmp_path / "c.sqlite"), "--suggest-archives")
    assert run(str(article), *offline, "--suggest-from", "archive.ph", "-o", "-") != 2
    assert "archive.today" in capsys.readouterr().out
    assert run(str(article), *offline, "--suggest-from", "archive.example", "-o", "-") == 2
    assert "--suggest-from: not an archive prefix" in capsys.readouterr().err


def test_an_earlier_report_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert run(str(SEED), "-o", str(out), "--fail-on", "never") == 0
    assert run(str(SEED), "-o", str(out), "--fail-on", "never") == 0


def test_the_report_never_overwrites_the_article(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(CLEAN + "\n<!-- citecheck -->\n")
    assert run(str(article), "-o", str(article), "--input-format", "text") == 2
    assert article.read_text().startswith("Body.[1]")


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "citecheck", "rules"], capture_output=True, text=True, check=True
    )
    assert "missing-reference" in done.stdout


def test_the_command_writes_the_whole_report_to_a_pipe_and_exits_with_mains_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The command ends with os._exit: what main wrote must still be flushed, and its code kept.
    args = ["audit", str(SEED), "--no-network", "-o", "-", "--today", "2026-11-22"]
    code = main(args)
    expected = capsys.readouterr().out
    done = subprocess.run(
        [sys.executable, "-m", "citecheck", *args], capture_output=True, text=True, timeout=120
    )
    assert code == 1 and done.returncode == code, done.stderr
    assert done.stdout == expected and len(expected) > 1000
    assert "findings" in done.stderr  # the summary line


def test_a_wiki_page_by_url_is_read_from_a_recorded_api_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import shutil

    recording = json.loads(Path("tests/data/wiki/recording.json").read_text(encoding="utf-8"))
    cassette = tmp_path / "cassette"
    shutil.copytree("tests/data/wiki/cassette", cassette)
    out = tmp_path / "out"
    code = main(
        [
            "audit",
            recording["page_url"],
            "--api",
            recording["api_url"],
            "--cassette",
            str(cassette),
            "--allow-private",
            "--no-network",
            "--today",
            "2026-11-22",
            "-o",
            f"{out}/",
            "--fail-on",
            "never",
        ]
    )
    assert code == 0, capsys.readouterr().err
    [report] = list(out.iterdir())
    assert report.name == "2023年朝俄首脑会谈.md"
    text = report.read_text(encoding="utf-8")
    assert "oldid=" in text and "North Korea's Kim vows full support for Russia" in text


def test_wiki_options_need_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--wiki", "zh", "--no-network"]) == 2
    assert "--wiki needs --title or --oldid" in capsys.readouterr().err
    assert main(["audit", str(SEED), "--title", "X", "--no-network"]) == 2
    assert "--title and --oldid need --wiki" in capsys.readouterr().err


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            str(SEED),
            "-o",
            str(tmp_path / "r.md"),
            "--offline",
            "--cache",
            str(tmp_path / "c.sqlite"),
            "--fail-on",
            "never",
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "checking links" not in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--input-format", "html"], "nothing could be read as html"),
        (["--cassette", "no-such-folder"], "no-such-folder: no such cassette folder"),
        (["--record", "rec", "--offline"], "--record needs the network"),
        (["--timeout", "-1"], "not a positive number"),
        (["--timeout", "nan"], "not a positive number"),
        (["--max-age", "-5"], "not a number of hours (0 or more)"),
        (["--max-age", "inf"], "not a number of hours (0 or more)"),
    ],
)
def test_contradictions_and_wrong_formats_are_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.wikitext"
    article.write_text("Claim.<ref>{{cite web |url=https://example.org/a |title=A}}</ref>\n")
    argparse_refuses = args[0] in ("--timeout", "--max-age")  # argparse exits with 2 itself
    with pytest.raises(SystemExit) if argparse_refuses else contextlib.nullcontext():
        assert run(str(article), "-o", "-", *args) == 2
    assert message in capsys.readouterr().err


def test_a_wiki_url_with_no_network_never_leaves_the_machine(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    code = main(
        [
            "audit",
            "https://zh.wikipedia.org/wiki/X",
            "--no-network",
            "--cache",
            str(tmp_path / "c.sqlite"),
            "-o",
            "-",
        ]
    )
    assert code == 2
    assert "the network is off" in capsys.readouterr().err


def test_links_not_checked_are_said_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.wikitext"
    article.write_text("Claim.<ref>{{cite web |url=https://example.org/a |title=A}}</ref>\n")
    assert run(str(article), "-o", "-", "--no-network", "--fail-on", "never") == 0
    assert "Links were not checked" in capsys.readouterr().out


def test_a_re_audit_of_an_unchanged_article_loads_neither_parser_nor_requests_cache(
    tmp_path: Path,
) -> None:
    # The format modules and the reference-text reader with its styles (wikitext's reader,
    # reftext's date patterns) cost ~0.2 s to load and
    # requests-cache ~0.15 s: a re-audit of a remembered article on the default SQLite cache
    # needs neither, nor the HTML and wikitext libraries, importlib.metadata (~25 ms) or the
    # archive suggester. Fresh interpreters, as a user runs it.
    article = tmp_path / SEED.name
    article.write_text(SEED.read_text("utf-8"), "utf-8")
    script = (
        "import sys\n"
        "from citecheck.cli import main\n"
        f"main(['audit', {str(article)!r}, '--cache', {str(tmp_path / 'c.sqlite')!r}, '--offline',"
        f" '--force', '-o', {str(tmp_path / 'report.md')!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('citecheck.parse.formats.',\n"
        "    'citecheck.parse.reftext', 'citecheck.parse.styles'))\n"
        "    or m.split('.')[0] in ('requests_cache', 'mwparserfromhell', 'selectolax')\n"
        "    or m in ('importlib.metadata', 'citecheck.check.suggest')))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert "'citecheck.parse.formats.text'" in runs[0].stdout  # the first run parses
    assert runs[1].stdout.strip() == "[]"


def test_the_collector_is_restored_when_an_audit_fails(tmp_path: Path) -> None:
    before = gc.get_threshold()
    assert run(str(tmp_path / "missing.txt")) == 2
    assert gc.get_threshold() == before


def test_ctrl_c_ends_the_audit_with_a_message_and_keeps_what_was_fetched(tmp_path: Path) -> None:
    import signal
    import time

    from citecheck.http import HttpSettings, ResponseCache
    from tests.http.http_fault_server import FaultServer

    server = FaultServer()
    server.start()
    try:
        slow, fine = server.url("/slow-headers"), server.url("/ok")
        article = tmp_path / "a.wikitext"
        article.write_text(
            f"Slow.<ref>{{{{cite web |url={slow} |title=Slow}}}}</ref>\n"
            f"Fine.<ref>{{{{cite web |url={fine} |title=Fine}}}}</ref>\n"
            "== References ==\n{{reflist}}\n"
        )
        cache, report = tmp_path / "c.sqlite", tmp_path / "r.md"
        args = ["audit", str(article), "--allow-private", "--cache", str(cache), "-o", str(report)]
        child = subprocess.Popen(
            [sys.executable, "-m", "citecheck", *args],
            stderr=subprocess.PIPE,
            text=True,
            # A shell may start it with Ctrl-C ignored; the user's terminal does not.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        # /ok's answer has been read once its host's soft-404 probe is asked for.
        for _ in range(400):  # bounded: ~20 s
            if any(path.startswith("/citecheck-missing-") for _, path in server.requests):
                break
            time.sleep(0.05)
        assert server.seen("/slow-headers") == 1  # still waiting for its answer
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
    finally:
        server.stop()
    assert child.returncode == 130
    assert "citecheck: interrupted; no report written" in err and "Traceback" not in err
    assert not report.exists()
    kept = ResponseCache(None, HttpSettings(cache=cache, allow_private=True))  # 127.0.0.1
    try:
        assert kept.lookup("GET", fine) is not None and kept.lookup("GET", slow) is None
    finally:
        kept.close()


# -- hostile input and failing parts (issue 18) --------------------------------------------------

SURROGATE_WIKITEXT = (
    "A claim &#xD800;.<ref>{{cite web|url=https://e.org/a|title=T &#xD800;}}</ref>\n\n{{reflist}}\n"
)


@pytest.mark.parametrize("fmt", ["markdown", "json", "sarif"])
def test_a_lone_surrogate_in_the_input_is_written_as_a_replacement_character(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], fmt: str
) -> None:
    article = tmp_path / "a.wikitext"
    article.write_text(SURROGATE_WIKITEXT, encoding="utf-8")
    assert run(str(article), "--no-network", "--format", fmt, "-o", "-", "--fail-on", "never") == 0
    out = capsysbinary.readouterr().out.decode("utf-8")  # valid UTF-8, or this raises
    # SARIF carries no claim text; the other two show where the surrogate was.
    assert fmt == "sarif" or "A claim \ufffd." in out
    assert (
        run(
            str(article),
            "--no-network",
            "--format",
            fmt,
            "-o",
            str(tmp_path / "r"),
            "--fail-on",
            "never",
        )
        == 0
    )


def test_html_nested_100000_deep_is_read_not_a_recursion_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "deep.html"
    cited = '<p>Deep claim.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>'
    page.write_text(
        "<html><body>"
        + "<div>" * 100_000
        + cited
        + "</div>" * 100_000
        + '<ol class="references"><li id="cite_note-1">Title. Site. 2020.</li></ol></body></html>'
    )
    assert run(str(page), "--no-network", "--format", "json", "-o", "-", "--fail-on", "never") == 0
    out = capsys.readouterr().out
    assert '"text": "Deep claim.' in out and '"label": "1"' in out


def test_a_link_no_client_could_request_is_named_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "v6.html"
    page.write_text(
        '<p>Claim.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p><ol class='
        '"references"><li id="cite_note-1"><a class="external" href="http://[::1">T</a></li></ol>'
    )
    assert run(str(page), "--no-network", "--format", "json", "-o", "-", "--fail-on", "never") == 0
    out = capsys.readouterr().out
    assert "link (not a valid URL): http://[::1" in out


@pytest.mark.parametrize(
    ("record", "said"),
    [
        ("[1, 2, 3]", "a record is a JSON list, not an object"),
        ('{"a": ', "a record is not JSON"),
        (None, "status_code is 'abc'"),
    ],
    ids=["list", "truncated", "status-abc"],
)
def test_a_damaged_cassette_stops_the_replay_with_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], record: str | None, said: str
) -> None:
    import json
    import shutil

    cassette = tmp_path / "http"
    shutil.copytree(Path("cassettes/demo/http"), cassette)
    for file in cassette.glob("*.json"):
        file.chmod(0o644)
        if record is None:
            data = json.loads(file.read_text(encoding="utf-8"))
            file.write_text(json.dumps({**data, "status_code": "abc"}), encoding="utf-8")
        else:
            file.write_text(record, encoding="utf-8")
    args = ("cassettes/demo/article.wikitext", "--cassette", str(cassette), "--allow-private")
    assert run(*args, "-o", "-") == 2
    err = capsys.readouterr().err
    assert f"citecheck: error: cassette {cassette}: {said}" in err
    assert "Traceback" not in err


def test_an_internal_error_has_its_own_exit_code_and_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("citecheck.cli.audit", broken)
    assert run(str(SEED), "-o", "-") == 3
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"citecheck: internal error while auditing {SEED}: RuntimeError: a bug "
        "(-v shows the traceback)"
    ]
    assert run(str(SEED), "-o", "-", "-v") == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


@pytest.mark.parametrize("force", [(), ("--force",)], ids=["", "force"])
def test_only_regular_files_are_ever_written(tmp_path: Path, force: tuple[str, ...]) -> None:
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/null")):
        # In a child process: a FIFO opened for reading would hang the test, not fail it.
        done = subprocess.run(
            [sys.executable, "-m", "citecheck", "audit", str(SEED), "-o", str(target), *force],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert "not a regular file" in done.stderr
    assert fifo.is_fifo() and Path("/dev/null").is_char_device()


def test_a_file_that_only_mentions_citecheck_is_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\ncitececk and citecheck: what citecheck found last week.\n")
    assert run(str(SEED), "-o", str(notes)) == 2
    assert "not a citecheck report" in capsys.readouterr().err
    for fmt in ("json", "sarif", "markdown"):
        report = tmp_path / f"r.{fmt}"
        assert run(str(SEED), "--format", fmt, "-o", str(report), "--fail-on", "never") == 0
        # A report of each format is recognised and replaced without --force.
        assert run(str(SEED), "--format", fmt, "-o", str(report), "--fail-on", "never") == 0


@pytest.mark.parametrize("verbose", [False, True])
def test_a_logged_internal_error_is_one_line_and_its_traceback_only_with_v(
    capsys: pytest.CaptureFixture[str], verbose: bool
) -> None:
    import logging

    from citecheck.cli import _VERBOSE, logged_on_stderr

    token = _VERBOSE.set(verbose)
    try:
        with logged_on_stderr():
            try:
                raise ValueError("boom")
            except ValueError:
                logging.getLogger("citecheck.check").exception("unexpected error fetching %s", "u")
    finally:
        _VERBOSE.reset(token)
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "citecheck: error: unexpected error fetching u"
    assert ("Traceback (most recent call last)" in err) is verbose


def test_only_http_sources_look_like_urls() -> None:
    # The CLI's one test of a source for a wiki page's URL rather than a file.
    assert _is_url("https://zh.wikipedia.org/wiki/X")
    assert not _is_url("article.txt")
    assert not _is_url("-")
