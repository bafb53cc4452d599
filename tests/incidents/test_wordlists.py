"""Fast word scans (incidents/wordlists.py) find what slow ones do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from incidents.lexicon import (
    ACTOR_VERBS,
    AGGRESSIVE_VERBS,
    ASSETS,
    RESPONDER_VERBS,
    SPEECH_VERBS,
    asset_matches,
)
from incidents.routes import MOVING_WORDS, ORDER_WORDS
from incidents.wordlists import any_word, first_letter_guard

CORPUS = Path(__file__).parent / "corpus"


def _plain(words: list[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b", re.I)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_the_longest_whole_word_wins_as_in_a_plain_alternation():
    words = ["shot", "shot down", "fire", "fired", "fires", "intercept", "intercepted"]
    text = "Jets fired flares, shot down a drone, Shot at boats; the interceptor intercepted it."
    fast = any_word(words)
    assert [text[a:b] for a, b in _spans(fast, text)] == [
        "fired", "shot down", "Shot", "intercepted",
    ]  # fmt: skip
    assert _spans(fast, text) == _spans(_plain(words), text)


def _labelled_texts() -> list[str]:
    texts = [
        report["text"]
        for path in sorted(CORPUS.glob("*.toml"))
        for report in tomllib.loads(path.read_text(encoding="utf-8")).get("report", [])
        if "text" in report
    ]
    assert len(texts) > 200
    return texts


def test_every_verb_list_finds_the_same_words_in_every_labelled_report():
    texts = _labelled_texts()
    for words in (
        ACTOR_VERBS, AGGRESSIVE_VERBS, RESPONDER_VERBS, SPEECH_VERBS, MOVING_WORDS, ORDER_WORDS,
    ):  # fmt: skip
        fast, plain = any_word(words), _plain(list(words))
        for text in texts:
            assert _spans(fast, text) == _spans(plain, text), text[:80]


def test_one_scan_finds_every_designation_a_scan_per_asset_finds():
    texts = [
        *_labelled_texts(),
        "Tu-95MS and Tu-95 bombers, H-6K and H-6 bombers, the carrier Fujian, a B-1B, an F-2.",
        "The Shandong carrier group and the carrier Shandong; Shandong province is no ship.",
    ]
    for text in texts:
        slow = [(a.name, m.span()) for a in ASSETS for m in a.pattern.finditer(text)]
        assert [(a.name, m.span()) for a, m in asset_matches(text)] == slow, text[:80]
    assert [a.name for a, _ in asset_matches(texts[-2])] == [
        "Tu-95MS", "Tu-95", "H-6K", "H-6", "Fujian", "B-1B", "F-2",
    ]  # fmt: skip


def test_a_first_letter_guard_reads_optional_words_and_leaves_unreadable_starts_alone():
    source = r"\b(?:(?:unnecessarily |very )?aggressive|rammed)"
    guarded = first_letter_guard(re.compile(source, re.I))
    assert guarded.pattern.startswith("(?=[ARUVaruv])")
    text = "A Very aggressive turn, then it rammed the boat; Aggressive again."
    assert guarded.findall(text) == ["Very aggressive", "rammed", "Aggressive"]
    assert first_letter_guard(re.compile(source)).pattern.startswith("(?=[aruv])")
    for unreadable in (r"\w+ing\b", r"(?:a|\d)x", r"x?"):
        pattern = re.compile(unreadable)
        assert first_letter_guard(pattern) is pattern


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    source = re.fullmatch(r"\(\?=\[\w+\]\)\(\?:(.*)\)", pattern.pattern, re.S)
    assert source is not None, f"not guarded, so slow again: {pattern.pattern[:60]}"
    return re.compile(source[1], pattern.flags)


def test_every_pattern_searched_in_every_sentence_is_guarded_and_finds_the_same_words():
    from incidents.extract.dates import FUTURE
    from incidents.extract.events import HABITUAL
    from incidents.lexicon import (
        HYPOTHETICAL,
        MOVEMENT,
        NEGATED,
        ORDINARY_TRIGGERS,
        STRONG_TRIGGERS,
        WEAK_TRIGGERS,
    )

    triggers = [
        p for table in (STRONG_TRIGGERS, ORDINARY_TRIGGERS, WEAK_TRIGGERS) for _, p in table
    ]
    fast = [*triggers, HYPOTHETICAL, MOVEMENT, NEGATED, HABITUAL, FUTURE]
    slow = [_unguarded(p) for p in fast]
    for text in _labelled_texts():
        for quick, plain in zip(fast, slow, strict=True):
            assert _spans(quick, text) == _spans(plain, text), (plain.pattern[:40], text[:80])
