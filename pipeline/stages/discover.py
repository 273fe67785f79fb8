"""Stage 1: find the input files, and report what cannot even be opened as a file."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path
from stat import S_ISREG

from pipeline.settings import DEFAULT_INCLUDE
from pipeline.stages.paths import readable_path
from pipeline.stages.reject import Reject

# Desktop litter that no scraper produced; reported as a reject so nothing vanishes silently.
HIDDEN_LITTER = {"Thumbs.db", "desktop.ini"}
# The reject reason of a folder that could not be listed; the run keeps what it held before.
UNLISTABLE_FOLDER = "unlistable_folder"


@dataclass(frozen=True)
class SourceFile:
    """An input file: where it is and its path relative to the input folder (the user's name for it)."""

    path: str
    absolute: str
    n_bytes: int
    mtime_ns: int
    path_bytes: bytes | None = None
    # The SHA-256 of the content the last run read (files.sha256), for a file it saw: the same
    # hash now means a touch, not a change (stages/process.py).
    known_sha256: str | None = None

    def reject(self, reason: str, detail: str, n_bytes: int | None = None) -> Reject:
        return Reject(self.path, reason, detail, n_bytes, self.path_bytes)


@dataclass(frozen=True)
class NotIncluded:
    """A file that --include/--exclude leave out: no input, not read, counted in the summary."""

    path: str


@dataclass(frozen=True)
class Selection:
    """Which files are inputs: globs on the name (no "/") or on the relative path; any case."""

    include: Sequence[str] = DEFAULT_INCLUDE
    exclude: Sequence[str] = ()

    def selects(self, path: str) -> bool:
        return _matches(path, self.include) and not _matches(path, self.exclude)


def file_ending(path: str) -> str:
    """ ".mht", ".arc.gz" (the ending before a compression's), or "no ending"."""
    parts = path.rsplit("/", 1)[-1].casefold().split(".")[1:]
    if not parts or not parts[-1]:
        return "no ending"
    if parts[-1] in ("gz", "bz2", "xz", "zst") and len(parts) > 1:
        return f".{parts[-2]}.{parts[-1]}"
    return f".{parts[-1]}"


def _matches(path: str, patterns: Sequence[str]) -> bool:
    folded = path.casefold()
    name = folded.rsplit("/", 1)[-1]
    return any(fnmatchcase(folded if "/" in p else name, p.casefold()) for p in patterns)


def discover_files(
    root: Path, selection: Selection | None = None, warehouse: Path | None = None
) -> Iterator[SourceFile | Reject | NotIncluded]:
    """Walk `root` in a stable order. Symlinks are resolved, never followed out of `root`.

    A folder that cannot be listed (no permission, an I/O error, a path too long for the
    system) becomes a reject with reason `unlistable_folder`, never a silent hole. Links that
    lead nowhere or out of `root` and hidden files are rejects whatever their names; other files
    that `selection` leaves out are NotIncluded. The `warehouse` folder, when it is inside
    `root`, is not walked: a run's own output is no input (it changes with every run)."""
    selection = selection or Selection()
    root = root.resolve()
    output = warehouse.resolve() if warehouse is not None else None
    unlistable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable.append, followlinks=False):
        yield from _unlistable_folders(root, unlistable)
        dirnames.sort()
        here = Path(dirpath)
        for dirname in list(dirnames):
            candidate = here / dirname
            if candidate == output:
                dirnames.remove(dirname)
            elif _is_symlink(candidate):
                dirnames.remove(dirname)
                yield _symlinked_directory(root, candidate)
            elif dirname.startswith("."):  # as hidden files are: no scraper's output
                dirnames.remove(dirname)
                yield _hidden_folder(root, candidate)
        for filename in sorted(filenames):
            yield _inspect(root, here / filename, selection)
    yield from _unlistable_folders(root, unlistable)


def _unlistable_folders(root: Path, errors: list[OSError]) -> Iterator[Reject]:
    for error in errors:
        folder = Path(os.fsdecode(error.filename)) if error.filename is not None else root
        rel, raw = _relative(root, folder)
        reason = (error.strerror or str(error)).lower()
        yield Reject(
            rel,
            UNLISTABLE_FOLDER,
            f"The folder could not be listed ({reason}): its files were not read, and the "
            "documents an earlier run found in it are kept, not marked gone.",
            None,
            raw,
        )
    errors.clear()


def _is_symlink(path: Path) -> bool:
    """A path the system cannot even examine is not a link: its listing fails and says why."""
    try:
        return path.is_symlink()
    except OSError:
        return False


def _relative(root: Path, path: Path) -> tuple[str, bytes | None]:
    return readable_path(path.relative_to(root).as_posix())


def _hidden_folder(root: Path, folder: Path) -> Reject:
    rel, raw = _relative(root, folder)
    detail = (
        "A hidden folder (.git, .cache, .ipynb_checkpoints…): not read. "
        "Rename it without the dot to read what it holds."
    )
    return Reject(rel, "hidden_folder", detail, path_bytes=raw)


def _symlinked_directory(root: Path, link: Path) -> Reject:
    rel, raw = _relative(root, link)
    reject = partial(Reject, rel, path_bytes=raw)
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return reject("symlink_loop", "A symbolic link to a folder that loops or is broken.")
    if not target.is_relative_to(root):
        return reject("symlink_outside", f"A symbolic link to {target}, outside the input.")
    return reject("symlink_folder", "A symbolic link to a folder inside the input: not followed.")


def _inspect(root: Path, path: Path, selection: Selection) -> SourceFile | Reject | NotIncluded:
    rel, raw = _relative(root, path)
    reject = partial(Reject, rel, path_bytes=raw)
    target = path
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return reject("symlink_loop", "A symbolic link that loops or points nowhere.")
            if not target.is_relative_to(root):
                return reject("symlink_outside", f"A symbolic link to {target}, outside the input.")
        if path.name.startswith(".") or path.name in HIDDEN_LITTER:
            return reject("hidden_file", "A hidden or system file, not a scraped page.")
        if not selection.selects(rel):
            return NotIncluded(rel)
        stat = path.stat()
    except FileNotFoundError:
        return reject("vanished", "The file disappeared while the run was listing the folder.")
    except OSError as error:
        return reject("unreadable", f"The file could not be examined: {error.strerror}.")
    if not S_ISREG(stat.st_mode):
        return reject("not_a_file", "A special file (pipe, socket or device), not a document.")
    # A link inside the input is read through its target: reading never follows a link (a
    # file swapped for one after this listing is refused, process.read_input).
    return SourceFile(rel, str(target), stat.st_size, stat.st_mtime_ns, raw)
