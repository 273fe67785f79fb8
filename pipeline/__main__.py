"""`python -m pipeline` and the `pipeline` console script.

Ctrl-C is quiet from the first instant: the command line's imports take a few tenths of a
second, and an interrupt during them is told in the command's own words (cli/interrupts.py)."""

from __future__ import annotations


def entry() -> int:
    import sys

    from pipeline.cli.interrupts import exit_quietly_on_signals, message_for

    exit_quietly_on_signals(message_for(sys.argv[1:]))
    from pipeline.cli.main import main

    return main()


if __name__ == "__main__":
    raise SystemExit(entry())
