"""Configuration files as a user meets them: found from the working directory upward, the
command line winning, mistakes named by file and key; and the command's loudness (-q, colour)
and shell completion."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from citecheck.cli import (
    _parse,
    audit_parser,
    build_parser,
    completion_script,
    host_policies,
    main,
    wants_color,
)
from citecheck.config import ConfigError, HostConfig, discover, load, parse_accept, parse_header

CLEAN = "Body.[1]\nReferences\n- ^ Cats. Cat Times. 2020-01-01 [2020-02-02]. (原始内容存档于2020-03-03) (英语).\n"
# A missing archive is a warning: --fail-on tells whether it fails the run.
NO_ARCHIVE = "Body.[1]\nReferences\n- ^ Cats. Cat Times. 2020-01-01 [2020-02-02]. (英语).\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with an article in a nested folder, the working directory there."""
    nested = tmp_path / "docs" / "deep"
    nested.mkdir(parents=True)
    (nested / "clean.txt").write_text(CLEAN, "utf-8")
    (nested / "warn.txt").write_text(NO_ARCHIVE, "utf-8")
    monkeypatch.chdir(nested)
    return tmp_path


def audit(*args: str) -> int:
    return main(["audit", *args, "--today", "2026-11-22", "--no-network"])


def test_a_pyproject_table_is_found_from_a_nested_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.citecheck]\nformat = "json"\noutput = "-"\n', "utf-8"
    )
    assert audit("clean.txt") == 0
    assert capsys.readouterr().out.startswith('{\n  "citecheck": ')


def test_the_nearest_file_wins_and_citecheck_toml_before_pyproject(project: Path) -> None:
    deep = project / "docs" / "deep"
    (project / "citecheck.toml").write_text('format = "json"\n', "utf-8")
    (project / "docs" / "pyproject.toml").write_text('[tool.citecheck]\nformat = "sarif"\n')
    assert discover(deep) == project / "docs" / "pyproject.toml"
    (project / "docs" / "citecheck.toml").write_text('format = "markdown"\n', "utf-8")
    assert discover(deep) == project / "docs" / "citecheck.toml"


def test_a_pyproject_without_the_table_is_passed_by(project: Path) -> None:
    (project / "docs" / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    (project / "citecheck.toml").write_text('format = "json"\n', "utf-8")
    assert discover(project / "docs" / "deep") == project / "citecheck.toml"


def test_the_command_line_wins_over_the_file(project: Path) -> None:
    (project / "citecheck.toml").write_text('fail-on = "warning"\noutput = "-"\n', "utf-8")
    assert audit("warn.txt") == 1  # the file's fail-on
    assert audit("warn.txt", "--fail-on", "never") == 0  # the command line's


def test_a_list_on_the_command_line_replaces_the_files(tmp_path: Path) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text('exclude = ["a"]\nheader = ["X-A: 1"]\n', "utf-8")
    given = _parse(["audit", "x.txt", "--config", str(path)])
    assert (given.exclude, given.header) == (["a"], [("X-A", "1")])
    given = _parse(["audit", "x.txt", "--config", str(path), "--exclude", "b"])
    assert (given.exclude, given.header) == (["b"], [("X-A", "1")])


def test_options_in_the_file_are_checked_as_the_command_line_checks_them(tmp_path: Path) -> None:
    parser = audit_parser(build_parser())
    path = tmp_path / "citecheck.toml"
    path.write_text(
        'per-host = 2\nexclude = ["^https://ads\\\\."]\nno-network = true\n'
        'select = ["dead", "missing"]\naccept = "200..299,403"\nheader = ["X-A: 1"]\n'
        'cache = "here.sqlite"\n[hosts."Example.org"]\nper-host = 1\nalive = true\n'
        'accept = [200, 403]\nheaders = { X-B = "2" }\n',
        "utf-8",
    )
    config = load(path, parser)
    assert config.options["per_host"] == 2
    assert config.options["exclude"] == ["^https://ads\\."]
    assert config.options["no_network"] is True
    assert config.options["select"] == ["dead", "missing"]
    assert config.options["accept"] == frozenset({*range(200, 300), 403})
    assert config.options["header"] == [("X-A", "1")]
    assert config.options["cache"] == str(tmp_path / "here.sqlite")  # from the file's folder
    host = config.hosts["example.org"]
    assert (host.per_host, host.alive, host.accept, host.headers) == (
        1,
        True,
        frozenset({200, 403}),
        (("X-B", "2"),),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bogus = 1\n", "[tool.citecheck] unknown key 'bogus'"),
        ("per-host = 0\n", "[tool.citecheck] per-host: not a positive whole number: '0'"),
        ('format = "pdf"\n', "[tool.citecheck] format: 'pdf' is not one of"),
        ('no-network = "yes"\n', "[tool.citecheck] no-network: not true or false"),
        ('exclude = ["("]\n', "[tool.citecheck] exclude: not a regular expression"),
        (
            '[tool.citecheck.hosts."a.org"]\nspeed = 3\n',
            "[tool.citecheck] hosts.a.org: unknown key 'speed'",
        ),
        ('[tool.citecheck.hosts."a.org"]\naccept = "2xx"\n', "hosts.a.org.accept: not a status"),
        ("version = true\n", "[tool.citecheck] unknown key 'version'"),
    ],
)
def test_a_mistake_in_the_file_is_one_line_naming_file_and_key_and_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    (project / "pyproject.toml").write_text("[tool.citecheck]\n" + text, "utf-8")
    assert audit("clean.txt") == 2
    err = capsys.readouterr().err
    assert err == f"citecheck: error: {project / 'pyproject.toml'}: {err.split(': ', 3)[3]}"
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_broken_toml_is_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "citecheck.toml").write_text("format = \n", "utf-8")
    assert audit("clean.txt") == 2
    assert f"{project / 'citecheck.toml'}: not valid TOML" in capsys.readouterr().err


