"""Stage 1: find the input files, and report what cannot even be opened as a file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.reject import Reject

# Desktop litter that no scraper produced; reported as a reject so nothing vanishes silently.
HIDDEN_LITTER = {"Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class SourceFile:
    """An input file: where it is and its path relative to the input folder (the user's name for it)."""

    path: str
    absolute: str
    n_bytes: int
    mtime_ns: int


def discover_files(root: Path) -> Iterator[SourceFile | Reject]:
    """Walk `root` in a stable order. Symlinks are resolved, never followed out of `root`."""
    root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        for dirname in list(dirnames):
            candidate = here / dirname
            if candidate.is_symlink():
                dirnames.remove(dirname)
                yield _symlinked_directory(root, candidate)
        for filename in sorted(filenames):
            yield _inspect(root, here / filename)


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _symlinked_directory(root: Path, link: Path) -> Reject:
    rel = _relative(root, link)
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return Reject(rel, "symlink_loop", "A symbolic link to a folder that loops or is broken.")
    if not target.is_relative_to(root):
        return Reject(rel, "symlink_outside", f"A symbolic link to {target}, outside the input.")
    return Reject(
        rel, "symlink_folder", "A symbolic link to a folder inside the input: not followed."
    )


def _inspect(root: Path, path: Path) -> SourceFile | Reject:
    rel = _relative(root, path)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return Reject(rel, "symlink_loop", "A symbolic link that loops or points nowhere.")
        if not target.is_relative_to(root):
            return Reject(
                rel, "symlink_outside", f"A symbolic link to {target}, outside the input."
            )
    if path.name.startswith(".") or path.name in HIDDEN_LITTER:
        return Reject(rel, "hidden_file", "A hidden or system file, not a scraped page.")
    try:
        stat = path.stat()
    except FileNotFoundError:
        return Reject(rel, "vanished", "The file disappeared while the run was listing the folder.")
    except OSError as error:
        return Reject(rel, "unreadable", f"The file could not be examined: {error.strerror}.")
    if not path.is_file():
        return Reject(rel, "not_a_file", "A special file (pipe, socket or device), not a document.")
    return SourceFile(rel, str(path), stat.st_size, stat.st_mtime_ns)
