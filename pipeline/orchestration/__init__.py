"""How a run executes: the Prefect flow and its tasks, worker processes, the temporary Prefect
server, scheduled serving, progress and the run summary."""
