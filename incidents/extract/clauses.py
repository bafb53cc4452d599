"""The clauses and verbs of a sentence: where one act ends and what each verb says.

A sentence is cut into clauses (a main clause, "after …" clauses, "while …"
clauses), each with a weight, and each clause's verbs are found with their
kind (actor, aggressive, responder, speech) and voice. :mod:`incidents.extract.roles`
reads each country mention against them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from incidents.lexicon import (
    ACTOR_VERBS,
    AGGRESSIVE_VERBS,
    COUNTER_CLAIM_VERBS,
    NON_REVERSIBLE,
    RESPONDER_VERBS,
    SPEECH_VERBS,
)
from incidents.wordlists import any_word

__all__ = ["COUNTER_CLAIM", "VERBS", "clauses", "reciprocal_spans", "verbs_of"]


VERBS = {
    "actor": any_word(ACTOR_VERBS),
    "aggressive": any_word(AGGRESSIVE_VERBS),
    "responder": any_word(RESPONDER_VERBS),
    "speech": any_word(SPEECH_VERBS),
}

_NON_REVERSIBLE = {v.lower() for v in NON_REVERSIBLE}

#: A verb form right after a determiner is a noun: "the conduct", "a flight", "its launch".
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|that|such)\s+$", re.I)

#: A plural noun before an -ing form makes it a modifier, not the noun's verb: "F-35s flying
#: NATO's mission intercepted them" (unlike "were flying", or "…, shadowing it").
_MODIFIED_BEFORE = re.compile(
    r"\b(?!(?:was|is|has|does|as|us|this|its|his|hers|ours|yours|theirs|thus|plus|whereas)\s)"
    r"[\w-]+s\s+$",
    re.I,
)

#: A service's name before a bare verb makes it a noun: "a Philippine Coast Guard patrol".
_SERVICE_BEFORE = re.compile(r"\b(?:Guard|Navy|Force|Forces|Army|Corps|Fleet)\s+$")

_NOUN_FORMS = frozenset(
    {"patrol", "patrols", "intercept", "intercepts", "escort", "escorts", "strike", "strikes"}
    | {"attack", "attacks"}
)

COUNTER_CLAIM = any_word(COUNTER_CLAIM_VERBS)

#: After "followed" or "watched", what is not a ship or an aircraft: rules, or how.
_NOT_A_CRAFT_AFTER = re.compile(
    r"^\s+(?:(?:international|the|all|its|their|these|those|standard|safe|normal)\s+)*"
    r"(?:rules?|norms?|law|laws|procedures?|protocols?|guidelines?|orders?|instructions?|"
    r"practices?|regulations?|suit|closely|carefully|up)\b",
    re.I,
)

_PASSIVE_BEFORE = re.compile(
    # not "a drone believed to be Chinese flew …": a guess at whose it is, then its verb
    r"\b(?:was|were|been|being|be|is|are)\s+(?:(?!(?-i:[A-Z]))\w+\s+)?$",
    re.I,
)

#: A participle with its agent, no auxiliary: "a missile launched by the Houthis".
_AGENT_AFTER = re.compile(r"^\s+(?:[a-z]+ly\s+)?by\b", re.I)

#: A headline's passive without its auxiliary: "Russian ship hit in Novorossiysk",
#: "tanker seized off Fujairah". A transitive verb is followed by its object instead.
_REDUCED_PASSIVE_AFTER = re.compile(r"^\s+(?:in|off|near|at|during|while|after|as)\b", re.I)

#: "… boats had harassed in the strait": active, its object left out.
_PERFECT_BEFORE = re.compile(r"\b(?:had|has|have|having)\s+(?:\w+\s+)?$", re.I)

_PARTICIPLES = frozenset(
    {
        "hit", "struck", "attacked", "seized", "boarded", "harassed", "rammed", "targeted",
        "chased", "pursued", "water-cannoned", "downed", "destroyed", "shot down",
        "forced down",
    }
)  # fmt: skip

_SUBORDINATE = re.compile(
    r",?\s+(?:(?:hours|days|a day|a week|weeks|shortly|soon|just)\s+(?:after|before)|after|before|following)\s+",
    re.I,
)

_CLAUSE_SPLIT = re.compile(r",?\s+(?:while|whereas|but|although|when)\s+|;\s+", re.I)

#: Weights of a vote: a main clause counts fully; a clause about another moment
#: ("a day after China's military held drills") and later sentences count less.
_SUBORDINATE_WEIGHT = 0.3


def clauses(text: str) -> list[tuple[int, str, float, bool]]:
    """(start, clause, weight, lead-up) for each clause of a sentence.

    A *lead-up* is what happened just before a collision: "the jets collided
    … after two Greek fighters intercepted two Turkish warplanes". It is the
    same incident, and tells who intruded and who answered.
    """
    out = []
    for piece in _pieces(text, _CLAUSE_SPLIT):
        start, chunk = piece
        sub = list(_pieces(chunk, _SUBORDINATE, keep_sep=True))
        # "Japan scrambled jets after Chinese bombers flew …", "China has answered
        # after its jets intercepted …": a main clause that only reacts leaves the
        # event to the clause after it. One that acts itself ("held drills a day
        # after …") keeps the other moment in the background.
        reacting = len(sub) > 1 and _reacts_only(sub[0][1])
        collided = len(sub) > 1 and bool(_COLLIDED.search(sub[0][1]))
        for i, (s2, part) in enumerate(sub):
            plain = i > 0 and bool(_PLAIN_AFTER.match(part))
            lead_up = plain and collided
            weight = 1.0 if i == 0 or (plain and (reacting or lead_up)) else 0.0
            out.append((start + s2, part, weight or _SUBORDINATE_WEIGHT, lead_up))
    return out


_COLLIDED = re.compile(r"\b(?:collided|collide|collides|colliding|collision)\b", re.I)

#: Both sides as one subject or object of a collision: "Greek and Turkish fighters
#: collide", "the collision between a Turkish cargo ship and a Greek warship", "the two
#: frigates 'touched' each other". Who did what is told elsewhere, if at all.
_RECIPROCAL = re.compile(
    r"^[^.;:]{0,120}?\band\b[^.;:]{0,100}?\s(?P<verb>(?:collid(?:e|es|ed|ing)\b(?!\s+with)|"
    r"[\"“”']?touched[\"“”']?\s+each other|(?:bumped|hit|struck)\s+each other))|"
    r"\b(?:collisions?|clash(?:es)?|crash(?:es)?)\s+(?:between|of)\s+(?P<pair>[^.;:]{0,80}?\band\s+"
    r"(?:(?:the|an?|two)\s+)?(?:[\w'’-]+\s+){0,3}[\w'’-]+)",
    re.I,
)


def reciprocal_spans(clause: str) -> list[tuple[int, int]]:
    """Where a clause names both sides of a collision together (see :data:`_RECIPROCAL`)."""
    return [
        (0, m.start("verb")) if m.group("verb") is not None else m.span("pair")
        for m in _RECIPROCAL.finditer(clause)
    ]


_PLAIN_AFTER = re.compile(r",?\s+(?:after|following)\s", re.I)

_REACTION = re.compile(r"\b(?:answered|reacted|hit back|protested|complained|condemned)\b", re.I)


def _reacts_only(clause: str) -> bool:
    """Whether a clause names no act of its own: only a response, a statement or nothing."""
    kinds = {v[2] for v in verbs_of(clause)}
    return not kinds & {"actor", "aggressive"} and (
        bool(kinds) or bool(_REACTION.search(clause)) or not clause.strip()
    )


def _pieces(text: str, sep: re.Pattern[str], keep_sep: bool = False) -> Iterable[tuple[int, str]]:
    pos = 0
    for m in sep.finditer(text):
        yield pos, text[pos : m.start()]
        pos = m.start() if keep_sep else m.end()
    yield pos, text[pos:]


def verbs_of(clause: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, kind, passive) for every verb of interest, in order."""
    out = []
    for kind, regex in VERBS.items():
        for m in regex.finditer(clause):
            word, near, after = (
                m.group(0).lower(),
                clause[max(0, m.start() - 8) : m.start()],
                clause[m.end() :],
            )
            if _NOUN_BEFORE.search(near) or (word in _NOUN_FORMS and _SERVICE_BEFORE.search(near)):
                continue
            if word in ("followed", "watched") and _NOT_A_CRAFT_AFTER.match(after):
                continue  # "followed international rules", "watched closely": no craft tracked
            if word.endswith("ing") and _MODIFIED_BEFORE.search(
                clause[max(0, m.start() - 20) : m.start()]
            ):
                continue  # "Italian F-35s flying NATO's air policing mission intercepted them"
            passive = (
                bool(_PASSIVE_BEFORE.search(clause[max(0, m.start() - 60) : m.start()]))
                or (kind != "speech" and bool(_AGENT_AFTER.match(after)))
                or (
                    word in _PARTICIPLES
                    and bool(_REDUCED_PASSIVE_AFTER.match(after))
                    and not _PERFECT_BEFORE.search(clause[max(0, m.start() - 20) : m.start()])
                )
            ) and word not in _NON_REVERSIBLE
            if kind == "speech" and passive:
                continue  # "the Houthis are said to have targeted it": hearsay, not a speaker
            out.append((m.start(), m.end(), kind, passive))
    out.sort()
    # A verb inside a longer one of another kind is part of it: "sent" in "sent up".
    return [
        v
        for v in out
        if not any(
            w is not v and w[0] <= v[0] and v[1] <= w[1] and w[1] - w[0] > v[1] - v[0] for w in out
        )
    ]
