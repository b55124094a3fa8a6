"""Configuration files: ``citecheck.toml`` or ``[tool.citecheck]`` in ``pyproject.toml``.

Found as ruff finds its own: from the working directory upward, the first folder holding a
``citecheck.toml`` (its keys at the top level) or a ``pyproject.toml`` with a ``[tool.citecheck]``
table; ``citecheck.toml`` wins within one folder. ``--config PATH`` names one, ``--no-config``
ignores them all.

A key is an option of ``citecheck audit`` by its long name (``per-host = 2``, ``fail-on =
"warning"``, ``exclude = ["^https://example\\.org/"]``), checked as the command line checks it;
the command line wins. Per-host settings sit under ``hosts``::

    [tool.citecheck.hosts."example.org"]
    headers = { Authorization = "Bearer t0ken" }
    per-host = 1          # requests in flight there
    accept = "200..299,403"
    alive = true          # taken as alive, never requested

An unknown key, or a value of the wrong kind, is a ``ConfigError`` naming the file and the key.
Relative paths are read from the file's folder.
"""

from __future__ import annotations

import argparse
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

NAMES = ("citecheck.toml", "pyproject.toml")
# Options that are about the files themselves, or say something only once.
_NOT_IN_FILES = frozenset({"help", "version", "config", "no-config"})
# Options whose values are paths: relative ones are read from the file's folder.
_PATHS = frozenset({"output", "cache", "cassette", "record", "titles", "dump"})
HOST_KEYS = ("headers", "per-host", "accept", "alive")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class HostConfig:
    """One host's table under ``hosts``."""

    headers: tuple[tuple[str, str], ...] = ()
    per_host: int | None = None
    accept: frozenset[int] | None = None
    alive: bool = False


@dataclass(frozen=True)
class Config:
    """What a configuration file says: option destinations to values, and per-host tables."""

    path: Path | None = None
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    hosts: Mapping[str, HostConfig] = field(default_factory=lambda: MappingProxyType({}))


def parse_accept(text: str) -> frozenset[int]:
    """``"200..299,403"`` as a set of statuses (lychee's syntax; ``..=`` also closes a range)."""
    codes: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        low, sep, high = part.partition("..")
        high = high.removeprefix("=")
        try:
            start, end = int(low), int(high) if sep else int(low)
        except ValueError:
            raise ValueError(f"not a status or range of statuses: {part!r}") from None
        if not (100 <= start <= end <= 999):
            raise ValueError(f"not a status or range of statuses (100-999): {part!r}")
        codes.update(range(start, end + 1))
    if not codes:
        raise ValueError(f"no status codes in {text!r}")
    return frozenset(codes)


def parse_header(text: str) -> tuple[str, str]:
    """``"Name: value"`` as a (name, value) pair."""
    name, sep, value = text.partition(":")
    if not sep or not name.strip() or any(c.isspace() for c in name.strip()):
        raise ValueError(f"not a header (Name: value): {text!r}")
    return name.strip(), value.strip()


def discover(start: Path) -> Path | None:
    """The configuration file for ``start``'s folder: the nearest one upward, or None."""
    for folder in (start, *start.parents):
        own = folder / "citecheck.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_section(pyproject):
            return pyproject
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        data = _read(pyproject)
    except ConfigError:
        return False  # a broken pyproject.toml that is not ours is not read as ours
    tool = data.get("tool")
    return isinstance(tool, dict) and "citecheck" in tool


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def table_of(path: Path) -> dict[str, Any]:
    """The citecheck table of ``path``: a ``pyproject.toml``'s ``[tool.citecheck]``, or the
    whole of any other file."""
    data = _read(path)
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    table = tool.get("citecheck", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.citecheck] is not a table")
    return table


