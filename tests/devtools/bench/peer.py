"""The peer row of `make bench`: what a user would otherwise write with the usual libraries, on all
cores. Per page: read, hash, decode, ftfy.fix_text with its defaults, py3langid on the whole text,
jusText on the lines as paragraphs (with the stoplist of the language found, English otherwise),
a datasketch MinHash of the kept text's 5-word shingles (its batch API); then `documents` and
`blocks` as Parquet and a DuckDB load. It produces less than the pipeline: no comments, no title,
authors or date, no search index, no syndication clusters.

    python -m tests.devtools.bench.peer INPUT OUTPUT [--workers N]
"""

from __future__ import annotations

import argparse
import html
import os
from collections.abc import Sequence
from pathlib import Path

import ftfy
import justext
import py3langid
import pyarrow as pa
from datasketch import MinHash

from pipeline.stages.syndication import PERMUTATIONS, SHINGLE_WORDS
from tests.devtools.bench.floor import FLOOR_BLOCKS, read_page, run_batches
from tests.devtools.evaluate import JUSTEXT_STOPLISTS

PEER_DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        pa.field("language", pa.string()),
        pa.field("minhash", pa.list_(pa.uint64())),
    ]
)


def peer_batch(paths: list[str], root: str) -> dict[str, pa.Table]:
    documents: dict[str, list[object]] = {name: [] for name in PEER_DOCUMENTS.names}
    blocks: dict[str, list[object]] = {name: [] for name in FLOOR_BLOCKS.names}
    for path in paths:
        doc_id, text = read_page(root, path)
        text = ftfy.fix_text(text)
        language = str(py3langid.classify(text)[0])
        numbered = [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
        page = "".join(f"<p>{html.escape(line)}</p>" for _, line in numbered)
        stoplist = justext.get_stoplist(JUSTEXT_STOPLISTS.get(language, "English"))
        paragraphs = justext.justext(f"<html><body>{page}</body></html>", stoplist)
        kept: list[str] = []
        for seq, ((number, line), paragraph) in enumerate(zip(numbered, paragraphs, strict=False)):
            role = "boilerplate" if paragraph.is_boilerplate else "body"
            if role == "body":
                kept.append(paragraph.text)
            for name, value in zip(
                FLOOR_BLOCKS.names, (doc_id, path, seq, number, number, role, line), strict=True
            ):
                blocks[name].append(value)
        words = " ".join(kept).split()
        shingles = [
            " ".join(words[i : i + SHINGLE_WORDS]).encode()
            for i in range(len(words) - SHINGLE_WORDS + 1)
        ]
        signature = None
        if shingles:
            minhash = MinHash(num_perm=PERMUTATIONS)
            minhash.update_batch(shingles)
            signature = minhash.hashvalues.tolist()
        for name, value in zip(
            PEER_DOCUMENTS.names, (doc_id, path, language, signature), strict=True
        ):
            documents[name].append(value)
    return {
        "documents": pa.table(documents, schema=PEER_DOCUMENTS),
        "blocks": pa.table(blocks, schema=FLOOR_BLOCKS),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.devtools.bench.peer", description=__doc__
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    print(run_batches(args.input, args.output, peer_batch, ["documents", "blocks"], args.workers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
