"""Builds a folder of hostile inputs and says what must become of each file.

Generated, not committed: `python -m tests.hostile_inputs DIR` writes the folder for a look by hand.
"""

from __future__ import annotations

import codecs
import gzip
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

ARTICLE = (
    "Sanctions and Dialogue: A Difficult Balance\n\n"
    "By Anna Petrova\n\n"
    "The talks in Geneva ended without a joint statement, but both delegations said the "
    "channel would stay open through the summer and that experts would meet again soon.\n\n"
    "Observers noted that neither side mentioned the frozen assets, which remain the main "
    "obstacle to any broader agreement between the two governments this year.\n"
)
RUSSIAN = (
    "Переговоры в Женеве\n\n"
    "Министр иностранных дел России заявил журналистам, что переговоры с американской "
    "стороной продолжатся летом, несмотря на разногласия по целому ряду вопросов.\n"
)
POLISH = (
    "Rozmowy w Genewie\n\n"
    "Minister spraw zagranicznych powiedział dziennikarzom, że rozmowy będą kontynuowane "
    "latem, mimo różnic zdań w wielu sprawach. Zażółć gęślą jaźń.\n"
)
JAPANESE = "東京都は火曜日、新たな経済対策を発表した。野党は反発している。\n"
HEBREW = "הממשלה הודיעה ביום שלישי על צעדים כלכליים חדשים.\n"
SPANISH = "La política económica del país atraviesa un momento crítico.\n"
LATIN1_NAME = b"caf\xe9 d\xe9cembre.txt"


@dataclass(frozen=True)
class Fate:
    """`table` is "documents" or "rejects"; `reason` for rejects; `encoding`/`contains` for documents."""

    table: str
    reason: str | None = None
    encoding: str | None = None
    contains: str | None = None
    kind: str | None = None


def many_short_lines(n_lines: int) -> bytes:
    """A list, not a page: `n_lines` lines of a word and a number ("gamma 0001234")."""
    words = ("alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega")
    return "".join(f"{words[i % 7]} {i:07d}\n" for i in range(n_lines)).encode()


def big_prose_page(n_bytes: int) -> bytes:
    """A headline, a byline and paragraphs of prose up to `n_bytes`: a long report or transcript
    (10 million words at 60 MB), the same bytes on every machine."""
    rng = random.Random("tests.hostile_inputs.big_prose_page")
    vocabulary = sorted(set(ARTICLE.replace(",", " ").replace(".", " ").lower().split()))
    # Made-up words from the halves of real ones, for a vocabulary of thousands as prose has.
    vocabulary += [a[:3] + b[-4:] for a in vocabulary for b in vocabulary if len(a) + len(b) > 9]
    paragraphs = [ARTICLE.split("\n\n", 2)[0], "By Anna Petrova"]
    size = sum(len(p) + 2 for p in paragraphs)
    while size < n_bytes:
        words = rng.choices(vocabulary, k=rng.randint(60, 160))
        sentences = [" ".join(words[i : i + 15]).capitalize() for i in range(0, len(words), 15)]
        paragraphs.append(". ".join(sentences) + ".")
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs).encode()[:n_bytes]


def _mojibake(text: str, times: int) -> str:
    for _ in range(times):
        text = text.encode("utf-8").decode("sloppy-windows-1252")
    return text


