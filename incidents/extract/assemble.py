"""Assembling a draft incident from its sentences, each field with its evidence."""

from __future__ import annotations

import re

from geo.gazetteer import Gazetteer
from incidents.errors import MalformedFile
from incidents.extract.article import Article, without_dateline
from incidents.extract.dates import When
from incidents.extract.events import type_of
from incidents.extract.grouping import Draft, group_drafts
from incidents.extract.mentions import Lexicon, lexicon_for
from incidents.extract.places import places_in
from incidents.extract.roles import (
    CONTEXT_WEIGHT,
    FLAG_AFTER,
    HARMFUL_TYPES,
    LATER_SENTENCE_WEIGHT,
    decide_roles,
    role_votes,
)
from incidents.extract.sentences import Sentence, split_sentences
from incidents.focus import with_context
from incidents.lexicon import COMPASS, asset_matches
from incidents.model import Evidence, Incident, Location
from incidents.routes import Waypoint, draft_route
from incidents.vocabulary import country_name

__all__ = ["MAX_INCIDENTS_PER_ARTICLE", "extract"]

#: Most incidents drafted from one text; more means several reports pasted as one.
MAX_INCIDENTS_PER_ARTICLE = 50


def extract(article: Article, *, gazetteer: Gazetteer) -> list[Incident]:
    """Draft incidents from one article, each field with its evidence.

    Parameters
    ----------
    article
        The report (see :func:`read_article`).
    gazetteer
        Used for countries and places.

    Returns
    -------
    list of Incident
        The main incident first; empty when the article reports none.
    """
    gaz = gazetteer
    lex = lexicon_for(gaz)
    sentences = split_sentences(article.text)
    # "MOSCOW - Russia and China …", "DUBAI, United Arab Emirates (AP) — Iran
    # seized …": a dateline says where the story was filed, not who acted. Copied
    # pages put it after the headline and byline, so any sentence may open with one.
    sentences = [without_dateline(s) for s in sentences]
    drafts = group_drafts(sentences, article.published)
    if len(drafts) > MAX_INCIDENTS_PER_ARTICLE:
        # Each incident costs milliseconds to place and route: a pasted archive
        # would take minutes, and its drafts could not be reviewed one by one anyway.
        raise MalformedFile(
            f"{article.path or 'The text'} reads as {len(drafts):,} separate incidents; an "
            f"article reports a few (at most {MAX_INCIDENTS_PER_ARTICLE} are drafted). Split it "
            "into one file per report, or bring a table of incidents in with Import."
        )
    incidents = []
    previous: tuple[str, ...] = ()
    for draft in drafts:
        incident, previous = _assemble(draft, article, lex, gaz, previous, sentences)
        if incident is not None:
            incidents.append(incident)
    return incidents


#: A campaign of attacks or seizures told as background: "Yemen's Houthi rebels vowed to
#: attack any ship linked to Israel", "The Houthis have launched more than 60 attacks".
_CAMPAIGN = re.compile(
    r"\b(?:vow(?:ed|s)?|threaten(?:ed|s)?|pledged|promised)\b[^.;]{0,30}?\bto\s+"
    r"(?:attack|target|strike|seize)\b|"
    r"\b(?:has|have)\s+(?:[\w-]+\s+){0,2}?(?:launched|carried out|staged|mounted)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:attacks|strikes)\b|"
    r"\b(?:has|have)\s+(?:[\w-]+\s+){0,2}?(?:attacked|targeted|struck|seized|hit)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:ships|vessels|shipping|tankers)\b",
    re.I,
)


def _campaigners(sentences: list[Sentence], lex: Lexicon) -> list[tuple[str, Evidence]]:
    """Who the report says wages a campaign of attacks or seizures, in order, with the words.

    An attack or seizure nobody claims in its own sentences ("a merchant ship
    was hit by a drone 65 nautical miles west of Al Hudaydah") is the campaign's
    the report sets it in: the party named as the subject of that campaign.
    """
    found: list[tuple[str, Evidence]] = []
    for s in sentences:
        m = _CAMPAIGN.search(s.text)
        if m is None:
            continue
        head = s.text[: m.start()]
        subjects = [
            men
            for men in lex.mentions(head)
            # "the Iran-aligned group has attacked ships": the backer is not the campaign's.
            if len(men.codes) == 1 and not FLAG_AFTER.search(head[men.end :])
        ]
        if subjects:
            men = subjects[-1]
            found.append((men.codes[0], s.span(men.start, men.end)))
    return found


