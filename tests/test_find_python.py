"""The Python 3.10 discovery script used by the Makefile."""

import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "find-python310.sh"


def run_script(env_overrides, tmp_path):
    # A PATH with only the tools the script needs, so no system python3.10 leaks in.
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    for tool in ("ls", "sort", "cat"):
        if not (tools / tool).exists():
            (tools / tool).symlink_to(shutil.which(tool))
    env = {"PATH": str(tools), "HOME": str(tmp_path)}
    env.update(env_overrides)
    return subprocess.run([shutil.which("bash"), str(SCRIPT)], env=env, capture_output=True, text=True)


def make_fake_python(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    major, minor = version.split(".")[:2]
    path.write_text(
        "#!/bin/sh\n"
        f"exec {sys.executable} -c 'import sys; sys.exit(0 if ({major}, {minor}) == (3, 10) else 1)'\n"
    )
    path.chmod(0o755)
    return path


def test_finds_pyenv_installed_310(tmp_path):
    python = make_fake_python(tmp_path / "pyenv" / "versions" / "3.10.9" / "bin" / "python", "3.10")
    make_fake_python(tmp_path / "pyenv" / "versions" / "3.11.7" / "bin" / "python", "3.11")
    result = run_script({"PYENV_ROOT": str(tmp_path / "pyenv")}, tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == str(python)


def test_missing_python_says_what_to_install(tmp_path):
    result = run_script({"PYENV_ROOT": str(tmp_path / "no-pyenv")}, tmp_path)
    assert result.returncode == 1
    assert "Python 3.10" in result.stderr
    assert "pyenv install 3.10" in result.stderr


def test_explicit_interpreter_must_be_310(tmp_path):
    wrong = make_fake_python(tmp_path / "py311", "3.11")
    result = run_script({"PYTHON310": str(wrong), "PYENV_ROOT": str(tmp_path)}, tmp_path)
    assert result.returncode == 1
    assert "ikke en Python 3.10" in result.stderr
