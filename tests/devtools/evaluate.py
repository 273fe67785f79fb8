"""Agreement with hand-labelled gold files: this package side by side with jusText and trafilatura.

`make eval` prints the table; the tests keep floors on this package's figures. The baselines get
the same text, each non-blank line wrapped as an HTML paragraph, and are imported only here (they
are development dependencies, not the package's).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.settings import Settings
from pipeline.stages.process import build_document

METADATA_FIELDS = ("kind", "title", "authors", "published", "outlet", "language")
ARTICLE_ROLES = ("body", "heading")
TOKEN_RE = re.compile(r"\w+")
JUSTEXT_STOPLISTS = {
    "en": "English",
    "ru": "Russian",
    "de": "German",
    "it": "Italian",
    "fr": "French",
    "es": "Spanish",
}


@dataclass(frozen=True)
class Prediction:
    """What one system says about one document. Fields it cannot produce are left out."""

    roles: dict[str, str]
    article_text: str
    comment_text: str
    fields: dict[str, Any]


System = Callable[[dict[str, Any], bytes, str], Prediction]


@dataclass
class Scores:
    system: str
    documents: int = 0
    lines: int = 0
    lines_right: int = 0
    article: Counter[str] = field(default_factory=Counter)  # overlap / predicted / gold tokens
    comment: Counter[str] = field(default_factory=Counter)
    fields_right: Counter[str] = field(default_factory=Counter)
    fields_supported: set[str] = field(default_factory=set)
    seconds: float = 0.0
    mistakes: list[str] = field(default_factory=list)

    @property
    def line_accuracy(self) -> float:
        return self.lines_right / self.lines if self.lines else 0.0

    def field_accuracy(self, name: str) -> float | None:
        if name not in self.fields_supported or not self.documents:
            return None
        return self.fields_right[name] / self.documents

    @staticmethod
    def prf(counts: Counter[str]) -> tuple[float, float, float]:
        precision = counts["overlap"] / counts["predicted"] if counts["predicted"] else 0.0
        recall = counts["overlap"] / counts["gold"] if counts["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def summary(self) -> str:
        fields = ", ".join(
            f"{n} {acc:.0%}" for n in METADATA_FIELDS if (acc := self.field_accuracy(n)) is not None
        )
        return (
            f"{self.documents} documents, {self.lines} lines: line roles {self.line_accuracy:.1%}; "
            f"article F1 {self.prf(self.article)[2]:.3f}; metadata: {fields}"
        )


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _tokens(text: str) -> Counter[str]:
    return Counter(TOKEN_RE.findall(text.casefold()))


def _overlap(counts: Counter[str], predicted: str, gold: str) -> None:
    p, g = _tokens(predicted), _tokens(gold)
    counts["overlap"] += sum((p & g).values())
    counts["predicted"] += sum(p.values())
    counts["gold"] += sum(g.values())


def score(gold_rows: list[dict[str, Any]], docs_dir: Path, name: str, system: System) -> Scores:
    scores = Scores(name)
    for gold in gold_rows:
        raw = (docs_dir / gold["path"]).read_bytes()
        document = build_document(gold["path"], raw, Settings())  # the reference text and lines
        lines = document.text.split("\n")
        started = time.perf_counter()
        prediction = system(gold, raw, document.text)
        scores.seconds += time.perf_counter() - started
        scores.documents += 1
        for number, role in gold["lines"].items():
            scores.lines += 1
            got = prediction.roles.get(number)
            if got == role:
                scores.lines_right += 1
            else:
                scores.mistakes.append(
                    f"{gold['path']}:{number}: gold {role}, got {got}: {lines[int(number) - 1][:70]}"
                )
        by_role: dict[str, list[str]] = {role: [] for role in (*ARTICLE_ROLES, "comment")}
        for number, role in gold["lines"].items():
            if role in by_role:
                by_role[role].append(lines[int(number) - 1])
        gold_article = "\n".join(by_role["body"] + by_role["heading"])
        _overlap(scores.article, prediction.article_text, gold_article)
        _overlap(scores.comment, prediction.comment_text, "\n".join(by_role["comment"]))
        for key, value in prediction.fields.items():
            scores.fields_supported.add(key)
            if gold.get(key) == value:
                scores.fields_right[key] += 1
            else:
                scores.mistakes.append(
                    f"{gold['path']}: {key}: gold {gold.get(key)!r}, got {value!r}"
                )
    return scores


def this_package(gold: dict[str, Any], raw: bytes, _text: str) -> Prediction:
    document = build_document(gold["path"], raw, Settings())
    blocks = document.blocks
    return Prediction(
        roles={str(b.line_start): b.role for b in blocks},
        article_text="\n".join(b.text for b in blocks if b.role in ARTICLE_ROLES),
        comment_text="\n".join(b.text for b in blocks if b.role == "comment"),
        fields={
            "kind": document.kind,
            "title": document.title,
            "authors": list(document.authors),
            "published": document.published.isoformat() if document.published else None,
            "outlet": document.outlet,
            "language": document.language,
        },
    )


def _as_html(text: str) -> tuple[str, list[tuple[str, str]]]:
    numbered = [
        (str(n), line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()
    ]
    body = "".join(f"<p>{html.escape(line)}</p>" for _, line in numbered)
    return f"<html><body>{body}</body></html>", numbered


def justext_baseline(gold: dict[str, Any], _raw: bytes, text: str) -> Prediction:
    import justext

    page, numbered = _as_html(text)
    stoplist = justext.get_stoplist(JUSTEXT_STOPLISTS.get(gold.get("language") or "en", "English"))
    paragraphs = justext.justext(page, stoplist)
    roles: dict[str, str] = {}
    good: list[str] = []
    for (number, _line), paragraph in zip(numbered, paragraphs, strict=False):
        roles[number] = "boilerplate" if paragraph.is_boilerplate else "body"
        if not paragraph.is_boilerplate:
            good.append(paragraph.text)
    return Prediction(roles, "\n".join(good), "", {})


def trafilatura_baseline(_gold: dict[str, Any], _raw: bytes, text: str) -> Prediction:
    import trafilatura

    page, numbered = _as_html(text)
    extracted = trafilatura.bare_extraction(page, include_comments=True, with_metadata=True)
    result: dict[str, Any] = {}
    if extracted is not None and not isinstance(extracted, dict):
        result = extracted.as_dict()
    main, comments = result.get("text") or "", result.get("comments") or ""
    title = result.get("title")
    main_lines, comment_lines = set(main.split("\n")), set(comments.split("\n"))
    roles: dict[str, str] = {}
    for number, line in numbered:
        if title and line == title:
            roles[number] = "title"
        elif line in main_lines:
            roles[number] = "body"
        elif line in comment_lines:
            roles[number] = "comment"
        else:
            roles[number] = "boilerplate"
    authors = [a.strip() for a in (result.get("author") or "").split(";") if a.strip()]
    fields = {
        "title": title,
        "authors": authors,
        "published": result.get("date"),
        "outlet": result.get("sitename"),
    }
    return Prediction(roles, main, comments, fields)


SYSTEMS: dict[str, System] = {
    "pipeline": this_package,
    "jusText": justext_baseline,
    "trafilatura": trafilatura_baseline,
}


def _cell(value: float | None, digits: str = ".1%") -> str:
    return "—" if value is None else format(value, digits)


def render(label: str, results: list[Scores]) -> str:
    header = ["figure", *(s.system for s in results)]
    rows = [
        ["line accuracy", *(_cell(s.line_accuracy) for s in results)],
        *(
            [f"article {name}", *(_cell(Scores.prf(s.article)[i], ".3f") for s in results)]
            for i, name in enumerate(("precision", "recall", "F1"))
        ),
        ["comment F1", *(_cell(Scores.prf(s.comment)[2], ".3f") for s in results)],
        *(
            [f"{name} accuracy", *(_cell(s.field_accuracy(name)) for s in results)]
            for name in METADATA_FIELDS
        ),
        ["seconds per document", *(_cell(s.seconds / max(s.documents, 1), ".4f") for s in results)],
    ]
    width = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [f"## {label} ({results[0].documents} documents, {results[0].lines} lines)"]
    for row in [header, *rows]:
        lines.append("  ".join(str(cell).ljust(w) for cell, w in zip(row, width, strict=True)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "sets",
        nargs="+",
        help="LABEL=GOLD.jsonl:DOCS_DIR, e.g. seeds=tests/gold/seeds.gold.jsonl:seeds",
    )
    parser.add_argument("--mistakes", action="store_true", help="list this package's mistakes")
    args = parser.parse_args(argv)
    for spec in args.sets:
        label, paths = spec.split("=", 1)
        gold_path, docs_dir = paths.split(":", 1)
        gold_rows = read_gold(Path(gold_path))
        results = [
            score(gold_rows, Path(docs_dir), name, system) for name, system in SYSTEMS.items()
        ]
        print(render(label, results), end="\n\n")
        if args.mistakes:
            print("\n".join(results[0].mistakes), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
