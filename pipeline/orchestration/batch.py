"""One batch of files, start to finish: decode, normalize, segment, write its Parquet parts.

A plain function, so that a Prefect task, a worker process or a Dask worker can run it alike.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.orchestration.summary import RunReport
from pipeline.settings import Settings
from pipeline.stages.discover import SourceFile
from pipeline.stages.process import Document, FileContent, Pending, read_inputs, settle
from pipeline.stages.reject import Reject
from pipeline.warehouse.write import write_batch


def process_and_write(
    batch: list[SourceFile], part: str, staging: str, run_id: str, settings: Settings
) -> RunReport:
    """A web archive or dump can hold many thousand pages: every `batch_size` documents are
    written as parts of their own, so a worker holds one batch's worth of pages at a time.
    Their languages are asked for together (process.settle)."""
    pages: list[Pending | Reject] = []  # in input order, documents to be
    skipped: Counter[str] = Counter()
    contents: list[FileContent] = []
    reports: list[RunReport] = []

    def flush() -> None:
        settled = iter(settle([page for page in pages if isinstance(page, Pending)]))
        results = [next(settled) if isinstance(page, Pending) else page for page in pages]
        documents = [result for result in results if isinstance(result, Document)]
        rejects = [result for result in results if isinstance(result, Reject)]
        piece = f"{part}-{len(reports):04d}"
        written_rejects = write_batch(documents, rejects, Path(staging), piece, run_id)
        refused = {r.path for r in written_rejects[len(rejects) :]}
        accepted = [d for d in documents if d.path not in refused]
        reports.append(RunReport.of_batch(accepted, written_rejects))
        pages.clear()

    for source in batch:
        for result in read_inputs(source, settings):
            if isinstance(result, Pending | Reject):
                pages.append(result)
            elif isinstance(result, FileContent):
                contents.append(result)
            else:
                skipped[result.what] += 1
            if len(pages) >= settings.batch_size:
                flush()
    if pages or not reports:
        flush()
    report = RunReport.merge(reports)
    report.skipped = skipped
    report.contents = {content.path: content.sha256 for content in contents}
    report.same_content = {content.path for content in contents if content.same}
    return report
