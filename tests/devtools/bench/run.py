"""`make bench`: the pipeline against the floor of what the hardware allows, in one run.

On a deterministic synthetic corpus (tests.devtools.bench.corpus) it measures, each as a fresh process:
(a) the plain floor (tests.devtools.bench.floor), (b) the floor with ftfy on every document, (c) the full
`python -m pipeline run`, (d) the peer: what a user would otherwise write with jusText, ftfy,
py3langid and datasketch (tests.devtools.bench.peer); then runs on an empty folder (the fixed
start-up, on a new warehouse and again on the same one), an immediate rerun on the unchanged
corpus and a rerun after 1% of the files changed. For each: wall seconds, docs/s, MB/s, CPU
seconds and peak memory (summed PSS) of the whole process tree, and the machine's load average
while it ran (the machine may be shared); for the pipeline its stage timings; the ratios the
performance targets are written in; and the worker CPU per page split by stage
(tests.devtools.bench.stages, one process). It also checks, on every document of the corpus, that
the normalizer's pre-check gives byte-identical output to the full ftfy repair.

    python -m tests.devtools.bench.run --docs 20000 [--workdir DIR] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import cast

from pipeline.settings import Settings
from pipeline.stages.decode import decode_bytes
from pipeline.stages.normalize import normalize_text
from tests.devtools.bench.corpus import generate_corpus
from tests.devtools.bench.stages import first_pages, render_split, stage_split

CHANGED_SHARE = 0.01
# Pages of the corpus whose worker CPU is split by stage (in this process, best of SPLIT_REPEAT).
SPLIT_DOCS = 2000
SPLIT_REPEAT = 3


@dataclass
class Measurement:
    name: str
    seconds: float
    peak_memory_mb: float
    docs: int
    megabytes: float
    cpu_seconds: float
    load: tuple[float, float]  # the 1-minute load average when it started and when it ended
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0


def measure(name: str, command: list[str], docs: int, megabytes: float) -> Measurement:
    """Run `command` in its own session; wall time and the peak summed PSS of its process tree."""
    load_before = os.getloadavg()[0]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    peak = [0]
    ticks: dict[int, int] = {}
    sampler = threading.Thread(target=_sample, args=(process, peak, ticks), daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{name} failed ({process.returncode}):\n{output[-3000:]}")
    load = (load_before, os.getloadavg()[0])
    # Reaped descendants are in the rusage; unreaped ones (the workers of a forkserver that is
    # killed, not waited for) only in the samples of their /proc/PID/stat.
    cpu = max(_children_cpu() - cpu_before, sum(ticks.values()) / os.sysconf("SC_CLK_TCK"))
    stages = _stage_seconds(output)
    result = Measurement(name, seconds, peak[0] / 1e6, docs, megabytes, cpu, load, stages)
    print(f"  done: {name}, {seconds:.1f} s", flush=True)  # a 100,000-page bench takes a while
    return result


def _children_cpu() -> float:
    """User and system CPU seconds of the descendants reaped so far (by us or by their parents)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _sample(process: subprocess.Popen[str], peak: list[int], ticks: dict[int, int]) -> None:
    while process.poll() is None:
        peak[0] = max(peak[0], _session_pss(process.pid, ticks))
        time.sleep(0.5)  # reading smaps_rollup costs CPU: sample twice a second


