"""The commands that hand the corpus on or show it: `export`, `show`, the SQL prompt on a real
pseudo-terminal, and `sql --format json`. All run as a user runs them, on the seeds warehouse."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pexpect
import pyarrow.parquet as pq
import pytest

from pipeline.cli.export import comment_header, file_name, render_markdown, render_text

from .conftest import PROJECT_ROOT, run_cli

SAFE_NAME = re.compile(r"^[\w.-]+$")


def export(warehouse: Path, output: Path, fmt: str, *more: str) -> Any:
    return run_cli(
        "export", "--warehouse", str(warehouse), "--format", fmt, "--output", str(output), *more
    )


def query(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_export_jsonl_has_every_article_with_its_body_and_comments(
    seeds_warehouse: Path, tmp_path: Path
) -> None:
    before = snapshot(seeds_warehouse)
    result = export(seeds_warehouse, tmp_path / "out", "jsonl")
    assert result.returncode == 0, result.stderr
    assert "Exported 5 documents (27 comments) as jsonl" in result.stdout
    assert os.listdir(tmp_path / "out") == ["documents.jsonl"]
    text = (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8")
    assert "Détente" in text and "\\u00e9" not in text  # letters as they are
    records = {r["path"]: r for r in map(json.loads, text.splitlines())}
    articles = {
        p: (b, n) for p, b, n in query(seeds_warehouse, "SELECT path, body, n_words FROM articles")
    }
    bodies = {path: body for path, (body, _) in articles.items()}
    n_comments = dict(query(seeds_warehouse, "SELECT path, count(*) FROM comments GROUP BY ALL"))
    assert set(records) == set(bodies) | set(n_comments)  # articles and the page of comments
    for path, record in records.items():
        assert (record["body"], record["n_words"]) == articles.get(path, (None, None))
        assert len(record["comments"]) == n_comments.get(path, 0)
    article = records["004_56c8ff8a2d7459da.txt"]
    assert article["published"] == "2019-05-21" and article["outlet"] == "New Eastern Outlook"
    thread = records["002_927b3801c86831b4.txt"]
    seqs = [c["seq"] for c in thread["comments"]]
    assert len(seqs) == 27 and seqs == sorted(seqs)  # in page order
    assert set(thread["comments"][0]) == {
        "seq", "author", "posted", "posted_at", "depth", "parent_seq", "text"
    }  # fmt: skip
    assert snapshot(seeds_warehouse) == before  # nothing written beside the output


def test_export_parquet_holds_the_same_records(seeds_warehouse: Path, tmp_path: Path) -> None:
    assert export(seeds_warehouse, tmp_path / "j", "jsonl").returncode == 0
    result = export(seeds_warehouse, tmp_path / "p", "parquet")
    assert result.returncode == 0, result.stderr
    table = pq.read_table(tmp_path / "p" / "documents.parquet")
    lines = (tmp_path / "j" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    from_json = sorted((r["path"], r["body"], len(r["comments"])) for r in map(json.loads, lines))
    rows = table.to_pylist()
    assert sorted((r["path"], r["body"], len(r["comments"])) for r in rows) == from_json
    assert table.schema.field("published").type == "date32[day]"
    assert not list((tmp_path / "p").glob(".*"))  # no part file left


@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", ".md"), ("txt", ".txt")])
def test_export_writes_one_safe_file_per_document(
    seeds_warehouse: Path, tmp_path: Path, fmt: str, suffix: str
) -> None:
    result = export(seeds_warehouse, tmp_path / "out", fmt)
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == 5 and all(SAFE_NAME.match(f.name) and f.suffix == suffix for f in files)
    article = next(f for f in files if f.name.startswith("004_"))
    content = article.read_text(encoding="utf-8")
    (title,) = query(
        seeds_warehouse, "SELECT title FROM documents WHERE path = '004_56c8ff8a2d7459da.txt'"
    )[0]
    assert title in content and "2019-05-21" in content and "New Eastern Outlook" in content
    thread = next(f for f in files if f.name.startswith("002_")).read_text(encoding="utf-8")
    assert "Comment 27" in thread and "Comment 28" not in thread


def test_export_where_selects_documents_and_a_bad_condition_writes_nothing(
    seeds_warehouse: Path, tmp_path: Path
) -> None:
    only_threads = export(seeds_warehouse, tmp_path / "a", "jsonl", "--where", "kind = 'comments'")
    assert only_threads.returncode == 0, only_threads.stderr
    lines = (tmp_path / "a" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["kind"] for line in lines] == ["comments"]
    dated = export(
        seeds_warehouse, tmp_path / "b", "txt", "--where", "published >= DATE '2019-01-01'"
    )
    assert dated.returncode == 0 and len(list((tmp_path / "b").iterdir())) == 1
    bad = export(seeds_warehouse, tmp_path / "c", "jsonl", "--where", "no_such_column = 1")
    assert bad.returncode == 1 and "no_such_column" in bad.stderr
    assert not (tmp_path / "c").exists()


def test_export_refuses_a_folder_that_holds_files(seeds_warehouse: Path, tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text("another export", encoding="utf-8")
    result = export(seeds_warehouse, tmp_path, "markdown")
    assert result.returncode == 2 and "not a new or empty folder" in result.stderr
    assert os.listdir(tmp_path) == ["old.md"]
    missing = export(tmp_path / "nowhere", tmp_path / "out", "jsonl")
    assert missing.returncode == 2 and "no warehouse" in missing.stderr


def test_file_names_are_safe_short_and_unique() -> None:
    paths = ["a b.txt", "a_b.txt", "a/b.txt", "../../etc/passwd", "Été/déjà vu.html", "x" * 600]
    names = [file_name(path, ".md") for path in paths]
    assert len(set(names)) == len(names)
    assert all(SAFE_NAME.match(n) and len(n.encode()) <= 160 for n in names)
    assert names[4].startswith("Été_déjà_vu-") and names[3].startswith("etc_passwd-")


def test_comments_are_rendered_with_author_time_and_depth(seeds_warehouse: Path) -> None:
    """The seeds' comments show no author: one as a page would show it, replied to."""
    first = {"seq": 0, "author": "Gisela W.", "posted": date(2023, 3, 14), "depth": 0}
    first |= {"posted_at": datetime(2023, 3, 14, 10, 12), "parent_seq": None, "text": "Danke."}
    reply = {"seq": 4, "author": None, "posted": date(2023, 3, 15), "posted_at": None}
    reply |= {"depth": 1, "parent_seq": 0, "text": "Gern!\nSecond line."}
    assert comment_header(1, first) == "Comment 1 by Gisela W. · 2023-03-14 10:12"
    assert comment_header(2, reply) == "Comment 2 · 2023-03-15"
    record = {"doc_id": "d", "path": "p.txt", "url": None, "kind": "article_with_comments"}
    record |= {"title": "Märzbecher", "authors": ["A"], "published": date(2023, 3, 13)}
    record |= {"outlet": "O", "language": "de", "n_words": 2, "body": "Body text."}
    record["comments"] = [first, reply]
    markdown = render_markdown(record)
    assert 'title: "Märzbecher"' in markdown and 'published: "2023-03-13"' in markdown
    assert "**Comment 1 by Gisela W. · 2023-03-14 10:12**\n\nDanke." in markdown
    assert "> **Comment 2 · 2023-03-15**\n>\n> Gern!\n> Second line." in markdown
    text = render_text(record)
    assert text.startswith("Märzbecher\n\nAuthors: A\nPublished: 2023-03-13\n")
    assert "--- Comment 2 · 2023-03-15\nGern!" in text


