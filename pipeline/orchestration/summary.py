"""What a run did, in numbers: built per batch, merged per run, shown in the terminal and in Prefect."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.stages.process import Document
from pipeline.stages.reject import Reject
from pipeline.warehouse.load import MergeCounts


@dataclass
class RunReport:
    n_documents: int = 0
    n_rejects: int = 0
    n_bytes: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    role_chars: Counter[str] = field(default_factory=Counter)  # characters of the blocks per role
    reject_reasons: Counter[str] = field(default_factory=Counter)
    rejects: list[Reject] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    changes: MergeCounts | None = None
    n_inputs: int = 0
    n_not_read: int = 0  # inputs rejected while listing (hidden files, links, special files)
    # Files --include/--exclude left out, by file ending (".mht"): no inputs, not read.
    not_included: Counter[str] = field(default_factory=Counter)
    # Records of web archives and lines of dumps that hold no page, by kind ("request record").
    skipped: Counter[str] = field(default_factory=Counter)
    # The SHA-256 of each file read whole (files.sha256), and the files whose content was the
    # one the last run read: touched, not changed, so not processed (stages/process.py).
    contents: dict[str, str] = field(default_factory=dict)
    same_content: set[str] = field(default_factory=set)

    @classmethod
    def of_batch(cls, documents: Sequence[Document], rejects: Sequence[Reject]) -> RunReport:
        return cls(
            n_documents=len(documents),
            n_rejects=len(rejects),
            n_bytes=sum(d.n_bytes for d in documents) + sum(r.n_bytes or 0 for r in rejects),
            kinds=Counter(d.kind for d in documents),
            roles=Counter(b.role for d in documents for b in d.blocks),
            role_chars=_role_chars(documents),
            reject_reasons=Counter(r.reason for r in rejects),
            rejects=list(rejects),
        )

    @classmethod
    def merge(cls, reports: Iterable[RunReport]) -> RunReport:
        total = cls()
        for report in reports:
            total.n_documents += report.n_documents
            total.n_rejects += report.n_rejects
            total.n_bytes += report.n_bytes
            total.kinds.update(report.kinds)
            total.roles.update(report.roles)
            total.role_chars.update(report.role_chars)
            total.reject_reasons.update(report.reject_reasons)
            total.skipped.update(report.skipped)
            total.contents.update(report.contents)
            total.same_content.update(report.same_content)
            total.rejects.extend(report.rejects)
        return total

    def to_markdown(self) -> str:
        """The run's Prefect artifact: counts per kind and role, rejects by reason, the
        boilerplate share and the time of each stage."""
        n_blocks = sum(self.roles.values())
        n_chars = sum(self.role_chars.values())
        lines = [
            "# Corpus run",
            "",
            f"{plural(self.n_documents, 'document')} processed, {self.n_rejects} rejected, "
            f"{self.n_bytes / 1e6:.2f} MB read. {self.skipped_text()}{self.changes_text()}",
            "",
            f"**Boilerplate share**: {_share(self.roles['boilerplate'], n_blocks)} of blocks, "
            f"{_share(self.role_chars['boilerplate'], n_chars)} of characters.",
            "",
            "## Documents by kind",
            "",
            "| kind | documents |",
            "|---|---|",
            *(f"| {kind} | {count} |" for kind, count in sorted(self.kinds.items())),
            "",
            "## Blocks by role",
            "",
            "| role | blocks | share of blocks | characters | share of characters |",
            "|---|---|---|---|---|",
            *(
                f"| {role} | {count} | {_share(count, n_blocks)} | {self.role_chars[role]} "
                f"| {_share(self.role_chars[role], n_chars)} |"
                for role, count in sorted(self.roles.items())
            ),
            "",
            "## Rejects by reason",
            "",
            "| reason | files |",
            "|---|---|",
            *(f"| {reason} | {n} |" for reason, n in sorted(self.reject_reasons.items())),
            *([] if self.reject_reasons else ["| (none) | 0 |"]),
            "",
            "## Timings",
            "",
            "| stage | seconds |",
            "|---|---|",
            *(f"| {stage} | {seconds:.2f} |" for stage, seconds in self.seconds.items()),
        ]
        return "\n".join(lines)

    def to_text(self) -> str:
        """What this run read (new and changed files: unchanged ones are not read), then what
        the warehouse holds."""
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.kinds.items())) or "none"
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.reject_reasons.items())) or "none"
        timings = ", ".join(f"{stage} {s:.2f}s" for stage, s in self.seconds.items())
        return (
            f"Processed {plural(self.n_documents, 'document')} ({kinds}); {self.n_rejects} "
            f"rejected ({reasons}); {self.skipped_text()}{plural(sum(self.roles.values()), 'block')}; "
            f"{self.n_bytes / 1e6:.2f} MB.\n{self.changes_text()}\nTimings: {timings}."
        )

    def skipped_text(self) -> str:
        """Records of web archives and lines of dumps that hold no page, by kind."""
        if not self.skipped:
            return ""
        kinds = ", ".join(f"{n} {what}" for what, n in sorted(self.skipped.items()))
        return f"{sum(self.skipped.values())} skipped ({kinds}); "

    @property
    def n_not_included(self) -> int:
        return sum(self.not_included.values())

    def _endings(self) -> str:
        """Which files were left out, so that a user sees what --include would add."""
        common = self.not_included.most_common(4)
        listed = ", ".join(f"{n} {ending}" for ending, n in common)
        more = ", …" if len(self.not_included) > len(common) else ""
        return f" ({listed}{more}; see --include, --exclude)"

    def changes_text(self) -> str:
        """new + changed + unchanged + not read = the run's input files; with the records and
        lines of archives and dumps in place of those files, the inputs = documents + rejects."""
        if self.changes is None:
            return ""
        c = self.changes
        not_read = f", {self.n_not_read} not read" if self.n_not_read else ""
        left_out = (
            f"; {plural(self.n_not_included, 'file')} not included{self._endings()}"
            if self.n_not_included
            else ""
        )
        inputs = plural(self.n_inputs, "input file")
        if c.containers:
            inputs = (
                f"{plural(self.n_inputs - c.containers, 'file')} + {c.members} records and "
                f"lines of {plural(c.containers, 'archive or dump', 'archives or dumps')}"
            )
        return (
            f"Files: {c.new} new, {c.changed} changed, {c.unchanged} unchanged{not_read}; "
            f"{c.gone} gone{left_out}. Reconciled: {inputs} = "
            f"{plural(c.documents, 'document')} + {plural(c.rejected, 'reject')}."
        )


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """ "1 document", "2 documents", "0 documents"."""
    return f"{n} {noun}" if n == 1 else f"{n} {nouns or noun + 's'}"


def _role_chars(documents: Sequence[Document]) -> Counter[str]:
    chars: Counter[str] = Counter()
    for document in documents:
        for block in document.blocks:
            chars[block.role] += len(block.text)
    return chars


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"