def _session_pss(session: int, ticks: dict[int, int]) -> int:
    """Summed proportional set size (PSS) of the session's processes: forked workers share pages
    with their parent, and plain RSS would count those once per process. Records each process's
    user and system CPU ticks so far in `ticks`."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session:  # field 6 of stat: the session id
                ticks[int(stat.parent.name)] = int(fields[11]) + int(fields[12])  # fields 14, 15
                rollup = (stat.parent / "smaps_rollup").read_text()
                total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)[1]) * 1024  # type: ignore[index]
        except (OSError, IndexError, ValueError, TypeError):
            continue  # the process ended while we looked
    return total


def _stage_seconds(output: str) -> dict[str, float]:
    line = next((ln for ln in output.splitlines() if ln.startswith("Timings:")), "")
    return {stage: float(s) for stage, s in re.findall(r"(\w+) ([\d.]+)s", line)}


def check_precheck(corpus: Path, workers: int) -> tuple[int, int]:
    """(identical, total): the pre-checked normalization against the full repair, per document."""
    paths = sorted(str(p) for p in corpus.rglob("*") if p.is_file())
    chunks = [paths[i : i + 256] for i in range(0, len(paths), 256)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        identical = sum(pool.map(_identical_in, chunks))
    return identical, len(paths)


def _identical_in(paths: list[str]) -> int:
    settings = Settings()
    same = 0
    for path in paths:
        text = decode_bytes(Path(path).read_bytes(), settings.legacy_encodings).text
        same += normalize_text(text, precheck=True) == normalize_text(text, precheck=False)
    return same


def change_files(corpus: Path, share: float) -> int:
    """Append a line to every (1/share)-th file, in a fixed order: a deterministic 1% change."""
    paths = sorted(p for p in corpus.rglob("*") if p.is_file())
    step = max(1, round(1 / share))
    for path in paths[::step]:
        with path.open("ab") as handle:
            handle.write(b"\nUpdated after publication.\n")
    return len(paths[::step])


def run_benchmark(n_docs: int, workdir: Path, seed: int, workers: int) -> dict[str, object]:
    corpus, warehouse, empty = workdir / "corpus", workdir / "warehouse", workdir / "empty"
    empty_warehouse = workdir / "empty-warehouse"
    scratch = ("floor", "peer", "warm-up")
    for folder in (corpus, warehouse, empty, empty_warehouse, *(workdir / s for s in scratch)):
        shutil.rmtree(folder, ignore_errors=True)
    empty.mkdir(parents=True)
    stats = generate_corpus(corpus, n_docs, seed)
    mb = stats.n_bytes / 1e6
    # One Prefect home for every run: start-up is then measured warm, as a user's second run is.
    os.environ.setdefault("PREFECT_HOME", str(workdir / "prefect-home"))
    python = sys.executable
    floor = [python, "-m", "tests.devtools.bench.floor", str(corpus), str(workdir / "floor")]
    run = [python, "-m", "pipeline", "run", "--input", str(corpus), "--warehouse", str(warehouse)]
    peer = [python, "-m", "tests.devtools.bench.peer", str(corpus), str(workdir / "peer")]
    empty_run = [python, "-m", "pipeline", "run", "--input", str(empty), "--warehouse"]

    print(f"corpus: {n_docs} documents, {mb:.1f} MB, {workers} workers", flush=True)
    # A Prefect home used once before, as a user's is after their first run anywhere.
    measure("warm-up (not reported)", [*empty_run, str(workdir / "warm-up")], 0, 0.0)
    results = [measure("start-up, new warehouse", [*empty_run, str(empty_warehouse)], 0, 0.0)]
    results.append(measure("start-up (empty folder)", [*empty_run, str(empty_warehouse)], 0, 0.0))
    results.append(measure("(a) floor", [*floor, "--workers", str(workers)], n_docs, mb))
    results.append(
        measure("(b) floor + ftfy", [*floor, "--workers", str(workers), "--ftfy"], n_docs, mb)
    )
    results.append(measure("(d) peer", [*peer, "--workers", str(workers)], n_docs, mb))
    results.append(measure("(c) pipeline", run, n_docs, mb))
    results.append(measure("unchanged rerun", run, n_docs, mb))
    n_changed = change_files(corpus, CHANGED_SHARE)
    results.append(measure(f"rerun, {n_changed} changed", run, n_docs, mb))
    identical, total = check_precheck(corpus, workers)
    split = stage_split(first_pages(corpus, SPLIT_DOCS), SPLIT_REPEAT)

    by_name = {m.name: m for m in results}
    start_up = by_name["start-up (empty folder)"].seconds
    full = by_name["(c) pipeline"].seconds - start_up
    pipeline = by_name["(c) pipeline"]
    ratios = {
        "pipeline less start-up / floor (target <= 5)": full / by_name["(a) floor"].seconds,
        "floor+ftfy / pipeline less start-up (target >= 2)": by_name["(b) floor + ftfy"].seconds
        / full,
        "peer / pipeline (target >= 3)": by_name["(d) peer"].seconds / pipeline.seconds,
        "start-up on a new warehouse / on the same again (target <= 1)": by_name[
            "start-up, new warehouse"
        ].seconds
        / start_up,
        "unchanged rerun less start-up / full (target <= 3%)": (
            by_name["unchanged rerun"].seconds - start_up
        )
        / full,
        "1%-changed rerun less start-up / full (no target)": (results[-1].seconds - start_up)
        / full,
        "pipeline CPU ms per page, whole process tree": 1000 * pipeline.cpu_seconds / n_docs,
    }
    report = {
        "docs": n_docs,
        "megabytes": mb,
        "workers": workers,
        "measurements": [
            {**asdict(m), "docs_per_second": m.docs_per_second, "mb_per_second": m.mb_per_second}
            for m in results
        ],
        "ratios": ratios,
        "precheck_identical": [identical, total],
        "worker_cpu_ms_per_page": split,
        "machine": machine(),
    }
    print(render(results, ratios, identical, total))
    print(render_split(split, min(n_docs, SPLIT_DOCS)))
    (workdir / "bench.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def machine() -> dict[str, object]:
    cpu = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    model = re.search(r"^model name\s*:\s*(.+)$", cpu, re.M)
    memory = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    return {
        "cpus": os.cpu_count(),
        "cpu": model[1] if model else "unknown",
        "memory_gib": round(int(memory[1]) / 2**20, 1) if memory else None,
        "python": sys.version.split()[0],
    }


def render(results: list[Measurement], ratios: dict[str, float], identical: int, total: int) -> str:
    rows = [
        f"{'':28} {'wall s':>8} {'docs/s':>9} {'MB/s':>7} {'CPU s':>7} {'peak PSS MB':>12} "
        f"{'load':>10}  stages (s)"
    ]
    for m in results:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in m.stages.items())
        rows.append(
            f"{m.name:28} {m.seconds:8.1f} {m.docs_per_second:9.0f} {m.mb_per_second:7.2f} "
            f"{m.cpu_seconds:7.1f} {m.peak_memory_mb:12.0f} {m.load[0]:4.1f}->{m.load[1]:4.1f}  "
            f"{stages}"
        )
    rows.append("")
    rows.extend(f"{name}: {value:.3g}" for name, value in ratios.items())
    rows.append(f"pre-check output identical to the full repair: {identical}/{total} documents")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.devtools.bench.run", description=__doc__)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=Path("warehouse/bench"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    report = run_benchmark(args.docs, args.workdir, args.seed, args.workers)
    identical, total = cast(list[int], report["precheck_identical"])
    return 0 if identical == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
