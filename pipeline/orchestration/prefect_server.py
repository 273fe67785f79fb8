"""The run's temporary Prefect server: `python -m pipeline.orchestration.prefect_server PARENT_PID
UVICORN_ARGS...` is `python -m uvicorn UVICORN_ARGS...` that dies with the run (lifeline.py), so
a run killed with SIGKILL leaves no server behind."""

from __future__ import annotations

import sys

from pipeline.orchestration.lifeline import die_with

if __name__ == "__main__":
    die_with(int(sys.argv[1]))
    import uvicorn

    uvicorn.main(sys.argv[2:], prog_name="uvicorn")
