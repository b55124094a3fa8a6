"""Headless Chromium for the HTML report's tests, and the README's screenshot.

Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) driven by selenium's
Chrome webdriver: headless, ``--no-sandbox`` (CI runs as root), a fixed window size, nothing
fetched from the network (the report is self-contained and loaded from a ``file://`` URL).

Write the screenshot the README shows (a CJK font such as Debian's ``fonts-noto-cjk`` makes the
zh, ja and ru text readable in it; without one Chromium draws boxes)::

    python -m tests.support.browser docs/report.png
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WINDOW = (1280, 900)
ROOT = Path(__file__).parents[2]
DEMO = ROOT / "cassettes" / "demo"


def missing_browser() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return (
                f"{path} is absent (Debian's chromium and chromium-driver; .ci/run installs them)"
            )
    return None


@contextlib.contextmanager
def chromium(window: tuple[int, int] = WINDOW) -> Iterator[WebDriver]:
    """A headless Chromium under chromedriver, quit when the block ends."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--window-size={window[0]},{window[1]}",
        # No request leaves the machine: the report needs none.
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
    ):
        options.add_argument(argument)
    with tempfile.TemporaryDirectory(prefix="citecheck-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(
            service=Service(executable_path=str(CHROMEDRIVER)), options=options
        )
        try:
            # The viewport itself, not the window around it, is the size asked for.
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": window[0], "height": window[1], "deviceScaleFactor": 1, "mobile": False},
            )
            yield driver
        finally:
            driver.quit()


def demo_report_html() -> str:
    """The demo cassette's article audited offline (every family, fixes, zh/ru/ja text), as the
    HTML report."""
    from citecheck import audit, render
    from tests.support.record_demo import ARCHIVE_PREFIX, TODAY, replay_settings

    with contextlib.chdir(ROOT):  # the cassette and the report name the article by this path
        report = audit(
            Path("cassettes/demo/article.wikitext"),
            today=TODAY,
            http=replay_settings(Path("cassettes/demo")),
            archives=[ARCHIVE_PREFIX],
        )
    return render(report, "html")


def screenshot(html: str, out: Path, height: int = 1000) -> None:
    """Load ``html`` from a file in headless Chromium and save a PNG of its first ``height``
    pixels to ``out``."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        with chromium((WINDOW[0], height)) as driver:
            driver.get(page.as_uri())
            out.parent.mkdir(parents=True, exist_ok=True)
            if not driver.save_screenshot(str(out)):
                raise RuntimeError(f"{out}: Chromium saved no screenshot")


def main(argv: list[str]) -> None:
    why = missing_browser()
    if why:
        sys.exit(why)
    out = Path(argv[0]) if argv else ROOT / "docs" / "report.png"
    screenshot(demo_report_html(), out)
    print(out)


if __name__ == "__main__":
    main(sys.argv[1:])
