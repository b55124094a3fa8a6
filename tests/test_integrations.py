"""CI integrations, offline: the pre-commit hook (``.pre-commit-hooks.yaml``), the GitHub Action
(``action.yml``) and the README's GitLab CI job.

Neither pre-commit nor a GitHub runner runs here, so each file is read as its tool reads it and
its commands are run as that tool would run them: the hook's ``entry`` and ``args`` with the
staged file names after them, the action's ``run`` steps with their inputs in the environment,
the GitLab job's script lines in one shell. Every run is the real ``citecheck`` in a fresh
process, replaying a cassette (no request is sent), and each must run the same ``citecheck
audit`` command the README shows.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "cassettes" / "demo"
BIN = Path(sys.executable).parent  # the venv's citecheck and python
# An article with one citation the audit calls an error (a marker naming no entry) and one of a
# book without a URL: it needs no link, so any cassette replays it.
ARTICLE = (
    "The railway opened in 1916.<ref>{{cite book |title=A history of railways |year=1998}}</ref>\n"
    "It is the longest in the world.[2]\n\n== References ==\n{{reflist}}\n"
)
CLEAN = "The railway opened in 1916.<ref>{{cite book |title=A history |year=1998}}</ref>\n\n{{reflist}}\n"


def readme_section() -> str:
    """The README's "In CI and before commits" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.find("## In CI and before commits")
    assert start >= 0, "the README has no 'In CI and before commits' section"
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def fenced(section: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)


def yaml_block(file_name: str) -> Any:
    """The README's YAML example for ``file_name`` (its first line is ``# <file_name>``)."""
    [block] = [b for b in fenced(readme_section(), "yaml") if b.startswith(f"# {file_name}\n")]
    return yaml.safe_load(block)


def readme_command() -> list[str]:
    """The one ``citecheck audit`` command the README's CI section shows."""
    [block] = fenced(readme_section(), "sh")
    [line] = [ln for ln in block.splitlines() if ln.startswith("citecheck audit")]
    return shlex.split(line)