def load(path: Path, parser: argparse.ArgumentParser) -> Config:
    """The configuration ``path`` holds, its options checked against ``parser``'s (the
    ``audit`` command's)."""
    table = table_of(path)
    section = "[tool.citecheck]" if path.name == "pyproject.toml" else ""
    where = f"{path}: {section + ' ' if section else ''}"
    actions = {_name(a): a for a in parser._actions if _name(a) not in _NOT_IN_FILES}
    options: dict[str, Any] = {}
    hosts: dict[str, HostConfig] = {}
    for key, value in table.items():
        if key == "hosts":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}hosts: not a table of hosts")
            hosts = {h.lower(): _host(where, h, t) for h, t in value.items()}
            continue
        action = actions.get(key)
        if action is None or not action.option_strings:
            raise ConfigError(f"{where}unknown key {key!r}")
        try:
            options[action.dest] = _value(action, value, path.parent if key in _PATHS else None)
        except (ValueError, TypeError, argparse.ArgumentTypeError) as exc:
            raise ConfigError(f"{where}{key}: {exc}") from None
    return Config(path, MappingProxyType(options), MappingProxyType(hosts))


def _name(action: argparse.Action) -> str:
    longs = [o for o in action.option_strings if o.startswith("--")]
    return longs[0][2:] if longs else action.dest


def _host(where: str, host: str, table: Any) -> HostConfig:
    key = f"hosts.{host}"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}{key}: not a table")
    for name in table:
        if name not in HOST_KEYS:
            raise ConfigError(f"{where}{key}: unknown key {name!r} (known: {', '.join(HOST_KEYS)})")
    headers = table.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise ConfigError(f"{where}{key}.headers: not a table of header names to strings")
    per_host = table.get("per-host")
    if per_host is not None and (type(per_host) is not int or per_host < 1):
        raise ConfigError(f"{where}{key}.per-host: not a positive whole number: {per_host!r}")
    alive = table.get("alive", False)
    if not isinstance(alive, bool):
        raise ConfigError(f"{where}{key}.alive: not true or false: {alive!r}")
    accept = None
    if "accept" in table:
        try:
            accept = parse_accept(_accept_text(table["accept"]))
        except ValueError as exc:
            raise ConfigError(f"{where}{key}.accept: {exc}") from None
    return HostConfig(tuple(sorted(headers.items())), per_host, accept, alive)


def _accept_text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"not a list of statuses: {value!r}")


def _value(action: argparse.Action, value: Any, base: Path | None) -> Any:
    """``value`` from a file, checked and converted as the command line would the option."""
    if action.nargs == 0:  # a switch: store_true and its kind
        if not isinstance(value, bool):
            raise ValueError(f"not true or false: {value!r}")
        return value if action.const is True else not value
    if isinstance(action, argparse._AppendAction):
        items = value if isinstance(value, list) else [value]
        return [_one(action, v, base) for v in items]
    if isinstance(value, list) and action.dest in ("select", "ignore"):
        value = ",".join(str(v) for v in value)
    return _one(action, value, base)


def _one(action: argparse.Action, value: Any, base: Path | None) -> Any:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"not a string or number: {value!r}")
    text = str(value)
    if base is not None and text != "-" and "://" not in text and not Path(text).is_absolute():
        # A trailing slash says "a folder" (``output = "reports/"``): kept.
        text = str(base / text) + ("/" if text.endswith(("/", "\\")) else "")
    converted = action.type(text) if callable(action.type) else text
    if action.choices is not None and converted not in action.choices:
        choices = ", ".join(map(str, action.choices))
        raise ValueError(f"{text!r} is not one of {choices}")
    return converted


def config_for(
    argv: Iterable[str], parser: argparse.ArgumentParser, cwd: Path | None = None
) -> Config:
    """The configuration the arguments ask for: ``--config PATH``, none with ``--no-config``,
    else the one found from ``cwd`` upward (an empty one when there is none)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config", type=Path)
    pre.add_argument("--no-config", action="store_true")
    known, _ = pre.parse_known_args(list(argv))
    if known.no_config:
        return Config()
    path = known.config
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: no such configuration file")
    else:
        path = discover((cwd or Path.cwd()).resolve())
    return Config() if path is None else load(path, parser)
