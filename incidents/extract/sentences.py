"""Splitting a report into sentences with their offsets, leaving out captions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidents.model import Evidence

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it starts in the article's text."""

    text: str
    start: int

    def span(self, m_start: int, m_end: int) -> Evidence:
        """Evidence for the words between two offsets of this sentence."""
        return Evidence("", self.text[m_start:m_end], self.start + m_start, self.start + m_end)


_ABBREV = re.compile(
    r"\b(?:U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Brig|Sgt|Cdr|Cmdr|Adm|Capt|Sen|Rep|Gov|"
    r"St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|a\.m|p\.m)\.$"
)

#: Pages whose paragraphs were joined lose the space after a full stop ("…the strait.Neither
#: Japan …"): a stop after a lower-case word, then a capitalised word, ends a sentence too.
_RUN_TOGETHER = r"(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])"
_BREAK = re.compile(rf"[.!?][\"”’']?(?=\s+[\"“‘'A-Z0-9])|\n\s*\n|{_RUN_TOGETHER}")

#: Copied web pages put a headline, a byline or a dateline on a line of its
#: own, with no full stop; a text wrapped at a fixed width does not.
_LINE_BREAK = re.compile(rf"[.!?][\"”’']?(?=\s+[\"“‘'A-Z0-9])|\n|{_RUN_TOGETHER}")


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text, without photo captions."""
    out: list[Sentence] = []
    start = 0
    breaks = _BREAK if _hard_wrapped(text) else _LINE_BREAK
    for m in breaks.finditer(text):
        end = m.end()
        if _ABBREV.search(text[start:end]):
            continue
        _add_sentence(out, text, start, end)
        start = end
    _add_sentence(out, text, start, len(text))
    return out


def _hard_wrapped(text: str) -> bool:
    """Whether most lines end near one width, as in a text wrapped at 72 or 80 columns."""
    lengths = [len(line) for line in text.splitlines() if line.strip()]
    if len(lengths) < 4:
        return False
    return sum(55 <= n <= 100 for n in lengths) >= 0.7 * len(lengths)


#: A photo caption or credit copied with the page: it describes a picture,
#: often of another day ("Taiwanese soldiers … drills …, July 19. (Reuters)").
_CAPTION = re.compile(
    r"^(?:photo|file photo|image|picture)\b|\b(?:photo|image|picture)(?: credit)?\s*:|"
    r"\((?:[^()]{0,60}\b(?:photo|image|handout|file)\b[^()]{0,40}|AP|AFP|Reuters|Getty Images)\)\s*$",
    re.I,
)


def _add_sentence(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped and not _CAPTION.search(stripped):
        out.append(Sentence(stripped, start + chunk.index(stripped)))
