"""discover_files: every entry of the input folder is either a source or a reported reject."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.stages.discover import SourceFile, discover_files
from pipeline.stages.reject import Reject


def test_walks_nested_folders_and_reports_links_and_litter(tmp_path: Path) -> None:
    root = tmp_path / "input"
    (root / "outlet" / "2019").mkdir(parents=True)
    (root / "outlet" / "2019" / "page one.txt").write_text("Text", encoding="utf-8")
    (root / "-dash.txt").write_text("Text", encoding="utf-8")
    (root / "Статья.txt").write_text("Текст", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "outlet" / ".ipynb_checkpoints").mkdir()
    (root / "outlet" / ".ipynb_checkpoints" / "page-checkpoint.txt").write_text("Copy")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    os.symlink(outside, root / "link-out.txt")
    os.symlink(root / "loop-a", root / "loop-b")
    os.symlink(root / "loop-b", root / "loop-a")
    os.symlink(root / "outlet", root / "folder-link")
    os.symlink(root / "Статья.txt", root / "inside-link.txt")

    found = {item.path: item for item in discover_files(root)}

    sources = {path for path, item in found.items() if isinstance(item, SourceFile)}
    reasons = {path: item.reason for path, item in found.items() if isinstance(item, Reject)}
    assert sources == {"outlet/2019/page one.txt", "-dash.txt", "Статья.txt", "inside-link.txt"}
    assert reasons == {
        ".DS_Store": "hidden_file",
        "outlet/.ipynb_checkpoints": "hidden_folder",
        "link-out.txt": "symlink_outside",
        "loop-a": "symlink_loop",
        "loop-b": "symlink_loop",
        "folder-link": "symlink_folder",
    }