def _assemble(
    draft: Draft,
    article: Article,
    lex: Lexicon,
    gaz: Gazetteer,
    previous: tuple[str, ...],
    sentences: list[Sentence],
) -> tuple[Incident | None, tuple[str, ...]]:
    evidence: list[Evidence] = []
    typed = type_of(draft.sentences)
    if typed is None:
        return None, previous
    event_type, type_evidence = typed
    evidence.append(_field("event_type", type_evidence))
    harmful = event_type in HARMFUL_TYPES
    votes = []
    # Ships attacked or seized are named by what happened to them; the militaries and
    # officials who report it (UKMTO, "a US official said") took no part.
    speakers = event_type not in REPORTED_BY_OTHERS
    for i, s in enumerate(draft.sentences):
        weight = 1.0 if i == 0 else LATER_SENTENCE_WEIGHT
        votes.extend(role_votes(s, lex, previous, weight, harmful, speakers_respond=speakers))
    for s in draft.context:
        votes.extend(
            role_votes(s, lex, previous, CONTEXT_WEIGHT, harmful, speakers_respond=speakers)
        )
    actor_list, responder_list = decide_roles(votes)
    if harmful and not actor_list:
        # Read only now: most reports name their attacker in the event's own sentences.
        responding = {c for c, _ in responder_list}
        actor_list = [p for p in _campaigners(sentences, lex) if p[0] not in responding][:1]
    evidence.extend(_field("actors", ev) for _, ev in actor_list)
    evidence.extend(_field("responders", ev) for _, ev in responder_list)
    actors = dict.fromkeys(c for c, _ in actor_list)
    responders = dict.fromkeys(c for c, _ in responder_list)
    assets: dict[str, None] = {}
    locations: dict[str, Location] = {}
    waypoints: list[Waypoint] = []
    for index, s in enumerate(draft.sentences):
        for asset, m in asset_matches(s.text):
            if asset.name not in assets:
                assets[asset.name] = None
                evidence.append(_field("assets", s.span(m.start(), m.end())))
                for code in asset.countries:
                    if not actors and code not in responders:
                        actors[code] = None  # the operator implies the actor
        if index and _BACKGROUND.search(s.text):
            continue  # "The encounter comes a month after NATO warned of … the Arctic"
        found = places_in(s, lex, gaz)
        ends = [ev.end for _, ev in found]
        for match, ev in found:
            before = s.text[: ev.start - s.start]
            locator = any(
                end <= ev.start and _LOCATOR.fullmatch(s.text[end - s.start : ev.start - s.start])
                for end in ends
            )
            aside = (
                _BEARING_BEFORE.search(before[-40:])
                or _ON_ITS_WAY_BEFORE.search(before[-80:])
                or (match.kind not in _WATER_KINDS and _DESTINATION_BEFORE.search(before[-40:]))
            )
            if aside and any(loc.precision == "region" for loc in locations.values()):
                # "in the Black Sea, west of Crimea", "headed toward Crimea": a bearing
                # or a destination, once the incident has its sea.
                continue
            if match.kind not in _NOT_WAYPOINTS:
                waypoints.append(
                    Waypoint(
                        match.name, match.geometry, index, ev.start - s.start, ev.end - s.start
                    )
                )
            key = match.feature_id or match.name
            if key not in locations:
                locations[key] = Location(
                    name=match.name,
                    geometry=match.geometry,
                    precision=match.precision,
                    kind=match.kind,
                    phrase=ev.text,
                    feature_id=match.feature_id if match.kind != "point" else None,
                    # "Second Thomas Shoal in the Spratly Islands": where the shoal lies.
                    role="context" if locator and match.kind not in _NOT_WAYPOINTS else "focus",
                )
                evidence.append(_field("locations", ev))
    if not locations and not actors:
        return None, previous
    route = draft_route([s.text for s in draft.sentences], waypoints, gaz)
    if route is not None:
        locations[route.name] = route  # its places' own evidence is there already
    when = draft.when
    if when is not None:
        evidence.append(_field("start_date", when.evidence))
        start, end, precision = when.start, when.end, when.precision
    elif article.published is not None:
        start, end, precision = article.published, None, "day"
        evidence.append(Evidence("start_date", "(no date in the text: publication date)", 0, 0))
    else:
        return None, previous
    actor_codes = tuple(actors)
    first = draft.sentences[0]
    incident = Incident(
        title=_title(actor_codes, event_type, list(locations.values()), first.text),
        summary=first.text[:400],
        start_date=start,
        end_date=end if end and end != start else None,
        date_precision=precision,
        event_type=event_type,
        actors=actor_codes,
        responders=tuple(c for c in responders if c not in actors),
        assets=tuple(assets),
        locations=with_context(
            tuple(locations.values()),
            gaz,
            keep=[loc.role == "context" for loc in locations.values()],
        ),
        sources=(article.source,),
        evidence=_unique(evidence),
        confidence=_confidence(when, actor_codes, locations, assets),
    )
    return incident, actor_codes or previous