def test_no_config_ignores_the_files_and_config_names_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "citecheck.toml").write_text("bogus = 1\n", "utf-8")
    assert audit("clean.txt", "--no-config", "-o", "-") == 0
    other = project / "other.toml"
    other.write_text('format = "json"\noutput = "-"\n', "utf-8")
    capsys.readouterr()
    assert audit("clean.txt", "--config", str(other)) == 0
    assert capsys.readouterr().out.startswith('{\n  "citecheck": ')
    assert audit("clean.txt", "--config", str(project / "absent.toml")) == 2
    assert "absent.toml: no such configuration file" in capsys.readouterr().err


def test_quiet_leaves_only_errors_on_stderr(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert audit("clean.txt", "-o", "-", "--no-config") == 0
    assert "1 reference, 1 claim" in capsys.readouterr().err  # the summary line
    assert audit("clean.txt", "-o", "-", "-q", "--no-config") == 0
    assert capsys.readouterr().err == ""
    assert audit("absent.txt", "-o", "-", "-q", "--no-config") == 2
    assert capsys.readouterr().err.startswith("citecheck: error: ")


def test_verbose_and_quiet_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        audit("clean.txt", "-q", "-v")
    assert stopped.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_on_a_terminal_unless_no_color() -> None:
    assert wants_color("auto", _Terminal(), {})
    assert not wants_color("auto", _Terminal(), {"NO_COLOR": "1"})
    assert wants_color("auto", _Terminal(), {"NO_COLOR": ""})  # set but empty: no effect
    assert not wants_color("auto", io.StringIO(), {})
    assert wants_color("always", io.StringIO(), {"NO_COLOR": "1"})
    assert not wants_color("never", _Terminal(), {})


def test_colour_always_marks_the_error_label(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert audit("absent.txt", "--color", "always", "--no-config") == 2
    assert capsys.readouterr().err.startswith("citecheck: \033[1;31merror:\033[0m ")
    assert audit("absent.txt", "--no-config") == 2  # not a terminal: plain
    assert capsys.readouterr().err.startswith("citecheck: error: ")


def test_accept_and_header_values_are_read_as_lychee_writes_them() -> None:
    assert parse_accept("200..299, 403") == frozenset({*range(200, 300), 403})
    assert parse_accept("200..=204") == frozenset(range(200, 205))
    assert parse_header("X-Name:  a: b ") == ("X-Name", "a: b")
    for bad in ("", "abc", "300..200", "99"):
        with pytest.raises(ValueError):
            parse_accept(bad)
    with pytest.raises(ValueError):
        parse_header("no colon")


def test_bad_filter_values_on_the_command_line_are_usage_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for args, said in (
        (["--exclude", "("], "not a regular expression"),
        (["--accept", "ok"], "not a status"),
        (["--header", "X"], "not a header"),
        (["--max-retries", "-1"], "not a whole number"),
    ):
        with pytest.raises(SystemExit):
            audit("clean.txt", *args)
        assert said in capsys.readouterr().err


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_scripts_name_every_option_and_are_valid_shell(
    shell: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert script == completion_script(shell)
    for option in ("--exclude", "--accept", "--no-config", "--quiet", "--markdown"):
        assert option in script
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed")
    (tmp_path / "c.sh").write_text(script, "utf-8")
    checked = subprocess.run([program, "-n", str(tmp_path / "c.sh")], capture_output=True)
    assert checked.returncode == 0, checked.stderr


def test_config_errors_are_exceptions_with_the_path(tmp_path: Path) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text('[hosts]\n"a.org" = 3\n', "utf-8")
    with pytest.raises(ConfigError, match=r"citecheck\.toml: hosts\.a\.org: not a table"):
        load(path, audit_parser(build_parser()))


def test_a_configured_archive_host_keeps_its_built_in_limits_unless_per_host_is_set() -> None:
    tables = {
        "web.archive.org": HostConfig(headers=(("X-A", "1"),)),
        "example.org": HostConfig(alive=True),
        "news.example": HostConfig(per_host=1),
    }
    policies = host_policies(tables, per_host=4)
    wayback = policies["web.archive.org"]
    assert wayback.min_interval > 0 and wayback.concurrency < 4  # still spaced out
    assert wayback.headers == (("X-A", "1"),)
    assert (policies["example.org"].concurrency, policies["example.org"].alive) == (4, True)
    assert policies["news.example"].concurrency == 1
    tables["web.archive.org"] = HostConfig(per_host=8)
    assert host_policies(tables, per_host=4)["web.archive.org"].concurrency == 8


def test_bash_completes_options_subcommands_and_shells(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    (tmp_path / "c.sh").write_text(completion_script("bash"), "utf-8")
    asked = (
        f"source {tmp_path / 'c.sh'}\n"
        'ask() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _citecheck; echo "${COMPREPLY[*]}"; }\n'
        "ask citecheck au\nask citecheck audit --exc\nask citecheck completion z\n"
    )
    done = subprocess.run([bash, "-c", asked], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["audit", "--exclude", "zsh"]
