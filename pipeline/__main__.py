"""`python -m pipeline` and the `pipeline` console script.

Ctrl-C is quiet from the first instant: the command line's imports take a few tenths of a
second, and an interrupt during them is told in the command's own words (cli/interrupts.py)."""

from __future__ import annotations


def entry() -> int:
    import signal
    import sys

    from pipeline.cli.interrupts import exit_quietly_on_signals, message_for

    exit_quietly_on_signals(message_for(sys.argv[1:]))
    from pipeline.cli.main import main

    status = main()
    # The command has ended. Python gives SIGINT its default action back while it tears down,
    # so a Ctrl-C in those last milliseconds would kill the process with no line and status -2
    # instead of the command's own status.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return status


if __name__ == "__main__":
    raise SystemExit(entry())
