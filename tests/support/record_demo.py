"""Record the demo audit's cassette: ``python -m tests.support.record_demo [cassettes/demo]``.

Starts the demo news site and its pywb archive on fixed ports of 127.0.0.1 (the URLs in the
article name them, so a replay asks for the same URLs), writes the article, audits it with
``--record`` into the cassette folder, then replays the cassette offline and writes the
expected report that CI compares byte for byte. Needs pywb (see ``tests/support/pywb_server``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from citecheck import audit, render
from citecheck.http import HttpSettings
from citecheck.model import Report
from tests.support.demo_site import DemoSite, article_wikitext, captures
from tests.support.pywb_server import PywbArchive, find_pywb_bin

SITE_PORT = 18765
ARCHIVE_PORT = 18766
TODAY = dt.date(2026, 11, 22)
ARCHIVE_PREFIX = f"http://127.0.0.1:{ARCHIVE_PORT}/citations/"


def replay_settings(cassette: Path) -> HttpSettings:
    return HttpSettings(cassette=cassette / "http", offline=True, allow_private=True)


def replayed_demo(cassette: Path = Path("cassettes/demo")) -> Report:
    """The demo article audited offline from its cassette (a path relative to the project's
    root, as the recording names it: run from there)."""
    return audit(
        cassette / "article.wikitext",
        today=TODAY,
        http=replay_settings(cassette),
        archives=[ARCHIVE_PREFIX],
    )


def main(folder: Path) -> None:
    bin_dir = find_pywb_bin()
    if bin_dir is None:
        sys.exit(
            "pywb is not installed: python -m venv .venv-pywb && .venv-pywb/bin/pip install pywb"
        )
    if (folder / "http").exists():
        shutil.rmtree(folder / "http")
    folder.mkdir(parents=True, exist_ok=True)
    with DemoSite(SITE_PORT) as site, tempfile.TemporaryDirectory() as tmp:
        archive = PywbArchive.of(Path(tmp), captures(site.origin), bin_dir)
        archive.start(port=ARCHIVE_PORT)
        try:
            article = folder / "article.wikitext"
            article.write_text(article_wikitext(site.origin, archive.prefix), encoding="utf-8")
            record = HttpSettings(record=folder / "http", allow_private=True)
            audit(article, today=TODAY, http=record, archives=[ARCHIVE_PREFIX])
        finally:
            archive.stop()
    # The expected report comes from a replay, with both servers gone.
    replayed = audit(article, today=TODAY, http=replay_settings(folder), archives=[ARCHIVE_PREFIX])
    (folder / "report.md").write_text(render(replayed, "markdown"), encoding="utf-8")
    print(f"recorded {folder}: {replayed.summary}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "cassettes/demo"))
