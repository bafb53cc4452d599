"""Word-list patterns (incidents/extract/wordlists.py) find what a plain alternation finds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from incidents.extract.wordlists import any_word
from incidents.lexicon import ACTOR_VERBS, AGGRESSIVE_VERBS, RESPONDER_VERBS, SPEECH_VERBS

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


def test_every_verb_list_finds_the_same_words_in_every_labelled_report():
    texts = [
        report["text"]
        for path in sorted(CORPUS.glob("*.toml"))
        for report in tomllib.loads(path.read_text(encoding="utf-8")).get("report", [])
        if "text" in report
    ]
    assert len(texts) > 200
    for words in (ACTOR_VERBS, AGGRESSIVE_VERBS, RESPONDER_VERBS, SPEECH_VERBS):
        fast, plain = any_word(words), _plain(list(words))
        for text in texts:
            assert _spans(fast, text) == _spans(plain, text), text[:80]