def show(warehouse: Path, *args: str) -> Any:
    return run_cli("show", "--warehouse", str(warehouse), *args)


def test_show_prints_metadata_then_every_line_with_its_role(seeds_warehouse: Path) -> None:
    result = show(seeds_warehouse, "004_56c8ff8a2d7459da.txt")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout  # not a terminal: plain
    lines = result.stdout.splitlines()
    assert lines[0] == "004_56c8ff8a2d7459da.txt"
    assert "  published  2019-05-21" in lines and "  outlet     New Eastern Outlook" in lines
    shown = [
        (int(m[1]), m[2], m[3])
        for m in (re.match(r"^\s*(\d+)  (\w+) +(.*)$", line) for line in lines)
        if m
    ]
    stored = query(
        seeds_warehouse,
        "SELECT line_start, role, text FROM blocks "
        "WHERE path = '004_56c8ff8a2d7459da.txt' ORDER BY seq",
    )
    assert shown == stored


def test_show_filters_roles_and_heads_each_comment(seeds_warehouse: Path) -> None:
    result = show(seeds_warehouse, "002_927b3801c86831b4.txt", "--role", "comment")
    assert result.returncode == 0, result.stderr
    headers = [line.strip() for line in result.stdout.splitlines() if "── Comment" in line]
    assert headers == [f"── Comment {n}" for n in range(1, 28)]
    roles = {line.split()[1] for line in result.stdout.splitlines() if re.match(r"^\s+\d+  ", line)}
    assert roles == {"comment"}


