"""The code base stays ruff- and mypy-clean: checked in the test run so CI enforces it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", *(d for d in ("citecheck", "tests", "bench")
                                                  if (ROOT / d).is_dir())],
        [sys.executable, "-m", "mypy", "citecheck"],
    ],
    ids=["ruff", "mypy"],
)
def test_static_checks_pass(command: list[str]) -> None:
    if shutil.which(command[0]) is None:  # pragma: no cover
        pytest.skip("interpreter not found")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
