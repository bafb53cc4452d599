"""Where a text names countries: names, demonyms, capitals and forces."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from geo.gazetteer import Gazetteer
from incidents.lexicon import (
    CAPITALS,
    DEMONYMS,
    FORCES,
)

__all__ = ["Lexicon", "Mention", "lexicon_for"]


@dataclass(frozen=True)
class Mention:
    """Where a sentence names a country, and how (name, demonym, capital, force)."""

    start: int
    end: int
    codes: tuple[str, ...]
    kind: str  # name | demonym | capital | force | anaphor | possessive


def _country_terms(gaz: Gazetteer) -> dict[str, tuple[tuple[str, ...], str]]:
    terms: dict[str, tuple[tuple[str, ...], str]] = {}
    for f in gaz.countries():
        for name in (f.name, *f.aliases):
            if f.country and len(name) >= 4 and "," not in name:
                terms[name.lower()] = ((f.country,), "name")
    for table, kind in ((DEMONYMS, "demonym"), (CAPITALS, "capital"), (FORCES, "force")):
        for term, codes in table.items():
            terms[term] = (codes, kind)
    terms.update({"us": (("US",), "name"), "u.s.": (("US",), "name"), "uk": (("GB",), "name")})
    return terms


_SHORT_NAMES_OK = {"iran", "iraq", "oman", "peru", "cuba", "chad", "mali", "laos", "fiji", "togo"}

_WORD = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lower-case word) of a text; countries, seas and places all read them."""
    return tuple((m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text))


class _PhraseIndex:
    """Find known phrases in text word by word.

    A regex with thousands of alternatives backtracks at every position; this
    looks up each word's candidates instead.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.first: dict[str, list[tuple[list[str], str]]] = {}
        for phrase in phrases:
            words = _WORD.findall(phrase.lower())
            if len(words) > 1 and words[0] == "the":
                words = words[1:]  # "the Gulf": the article is not part of the name
            if words:
                self.first.setdefault(words[0], []).append((words, phrase.lower()))
        for candidates in self.first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, phrase) of non-overlapping matches, longest first at each word."""
        words = _words(text)
        lower = [w[2] for w in words]
        out, i = [], 0
        while i < len(words):
            step = 1
            for seq, phrase in self.first.get(lower[i], ()):
                n = len(seq)
                if lower[i : i + n] == seq:  # a list compared in C, word by word
                    out.append((words[i][0], words[i + n - 1][1], phrase))
                    step = n
                    break
            i += step
        return out


class Lexicon:
    """Every way a gazetteer's countries are named, indexed for fast lookup."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.terms = _country_terms(gaz)
        self._mentions: dict[str, list[Mention]] = {}
        self.countries = _PhraseIndex(self.terms)
        self.regions = _PhraseIndex(
            name
            for f in gaz.without_cities()
            if f.kind in ("ocean", "sea", "gulf", "bay", "strait", "channel", "adiz")
            or f.id.startswith("place:")
            for name in (f.name, *f.aliases)
            if len(name) >= 4
        )

    def mentions(self, text: str) -> list[Mention]:
        """Country mentions in a text, leaving out country words inside place names."""
        if text not in self._mentions:
            if len(self._mentions) > 4096:
                self._mentions.clear()
            self._mentions[text] = self._find_mentions(text)
        return self._mentions[text]

    def _find_mentions(self, text: str) -> list[Mention]:
        # "Gulf of Finland", "Norwegian Sea": a country word inside a place name
        # says nothing about who acted, except a zone named for its state.
        regions = self.regions.find(text)
        found: list[Mention] = []
        for start, end, key in self.countries.find(text):
            inside = next((r for r in regions if r[0] <= start and end <= r[1]), None)
            if inside is not None and not re.search(r"adiz|identification zone", inside[2]):
                continue
            raw = text[start:end]
            codes, kind = self.terms[key]
            if not raw[0].isupper():
                continue  # "plan", "us", "china" in lower case are other words
            if len(key.replace(".", "")) <= 4 and key not in _SHORT_NAMES_OK and raw != raw.upper():
                continue  # short forms count only as acronyms: US, PLA, RAF
            if key.endswith(".") and text[end : end + 1] == ".":
                end += 1  # "U.S." keeps its last dot
            if text[end : end + 2] in ("'s", "’s"):
                end += 2
            owner = found[-1] if found else None
            if (
                kind == "force"
                and owner is not None
                and owner.kind in ("name", "demonym")
                and owner.codes != codes
                and not text[owner.end : start].strip()
            ):
                # "the US Pacific Fleet": the state named first owns a force whose
                # name alone would be another's (Russia's Pacific Fleet).
                found[-1] = Mention(owner.start, end, owner.codes, "force")
                continue
            found.append(Mention(start, end, codes, kind))
        for m in re.finditer(
            r"\b(?:the two|both) (?:countries|nations|sides|militaries|air forces|navies)\b",
            text,
            re.I,
        ):
            found.append(Mention(m.start(), m.end(), (), "anaphor"))
        for m in _POSSESSIVE_FORCE.finditer(text):
            found.append(Mention(m.start(), m.end(), (), "possessive"))
        return sorted(found, key=lambda x: x.start)


#: "its jets", "their warships": the country named just before owns them.
_POSSESSIVE_FORCE = re.compile(
    r"\b(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:jets|fighters|fighter jets|warplanes|"
    r"aircraft|bombers|warships|ships|vessels|destroyers|frigates|submarines|cutters|navy|"
    r"military|forces|coast guard|drones)\b",
    re.I,
)


def lexicon_for(gaz: Gazetteer) -> Lexicon:
    """The lexicon of a gazetteer, built once and kept with it."""
    return gaz.derived("extract.lexicon", lambda: Lexicon(gaz))
