"""Worker CPU per page, split by stage: what one worker process spends on the first pages of the
benchmark corpus, measured with `time.process_time` (other processes on the machine do not count).

Each stage function that `build_document` calls, and the batch's `write_batch` (its Parquet rows
and files), is wrapped with a CPU timer in its caller's namespace (this is a measuring tool: the
functions themselves run unchanged); "other" is the rest of `process_and_write` (hashing,
building the Document).

    python -m tests.devtools.bench.stages CORPUS [--docs 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pipeline.orchestration.batch as batch_module
import pipeline.stages.process as process_module
import pipeline.warehouse.write as write_module
from pipeline.orchestration.batch import process_and_write
from pipeline.settings import Settings
from pipeline.stages.discover import SourceFile, discover_files

STAGES = (
    ("read", "read_regular_file"),
    ("decode", "decode_bytes"),
    ("html", "parse_html"),
    ("normalize", "normalize_text"),
    ("language", "detect_language"),
    ("segment", "classify_lines"),
    ("metadata", "extract_metadata"),
    ("comments", "extract_comments"),
    ("minhash", "article_signature"),
)
BATCH = 256


def _timed(spent: dict[str, float], stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - started

    return timed


def stage_split(sources: Sequence[SourceFile], repeat: int) -> dict[str, float]:
    """Milliseconds of CPU per page by stage, the best of `repeat` passes by total."""
    best: dict[str, float] = {}
    originals = {name: getattr(process_module, name) for _, name in STAGES}
    write_batch = write_module.write_batch  # what batch.py imported by name
    try:
        for _ in range(repeat):
            spent: dict[str, float] = defaultdict(float)
            for stage, name in STAGES:
                setattr(process_module, name, _timed(spent, stage, originals[name]))
            batch_module.write_batch = _timed(spent, "write", write_batch)  # type: ignore[attr-defined]
            started = time.process_time()
            with tempfile.TemporaryDirectory() as staging:
                for n in range(0, len(sources), BATCH):
                    batch = list(sources[n : n + BATCH])
                    process_and_write(batch, str(n), staging, "bench", Settings())
            total = time.process_time() - started
            split = {stage: spent[stage] for stage, _ in STAGES}
            split["write"] = spent["write"]
            split["other"] = total - sum(split.values())
            split["total"] = total
            if not best or total < best["total"]:
                best = split
    finally:
        for name, function in originals.items():
            setattr(process_module, name, function)
        batch_module.write_batch = write_batch  # type: ignore[attr-defined]
    return {stage: seconds * 1000 / len(sources) for stage, seconds in best.items()}


def first_pages(corpus: Path, docs: int) -> list[SourceFile]:
    sources = [s for s in discover_files(corpus) if isinstance(s, SourceFile)]
    return sorted(sources, key=lambda s: s.path)[:docs]


def render_split(split: dict[str, float], docs: int) -> str:
    total = split["total"]
    rows = [f"worker CPU per page, one process, {docs} pages: {total:.2f} ms (target <= 1.5)"]
    rows += [
        f"  {stage:10} {ms:6.3f} ms  {100 * ms / total:5.1f}%"
        for stage, ms in split.items()
        if stage != "total"
    ]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.devtools.bench.stages", description=__doc__
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sources = first_pages(args.corpus, args.docs)
    print(render_split(stage_split(sources, args.repeat), len(sources)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
