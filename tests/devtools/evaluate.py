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

import ftfy

from pipeline.settings import Settings
from pipeline.stages.comments import Comment
from pipeline.stages.process import Document, build_document
from pipeline.stages.roles import ARTICLE_ROLES

METADATA_FIELDS = ("kind", "title", "authors", "published", "outlet", "language")
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
# Systems that read the page's original HTML instead of its text form (no line roles).
HtmlSystem = Callable[[dict[str, Any], bytes], Prediction]


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
    # Pages whose gold has no comment that were given some (a thread invented from a form, a
    # sidebar, a "0 comments" heading), out of the pages whose gold has none.
    comment_free: int = 0
    comment_free_given: int = 0

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
    """One gold file, or every `.jsonl` file of a folder (the real-page set: one per labeller)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [
        json.loads(line)
        for file in files
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _tokens(text: str) -> Counter[str]:
    """Word tokens of the text as a reader sees it: mojibake in a saved page ("ÐŸÐ¾Ñ‚Ð¾Ð¼")
    counts as the words it stands for ("Потом"), which this package writes and a person would
    copy, whatever the tool; scores then measure the split, not the repair."""
    return Counter(TOKEN_RE.findall(ftfy.fix_text(text).casefold()))


def _overlap(counts: Counter[str], predicted: str, gold: str) -> None:
    p, g = _tokens(predicted), _tokens(gold)
    counts["overlap"] += sum((p & g).values())
    counts["predicted"] += sum(p.values())
    counts["gold"] += sum(g.values())


def _gold_texts(gold: dict[str, Any], lines: list[str]) -> tuple[str, str]:
    """The article (title, headings, body) and the comments, as the gold labels say."""
    by_role: dict[str, list[str]] = {role: [] for role in ("title", *ARTICLE_ROLES, "comment")}
    for number, role in gold["lines"].items():
        if role in by_role and int(number) <= len(lines):
            by_role[role].append(lines[int(number) - 1])
    article = "\n".join(by_role["title"] + by_role["body"] + by_role["heading"])
    return article, "\n".join(by_role["comment"])


def _count_texts(scores: Scores, gold_article: str, gold_comments: str, got: Prediction) -> None:
    _overlap(scores.article, got.article_text, gold_article)
    _overlap(scores.comment, got.comment_text, gold_comments)
    if not gold_comments.strip():
        scores.comment_free += 1
        scores.comment_free_given += bool(got.comment_text.strip())


def score_html(
    gold_rows: list[dict[str, Any]], docs_dir: Path, html_dir: Path, name: str, system: HtmlSystem
) -> Scores:
    """Article and comment word overlap of a system reading each page's original HTML."""
    scores = Scores(name)
    for gold in gold_rows:
        lines = (docs_dir / gold["path"]).read_text(encoding="utf-8").split("\n")
        raw = (html_dir / gold["html"]).read_bytes()
        started = time.perf_counter()
        prediction = system(gold, raw)
        scores.seconds += time.perf_counter() - started
        scores.documents += 1
        _count_texts(scores, *_gold_texts(gold, lines), prediction)
        _count_fields(scores, gold, prediction)
    return scores


def _count_fields(scores: Scores, gold: dict[str, Any], prediction: Prediction) -> None:
    for key, value in prediction.fields.items():
        scores.fields_supported.add(key)
        if gold.get(key) == value:
            scores.fields_right[key] += 1
        else:
            scores.mistakes.append(f"{gold['path']}: {key}: gold {gold.get(key)!r}, got {value!r}")


def score(gold_rows: list[dict[str, Any]], docs_dir: Path, name: str, system: System) -> Scores:
    scores = Scores(name)
    for gold in gold_rows:
        raw = (docs_dir / gold["path"]).read_bytes()
        lines = raw.decode("utf-8", "replace").split("\n")  # the labelled text, as stored
        started = time.perf_counter()
        prediction = system(gold, raw, "\n".join(lines))
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
        _count_texts(scores, *_gold_texts(gold, lines), prediction)
        _count_fields(scores, gold, prediction)
    return scores


def this_package(gold: dict[str, Any], raw: bytes, _text: str) -> Prediction:
    return _prediction(build_document(gold["path"], raw, Settings()))


