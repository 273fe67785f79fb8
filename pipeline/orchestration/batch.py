"""One batch of files, start to finish: decode, normalize, segment, write its Parquet parts.

A plain function, so that a Prefect task, a worker process or a Dask worker can run it alike.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.orchestration.summary import RunReport
from pipeline.settings import Settings
from pipeline.stages.discover import SourceFile
from pipeline.stages.process import Document, process_file
from pipeline.stages.reject import Reject
from pipeline.warehouse.write import write_batch


def process_and_write(
    batch: list[SourceFile], part: str, staging: str, run_id: str, settings: Settings
) -> RunReport:
    documents: list[Document] = []
    rejects: list[Reject] = []
    for source in batch:
        result = process_file(source, settings)
        if isinstance(result, Document):
            documents.append(result)
        else:
            rejects.append(result)
    written_rejects = write_batch(documents, rejects, Path(staging), part, run_id)
    refused = {r.path for r in written_rejects[len(rejects) :]}
    accepted = [d for d in documents if d.path not in refused]
    return RunReport.of_batch(accepted, written_rejects)
