"""The synthetic benchmark corpus: reproducible to the byte, sized and mixed like a real crawl."""

from __future__ import annotations

import dataclasses
import statistics
from pathlib import Path

import ftfy
import pytest

from tests.devtools.bench import corpus
from tests.devtools.bench.corpus import CorpusStats, generate_corpus, main

MOJIBAKE_MARKERS = ("Ã", "â€", "Ð", "Ñ€")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.txt"))}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[CorpusStats, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("bench") / "corpus"
    stats = generate_corpus(root, 400, seed=0)
    return stats, _files(root)


def test_same_seed_gives_identical_bytes_and_names(tmp_path: Path) -> None:
    first = generate_corpus(tmp_path / "a", 60, seed=7)
    second = generate_corpus(tmp_path / "b", 60, seed=7)
    assert first == second
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(a) == 60
    assert list(a) == list(b)
    assert a == b


def test_other_seed_differs_and_smaller_corpus_is_a_prefix(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "big", 30, seed=7)
    generate_corpus(tmp_path / "small", 10, seed=7)
    generate_corpus(tmp_path / "other", 10, seed=8)
    big, small, other = (_files(tmp_path / name) for name in ("big", "small", "other"))
    assert small.items() <= big.items()
    assert not set(other) & set(small)


def test_sizes_spread_like_scraped_pages(sample: tuple[CorpusStats, dict[str, bytes]]) -> None:
    stats, files = sample
    sizes = [len(data) for data in files.values()]
    assert stats.n_docs == len(files) == 400
    assert stats.n_bytes == sum(sizes)
    assert 5_000 <= statistics.median(sizes) <= 12_000
    assert max(sizes) <= 200_000
    assert max(sizes) > 4 * statistics.median(sizes)


def test_paths_are_outlet_year_month(sample: tuple[CorpusStats, dict[str, bytes]]) -> None:
    _, files = sample
    slugs = {outlet.slug for outlet in corpus.OUTLETS}
    for name in files:
        slug, year, month, filename = name.split("/")
        assert slug in slugs
        assert 2017 <= int(year) <= 2024
        assert 1 <= int(month) <= 12 and len(month) == 2
        assert filename.endswith(".txt")
    assert len({name.split("/")[0] for name in files}) >= 10


def test_languages_mixed_english_first(sample: tuple[CorpusStats, dict[str, bytes]]) -> None:
    _, files = sample
    language_of = {outlet.slug: outlet.language.code for outlet in corpus.OUTLETS}
    codes = [language_of[name.split("/")[0]] for name in files]
    assert set(codes) == {"en", "ru", "de", "it", "fr", "es"}
    assert 0.45 <= codes.count("en") / len(codes) <= 0.65
    texts = [data.decode("utf-8", errors="replace") for data in files.values()]
    assert any("ü" in text or "ß" in text for text in texts)
    assert any("é" in text for text in texts)
    assert sum(any("а" <= ch <= "я" for ch in text[:2000]) for text in texts) > 20


def test_encodings_mixed(sample: tuple[CorpusStats, dict[str, bytes]]) -> None:
    stats, files = sample
    invalid = []
    valid = []
    for data in files.values():
        try:
            valid.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            invalid.append(data)
    assert 0 < len(invalid) <= stats.n_legacy
    mojibake = [text for text in valid if any(marker in text for marker in MOJIBAKE_MARKERS)]
    assert 0 < len(mojibake) <= stats.n_mojibake
    assert any("Ã" in text or "â€" in text for text in mojibake)
    assert stats.n_legacy + stats.n_mojibake < 0.15 * stats.n_docs
    assert any("\r\n" in text for text in valid)
    # The damage is the kind real tools repair, not random noise.
    for text in mojibake:
        repaired = ftfy.fix_text(text)
        assert not any(marker in repaired for marker in ("Ã", "â€")), repaired[:200]


def test_seed_like_structure(sample: tuple[CorpusStats, dict[str, bytes]]) -> None:
    _, files = sample
    texts = [data.decode("utf-8", errors="replace") for data in files.values()]
    joined = "\n".join(texts)
    for phrase in (
        "Leave a Reply",
        "Your email address will not be published",
        "Source: ",
        "By ",
        "Читайте также",
        "Schreibe einen Kommentar",
        "Lascia un commento",
    ):
        assert phrase in joined, phrase
    with_paragraphs = [t for t in texts if t.count("\n\n") >= 3]
    assert len(with_paragraphs) > 0.8 * len(texts)
    comments_only = [t for t in texts if "\n\n" not in t.replace("\r\n", "\n")]
    assert 0 < len(comments_only) < 0.15 * len(texts)


def test_legacy_code_pages_encode_every_character_a_page_can_hold() -> None:
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, tuple):
            return [s for item in value for s in strings(item)]
        return []

    for language in corpus.LANGUAGES:
        chars = set("-•–*…·\u00a0«»“”„’‘—%")
        for field in dataclasses.fields(language):
            for text in strings(getattr(language, field.name)):
                chars |= set(text) | set(text.upper())
        for codec in language.legacy_codecs:
            for char in sorted(chars):
                corpus._replace_all(char, corpus._LEGACY_FALLBACK[codec]).encode(codec)


def test_command_line_is_silent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "5", "--seed", "3"]) == 0
    assert len(_files(tmp_path / "out")) == 5
    assert capsys.readouterr() == ("", "")
    with pytest.raises(SystemExit):
        main([str(tmp_path / "out"), "5"])
