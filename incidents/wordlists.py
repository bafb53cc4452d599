"""Regular expressions for long lists of words, built to be quick to search.

Python's ``re`` tries each branch of ``a|b|c`` in turn at every position, so a
pattern of 150 verbs costs 150 tries per character. The same words written as
a tree of shared prefixes ("intercept(?:ed|ing|s)?") cost one try per letter
read, and a look at the first letter skips most positions at once: searching a
sentence for every verb of a kind became about four times faster. Hand-written
patterns get the look at the first letter alone (:func:`first_letter_guard`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The parser behind ``re`` (``sre_parse`` before 3.11), read to find where a pattern can
# start; its shape has been stable for years, and any surprise only costs speed.
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["any_of", "any_word", "first_letter_guard"]

#: Letters of words still to read, each leading to the rest ("": a word ends here).
_Tree = dict[str, "_Tree"]


def any_word(words: Iterable[str]) -> re.Pattern[str]:
    r"""A case-blind pattern for any of ``words`` as whole words, the longest one first.

    It matches exactly what ``\b(?:w1|w2|…)\b`` with the words sorted longest first
    matches: at each place the longest word that ends at a word boundary.
    """
    return re.compile(rf"\b{any_of(words)}\b", re.I)


def any_of(words: Iterable[str]) -> str:
    """Pattern text for any one of ``words`` (case-blind), to build larger patterns with."""
    tree: _Tree = {}
    for word in words:
        node = tree
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    starts = sorted({c for first in tree if first for c in (first, first.upper())})
    first = "".join(re.escape(c) for c in starts)
    return f"(?=[{first}])(?:{_branches(tree)})"


def _branches(node: _Tree) -> str:
    """The words below ``node``; longer words are tried first, the way ``re`` backtracks."""
    kids = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not kids:
        return ""
    body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(body) > 1 else f"{body}?"


def first_letter_guard(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""``pattern`` behind a look at the first character its matches can start with.

    Hand-written patterns ("collid(?:ed|es?|ing)|near-miss|rammed|…") cost a try of
    every branch at every word; a look at the first character skips the words that
    start with none of theirs, a third of the time of a trigger scan. The characters
    are read from the pattern's parse tree; a pattern whose start cannot be read
    (a class like ``\w``, a match that may be empty) is returned as it is.
    """
    try:
        firsts, may_be_empty = _firsts(_parser.parse(pattern.pattern, pattern.flags))
    except (AttributeError, TypeError, ValueError):  # a parse tree of another shape
        return pattern
    if firsts is None or may_be_empty or not firsts:
        return pattern
    if pattern.flags & re.IGNORECASE:
        firsts = {c for f in firsts for c in (f.lower(), f.upper())}
    chars = "".join(re.escape(c) for c in sorted(firsts))
    return re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)


def _firsts(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The characters a sequence of parsed items can start with, and whether it can be empty.

    None: any character, as far as this reading can tell.
    """
    out: set[str] = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # takes no character: what follows starts the match
        if op is _c.LITERAL:
            return out | {chr(av)}, False
        if op is _c.IN:
            chars = _class_chars(av)
            return (None, False) if chars is None else (out | chars, False)
        if op is _c.SUBPATTERN:
            inner, empty = _firsts(av[-1])
        elif op is _c.BRANCH:
            inner, empty = set(), False
            for branch in av[1]:
                found, can_skip = _firsts(branch)
                if found is None:
                    return None, False
                inner |= found
                empty = empty or can_skip
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, _, sub = av
            inner, empty = _firsts(sub)
            empty = empty or low == 0
        else:
            return None, False  # any character, a back-reference…: not read here
        if inner is None:
            return None, False
        out |= inner
        if not empty:
            return out, False
    return out, True


def _class_chars(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < 256:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # a category (\w, \s) or a negated class
    return chars