def test_show_finds_a_page_by_its_input_path_and_suggests_close_ones(
    seeds_warehouse: Path,
) -> None:
    by_file = show(
        seeds_warehouse, str(seeds_warehouse.parent / "input" / "001_4bddaa00886f44ec.txt")
    )
    assert by_file.returncode == 0 and by_file.stdout.startswith("001_4bddaa00886f44ec.txt\n")
    typo = show(seeds_warehouse, "001_4bddaa00886f44ce.txt")
    assert typo.returncode == 1 and not typo.stdout
    assert typo.stderr.splitlines()[:2] == [
        f"error: no document '001_4bddaa00886f44ce.txt' in {seeds_warehouse}. Close matches:",
        "  001_4bddaa00886f44ec.txt",
    ]


def spawn(*args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "pipeline", *args],
        env={**os.environ, **(env or {})},
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 140),
    )


def test_show_colours_roles_on_a_terminal_unless_no_color(seeds_warehouse: Path) -> None:
    args = ("show", "--warehouse", str(seeds_warehouse), "004_56c8ff8a2d7459da.txt")
    coloured = spawn(*args)
    coloured.expect(pexpect.EOF)
    assert "\x1b[1;33mtitle" in coloured.before and "\x1b[2mboilerplate" in coloured.before
    plain = spawn(*args, env={"NO_COLOR": "1"})
    plain.expect(pexpect.EOF)
    assert "title" in plain.before and "\x1b[" not in plain.before


def test_sql_prompt_on_a_terminal(seeds_warehouse: Path) -> None:
    """Continuation lines, Ctrl-C dropping a statement, a dot-command under unfinished SQL,
    Up recalling a whole statement, Ctrl-C cancelling a running query, .quit under SQL."""
    prompt = spawn("sql", "--interactive", "--warehouse", str(seeds_warehouse))
    prompt.expect_exact("sql>")
    prompt.send("SELECT 1 AS one,\r")
    prompt.expect_exact("...>")
    prompt.send("  2 AS two;\r")
    prompt.expect(r"│\s+1 │\s+2 │")
    prompt.expect_exact("sql>")
    prompt.send("SELECT 'dropped'\r")
    prompt.expect_exact("...>")
    prompt.send("\x03")  # Ctrl-C: the statement is dropped
    prompt.expect_exact("sql>")
    prompt.send("SELECT 5 AS x\r")
    prompt.expect_exact("...>")
    prompt.send(".tables\r")  # runs at once; `SELECT 5 AS x` comes back to be finished
    prompt.expect(r"views: articles, boilerplate_lines, comments")
    prompt.expect(r"table macros: kwic\(term, width\)")
    prompt.expect_exact("sql>")
    prompt.send(";\r")
    prompt.expect(r"│\s+5 │")
    prompt.expect_exact("sql>")
    prompt.send("\x1b[A")  # Up: the whole two-line statement
    prompt.expect_exact("...>")
    prompt.send("\r")
    prompt.expect(r"│\s+5 │")
    prompt.expect_exact("sql>")
    prompt.send("SELECT count(*) FROM range(10000000000) AS t(i) WHERE i % 7 = 3;\r")
    time.sleep(2)  # running
    sent = time.monotonic()
    prompt.send("\x03")
    prompt.expect_exact("query cancelled")
    assert time.monotonic() - sent < 5
    prompt.expect_exact("sql>")
    prompt.send("SELECT 'pending'\r")
    prompt.expect_exact("...>")
    prompt.send(".quit\r")
    prompt.expect(pexpect.EOF)
    prompt.close()
    assert prompt.exitstatus == 0 and "│ pending" not in prompt.before  # never run


