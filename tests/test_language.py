"""Language identification: every labelled page keeps its language, on text and HTML alike, and
the benchmark corpus's pages get the language they were written in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.settings import Settings
from pipeline.stages.language import detect_language
from pipeline.stages.process import build_document
from tests.conftest import GOLD, PROJECT_ROOT, SEEDS, real_dev_pages
from tests.devtools.bench.corpus import OUTLETS, generate_corpus

DEVSET = PROJECT_ROOT / "tests" / "devset"
REAL = DEVSET / "real"
# Pages whose language is knowingly not the gold one: none since the decoder reads the page's
# meta charset (fo21_ja_futaba_thread.html, Shift_JIS, was mostly U+FFFD before: no language).
NO_LANGUAGE: set[str] = set()
# Pages whose words are mostly in another language than the site's: ge06, a French forum topic
# opened by 189 words of English spam under 80 words of French replies.
MOSTLY_OTHER = {"ge06_fr_invision_rcub_spamop": "en"}
ISO_639_1 = re.compile(r"[a-z]{2}")


def _labelled() -> list[tuple[Path, str]]:
    """(page, gold language) for the seeds, the written dev set and the real dev pages (text form
    and original HTML)."""
    pages: list[tuple[Path, str]] = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        pages.append((SEEDS / gold["path"], gold["language"]))
    for line in (DEVSET / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        pages.append((DEVSET / "docs" / gold["path"], gold["language"]))
    for gold in real_dev_pages():
        pages.append((REAL / "docs" / gold["path"], gold["language"]))
        if gold.get("html"):
            pages.append((REAL / "html" / gold["html"], gold["language"]))
    return pages


LABELLED = _labelled()


def test_every_labelled_page_is_counted() -> None:
    # 5 seeds, 45 written pages, the real dev pages as text and as HTML: none silently skipped.
    real = len(real_dev_pages())
    assert real >= 160
    assert len(LABELLED) == 5 + 45 + 2 * real
    languages = {language for _, language in LABELLED}
    assert {"zh", "ja", "th", "ko", "ar", "ru"} <= languages


def test_every_labelled_page_keeps_its_language() -> None:
    wrong = []
    for page, gold in LABELLED:
        language = build_document(page.name, page.read_bytes(), Settings()).language
        expected = None if page.name in NO_LANGUAGE else MOSTLY_OTHER.get(page.stem, gold)
        if language != expected:
            wrong.append((page.name, gold, language))
    assert wrong == []


def test_benchmark_pages_get_the_language_they_were_written_in(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 300, 0)
    language_of = {outlet.slug: outlet.language.code for outlet in OUTLETS}
    wrong = []
    for page in sorted(tmp_path.rglob("*.txt")):
        relative = page.relative_to(tmp_path)
        document = build_document(str(relative), page.read_bytes(), Settings())
        if document.language != language_of[relative.parts[0]]:
            wrong.append((str(relative), document.language))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Это предложение написано на русском языке, и его хватит для определения языка.", "ru"),
        ("这是一个用中文写的句子，应该足够用于语言识别。我们再写一些字，让它更长一点。", "zh"),
        ("これは日本語で書かれた文章です。言語を判定するのに十分な長さがあるはずです。", "ja"),
        ("이것은 한국어로 쓰인 문장입니다. 언어를 판별하기에 충분히 길어야 합니다.", "ko"),
        ("هذه جملة مكتوبة باللغة العربية، وينبغي أن تكون طويلة بما يكفي لتحديد اللغة.", "ar"),
        ("นี่คือประโยคที่เขียนเป็นภาษาไทย และควรยาวพอที่จะระบุภาษาได้อย่างถูกต้อง", "th"),
    ],
)
def test_scripts_beyond_latin(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_too_little_text_or_unreadable_text_has_no_language() -> None:
    assert detect_language("Home | About") is None
    assert detect_language("") is None
    assert detect_language("\ufffd\ufffd\ufffd" * 40 + " ab cd ef gh ij kl mn op qr st uv") is None


def test_only_iso_639_1_codes_come_out() -> None:
    # Cebuano and Cantonese have no two-letter code: the model's next best language that has one.
    samples = [
        "Ang Sugbuanon usa ka pinulongan nga gigamit sa mga tawo sa Sugbo ug sa Mindanao.",
        "佢哋話今日好熱，我哋去飲茶先啦，唔該晒你幫手，我哋聽日再傾過啦。",
        *(page.read_text(encoding="utf-8", errors="replace")[:2000] for page, _ in LABELLED[:20]),
    ]
    for text in samples:
        language = detect_language(text)
        assert language is None or ISO_639_1.fullmatch(language), (text[:40], language)
