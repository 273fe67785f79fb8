"""The SQL prompt (`pipeline sql --interactive`, `make sql`), which behaves like a database shell.

On a terminal it is a prompt_toolkit line editor: Enter runs the statement once it ends with ';'
and otherwise opens a continuation line; Up recalls a whole multi-line statement; Ctrl-C drops
the statement being typed, or cancels the query that is running; Ctrl-D leaves. Dot-commands
(`.tables`, `.help`, `.quit`) act on the line they are typed on and are never part of the SQL.
Piped in (`< script.sql`), the same statements and dot-commands are read line by line.

History lives in memory only: the commands that read a warehouse write nothing but the output
they are asked for (readonly.py).
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator

import duckdb

from pipeline.cli.cancel import CancelOnInterrupt
from pipeline.warehouse import read_sql

PROMPT = "sql> "
CONTINUATION = "...> "
QUIT = (".quit", ".exit")
HELP = """\
Statements end with ';' and may span lines. Up and Down recall whole statements; Ctrl-C drops the
statement being typed or cancels a running query; Ctrl-D leaves.
  .tables   the tables, views and macros to query
  .help     this text
  .quit     leave (also .exit)"""
WELCOME = "Statements end with ';'. .tables lists tables, views and macros; .help; .quit leaves."

# What a reader hands the shell: a dot-command, or SQL text ending with ';'.
Entries = Iterator[str]
ShowResult = Callable[[duckdb.DuckDBPyRelation], None]


def run_prompt(con: duckdb.DuckDBPyConnection, show: ShowResult) -> None:
    """The prompt on a terminal, else statements read from standard input."""
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        shell(con, edited_entries() if interactive else piped_entries(sys.stdin), show)
    except KeyboardInterrupt:  # Ctrl-C while a script is read: leave, as at its end
        print()


def shell(con: duckdb.DuckDBPyConnection, entries: Entries, show: ShowResult) -> None:
    """Run each entry until `.quit` or the end; a failing statement is told and the shell goes on."""
    print(WELCOME)
    with CancelOnInterrupt([con]) as cancel:
        for entry in entries:
            if is_dot_command(entry):
                command = entry.strip().split()[0]
                if command in QUIT:
                    return
                _dot_command(con, command, show)
                continue
            try:
                with cancel.running():
                    result = con.sql(entry)
                    if result is not None:
                        show(result)
            except (duckdb.Error, RuntimeError, KeyboardInterrupt) as error:
                if not (cancel.cancelled_by(error) or isinstance(error, duckdb.Error)):
                    raise
                print("query cancelled" if cancel.cancelled_by(error) else f"error: {error}")


def _dot_command(con: duckdb.DuckDBPyConnection, command: str, show: ShowResult) -> None:
    if command == ".tables":
        print(list_tables(con))
    elif command == ".help":
        print(HELP)
    else:
        print(f"unknown command {command}: .help lists the commands")


def list_tables(con: duckdb.DuckDBPyConnection) -> str:
    """Every name a query can use, one paragraph per kind, macros with their parameters."""
    by_kind: dict[str, list[str]] = {}
    for kind, name in con.execute(read_sql("shell", "tables.sql")).fetchall():
        by_kind.setdefault(kind, []).append(name)
    width = shutil.get_terminal_size().columns
    return "\n".join(
        textwrap.fill(", ".join(names), width, initial_indent=f"{kind}s: ", subsequent_indent="  ")
        for kind, names in by_kind.items()
    )


def is_dot_command(line: str) -> bool:
    return line.lstrip().startswith(".")


def is_complete(text: str) -> bool:
    """SQL ends where a line ends with ';' (as in DuckDB's and SQLite's shells)."""
    return text.rstrip().endswith(";")


def piped_entries(lines: Iterator[str]) -> Entries:
    """Statements from lines: pending lines until one ends with ';'; a dot-command line is
    handed on at once and never joins the pending statement (`.quit` then drops it)."""
    pending: list[str] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if is_dot_command(line):
            yield line
            continue
        if not pending and not line.strip():
            continue
        pending.append(line)
        if is_complete(line):
            yield "\n".join(pending)
            pending.clear()


def edited_entries() -> Entries:
    """Entries typed at a prompt_toolkit prompt. A dot-command typed under unfinished SQL runs,
    and the unfinished lines come back at the next prompt to go on with."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import InMemoryHistory
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

    bindings = KeyBindings()

    @bindings.add("enter")
    def _enter(event: KeyPressEvent) -> None:
        text = event.current_buffer.text
        last_line = text.rsplit("\n", 1)[-1]
        if not text.strip() or is_complete(text) or is_dot_command(last_line):
            event.current_buffer.validate_and_handle()
        else:
            event.current_buffer.insert_text("\n")

    session: PromptSession[str] = PromptSession(
        history=InMemoryHistory(),
        multiline=True,
        key_bindings=bindings,
        prompt_continuation=CONTINUATION,
    )
    unfinished = ""
    while True:
        try:
            text = session.prompt(PROMPT, default=unfinished)
        except KeyboardInterrupt:  # Ctrl-C: drop what was typed
            unfinished = ""
            continue
        except EOFError:  # Ctrl-D on an empty line
            return
        *sql_lines, last_line = text.split("\n")
        unfinished = ""
        if is_dot_command(last_line):
            if any(line.strip() for line in sql_lines):
                unfinished = "\n".join(sql_lines) + "\n"
            yield last_line
        elif text.strip():
            yield text