def test_sql_prompt_leaves_on_ctrl_d(seeds_warehouse: Path) -> None:
    prompt = spawn("sql", "--interactive", "--warehouse", str(seeds_warehouse))
    prompt.expect_exact("sql>")
    prompt.send("\x04")
    prompt.expect(pexpect.EOF)
    prompt.close()
    assert prompt.exitstatus == 0


def test_ctrl_c_cancels_a_long_query_at_once(seeds_warehouse: Path) -> None:
    endless = "SELECT count(*) FROM range(10000000000) AS t(i) WHERE i % 7 = 3"
    query = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "sql", "--warehouse", str(seeds_warehouse), endless],
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_cpu_seconds(query.pid, 4.0)  # imports take about 1.5 s of CPU: the query runs
    sent = time.monotonic()
    query.send_signal(signal.SIGINT)
    _, stderr = query.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert (query.returncode, stderr) == (130, "query cancelled\n"), stderr


def _cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for_cpu_seconds(pid: int, seconds: float) -> None:
    """Until the process has used this much CPU, whatever the machine's load."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if _cpu_seconds(pid) >= seconds:
            return
        time.sleep(0.1)
    pytest.fail(f"process {pid} used less than {seconds} s of CPU in 60 s")


READ_ONLY_COMMANDS = {
    "sql": ["SELECT count(*) FROM documents"],
    "search": ["treaty"],
    "show": ["000_bb1c8af43b093329.txt"],
    "export": ["--format", "jsonl", "--output", "{tmp}/export"],
    "report": ["--output", "{tmp}/report.html"],
}


@pytest.mark.parametrize(
    ("command", "cpu_seconds"),
    [*((command, 0.2) for command in READ_ONLY_COMMANDS), ("show", 1.2), ("report", 1.2)],
)
def test_ctrl_c_ends_a_read_only_command_with_its_own_line(
    seeds_warehouse: Path, tmp_path: Path, command: str, cpu_seconds: float
) -> None:
    """At 0.2 s of CPU the command line is still importing; at 1.2 s it is usually working. Either
    way one line of the command's own (never run's "the warehouse is as the last completed run
    left it"), exit 130, or, when the command was quicker than the signal, its normal end."""
    from pipeline.cli.interrupts import MESSAGES

    args = [a.replace("{tmp}", str(tmp_path)) for a in READ_ONLY_COMMANDS[command]]
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", command, *args, "--warehouse", str(seeds_warehouse)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    while process.poll() is None and _cpu_seconds(process.pid) < cpu_seconds:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)  # nothing happens if it has ended
    _, stderr = process.communicate(timeout=30)
    if process.returncode == 0:
        # Finished before the signal came (`show` of a seed takes 0.3 s of CPU in all, and the
        # CPU time is sampled every 0.05 s): a normal end, nothing said.
        assert stderr == ""
        return
    assert (process.returncode, stderr) == (130, MESSAGES[command] + "\n")
    assert "warehouse" not in stderr


def test_sql_json_keeps_letters_as_they_are(seeds_warehouse: Path) -> None:
    result = run_cli(
        "sql", "--warehouse", str(seeds_warehouse), "--format", "json", "SELECT 'März' AS month"
    )
    assert result.stdout == '{"month": "März"}\n'


@pytest.mark.parametrize(
    "args",
    [
        ("sql", "--format", "csv", "--output", "{tmp}/no/such/folder/x.csv", "SELECT 1"),
        ("sql", "--format", "parquet", "--output", "{tmp}", "SELECT 1"),
        ("report", "--output", "{tmp}"),
        ("export", "--format", "txt", "--output", "/proc/no-such-export"),
    ],
)
def test_an_output_that_cannot_be_written_is_one_line_and_status_2(
    seeds_warehouse: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    filled = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run_cli(*filled[:1], "--warehouse", str(seeds_warehouse), *filled[1:])
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("option", "value"), [("--limit", "0"), ("--max-rows", "-3")])
def test_counts_on_the_command_line_must_be_at_least_one(
    seeds_warehouse: Path, option: str, value: str
) -> None:
    command = "search" if option == "--limit" else "sql"
    result = run_cli(command, "--warehouse", str(seeds_warehouse), option, value, "Russia")
    assert result.returncode == 2 and "is not between 1 and" in result.stderr


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 300])
def test_a_database_file_that_is_no_duckdb_is_status_2_not_busy(
    tmp_path: Path, content: bytes
) -> None:
    (tmp_path / "corpus.duckdb").write_bytes(content)
    result = run_cli("sql", "--warehouse", str(tmp_path), "SELECT 1")
    assert result.returncode == 2
    assert "cannot be read as a warehouse" in result.stderr and "being written" not in result.stderr