def this_package_html(gold: dict[str, Any], raw: bytes) -> Prediction:
    prediction = _prediction(build_document(gold["html"], raw, Settings()))
    return Prediction({}, prediction.article_text, prediction.comment_text, prediction.fields)


def _prediction(document: Document) -> Prediction:
    blocks = document.blocks
    return Prediction(
        roles={str(b.line_start): b.role for b in blocks},
        article_text="\n".join(b.text for b in blocks if b.role in ("title", *ARTICLE_ROLES)),
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
    main = f"{title}\n{main}" if title else main
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


def trafilatura_html(_gold: dict[str, Any], raw: bytes) -> Prediction:
    """trafilatura as its users run it: on the page's own HTML, comments included."""
    import trafilatura

    extracted = trafilatura.bare_extraction(raw, include_comments=True, with_metadata=True)
    result: dict[str, Any] = {}
    if extracted is not None:
        result = extracted if isinstance(extracted, dict) else extracted.as_dict()
    title = result.get("title")
    main = result.get("text") or ""
    return Prediction(
        {},
        f"{title}\n{main}" if title else main,
        result.get("comments") or "",
        {"title": title},
    )


HTML_SYSTEMS: dict[str, HtmlSystem] = {
    "pipeline (HTML)": this_package_html,
    "trafilatura (HTML)": trafilatura_html,
}

SYSTEMS: dict[str, System] = {
    "pipeline": this_package,
    "jusText": justext_baseline,
    "trafilatura": trafilatura_baseline,
}


@dataclass
class CommentRows:
    """How well the `comments` rows match the gold comments: where each starts, who wrote it and
    when (gold comments that give an author or a time), counted over comments whose start matches;
    and which comment each answers, on pages whose gold nests replies (none: it answers the page)."""

    gold: int = 0
    predicted: int = 0
    starts_matched: int = 0
    authors: Counter[str] = field(default_factory=Counter)  # right / asked
    dates: Counter[str] = field(default_factory=Counter)
    times: Counter[str] = field(default_factory=Counter)
    parents: Counter[str] = field(default_factory=Counter)

    def render(self, label: str) -> str:
        def share(counts: Counter[str]) -> str:
            return f"{counts['right']}/{counts['asked']}" if counts["asked"] else "—"

        precision = self.starts_matched / self.predicted if self.predicted else 0.0
        recall = self.starts_matched / self.gold if self.gold else 0.0
        return (
            f"{label}: {self.gold} gold comments, {self.predicted} rows; starts matched "
            f"P {precision:.3f} R {recall:.3f}; author right {share(self.authors)}, "
            f"date right {share(self.dates)}, time of day right {share(self.times)}, "
            f"parent right {share(self.parents)}"
        )


def score_comment_rows(gold_rows: list[dict[str, Any]], docs_dir: Path) -> CommentRows:
    rows = CommentRows()
    for gold in gold_rows:
        document = build_document(gold["path"], (docs_dir / gold["path"]).read_bytes(), Settings())
        predicted = {c.line_start: c for c in document.comments}
        rows.gold += len(gold["comments"])
        rows.predicted += len(predicted)
        matched = {
            got.seq: (n, got)
            for n, comment in enumerate(gold["comments"])
            if (got := predicted.get(comment["lines"][0]))
        }
        _count_rows(rows, gold["comments"], matched)
    return rows


def score_html_comment_rows(
    gold_rows: list[dict[str, Any]], docs_dir: Path, html_dir: Path
) -> CommentRows:
    """The rows of the HTML path. Its lines are not the text form's: a gold comment's start
    matches the next row, in page order, whose first line reads as the gold comment's first."""
    rows = CommentRows()
    for gold in gold_rows:
        lines = (docs_dir / gold["path"]).read_text(encoding="utf-8").split("\n")
        document = build_document(gold["html"], (html_dir / gold["html"]).read_bytes(), Settings())
        first_lines = {b.line_start: b.text for b in document.blocks}
        waiting: dict[str, list[Comment]] = {}
        for row in document.comments:
            waiting.setdefault(_squeezed(first_lines[row.line_start]), []).append(row)
        rows.gold += len(gold["comments"])
        rows.predicted += len(document.comments)
        matched = {}
        for n, comment in enumerate(gold["comments"]):
            if same := waiting.get(_squeezed(lines[comment["lines"][0] - 1])):
                got = same.pop(0)
                matched[got.seq] = (n, got)
        _count_rows(rows, gold["comments"], matched)
    return rows


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _count_rows(
    rows: CommentRows, comments: list[dict[str, Any]], matched: dict[int, tuple[int, Comment]]
) -> None:
    """A page's gold comments against the rows that start where they do (`matched`: a row's seq
    → the number of the gold comment it matches, and the row)."""
    nested = any(comment.get("parent") is not None for comment in comments)
    for n, got in matched.values():
        comment = comments[n]
        rows.starts_matched += 1
        if comment.get("author"):
            rows.authors["asked"] += 1
            rows.authors["right"] += got.author == comment["author"]
        posted = comment.get("posted") or ""
        if posted:
            rows.dates["asked"] += 1
            rows.dates["right"] += bool(got.posted) and str(got.posted)[:10] == posted[:10]
        if "T" in posted:
            rows.times["asked"] += 1
            at = got.posted_at
            rows.times["right"] += at is not None and at.isoformat()[:16] == posted[:16]
        if nested:
            parent = None if got.parent_seq is None else matched.get(got.parent_seq, (-1,))[0]
            rows.parents["asked"] += 1
            rows.parents["right"] += parent == comment.get("parent")


def _cell(value: float | None, digits: str = ".1%") -> str:
    return "—" if value is None else format(value, digits)


def render(label: str, results: list[Scores]) -> str:
    header = ["figure", *(s.system for s in results)]
    rows = [
        ["line accuracy", *(_cell(s.line_accuracy if s.lines else None) for s in results)],
        *(
            [f"article {name}", *(_cell(Scores.prf(s.article)[i], ".3f") for s in results)]
            for i, name in enumerate(("precision", "recall", "F1"))
        ),
        *(
            [f"comment {name}", *(_cell(Scores.prf(s.comment)[i], ".3f") for s in results)]
            for i, name in enumerate(("precision", "recall", "F1"))
        ),
        [
            "comment-free pages given comments",
            *(f"{s.comment_free_given} of {s.comment_free}" for s in results),
        ],
        *(
            [f"{name} accuracy", *(_cell(s.field_accuracy(name)) for s in results)]
            for name in METADATA_FIELDS
        ),
        ["seconds per document", *(_cell(s.seconds / max(s.documents, 1), ".4f") for s in results)],
    ]
    width = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [f"## {label} ({results[0].documents} documents, {results[0].lines} labelled lines)"]
    for row in [header, *rows]:
        lines.append("  ".join(str(cell).ljust(w) for cell, w in zip(row, width, strict=True)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "sets",
        nargs="+",
        help="LABEL=GOLD:DOCS_DIR[:HTML_DIR], e.g. seeds=tests/gold/seeds.gold.jsonl:seeds; "
        "GOLD may be a folder of .jsonl files; with HTML_DIR the HTML readers are scored too",
    )
    parser.add_argument("--mistakes", action="store_true", help="list this package's mistakes")
    parser.add_argument(
        "--frozen",
        action="store_true",
        help="also score the frozen pages (split=frozen): only once a change is finished",
    )
    args = parser.parse_args(argv)
    for spec in args.sets:
        label, paths = spec.split("=", 1)
        gold_path, docs_dir, *html_dir = paths.split(":")
        gold_rows = read_gold(Path(gold_path))
        splits = sorted({row.get("split", "dev") for row in gold_rows})
        for split in splits if args.frozen else [s for s in splits if s != "frozen"]:
            rows = [row for row in gold_rows if row.get("split", "dev") == split]
            name = label if splits == ["dev"] else f"{label} {split}"
            results = [score(rows, Path(docs_dir), n, system) for n, system in SYSTEMS.items()]
            if html_dir:
                results += [
                    score_html(rows, Path(docs_dir), Path(html_dir[0]), n, system)
                    for n, system in HTML_SYSTEMS.items()
                ]
            print(render(name, results), end="\n\n")
            if any(row.get("comments") for row in rows):
                print(score_comment_rows(rows, Path(docs_dir)).render("comment rows"), end="\n\n")
                if html_dir:
                    html_rows = score_html_comment_rows(rows, Path(docs_dir), Path(html_dir[0]))
                    print(html_rows.render("comment rows (HTML)"), end="\n\n")
            if args.mistakes:
                print("\n".join(results[0].mistakes), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
