"""citecheck as a library: ``audit`` inside a running event loop (Jupyter, an async web app),
``aaudit`` awaited, the public names documented, typed for type checkers, and report files
written with the mode the umask gives."""

from __future__ import annotations

import asyncio
import functools
import inspect
import os
import pydoc
import socket
import stat
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import citecheck
from citecheck import Report, aaudit, audit, render
from citecheck.report import current_umask, open_atomic, write_atomic
from tests.support.http_settings import fast_settings
from tests.support.record_demo import ARCHIVE_PREFIX, TODAY, replay_settings
from tests.support.static_site import StaticSite

ROOT = Path(__file__).parents[1]
CASSETTE = Path("cassettes/demo")
SEED = ROOT / "tests/data/articles/zhwiki-2023-north-korea-russia-summit.txt"


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The demo cassette's audit arguments, replayed with every connection refused."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the replay tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.chdir(ROOT)
    return {
        "source": CASSETTE / "article.wikitext",
        "today": TODAY,
        "http": replay_settings(CASSETTE),
        "archives": [ARCHIVE_PREFIX],
    }


def recorded_demo_report() -> str:
    return (ROOT / CASSETTE / "report.md").read_text(encoding="utf-8")


# -- audit inside a running event loop, and aaudit ------------------------------------------


def test_audit_with_link_checks_works_inside_a_running_loop(demo: dict[str, Any]) -> None:
    async def handler() -> Report:  # as an async web app's handler, or a Jupyter cell, calls it
        return audit(**demo)

    report = asyncio.run(handler())
    assert render(report, "markdown") == recorded_demo_report()


def test_audit_without_the_network_works_inside_a_running_loop() -> None:
    async def handler() -> Report:
        return audit(SEED, today=TODAY)

    assert render(asyncio.run(handler()), "json") == render(audit(SEED, today=TODAY), "json")


def test_aaudit_awaited_gives_the_report_audit_gives(demo: dict[str, Any]) -> None:
    report = asyncio.run(aaudit(**demo))
    assert render(report, "markdown") == recorded_demo_report()
    assert report.links and "not-recorded" not in report.links.values()


def test_aaudit_without_the_network_is_the_structural_audit() -> None:
    report = asyncio.run(aaudit(SEED, today=TODAY))
    assert report.links == {}
    assert render(report, "json") == render(audit(SEED, today=TODAY), "json")


def test_aaudit_checks_links_on_the_callers_loop_and_audit_in_a_loop_on_a_thread_of_its_own(
    demo: dict[str, Any],
) -> None:
    seen: dict[str, set[str]] = {"aaudit": set(), "audit": set()}

    async def run() -> str:
        await aaudit(
            **demo, progress=lambda *_: seen["aaudit"].add(threading.current_thread().name)
        )
        audit(**demo, progress=lambda *_: seen["audit"].add(threading.current_thread().name))
        return threading.current_thread().name

    caller = asyncio.run(run())
    assert seen["aaudit"] == {caller}
    assert seen["audit"] and caller not in seen["audit"]


def test_other_tasks_run_while_aaudit_waits_for_the_network() -> None:
    page = (200, {"Content-Type": "text/html"}, b"<html><title>Slow</title><p>Slow.</p></html>")
    with StaticSite({"/slow": page}, latency=0.5) as site:
        article = f"A claim.[1]\n\n## References\n\n1. [Slow]({site.origin}/slow). 2023.\n"

        async def run() -> tuple[Report, int]:
            ticks = 0

            async def tick() -> None:
                nonlocal ticks
                while True:
                    await asyncio.sleep(0.01)
                    ticks += 1

            ticker = asyncio.create_task(tick())
            report = await aaudit(article, today=TODAY, http=fast_settings(timeout=5.0))
            ticker.cancel()
            return report, ticks

        report, ticks = asyncio.run(run())
    assert report.links == {f"{site.origin}/slow": "alive"}
    assert ticks >= 10  # half a second of waiting on the server, in 10 ms ticks


def test_aaudit_takes_what_audit_takes() -> None:
    assert inspect.iscoroutinefunction(aaudit)
    assert inspect.signature(aaudit) == inspect.signature(audit)


def test_errors_reach_the_caller_from_the_worker_thread(demo: dict[str, Any]) -> None:
    async def handler() -> Report:
        return audit(**{**demo, "select": ["no-such-rule"]})

    with pytest.raises(citecheck.SelectionError, match="no-such-rule"):
        asyncio.run(handler())


# -- documented and typed -------------------------------------------------------------------


def public_names() -> Iterator[tuple[str, Any]]:
    """Every name of ``citecheck.__all__`` and the public methods and properties its classes
    define themselves."""
    for name in citecheck.__all__:
        if name == "__version__":
            continue
        obj = getattr(citecheck, name)
        yield name, obj
        if not inspect.isclass(obj):
            continue
        for attr, value in vars(obj).items():
            if attr.startswith("_"):
                continue
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            elif isinstance(value, property):
                value = value.fget
            elif isinstance(value, functools.cached_property):
                value = value.func
            if inspect.isfunction(value):
                yield f"{name}.{attr}", value


def test_every_public_function_class_and_method_has_a_docstring() -> None:
    # The object's own docstring: a class inheriting its base's ("An enumeration.") has none.
    undocumented = [name for name, obj in public_names() if not (obj.__doc__ or "").strip()]
    assert undocumented == []


def test_the_check_sees_methods_and_properties() -> None:
    names = dict(public_names())
    assert {"Report.summary", "Report.checked_links", "PartialDate.iso", "Severity.rank"} <= set(
        names
    )


def test_help_lists_render_and_both_entry_points() -> None:
    text = pydoc.render_doc(citecheck, renderer=pydoc.plaintext)
    functions = text.split("FUNCTIONS", 1)[1].split("DATA", 1)[0]
    for line in ("async aaudit(", "audit(", "render("):
        assert f"\n    {line}" in functions, line
    assert "render" in dir(citecheck)


def test_the_package_says_it_is_typed() -> None:
    assert (ROOT / "citecheck" / "py.typed").is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = pyproject["tool"]["setuptools"]["package-data"]["citecheck"]
    assert {"py.typed", "report/schema.json"} <= set(data)


# -- report files get the umask's mode ------------------------------------------------------


@pytest.fixture
def umask() -> Iterator[None]:
    saved = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(saved)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_report_file_gets_the_mode_the_umask_gives(
    umask: None, tmp_path: Path, mask: int, mode: int
) -> None:
    os.umask(mask)
    assert current_umask() == mask
    target = tmp_path / "report.md"
    write_atomic(target, "one")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    with open_atomic(tmp_path / "index.jsonl") as out:
        out.write("{}\n")
    assert stat.S_IMODE((tmp_path / "index.jsonl").stat().st_mode) == mode


def test_replacing_a_file_gives_the_new_file_the_umasks_mode_too(
    umask: None, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    os.umask(0o077)
    write_atomic(target, "old")
    os.umask(0o022)
    write_atomic(target, "new")
    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("new", 0o644)
    assert current_umask() == 0o022  # reading it left it as it was