#: Between two places, what makes the second the container of the first: " in the ".
_LOCATOR = re.compile(r",?\s+(?:in|of)\s+(?:the\s+)?", re.I)
#: Before a place that is only a bearing ("west of Crimea") or, on land, where a craft
#: went afterwards ("headed toward Crimea"); a sea it returned to is still its area.
_BEARING_BEFORE = re.compile(rf"\b{COMPASS}(?:ern)?\s+of\s+(?:the\s+)?$", re.I)
_DESTINATION_BEFORE = re.compile(
    r"\b(?:headed|heading|returned|returning|flew back|sailed back)\s+(?:back\s+)?"
    rf"(?:{COMPASS}\s+)?(?:to|toward|towards|for)\s+(?:the\s+)?$",
    re.I,
)
#: A voyage told in a clause of its own: "the warship, which was on its way from the
#: Mediterranean to the North Sea" was followed elsewhere (unlike "boats on their way to
#: Second Thomas Shoal", stopped near it).
_ON_ITS_WAY_BEFORE = re.compile(
    r"\bwhich\s+(?:was|were)\s+(?:on\s+(?:its|their|her)\s+way|en\s+route|bound)\b[^.;]{0,50}?"
    r"\b(?:from|to|for)\s+(?:the\s+)?$",
    re.I,
)
_WATER_KINDS = frozenset({"sea", "ocean", "gulf", "strait", "bay", "channel", "zone"})
#: A sentence that sets the event against others: its places are not where it happened.
_BACKGROUND = re.compile(
    # "The seizure follows the Guards' capture of two tankers in the Gulf"
    r"\bthe\s+(?:seizure|attack|incident|intercept|interception|encounter|collision|flight|"
    r"transit|patrol|drill|exercise)s?\s+(?:follows|followed)\b|"
    r"\b(?:comes?|came)\s+(?:just\s+|about\s+|nearly\s+)?(?:a|an|one|two|three|four|several|days|"
    r"weeks|months)\b[^.;]{0,25}?\b(?:after|before)\b|\bin recent (?:years|months|weeks)\b|"
    # "Such intercepts highlight …", "… amid rising tensions in the Arctic"
    r"^\W*Such\s+[\w-]+s\b|\bamid\b[^.;]{0,40}?\btensions?\b|"
    # "part of a wider set of war games that take in the Pacific, the Baltic …"
    r"\b(?:wider|broader|larger)\s+(?:[\w-]+\s+){0,3}?(?:drills|exercises|war games|manoeuvres|"
    r"maneuvers|series|set)\b",
    re.I,
)
#: A whole country or state is where something came from or belongs ("drones fired from
#: Yemen"), not a point a ship or aircraft passed: no route runs through one.
_NOT_WAYPOINTS = frozenset({"country", "state"})
#: Events whose reporters are not parties to them (see :func:`_assemble`).
REPORTED_BY_OTHERS = frozenset({"attack", "seizure"})


def _field(name: str, ev: Evidence) -> Evidence:
    return Evidence(name, ev.text, ev.start, ev.end)


def _unique(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(evidence))


_TYPE_WORDS = {
    "patrol": "patrol",
    "intercept": "intercept",
    "airspace_violation": "airspace violation",
    "adiz_entry": "ADIZ entry",
    "naval_transit": "transit",
    "exercise": "exercise",
    "collision_or_unsafe_encounter": "unsafe encounter",
    "seizure": "seizure",
    "attack": "attack",
    "surveillance": "surveillance flight",
    "other": "incident",
}


def _title(
    actors: tuple[str, ...], event_type: str, locations: list[Location], sentence: str
) -> str:
    who = "–".join(country_name(c) for c in actors) if actors else "Unattributed"
    joint = "joint " if len(actors) > 1 and event_type in ("patrol", "exercise") else ""
    naval = "naval " if re.search(r"\bnaval\b", sentence, re.I) and event_type == "patrol" else ""
    where = ""
    places = [loc for loc in locations if loc.kind != "route"]
    regions = [loc for loc in places if loc.precision != "point"] or places
    focus = [loc for loc in regions if loc.role == "focus"] or regions
    if focus:
        regions = focus
        names = [loc.name for loc in regions[:2]]
        near = {n.partition(" near ")[2] for n in names}
        if len(names) == 2 and len(near) == 1 and "" not in near:
            # "the North Pacific Ocean and Bering Sea near Alaska"
            names = [n.partition(" near ")[0] for n in names]
            names[-1] += f" near {near.pop()}"
        where = (
            " over the " + " and ".join(names)
            if regions[0].precision == "region"
            else " near " + names[0]
        )
    return f"{who} {joint}{naval}{_TYPE_WORDS[event_type]}{where}"


def _confidence(
    when: When | None,
    actors: tuple[str, ...],
    locations: dict[str, Location],
    assets: dict[str, None],
) -> float:
    score = 0.35
    score += 0.2 if when is not None else 0.0
    score += 0.15 if actors else 0.0
    score += 0.15 if locations else 0.0
    score += 0.1 if assets else 0.0
    return round(min(score, 0.95), 2)
