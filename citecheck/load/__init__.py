"""load: a file, standard input or literal text -> Document. The only reader of input files."""

from __future__ import annotations

import sys
from pathlib import Path

from citecheck.model import Document


class LoadError(Exception):
    """The input cannot be read. The message names the file."""


def decode(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"{origin}: not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "save the file as UTF-8"
        ) from None


def load(source: str | Path, *, input_format: str = "auto") -> Document:
    """Read a path, ``-`` (standard input), or text given directly (anything with a newline)."""
    if isinstance(source, str) and source == "-":
        return Document(decode(sys.stdin.buffer.read(), "<stdin>"), input_format, "<stdin>")
    if isinstance(source, str) and "\n" in source:
        return Document(source, input_format, "<text>")
    if isinstance(source, str) and not source.strip():
        raise LoadError("no article given (an empty path)")
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        raise LoadError(
            f"{source}: a URL; load a wiki page with citecheck.load.wiki.load_wiki (or the CLI)"
        )
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LoadError(f"{path}: is a directory, not an article") from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror})") from None
    return Document(decode(data, str(path)), input_format, str(path))