def test_a_duckdb_file_this_package_did_not_build_is_named_so(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "corpus.duckdb")) as con:
        con.execute("CREATE TABLE documents (x INTEGER)")
    for command in (("search", "Russia"), ("show", "page.txt")):
        result = run_cli(*command, "--warehouse", str(tmp_path))
        assert result.returncode == 2 and "did not build" in result.stderr, result.stderr
    anything = run_cli("sql", "--warehouse", str(tmp_path), "SELECT count(*) AS n FROM documents")
    assert anything.returncode == 0  # `sql` reads any DuckDB file


def test_sql_json_is_strict_json_for_every_type(seeds_warehouse: Path) -> None:
    query = (
        "SELECT 'nan'::DOUBLE AS x, [1.0, 'inf'::DOUBLE] AS l, "
        "INTERVAL 1 DAY + INTERVAL 30 SECOND AS i, 'x'::BLOB AS b, 2.5 AS ok"
    )
    result = run_cli("sql", "--warehouse", str(seeds_warehouse), "--format", "json", query)
    row = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(name))
    assert row == {"x": None, "l": [1.0, None], "i": "P1DT30S", "b": "eA==", "ok": 2.5}


@pytest.mark.usefixtures("prefect_harness")
def test_show_finds_a_page_whose_file_name_is_not_utf8(tmp_path: Path) -> None:
    from pipeline.orchestration.flow import build_corpus
    from pipeline.settings import Settings

    name = b"caf\xe9 d\xe9cembre.txt"  # latin-1, as old FTP mirrors and Windows zips name files
    (tmp_path / "input").mkdir()
    (tmp_path / "input" / os.fsdecode(name)).write_bytes(
        b"Talks resume\n\nThe ministers met on Tuesday and agreed to meet again next week.\n"
    )
    build_corpus(str(tmp_path / "input"), str(tmp_path / "w"), Settings())
    for given in (os.fsdecode(name), r"caf\xe9 d\xe9cembre.txt"):
        result = run_cli("show", "--warehouse", str(tmp_path / "w"), given)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(r"caf\xe9 d\xe9cembre.txt")


PEAK_OF_CHILD = """
import resource, subprocess, sys
query = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)
lines = 0
while chunk := query.stdout.read(1 << 20):
    lines += chunk.count(b"\\n")
print(query.wait(), lines, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_sql_csv_and_json_stream_a_large_result_in_bounded_memory(
    seeds_warehouse: Path, fmt: str
) -> None:
    """A million rows of 200 characters: fetched at once the command peaked at 674 MB; in
    batches at 132 MB, near its 100 MB of libraries."""
    big = "SELECT i, repeat('x', 200) AS pad FROM range(1000000) AS t(i)"
    command = ["-m", "pipeline", "sql", "--warehouse", str(seeds_warehouse), "--format", fmt, big]
    result = subprocess.run(
        [sys.executable, "-c", PEAK_OF_CHILD, sys.executable, *command],
        capture_output=True,
        text=True,
        check=True,
    )
    status, lines, peak_mb = map(int, result.stdout.split())
    assert (status, lines) == (0, 1_000_000 + (fmt == "csv"))
    assert peak_mb < 250, f"{peak_mb} MB"


README_COMMANDS = re.findall(
    r"^\.venv/bin/python -m pipeline ((?:show|export) .*)$",
    (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"),
    re.M,
)


def test_readme_show_and_export_examples_run(seeds_warehouse: Path, tmp_path: Path) -> None:
    assert len(README_COMMANDS) >= 6
    for line in README_COMMANDS:
        args = [str(tmp_path / a) if a.startswith("export/") else a for a in shlex.split(line)]
        result = run_cli(*args, "--warehouse", str(seeds_warehouse))
        assert result.returncode == 0 and result.stdout, (line, result.stderr)