def run(
    args: list[str], cwd: Path, env: Mapping[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),  # this checkout's citecheck, as an install of it would be
        **(env or {}),
    }
    return subprocess.run(
        args, cwd=cwd, env=environment, input=stdin, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A user's repository as the README's examples assume it: articles/ and their cassette."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "railway.wikitext").write_text(ARTICLE, encoding="utf-8")
    shutil.copytree(DEMO / "http", tmp_path / "cassettes" / "articles")
    return tmp_path


# -- pre-commit --------------------------------------------------------------------------------

# The keys pre-commit's manifest format defines for a hook (pre-commit.com, "new hooks").
MANIFEST_KEYS = {
    "id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
    "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
    "language_version", "minimum_pre_commit_version", "args", "stages",
}  # fmt: skip


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    found: dict[str, Any] = hooks[0]
    return found


def test_the_hook_is_a_python_hook_running_citecheck_audit_on_article_files() -> None:
    found = hook()
    assert set(found) <= MANIFEST_KEYS
    assert {"id", "name", "entry", "language"} <= set(found)
    assert (found["id"], found["language"]) == ("citecheck", "python")
    assert shlex.split(found["entry"])[:2] == ["citecheck", "audit"]
    assert found.get("pass_filenames", True) and found["require_serial"] is True
    files, exclude = re.compile(found["files"]), re.compile(found["exclude"])
    for name in ("articles/summit.md", "a.markdown", "page.wikitext", "b.wiki", "c.mediawiki"):
        assert files.search(name) and not exclude.search(name), name
    for name in ("setup.py", "data.json", "notes.txt", "article.md.bak"):
        assert not files.search(name), name
    assert exclude.search(".citecheck/summit.md")  # its own reports are never audited


def hook_command(args: list[str] | None, files: list[str]) -> list[str]:
    """What pre-commit runs: the entry, the args (the config's, else the hook's), the files."""
    found = hook()
    return [*shlex.split(found["entry"]), *(found["args"] if args is None else args), *files]


def test_the_hook_fails_a_commit_with_an_error_and_writes_its_report_aside(repo: Path) -> None:
    done = run(hook_command(None, ["articles/railway.wikitext"]), repo)
    assert done.returncode == 1, done.stderr
    report = (repo / ".citecheck" / "railway.md").read_text(encoding="utf-8")
    assert "`missing-reference`" in report and "not checked (no URL)" in report
    (repo / "articles" / "railway.wikitext").write_text(CLEAN, encoding="utf-8")
    again = run(hook_command(None, ["articles/railway.wikitext"]), repo)
    assert again.returncode == 0, again.stderr  # and the old report is replaced


def test_the_hook_takes_several_staged_files_in_one_run(repo: Path) -> None:
    (repo / "articles" / "clean.md").write_text(
        "The railway opened in 1916.[1]\n\n## References\n\n1. A history of railways. 1998.\n",
        encoding="utf-8",
    )
    files = ["articles/clean.md", "articles/railway.wikitext"]
    done = run(hook_command(None, files), repo)
    assert done.returncode == 1, done.stderr
    index = (repo / ".citecheck" / "index.md").read_text(encoding="utf-8")
    assert "missing-reference" in index
    assert sorted(p.name for p in (repo / ".citecheck").rglob("*.md")) == [
        "clean.md",
        "index.md",
        "railway.md",
    ]


def test_the_readme_s_pre_commit_config_uses_the_hook_with_a_cassette(repo: Path) -> None:
    config = yaml_block(".pre-commit-config.yaml")
    [entry] = config["repos"]
    [used] = entry["hooks"]
    assert used["id"] == hook()["id"]
    assert "--cassette" in used["args"]
    assert re.search(used["files"], "articles/railway.wikitext")
    done = run(hook_command(used["args"], ["articles/railway.wikitext"]), repo)
    assert done.returncode == 1, done.stderr


# -- the GitHub Action -------------------------------------------------------------------------


def action() -> dict[str, Any]:
    found: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return found


def step(name: str) -> dict[str, Any]:
    [found] = [s for s in action()["runs"]["steps"] if s.get("name") == name]
    return found


_EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def step_env(found: Mapping[str, Any], inputs: Mapping[str, str]) -> dict[str, str]:
    """The step's ``env`` as the runner sets it: ``${{ inputs.x }}`` replaced by the input."""
    values = {f"inputs.{k}": v for k, v in inputs.items()} | {"github.action_path": str(ROOT)}
    return {
        key: _EXPRESSION.sub(lambda m: values[m[1]], str(value))
        for key, value in found.get("env", {}).items()
    }


def with_defaults(given: Mapping[str, object]) -> dict[str, str]:
    declared = action()["inputs"]
    assert set(given) <= set(declared), set(given) - set(declared)
    return {k: str(given.get(k, v.get("default", ""))) for k, v in declared.items()}


def run_step(
    name: str, inputs: Mapping[str, str], cwd: Path, outputs: Path
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run one ``run`` step as the runner does (bash or python, its env), and its outputs."""
    found = step(name)
    shell = {"bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"], "python": ["python"]}
    script = outputs.parent / f"{name.replace(' ', '-')}.step"
    script.write_text(found["run"], encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    env = step_env(found, inputs) | {"GITHUB_OUTPUT": str(outputs)}
    done = run([*shell[found["shell"]], str(script)], cwd, env)
    lines = outputs.read_text(encoding="utf-8").splitlines()
    return done, dict(line.split("=", 1) for line in lines)


def test_the_action_is_composite_with_the_inputs_the_issue_asks_for() -> None:
    found = action()
    assert found["runs"]["using"] == "composite"
    assert {"paths", "format", "fail-on", "cassette", "extra-args"} <= set(found["inputs"])
    assert found["inputs"]["paths"]["required"] is True
    steps = found["runs"]["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    [upload] = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert upload["with"]["sarif_file"] == "${{ steps.merge.outputs.sarif-file }}"
    for each in steps:
        if "run" in each:
            assert each["shell"] in ("bash", "python")
            # Inputs reach scripts through env only: an input is never pasted into code.
            assert "${{" not in each["run"], each["name"]
    used = set(re.findall(r"inputs\.([\w-]+)", (ROOT / "action.yml").read_text(encoding="utf-8")))
    assert used <= set(found["inputs"])


def readme_action_inputs() -> dict[str, str]:
    workflow = yaml_block(".github/workflows/citations.yml")
    [job] = workflow["jobs"].values()
    [used] = [s for s in job["steps"] if s.get("uses", "").split("@")[0].endswith("/citecheck")]
    return with_defaults(used["with"])


def test_the_action_runs_the_readme_s_command_and_fails_only_after_the_upload(
    repo: Path, tmp_path: Path
) -> None:
    inputs = readme_action_inputs()
    outputs = tmp_path / "github-output"
    audited, said = run_step("Audit", inputs, repo, outputs)
    # The step prints the command it runs first: the README's, word for word.
    assert shlex.split(audited.stdout.splitlines()[0]) == readme_command()
    assert audited.returncode == 0, audited.stderr  # exit 1 is left for after the upload
    assert said == {"exit-code": "1"}
    merged, said = run_step("Merge the SARIF reports into one run", inputs, repo, outputs)
    assert merged.returncode == 0, merged.stderr
    assert said == {"sarif-file": "citecheck.sarif"}
    sarif = json.loads((repo / "citecheck.sarif").read_text(encoding="utf-8"))
    [one] = sarif["runs"]
    # Named from the repository's root, under the base code scanning resolves to the checkout.
    assert one["artifacts"] == [
        {"location": {"uri": "articles/railway.wikitext", "uriBaseId": "SRCROOT"}}
    ]
    assert list(one["originalUriBaseIds"]) == ["SRCROOT"]
    assert [r["ruleId"] for r in one["results"]] == ["missing-reference"]
    assert step("Fail on findings")["if"] == "steps.audit.outputs.exit-code == '1'"


def test_the_action_merges_a_corpus_into_one_run_pointing_at_each_article(
    repo: Path, tmp_path: Path
) -> None:
    (repo / "articles" / "second.wikitext").write_text(ARTICLE, encoding="utf-8")
    inputs = readme_action_inputs()
    outputs = tmp_path / "github-output"
    audited, said = run_step("Audit", inputs, repo, outputs)
    assert audited.returncode == 0 and said == {"exit-code": "1"}, audited.stderr
    run_step("Merge the SARIF reports into one run", inputs, repo, outputs)
    [one] = json.loads((repo / "citecheck.sarif").read_text(encoding="utf-8"))["runs"]
    uris = [a["location"]["uri"] for a in one["artifacts"]]
    assert sorted(uris) == ["articles/railway.wikitext", "articles/second.wikitext"]
    pointed = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in one["results"]]
    assert len(pointed) == 2
    for where in pointed:
        assert uris[where["index"]] == where["uri"]


def test_the_action_replays_a_cassette_offline_to_the_recorded_findings(tmp_path: Path) -> None:
    # The demo cassette (cassettes/demo): its links were recorded on 127.0.0.1, hence
    # --allow-private; a replay sends nothing.
    inputs = with_defaults(
        {
            "paths": "cassettes/demo/article.wikitext",
            "cassette": "cassettes/demo/http",
            "extra-args": "--allow-private --today 2026-11-22",
            "output": str(tmp_path / "reports"),
            "sarif-file": str(tmp_path / "citecheck.sarif"),
        }
    )
    outputs = tmp_path / "github-output"
    audited, said = run_step("Audit", inputs, ROOT, outputs)
    assert audited.returncode == 0 and said == {"exit-code": "1"}, audited.stderr
    run_step("Merge the SARIF reports into one run", inputs, ROOT, outputs)
    [one] = json.loads((tmp_path / "citecheck.sarif").read_text(encoding="utf-8"))["runs"]
    recorded = (DEMO / "report.md").read_text(encoding="utf-8")
    count = re.search(r"(\d+) findings\.", recorded)
    assert count is not None and len(one["results"]) == int(count[1])
    assert {"dead-url", "dead-archive", "title-mismatch"} <= {r["ruleId"] for r in one["results"]}


def test_a_bad_input_fails_the_audit_step_at_once(repo: Path, tmp_path: Path) -> None:
    inputs = with_defaults({"paths": "articles/", "cassette": "cassettes/none"})
    audited, said = run_step("Audit", inputs, repo, tmp_path / "github-output")
    assert audited.returncode == 2 and said == {"exit-code": "2"}
    assert "no such cassette folder" in audited.stderr


# -- GitLab CI ---------------------------------------------------------------------------------


def test_the_readme_s_gitlab_job_writes_a_code_quality_report_and_fails_on_errors(
    repo: Path,
) -> None:
    job = yaml_block(".gitlab-ci.yml")["citecheck"]
    install, audit, *rest = job["script"]
    assert install.startswith("python -m pip install")  # the one line that needs the network
    assert shlex.split(audit.split("||")[0]) == readme_command()
    # GitLab runs a job's script lines in one shell that stops at the first failing line.
    script = "\n".join(["set -eo pipefail", audit, *rest])
    done = run(["bash", "-c", script], repo)
    assert done.returncode == 1, done.stderr
    report = job["artifacts"]["reports"]["codequality"]
    issues = json.loads((repo / report).read_text(encoding="utf-8"))
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues] == [
        ("missing-reference", "major", "articles/railway.wikitext")
    ]
    assert issues[0]["location"]["lines"]["begin"] == 2
    assert len(issues[0]["fingerprint"]) == 64
    assert job["artifacts"]["when"] == "always"
    assert (repo / job["artifacts"]["paths"][0]).is_dir()
