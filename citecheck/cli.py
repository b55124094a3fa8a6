"""The command line: wires load, parse, rules and report; no logic of its own.

Exit status: 0 clean, 1 a finding at or above ``--fail-on``, 2 bad usage, unreadable input or an
unusable cache or cassette, 3 an internal error (a bug: one line on stderr, the traceback with
``-v``), 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import datetime as dt
import glob
import logging
import math
import os
import re
import sqlite3
import stat
import sys
import time
import traceback
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn

from citecheck import __version__
from citecheck.audit import audit, suggestion_archive
from citecheck.config import ConfigError, config_for, parse_accept, parse_header
from citecheck.load import LoadError
from citecheck.model import Document, Report, Severity
from citecheck.parse import ParseError, format_names
from citecheck.report import RENDERERS, SUFFIXES, is_report, render, write_atomic
from citecheck.rules import SelectionError, all_rules, select
from citecheck.speedups import batch_collection

if TYPE_CHECKING:
    from citecheck.config import HostConfig
    from citecheck.http import HttpSettings
    from citecheck.http.settings import HostPolicy

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
DEFAULT_OUTPUT = Path("reports")


class UsageError(Exception):
    pass


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _finite(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # "nan" and "inf" parse as floats


def _positive_float(text: str) -> float:
    value = _finite(text)
    if value is None or value <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return value


def _hours(text: str) -> float:
    value = _finite(text)
    if value is None or value < 0:
        raise argparse.ArgumentTypeError(f"not a number of hours (0 or more): {text!r}")
    return value


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number (0 or more): {text!r}")
    return int(text)


def _regex(text: str) -> str:
    try:
        re.compile(text)
    except re.error as exc:
        raise argparse.ArgumentTypeError(f"not a regular expression: {text!r} ({exc})") from None
    return text


def _accept(text: str) -> frozenset[int]:
    try:
        return parse_accept(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _header(text: str) -> tuple[str, str]:
    try:
        return parse_header(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Audit the references of an article: missing, dead and mismatched citations.",
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("audit", help="audit the references of an article")
    run.add_argument(
        "source",
        nargs="*",
        help="the article: a file, - for standard input, or a wiki page's URL; several files, "
        "folders or globs audit a corpus (one report each under -o, and an index)",
    )
    wiki = run.add_argument_group("a wiki page (read through the MediaWiki Action API)")
    wiki.add_argument("--wiki", help="the wiki: zh, ruwiki, uk.wikipedia.org…")
    wiki.add_argument("--title", help="the page's title on --wiki")
    wiki.add_argument("--oldid", type=_positive_int, help="a revision id (with --wiki or a URL)")
    wiki.add_argument(
        "--api", metavar="URL", help="the wiki's api.php, for wikis outside Wikimedia or a mirror"
    )
    run.add_argument(
        "-o",
        "--output",
        help="report file, or a directory for <input-stem>.<ext>, or - for standard output "
        "(default: reports/)",
    )
    run.add_argument("--format", choices=sorted(RENDERERS), default="markdown")
    loudness = run.add_mutually_exclusive_group()
    loudness.add_argument(
        "-v", "--verbose", action="store_true", help="show the traceback of an internal error"
    )
    loudness.add_argument(
        "-q", "--quiet", action="store_true", help="only errors on stderr: no summary, no progress"
    )
    run.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the messages on stderr (default: on a terminal, unless NO_COLOR is set)",
    )
    run.add_argument(
        "--config",
        metavar="PATH",
        help="a citecheck.toml or pyproject.toml to read (default: found from here upward)",
    )
    run.add_argument("--no-config", action="store_true", help="read no configuration file")
    run.add_argument(
        "--input-format",
        choices=["auto", *format_names()],
        default="auto",
        help="the article's format (default: detected)",
    )
    run.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        default="error",
        help="exit 1 when a finding at or above this severity exists (default: error)",
    )
    run.add_argument("--today", type=_date, help="the audit date for date rules (default: today)")
    run.add_argument("--select", type=_codes, default=["all"], help="codes or families to run")
    run.add_argument("--ignore", type=_codes, default=[], help="codes or families to skip")
    net = run.add_argument_group("links (checked over cached HTTP unless --no-network)")
    net.add_argument(
        "--no-network",
        action="store_true",
        help="structural rules only; no request is made (a wiki page only from cache/cassette)",
    )
    net.add_argument(
        "--offline",
        action="store_true",
        help="answer only from the cache or cassette; a miss is reported as not-recorded",
    )
    net.add_argument(
        "--cache", metavar="PATH|URL", help="SQLite file, or redis:// / mongodb:// URL"
    )
    net.add_argument(
        "--cassette",
        metavar="DIR",
        type=Path,
        help="replay a recorded cassette (implies --offline)",
    )
    net.add_argument("--record", metavar="DIR", type=Path, help="record a cassette into DIR")
    net.add_argument(
        "--archive",
        metavar="PREFIX",
        action="append",
        default=[],
        help="another Wayback-compatible archive, by snapshot URL prefix (repeatable)",
    )
    net.add_argument(
        "--suggest-archives",
        action="store_true",
        help="look up a capture for each citation with no archive (slow: archives rate-limit)",
    )
    net.add_argument(
        "--suggest-from",
        metavar="PREFIX",
        action="append",
        help="ask only these archives for suggestions (web.archive.org for the Internet Archive, "
        "archive.today or archive.ph for archive.today)",
    )
    net.add_argument(
        "--allow-private",
        action="store_true",
        help="allow links to loopback/private addresses (local archives, tests)",
    )
    net.add_argument("--concurrency", type=_positive_int, default=64, help="requests in flight")
    net.add_argument("--per-host", type=_positive_int, default=4, help="in flight per host")
    net.add_argument("--timeout", type=_positive_float, default=20.0, help="seconds per request")
    net.add_argument(
        "--max-age",
        type=_hours,
        default=24.0,
        metavar="HOURS",
        help="how long a cached original URL stays fresh (snapshots never expire)",
    )
    net.add_argument(
        "--exclude",
        metavar="REGEX",
        action="append",
        type=_regex,
        help="do not request links matching REGEX (repeatable); reported as excluded",
    )
    net.add_argument(
        "--include",
        metavar="REGEX",
        action="append",
        type=_regex,
        help="check links matching REGEX even when excluded (repeatable)",
    )
    net.add_argument(
        "--accept",
        metavar="CODES",
        type=_accept,
        help="statuses that count as alive, e.g. 200..299,403 (default: 2xx)",
    )
    net.add_argument(
        "--header",
        metavar="'NAME: VALUE'",
        action="append",
        type=_header,
        help="a header sent with every request (repeatable)",
    )
    net.add_argument("--user-agent", metavar="TEXT", help="the User-Agent header")
    net.add_argument(
        "--max-retries",
        type=_count,
        default=3,
        metavar="N",
        help="retries of a failed request (default: 3)",
    )
    net.add_argument(
        "--max-redirects", type=_count, default=10, metavar="N", help="redirects followed"
    )
    corpus = run.add_argument_group("a corpus: many documents as one run")
    corpus.add_argument(
        "--titles", metavar="FILE", type=Path, help="wiki titles to audit, one a line (--wiki)"
    )
    corpus.add_argument(
        "--dump", metavar="FILE", type=Path, help="a MediaWiki XML dump (.xml, .xml.bz2)"
    )
    corpus.add_argument(
        "--namespace",
        metavar="N",
        type=int,
        action="append",
        help="the dump's namespaces to audit (repeatable; default: 0, articles)",
    )
    corpus.add_argument(
        "--resume",
        action="store_true",
        help="skip the documents an interrupted run of this corpus into -o already reported",
    )
    corpus.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        help="processes auditing side by side, on a local Dask cluster (default: 1, no cluster)",
    )
    corpus.add_argument(
        "--scheduler",
        metavar="URL",
        help="a running Dask scheduler (tcp://host:8786) whose workers audit the corpus",
    )
    run.add_argument(
        "--force",
        action="store_true",
        help="overwrite an existing output file that is not a citecheck report",
    )

    completion = sub.add_parser("completion", help="print a shell completion script")
    completion.add_argument("shell", choices=["bash", "zsh"])
    rules = sub.add_parser("rules", help="list the finding codes")
    rules.add_argument("--markdown", action="store_true", help="as the README's Markdown table")
    return parser


def rules_table() -> str:
    """The finding codes as a Markdown table (the README's list is this output)."""
    lines = ["| code | family | severity | fires when |", "| --- | --- | --- | --- |"]
    for r in all_rules():
        lines.append(f"| `{r.code}` | {r.family.value} | {r.severity.value} | {r.summary} |")
    return "\n".join(lines) + "\n"


def _stem(args: argparse.Namespace) -> str:
    if args.wiki or _is_url(args.source):
        title = args.title or (args.source or "").rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        return "".join(c if c.isalnum() or c in "-_." else "_" for c in title) or "wiki-page"
    return "stdin" if args.source == "-" else Path(args.source).stem


def _is_url(source: str | None) -> bool:
    return bool(source) and str(source).startswith(("http://", "https://"))


def wiki_document(args: argparse.Namespace) -> Document | None:
    """The wiki page the arguments name, loaded through the HTTP client; None for a file."""
    if not (args.wiki or _is_url(args.source)):
        if args.title or args.oldid:
            raise UsageError("--title and --oldid need --wiki or a wiki page's URL")
        return None
    import dataclasses

    from citecheck.load.wiki import WikiPage, load_wiki, parse_wiki_url

    if args.wiki:
        if args.source:
            raise UsageError("give either a source or --wiki/--title, not both")
        if not (args.title or args.oldid):
            raise UsageError("--wiki needs --title or --oldid")
        page = WikiPage.from_parts(args.wiki, args.title, args.oldid)
    else:
        page = parse_wiki_url(args.source)
        if args.oldid:
            page = dataclasses.replace(page, oldid=args.oldid)
    return load_wiki(page, http_settings(args, for_links=False), api_url=args.api)


def output_path(args: argparse.Namespace) -> Path | None:
    """Where the report goes; None means standard output."""
    suffix = SUFFIXES[args.format]
    stem = _stem(args)
    if args.output == "-":
        return None
    if args.output is None:
        return DEFAULT_OUTPUT / f"{stem}{suffix}"
    out = Path(args.output)
    if out.is_dir() or args.output.endswith(("/", "\\")):
        return out / f"{stem}{suffix}"
    return out


# A file larger than this is not read to tell whether it is a report: it is taken as not one.
_LARGEST_REPORT = 256 * 1024 * 1024


def _check_overwrite(path: Path, source: str, force: bool) -> None:
    """Refuse to write over what the user has: the article itself, anything but a regular file
    (a FIFO would hang the read, a device would be replaced, even with --force), and, without
    --force, a file that is not a citecheck report."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None
    if source and source != "-" and not _is_url(source):
        with contextlib.suppress(OSError):
            if path.samefile(source):
                raise UsageError(f"{path}: the report would overwrite the article itself")
    if stat.S_ISDIR(found.st_mode):
        raise UsageError(f"{path}: is a directory")
    if not stat.S_ISREG(found.st_mode):
        raise UsageError(f"{path}: not a regular file; reports are written to regular files only")
    if force:
        return
    text = ""
    if found.st_size <= _LARGEST_REPORT:
        text = path.read_bytes().decode("utf-8", errors="replace")
    if not is_report(text):
        raise UsageError(f"{path}: exists and is not a citecheck report; use --force to replace it")


def http_settings(args: argparse.Namespace, *, for_links: bool = True) -> HttpSettings | None:
    """The network settings the flags ask for; None for link checks with --no-network."""
    if args.no_network and for_links:
        return None
    from citecheck.http import HttpSettings  # the network stack loads only when used

    if args.record and (args.offline or args.cassette or args.no_network):
        raise UsageError("--record needs the network: not with --offline, --cassette, --no-network")
    if args.cassette is not None and not args.cassette.is_dir():
        raise UsageError(f"{args.cassette}: no such cassette folder")
    from citecheck.http.settings import USER_AGENT

    policies = host_policies(getattr(args, "hosts", None) or {}, args.per_host)
    return HttpSettings(
        headers=tuple(args.header or ()),
        user_agent=args.user_agent or USER_AGENT,
        accept=args.accept,
        exclude=tuple(args.exclude or ()),
        include=tuple(args.include or ()),
        max_attempts=args.max_retries + 1,
        max_redirects=args.max_redirects,
        host_policies=MappingProxyType(policies),
        cache=args.cache,
        cassette=args.cassette,
        record=args.record,
        # --no-network: a wiki page may still come from the cache or a cassette, never the web.
        offline=args.offline or args.cassette is not None or args.no_network,
        allow_private=args.allow_private,
        concurrency=args.concurrency,
        per_host=args.per_host,
        timeout=args.timeout,
        max_age=dt.timedelta(hours=args.max_age),
    )


def host_policies(hosts: Mapping[str, HostConfig], per_host: int) -> dict[str, HostPolicy]:
    """The config's per-host tables as the HTTP layer's policies. An archive's host keeps its
    built-in limits (the Wayback Machine's spacing) unless the table sets ``per-host``: adding
    a header must not make citecheck impolite."""
    from citecheck.archives import DEFAULT_SERVICES
    from citecheck.http.settings import HostPolicy

    built_in = {host: m for s in DEFAULT_SERVICES for host, m in s.manners.items()}
    policies: dict[str, HostPolicy] = {}
    for host, h in sorted(hosts.items()):
        manners = built_in.get(host)
        concurrency = h.per_host or (manners.concurrency if manners else per_host)
        policies[host] = HostPolicy(
            concurrency=concurrency,
            min_interval=manners.min_interval if manners else 0.0,
            headers=h.headers,
            accept=h.accept,
            alive=h.alive,
        )
    return policies


class Progress:
    """A one-line count of link checks on stderr, only when stderr is a terminal (CI logs get
    the summary line alone), redrawn at most ten times a second."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._shown = 0.0
        self._last = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        self._last = (done, total)
        now = time.monotonic()
        if self.enabled and now - self._shown >= 0.1:
            self._shown = now
            self._draw()

    def _draw(self) -> None:
        done, total = self._last
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\rchecking links [{bar}] {done}/{total}")
        sys.stderr.flush()

    def close(self) -> None:
        """Show the final count and end its line."""
        if self.enabled and self._last[1]:
            self._draw()
        self.stop()

    def stop(self) -> None:
        """End the line of a count cut short (the next message starts on a line of its own)."""
        if self.enabled and self._last[1]:
            sys.stderr.write("\n")


def fails(report: Report, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)


# -v: tracebacks of internal errors (escaped or logged) are shown, not only their one line.
_VERBOSE: contextvars.ContextVar[bool] = contextvars.ContextVar("verbose", default=False)
# -q: only errors on stderr (no summary line, no progress, no warnings).
_QUIET: contextvars.ContextVar[bool] = contextvars.ContextVar("quiet", default=False)
# Whether stderr's messages are coloured (--color; auto: a terminal and no NO_COLOR).
_COLOR: contextvars.ContextVar[bool] = contextvars.ContextVar("color", default=False)
_SGR = {"error": "\033[1;31m", "warning": "\033[33m"}


def wants_color(choice: str, stream: Any, environ: Mapping[str, str]) -> bool:
    """Whether to colour ``stream``: ``always``, ``never``, or (``auto``) when it is a terminal
    and ``NO_COLOR`` is unset or empty (https://no-color.org)."""
    if choice != "auto":
        return choice == "always"
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not environ.get("NO_COLOR")


def _labelled(level: str, message: str) -> str:
    label = f"{level}:"
    if _COLOR.get() and level in _SGR:
        label = f"{_SGR[level]}{label}\033[0m"
    return f"citecheck: {label} {message}"


def say_error(message: str) -> None:
    """``citecheck: error: message`` on stderr (shown with -q too)."""
    print(_labelled("error", message), file=sys.stderr)


def say(line: str) -> None:
    """A line of news on stderr (a summary, an interruption); not with -q."""
    if not _QUIET.get():
        print(line, file=sys.stderr)


class _Said(logging.Formatter):
    """A logged message worded as the command's own: ``citecheck: warning: ...``; a logged
    traceback only with -v."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return _labelled(record.levelname.lower(), record.getMessage())

    def formatException(self, ei: Any) -> str:
        return super().formatException(ei) if _VERBOSE.get() else ""


@contextlib.contextmanager
def logged_on_stderr() -> Iterator[None]:
    """citecheck's logged warnings (a cache lost mid-audit, say) on stderr while a command runs,
    each once, as the command's other messages are."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_Said())
    handler.addFilter(lambda record: record.levelno >= logging.ERROR or not _QUIET.get())
    logger = logging.getLogger("citecheck")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    with batch_collection(), logged_on_stderr():
        return _main(argv)


def run() -> NoReturn:
    """The ``citecheck`` command: what ``main`` does, then an exit that neither restores the
    collector nor frees the objects of the audit one by one. By then the report is written and
    the cache closed; tearing the heap of a 5,000-reference audit down took ~40 ms for nothing
    (mypy ends its runs the same way)."""
    with batch_collection(restore=False), logged_on_stderr():
        code = _main(None)
    try:
        sys.stdout.flush()
    except OSError as exc:  # a closed pipe or a full disk: said, as Python's own exit would
        say_error(f"standard output: {exc.strerror or exc}")
        code = EXIT_USAGE
    sys.stderr.flush()
    os._exit(code)


def _is_corpus(args: argparse.Namespace, sources: Sequence[str]) -> bool:
    """Whether the arguments name many documents: several sources, a folder, a glob that is
    not a file's name, a titles file or a dump, or workers to share them."""
    if len(sources) > 1 or args.titles or args.dump or args.workers > 1 or args.scheduler:
        return True
    return any(
        Path(s).is_dir() or (glob.has_magic(s) and not Path(s).exists() and not _is_url(s))
        for s in sources
    )


def _audit_corpus(args: argparse.Namespace, sources: Sequence[str]) -> int:
    """``citecheck audit`` on many documents: one report each under the output folder, an
    index beside them, the exit code over them all."""
    from citecheck.corpus.index import Index, write_index
    from citecheck.corpus.inputs import from_dump, from_paths, from_titles
    from citecheck.corpus.progress import CorpusProgress
    from citecheck.corpus.run import RunSettings, ready_cache, run_serial
    from citecheck.http import CacheBackendError

    try:
        if args.output == "-":
            raise UsageError("a corpus run writes a folder of reports: give -o FOLDER")
        if args.titles and not args.wiki:
            raise UsageError("--titles needs --wiki (the wiki the titles are on)")
        if args.suggest_archives or args.title or args.oldid:
            raise UsageError("--suggest-archives, --title and --oldid are for one article")
        if args.namespace and not args.dump:
            raise UsageError("--namespace reads a --dump")
        output = Path(args.output) if args.output else DEFAULT_OUTPUT
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output}: not a folder; a corpus run writes one report per document")
        http = http_settings(args)
        settings = RunSettings(
            output=output,
            fmt=args.format,
            today=args.today,
            select=tuple(args.select),
            ignore=tuple(args.ignore),
            http=http,
            archives=tuple(args.archive),
            force=args.force,
        )
        select(args.select, args.ignore)  # an unknown code is a usage error before any work
        if http is not None:
            ready_cache(http)
    except (UsageError, SelectionError, CacheBackendError) as exc:
        say_error(str(exc))
        return EXIT_USAGE

    def items() -> Iterator[Any]:
        yield from from_paths(sources, stdin=sys.stdin, input_format=args.input_format)
        if args.titles:
            yield from from_titles(args.titles, args.wiki, _title_loader(args))
        if args.dump:
            namespaces = frozenset(args.namespace) if args.namespace else None
            yield from from_dump(args.dump, namespaces=namespaces)

    def loaded(item: Any) -> Document | str:
        try:
            document: Document = item.load()
        except LoadError as exc:
            return str(exc)
        return document

    index = Index(output, resume=args.resume)
    progress = CorpusProgress()
    progress.enabled = progress.enabled and not _QUIET.get()
    if progress.enabled and not args.dump:
        # The documents to go, for the bar and the time left: the files and titles are only
        # listed, nothing is read; a dump's pages are known only as it streams.
        progress.total = sum(1 for item in items() if item.name not in index.done)

    def done(row: dict[str, Any]) -> None:
        index.add(row)
        progress.document(row)

    documents = ((item.name, loaded(item)) for item in items() if item.name not in index.done)
    interrupted = False
    stopped: str | None = None
    try:
        if args.workers > 1 or args.scheduler:
            from citecheck.corpus.cluster import run_on_cluster

            run_on_cluster(
                documents, settings, done, workers=args.workers, scheduler=args.scheduler
            )
        else:
            run_serial(documents, settings, done)
    except KeyboardInterrupt:
        interrupted = True
    except CacheBackendError as exc:  # the cache lost where it cannot be done without
        stopped = str(exc)
    finally:
        progress.close()
        index.close()
        written = write_index(index, args.format)
    totals = index.totals
    say(
        f"citecheck: {totals.documents} documents ({totals.failed} could not be read), "
        f"{totals.references} references, {totals.findings} findings -> {written}"
    )
    if interrupted:
        say("citecheck: interrupted; the index lists the documents done")
        return EXIT_INTERRUPTED
    if stopped is not None:
        say_error(f"{stopped}; the index lists the documents done")
        return EXIT_USAGE
    if totals.documents and totals.failed == totals.documents:
        return EXIT_USAGE
    threshold = None if args.fail_on == "never" else Severity(args.fail_on).rank
    worst = [Severity(s).rank for s, n in totals.by_severity.items() if n]
    return (
        EXIT_FINDINGS
        if threshold is not None and any(w >= threshold for w in worst)
        else EXIT_CLEAN
    )


def _title_loader(args: argparse.Namespace) -> Any:
    """A wiki title -> its page as a Document, through the HTTP client (the titles file's
    loader)."""
    from citecheck.load.wiki import WikiPage, load_wiki

    settings = http_settings(args, for_links=False)

    def load_page(title: str) -> Document:
        page = WikiPage.from_parts(args.wiki, title, None)
        return load_wiki(page, settings, api_url=args.api)

    return load_page


def audit_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The ``audit`` command's own parser within ``parser``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices["audit"]
            return found
    raise LookupError("no audit command")


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments, completed from a configuration file for ``audit``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command != "audit":
        return args
    audit_args = audit_parser(parser)
    config = config_for(argv, audit_args)
    if not config.options and not config.hosts:
        return args
    # The options the command line gave: parsed once more with no defaults, so a value the file
    # sets is replaced only by one given, even when that equals the parser's default.
    saved = {id(a): a.default for a in audit_args._actions}
    given = argparse.Namespace()
    try:
        for action in audit_args._actions:
            action.default = argparse.SUPPRESS
        audit_args.parse_known_args(argv[argv.index("audit") + 1 :], given)
    finally:
        for action in audit_args._actions:
            action.default = saved[id(action)]
    for dest, value in config.options.items():
        if dest not in vars(given):
            setattr(args, dest, value)
    args.hosts = config.hosts
    args.config_path = config.path
    return args


def completion_script(shell: str) -> str:
    """A completion script for ``shell`` (bash or zsh), made from the parser's own options."""
    parser = build_parser()
    commands = {"": parser, **{name: sub for name, sub in _subcommands(parser).items()}}
    cases = []
    for name, sub in commands.items():
        words = sorted(o for a in sub._actions for o in a.option_strings)
        words += [str(c) for a in sub._actions if not a.option_strings for c in a.choices or ()]
        cases.append(f'        {name or "__top"}) opts="{" ".join(words)}" ;;')
    body = "\n".join(cases)
    script = f"""_citecheck() {{
    local cur cmd
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    cmd="${{COMP_WORDS[1]}}"
    [ "$COMP_CWORD" -le 1 ] && cmd="__top"
    case "$cmd" in
{body}
        *) opts="" ;;
    esac
    if [[ "$cur" == -* || "$cmd" == "__top" || "$cmd" == "completion" ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
"""
    if shell == "zsh":
        return (
            "autoload -U +X bashcompinit && bashcompinit\n"
            + script
            + ("complete -o default -F _citecheck citecheck\n")
        )
    return script + "complete -o default -F _citecheck citecheck\n"


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parse(argv)
    except ConfigError as exc:
        say_error(str(exc))
        return EXIT_USAGE
    _VERBOSE.set(bool(getattr(args, "verbose", False)))
    _QUIET.set(bool(getattr(args, "quiet", False)))
    _COLOR.set(wants_color(getattr(args, "color", "never"), sys.stderr, os.environ))
    if args.command == "completion":
        sys.stdout.write(completion_script(args.shell))
        return EXIT_CLEAN
    if args.command == "rules":
        sys.stdout.write(
            rules_table()
            if args.markdown
            else "".join(
                f"{r.code:24} {r.family.value:11} {r.severity.value:8} {r.summary}\n"
                for r in all_rules()
            )
        )
        return EXIT_CLEAN
    sources: list[str] = args.source or []
    if _is_corpus(args, sources):
        return _audit_corpus(args, sources)
    args.source = sources[0] if sources else None
    errors: tuple[type[BaseException], ...] = (LoadError, ParseError, SelectionError, UsageError)
    cassette_error: type[BaseException] | None = None  # known once the network stack is loaded
    progress = Progress()
    progress.enabled = progress.enabled and not _QUIET.get()
    http: HttpSettings | None = None
    try:
        if not (args.source or args.wiki):
            if args.title or args.oldid:
                raise UsageError("--title and --oldid need --wiki or a wiki page's URL")
            raise UsageError("give an article: a file, - for standard input, or a wiki URL")
        target = output_path(args)
        if target is not None:
            _check_overwrite(target, args.source, args.force)
        http = http_settings(args)
        if http is not None:
            from citecheck.archives import wayback_archive_at
            from citecheck.http import CacheBackendError, CassetteFormatError

            errors += (CacheBackendError, CassetteFormatError)
            cassette_error = CassetteFormatError
            for option, read, values in (
                ("--archive", wayback_archive_at, args.archive),
                ("--suggest-from", suggestion_archive, args.suggest_from or []),
            ):
                for value in values:
                    try:
                        read(value)
                    except ValueError as exc:
                        raise UsageError(f"{option}: {exc}") from None
        document = wiki_document(args)
        report = audit(
            document or args.source,
            today=args.today,
            input_format=args.input_format,
            select=args.select,
            ignore=args.ignore,
            http=http,
            archives=args.archive,
            suggest_archives=args.suggest_archives,
            suggest_from=args.suggest_from,
            progress=progress,
        )
        progress.close()
        text = render(report, args.format)
        if target is None:
            # Reports are UTF-8 whatever the terminal's locale says (a stream without bytes
            # underneath, as redirect_stdout gives, takes the text as it is).
            binary = getattr(sys.stdout, "buffer", None)
            sys.stdout.flush()
            if binary is None:
                sys.stdout.write(text)
            else:
                binary.write(text.encode("utf-8"))
        else:
            write_atomic(target, text)
    except errors as exc:
        where = ""
        if cassette_error is not None and isinstance(exc, cassette_error) and args.cassette:
            where = f"cassette {args.cassette}: "
        say_error(f"{where}{exc}")
        return EXIT_USAGE
    except OSError as exc:
        say_error(f"{exc.filename or ''}: {exc.strerror}")
        return EXIT_USAGE
    except sqlite3.Error as exc:  # a cache file SQLite cannot use: damaged, locked, unwritable
        from citecheck.http.cache import sqlite_path

        path = sqlite_path(http) if http is not None else None
        say_error(f"cache {path}: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        # The answers fetched so far are in the cache (closed on the way out); a report is
        # written whole or not at all, so none is.
        progress.stop()
        say("citecheck: interrupted; no report written")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: said in one line, with its own exit code, not a trace
        progress.stop()
        if args.verbose:
            traceback.print_exc()
        source = args.source or f"{args.wiki}:{args.title or args.oldid}"
        hint = "" if args.verbose else " (-v shows the traceback)"
        print(
            f"citecheck: internal error while auditing {source}: {type(exc).__name__}: {exc}{hint}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    where = "standard output" if target is None else str(target)
    say(f"citecheck: {report.summary} -> {where}")
    return EXIT_FINDINGS if fails(report, args.fail_on) else EXIT_CLEAN
