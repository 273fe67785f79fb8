"""The package as a user installs it: a wheel in a fresh virtualenv, run from another folder."""

from __future__ import annotations

import site
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from .conftest import PROJECT_ROOT, SEEDS, run_in_group

pytestmark = pytest.mark.slow


def test_an_installed_wheel_runs_on_the_seeds(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(PROJECT_ROOT),
        ],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("pipeline-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "pipeline/warehouse/sql/views.sql" in names
    assert "pipeline/lexicon/data/boilerplate.toml" in names
    assert "pipeline/report/assets/report.js" in names
    assert not any(name.startswith("tests/") for name in names)

    # A fresh virtualenv holding only the wheel; the pinned dependencies are borrowed from this
    # one's site-packages (a plain path entry: its editable link to the repository is not read).
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (venv_site,) = venv.glob("lib/python*/site-packages")
    (venv_site / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import pipeline; print(pipeline.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in where  # the wheel's code, not the repository's

    result = run_in_group(
        [
            str(venv / "bin" / "pipeline"),
            "run",
            "--input",
            str(SEEDS),
            "--warehouse",
            str(tmp_path / "w"),
        ],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with duckdb.connect(str(tmp_path / "w" / "corpus.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(5,)]
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] >= 4

    # The report inlines the package's template, CSS and script: one file that loads nothing.
    report = tmp_path / "report.html"
    result = run_in_group(
        [
            *(str(venv / "bin" / "pipeline"), "report"),
            *("--warehouse", str(tmp_path / "w"), "--output", str(report)),
        ],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = report.read_text(encoding="utf-8")
    assert 'id="report-data"' in page and "chartsReady" in page and "svg.chart" in page
    assert "$" + "css" not in page and " src=" not in page and "<link" not in page
