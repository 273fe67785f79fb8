"""Agreement with hand-labelled gold files (tests/gold/*.jsonl): line roles and metadata fields."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.process import Document, build_document
from pipeline.settings import Settings

METADATA_FIELDS = ("kind", "title", "authors", "published", "outlet", "language")


@dataclass
class Agreement:
    lines: int = 0
    lines_right: int = 0
    documents: int = 0
    fields_right: Counter[str] = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

    @property
    def line_accuracy(self) -> float:
        return self.lines_right / self.lines if self.lines else 0.0

    def field_accuracy(self, name: str) -> float:
        return self.fields_right[name] / self.documents if self.documents else 0.0

    def summary(self) -> str:
        fields = ", ".join(f"{n} {self.field_accuracy(n):.0%}" for n in METADATA_FIELDS)
        return (
            f"{self.documents} documents, {self.lines} lines: line roles {self.line_accuracy:.1%}; "
            f"metadata: {fields}"
        )


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def predicted_fields(document: Document) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "title": document.title,
        "authors": list(document.authors),
        "published": document.published.isoformat() if document.published else None,
        "outlet": document.outlet,
        "language": document.language,
    }


def compare(gold_rows: list[dict[str, Any]], docs_dir: Path, settings: Settings) -> Agreement:
    agreement = Agreement()
    for gold in gold_rows:
        document = build_document(gold["path"], (docs_dir / gold["path"]).read_bytes(), settings)
        predicted = {str(block.line_start): block.role for block in document.blocks}
        agreement.documents += 1
        for line, role in gold["lines"].items():
            agreement.lines += 1
            if predicted.get(line) == role:
                agreement.lines_right += 1
            else:
                agreement.mistakes.append(
                    f"{gold['path']}:{line}: gold {role}, got {predicted.get(line)}"
                )
        for name, value in predicted_fields(document).items():
            if gold.get(name) == value:
                agreement.fields_right[name] += 1
            else:
                agreement.mistakes.append(
                    f"{gold['path']}: {name}: gold {gold.get(name)!r}, got {value!r}"
                )
    return agreement