def build_hostile_folder(root: Path) -> dict[str, Fate]:
    """Write the fixture under `root` (created) and return the expected fate of every entry."""
    root.mkdir(parents=True)
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace only.txt": b"  \n\t\n \r\n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "archive.txt": gzip.compress(ARTICLE.encode()),
        "document.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "program.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(500),
        "one huge line.txt": b"word " * 1_000_000,
        # Over the default max_lines (500,000): labelling each line would cost ~0.7 KB a line.
        "many short lines.txt": many_short_lines(600_000),
        "big.txt": (ARTICLE * 1).encode() + (ARTICLE.split("\n\n", 2)[2] * 95_000).encode(),
        "broken utf8.txt": RUSSIAN.encode() + b"\xff\xfe" + RUSSIAN.encode(),
        "-leading-dash.txt": ARTICLE.encode(),
        "Кириллица в имени.txt": RUSSIAN.encode(),
        "nested/deeper/still/page.txt": ARTICLE.encode(),
        "cp1251.txt": RUSSIAN.encode("cp1251"),
        "koi8r.txt": RUSSIAN.encode("koi8_r"),
        "cp1250.txt": POLISH.encode("cp1250"),
        "utf16 no bom.txt": ARTICLE.encode("utf-16-le"),
        "utf16 no bom cyrillic.txt": RUSSIAN.encode("utf-16-le"),
        "utf32 bom.txt": codecs.BOM_UTF32_LE + RUSSIAN.encode("utf-32-le"),
        "mojibake x3.txt": _mojibake("The “New Détente” — Moscow’s view\n", 3).encode(),
        "entities and controls.txt": (
            "AT&amp;T&#8217;s deal\x00 with\u200b soft\u00adhyphen\x07 and\u00a0NBSP\x9d\n"
        ).encode(),
        "page.html": (
            "<html><head><title>x</title><script>var a = '<p>no</p>';</script></head><body>"
            "<nav><a href='/'>Home</a></nav><h1>Sanctions &amp; Dialogue</h1>"
            "<p>By Anna Petrova</p><p>" + ARTICLE.split("\n\n")[2] + "</p></body></html>"
        ).encode(),
        ".DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(100),
        "Thumbs.db": bytes(64),
        ".ipynb_checkpoints/page-checkpoint.txt": ARTICLE.encode(),
        "empty dump.jsonl": b"",
        "image.jsonl": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "deep.html": (
            "<html><body><h1>Sanctions</h1>"
            + "<div>" * 300
            + "<p>Deep in the markup.</p>"
            + "</div>" * 300
            + "<p>After the deep markup.</p></body></html>"
        ).encode(),
        "page.html.gz": gzip.compress(
            (
                "<html><body><h1>Compressed &amp; saved</h1><p>" + ARTICLE + "</p></body></html>"
            ).encode()
        ),
        "saved as text.txt": (
            "<!DOCTYPE html>\n<html><body><h1>Saved as text</h1><p>"
            + ARTICLE
            + "</p></body></html>"
        ).encode(),
        "shift_jis.txt": (JAPANESE * 3).encode("shift_jis"),
        "cp1255.txt": (HEBREW * 3).encode("cp1255"),
        "mojibake soft hyphen.txt": SPANISH.encode().decode("cp1252").encode(),
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    outside = root.parent / f"{root.name}-outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    os.symlink(outside, root / "link to outside.txt")
    os.symlink(root / "loop-b", root / "loop-a")
    os.symlink(root / "loop-a", root / "loop-b")
    os.mkfifo(root / "a pipe.txt")
    # A latin-1 file name, as old FTP mirrors and Windows zips make: not valid UTF-8.
    (root / os.fsdecode(LATIN1_NAME)).write_bytes(ARTICLE.encode())
    # A folder whose path is too long for the system to list it (as a folder without read
    # permission is for a user other than root): a reject, never a silent hole.
    too_deep = _too_deep_folder(root)

    return {
        "empty.txt": Fate("documents", kind="empty"),
        "whitespace only.txt": Fate("documents", kind="empty"),
        "image.txt": Fate("rejects", reason="binary"),
        "archive.txt": Fate("rejects", reason="binary"),
        "document.txt": Fate("rejects", reason="binary"),
        "program.txt": Fate("rejects", reason="binary"),
        "one huge line.txt": Fate("rejects", reason="line_too_long"),
        "many short lines.txt": Fate("rejects", reason="too_many_lines"),
        "big.txt": Fate("documents", encoding="utf-8", kind="article"),
        "broken utf8.txt": Fate("documents", encoding="utf-8", contains="\ufffd\ufffd"),
        "-leading-dash.txt": Fate("documents", kind="article"),
        "Кириллица в имени.txt": Fate("documents", contains="Переговоры в Женеве"),
        "nested/deeper/still/page.txt": Fate("documents", kind="article"),
        "cp1251.txt": Fate("documents", encoding="cp1251", contains="Министр иностранных"),
        "koi8r.txt": Fate("documents", encoding="koi8-r", contains="Министр иностранных"),
        "cp1250.txt": Fate("documents", encoding="cp1250", contains="Zażółć gęślą jaźń"),
        "utf16 no bom.txt": Fate("documents", encoding="utf-16-le", contains="Geneva"),
        "utf16 no bom cyrillic.txt": Fate("documents", encoding="utf-16-le", contains="Министр"),
        "utf32 bom.txt": Fate("documents", encoding="utf-32-le", contains="Министр"),
        "mojibake x3.txt": Fate("documents", contains="The “New Détente” — Moscow’s view"),
        "entities and controls.txt": Fate(
            "documents", contains="AT&T’s deal with softhyphen and NBSP"
        ),
        "page.html": Fate("documents", contains="Sanctions & Dialogue\n", kind="article"),
        ".DS_Store": Fate("rejects", reason="hidden_file"),
        "Thumbs.db": Fate("rejects", reason="hidden_file"),
        ".ipynb_checkpoints": Fate("rejects", reason="hidden_folder"),
        "empty dump.jsonl": Fate("rejects", reason="no_pages"),
        "image.jsonl": Fate("rejects", reason="binary"),
        "deep.html": Fate("documents", contains="Deep in the markup.\nAfter the deep markup."),
        "page.html.gz": Fate("documents", contains="Compressed & saved\n"),
        "saved as text.txt": Fate("documents", contains="Saved as text\n"),
        "shift_jis.txt": Fate("documents", encoding="shift_jis", contains=JAPANESE),
        "cp1255.txt": Fate("documents", encoding="cp1255", contains=HEBREW),
        "mojibake soft hyphen.txt": Fate("documents", contains=SPANISH),
        "link to outside.txt": Fate("rejects", reason="symlink_outside"),
        "loop-a": Fate("rejects", reason="symlink_loop"),
        "loop-b": Fate("rejects", reason="symlink_loop"),
        "a pipe.txt": Fate("rejects", reason="not_a_file"),
        LATIN1_NAME.decode("utf-8", "backslashreplace"): Fate("documents", kind="article"),
        too_deep: Fate("rejects", reason="unlistable_folder"),
    }


def _too_deep_folder(root: Path) -> str:
    """Folders nested past PATH_MAX (4096 bytes), made one at a time relative to the one above,
    with a page at the bottom; returns the first folder that cannot be listed by its path."""
    name = "deep" + "e" * 246
    descriptor = os.open(root, os.O_RDONLY)
    parts: list[str] = []
    try:
        for _ in range(18):
            os.mkdir(name, dir_fd=descriptor)
            parts.append(name)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        page = os.open("page.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor)
        os.write(page, ARTICLE.encode())
        os.close(page)
    finally:
        os.close(descriptor)
    # os.walk lists a folder by its path: the first whose path is over the limit fails.
    depth = next(
        i
        for i in range(1, len(parts) + 1)
        if len(os.fsencode(root.resolve() / "/".join(parts[:i]))) >= 4096
    )
    return "/".join(parts[:depth])


if __name__ == "__main__":
    for path, fate in sorted(build_hostile_folder(Path(sys.argv[1])).items()):
        print(f"{fate.table:9} {fate.reason or fate.encoding or '':15} {path}")
