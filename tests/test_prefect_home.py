"""Prefect's state lives in the user's Prefect home, shared by every warehouse: a first run on a
new warehouse does not migrate a Prefect database of its own. A home that cannot be made is one
sentence and exit 2, before any server starts."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from pipeline.cli.exit_codes import ExitCode
from tests.conftest import SEEDS, run_cli


@pytest.mark.slow
def test_runs_on_two_warehouses_share_the_users_prefect_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREFECT_HOME", raising=False)  # the test session's own home
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    shutil.copytree(SEEDS, tmp_path / "input")
    for warehouse in ("first", "second"):
        result = run_cli(
            "run", "--input", str(tmp_path / "input"), "--warehouse", str(tmp_path / warehouse)
        )
        assert result.returncode == 0, result.stderr
        assert not (tmp_path / warehouse / ".prefect").exists()
    assert (tmp_path / "user" / ".prefect" / "prefect.db").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "input", "second", "user"]


def test_a_prefect_home_that_cannot_be_made_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREFECT_HOME", raising=False)
    home = tmp_path / "home-is-a-file"
    home.write_text("not a folder")
    monkeypatch.setenv("HOME", str(home))
    started = time.monotonic()
    result = run_cli("run", "--input", str(SEEDS), "--warehouse", str(tmp_path / "warehouse"))
    assert result.returncode == ExitCode.CANNOT_START, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"Prefect home folder (PREFECT_HOME) {home / '.prefect'}" in lines[0], lines[0]
    assert time.monotonic() - started < 10
