"""Who acted and who responded, from what each mention's clause says it did."""

from __future__ import annotations

import functools
import re

from incidents.extract.clauses import COUNTER_CLAIM, clauses, reciprocal_spans, verbs_of
from incidents.extract.mentions import Lexicon, Mention
from incidents.extract.sentences import Sentence
from incidents.lexicon import NON_REVERSIBLE, asset_matches
from incidents.model import Evidence

__all__ = [
    "CONTEXT_WEIGHT",
    "FLAG_AFTER",
    "HARMFUL_TYPES",
    "LATER_SENTENCE_WEIGHT",
    "decide_roles",
    "role_votes",
]


#: What follows a counter-claim ("China replied that the Australian plane had
#: entered its airspace") is one party's version, not the report's account.
_COUNTER_CLAIM_WEIGHT = 0.3


_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|off|from|toward|towards|to|into|inside|around|over|across|between|based in|"
    r"visit to|summit in|talks in|between\s+(?:[\w'’-]+\s+){1,3}and|"
    r"(?:areas?|parts?|coast|territory|port|city|region|province|capital) of)\s+(?:the\s+)?$",
    re.I,
)

_TERRITORY_AFTER = re.compile(
    r"^(?:['’]s)?[\s-]*(?:[\w-]+\s+){0,1}(?:sovereign\s+)?(?:airspace|air[- ]border|waters|"
    r"territor(?:y|ial waters)|"
    r"exclusive economic zone|EEZ|air defen[cs]e identification zone|ADIZ)\b",
    re.I,
)

_PLACE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,1}(?:coast(?![\s-]+guard)|port|island|islands|province|shore|"
    r"mainland|prefecture)\b",
    re.I,
)

_VEHICLE_AFTER = re.compile(
    r"^(?:['’]s)?[\s-]+(?:[\w.'’-]+\s+){0,4}?(?:missiles?|aircraft|bombers?|fighters?|jets?|warships?|"
    r"vessels?|ships?|destroyers?|frigates?|submarines?|drones?|helicopters?|planes?|carriers?|"
    r"navy|air force|military|forces|coast guard|troops)\b",
    re.I,
)

#: Flag states, owners and ports of call are named in reports of ships
#: seized or hit; they are parties only when they act ("Britain protested").
#: A state that stands behind a party without acting: "Iranian-backed", "Iran-aligned".
_BACKERS = r"backed|aligned|allied|supported|sponsored"
FLAG_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s*-\s*(?:flagged|owned|operated|managed|registered|linked|bound|held|"
    rf"controlled|{_BACKERS})|\s+flag)\b",
    re.I,
)

_FLAG_BEFORE = re.compile(
    r"\b(?:flying|under|flagged in|registered in|owned by|run by|operated by|managed by|"
    r"associated with|linked to|tied to|connected to|"
    r"bound for|sailing from|headed for|"
    r"heading for|en route to|on its way to)\s+(?:the\s+|an?\s+)?$",
    re.I,
)

#: A merchant ship's nationality is its flag or owner: "the British oil tanker Stena
#: Impero" (unlike "a Philippine supply boat", a state's own).
_MERCHANT_AFTER = re.compile(
    r"^\s+(?:(?:oil|crude|chemical|product|gas|LNG|LPG|motor)\s+)?(?:tankers?|cargo ships?|"
    r"container ships?|bulk carriers?|freighters?|merchant (?:ships?|vessels?)|"
    r"commercial (?:ships?|vessels?))\b",
    re.I,
)

_INTERCEPT = re.compile(r"intercept", re.I)

_CIVIL_AFTER = re.compile(r"^\s+(?:flights?|airlines?|airliners?|airways)\b", re.I)
#: Whose ally or backer a party is: "both treaty allies of the United States", "Backed by Iran".
_ALLY_OF_BEFORE = re.compile(
    r"\b(?:(?:allies|ally|partners?)\s+of|(?:backed|supported|armed|funded|sponsored)\s+by)"
    r"\s+(?:the\s+)?$",
    re.I,
)
#: What a state means to do, not what it did: "the United States would keep working with …".
_INTENT_AFTER = re.compile(
    r"^\s+(?:and\s+(?:[\w-]+\s+){1,2})?(?:would|will|could|should|might|must)\s+(?:\w+\s+)?\w+",
    re.I,
)
#: The press: "the Turkish broadcaster Haberturk reported", "Greek media said".
_MEDIA_AFTER = re.compile(
    r"^\s+(?:state(?:-run)?\s+|public\s+|private\s+)?(?:broadcasters?|media|television|TV|"
    r"newspapers?|dailies|daily|news\s+(?:agency|outlets?|site|website)|outlets?|press|"
    r"channels?|radio)\b",
    re.I,
)

#: A country inside a newspaper's name: "The Times of Israel reports", "the Japan Times".
_TITLE_BEFORE = re.compile(r"\b(?:Times|Post|Herald|Tribune|Gazette|Voice|Daily)\s+of\s+$")
_TITLE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:Times|Herald|Tribune|Gazette|Morning\s+Post|Independent|Daily|Today)\b"
)

_BY_AGENT = re.compile(
    r"\bby\s+(?:the\s+|an?\s+|two\s+|three\s+|four\s+)?(?:[\w-]+\s+){0,3}$", re.I
)

#: What a defender fires at or brings down: the weapon, or a warning.
_DEFENCE_OBJECT = re.compile(
    r"^[^.;]{0,60}?\b(?:warning (?:shots?|flares?|volleys?)|missiles?|drones?|UAVs?|UAS|"
    r"unmanned aerial|one-way attack|projectiles?|rockets?|torpedo(?:es)?|sea drones?)\b",
    re.I,
)

#: A drone that watches rather than strikes: bringing it down is no defence.
_PLATFORM = re.compile(
    r"\b(?:reconnaissance|surveillance|spy|patrol|MQ-?\d+\w*|RQ-?\d+\w*|Reaper|Global Hawk|"
    r"Triton)\b",
    re.I,
)

_DEFENCE_VERBS = frozenset(
    {
        "shot down",
        "shoot down",
        "shoots down",
        "downed",
        "destroyed",
        "engaged",
        "intercepted",
        "fired",
        "fires",
        "firing",
    }
)

_LAUNCHED_FROM = re.compile(r"\b(?:launched|fired)\s+(?:[\w-]+\s+){0,3}?from\s+(?:the\s+)?$", re.I)

_HELD_AFTER = re.compile(r"^\s*-\s*(?:held|controlled)\b", re.I)


_AMID_BEFORE = re.compile(r"\bamid\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$", re.I)
#: Words that leave what a verb acted on for another phrase: "shot it down … amid Israel's war".
_ASIDE = re.compile(r"\b(?:amid|during|while|as|since|after|before|despite)\b", re.I)


def _defends(clause: str, verb: tuple[int, int, str, bool]) -> bool:
    """Whether a verb brings down a weapon or fires a warning: a defender's act."""
    word = clause[verb[0] : verb[1]].lower()
    if word in ("shot it down", "shot them down"):
        return True  # what "it" is was named before: the incoming missile or drone
    found = _DEFENCE_OBJECT.search(clause[verb[1] :]) if word in _DEFENCE_VERBS else None
    if found is None or _PLATFORM.search(found.group(0)):
        return False  # "intercepted an American MQ-9 Reaper drone": a watcher, not a weapon
    # "fired a missile at a tanker" is an attack, "fired warning shots" a defence.
    return not word.startswith("fir") or "warning" in found.group(0).lower()


#: Event types in which the one acted upon is harmed.
HARMFUL_TYPES = frozenset({"collision_or_unsafe_encounter", "attack", "seizure"})

_IN_RESPONSE = re.compile(
    r"\b(?:in response|to monitor|to track|to shadow|to intercept|to keep (?:watch|track|an eye)|"
    r"to watch|to observe|to escort|to follow|for vigilance)\b",
    re.I,
)
#: A watch handed on between allies: "taking over the watch from French surveillance",
#: "handed the escort over to the Dutch navy".
_HANDOVER_BEFORE = re.compile(
    r"\b(?:(?:took|taking|takes|take)\s+over\s+(?:the\s+)?(?:[\w-]+\s+)?from|"
    r"(?:handed|handing|hands|hand)\s+(?:[\w-]+\s+){0,2}?(?:over\s+)?to)\s+(?:the\s+)?$",
    re.I,
)

_PRONOUN_SUBJECT = re.compile(r"^\s*(?:that\s+)?(?:[\w-]+\s+){0,4}?(?:it|they|its|their)\b", re.I)
#: Where a clause's subject begins: its start, or after a conjunction or a speech verb.
_SUBJECT_BEFORE = re.compile(
    r"(?:^|\b(?:after|before|when|as|that|and|while|said|says|say)|,)\s*$", re.I
)


LATER_SENTENCE_WEIGHT = 0.6

CONTEXT_WEIGHT = 0.4  # sentences that are not events: often one side's counter-claim

_SPEAKER = 0.5
#: A speaker that is a country's military or coast guard, not its government.
_MILITARY_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:military|armed forces|joint chiefs|joint staff|"
    r"defen[cs]e (?:ministry|department|force)|ministry of (?:national )?defen[cs]e|navy|"
    r"air force|coast guard|forces)\b",
    re.I,
)

_HARMED = 0.4

#: Between a movement and the one it came at: "flew close to a", "sailed near the".
#: What a coercive tool was turned on: "water cannons on two Philippine vessels", "lasers at"
#: (warning shots or fire are a defender's as often as an aggressor's).
_AIMED_AT_BEFORE = re.compile(
    r"\b(?:water[- ]?cannons?|lasers?|flares?|chaff)\s+(?:on|at|against|toward|towards)\s+(?:[^.;,]{0,40}?\band\s+)?"
    r"(?:the\s+|an?\s+|its\s+|their\s+|two\s+|three\s+|four\s+|several\s+)?$",
    re.I,
)
#: Who bore it: "the Philippine vessels faced dangerous manoeuvres and obstruction".
_SUFFERED_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:faced|suffered|endured|sustained|came under|"
    r"(?:was|were)\s+(?:subjected to|targeted|sprayed|hit|struck|damaged))\b|"
    # "A US Air Force MQ-9 Reaper spy drone came down over the Black Sea after …"
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,5}?(?:came down|went down|crashed|sank|ditched)\b",
    re.I,
)
#: The one come close to, whatever verb comes before: "came very close to the Australian P-8".
_CAME_CLOSE_BEFORE = re.compile(
    r"(?:\b(?:came|flew|sailed|got|passed|manoeuvred|maneuvered)\s+(?:(?:very|dangerously|as|"
    r"extremely|too|so|unsafely|perilously)\s+)?close\s+(?:as\s+[\d.]+\s*[\w]+\s+)?to|"
    # "how close the flares came to the Australian planes", "let off flares 'very close' to"
    r"\bclose\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:came|got|passed|flew)\s+to|"
    r"\bflares\s+[\"“']?(?:very|dangerously)\s+close[\"”']?\s+to)\s+"
    r"(?:the\s+|an?\s+|two\s+)?$",
    re.I,
)
_APPROACHED_BEFORE = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:close to|near|alongside|toward|towards|past|in front of|"
    r"within [\w.,-]+ (?:[\w-]+ )?of)\s+(?:an?|the|two|three|several)?\s*$",
    re.I,
)

#: The one going about its business when harmed: "was on a routine patrol",
#: "conducting routine maritime surveillance in international airspace".
_ROUTINE_AFTER = re.compile(
    r"^[^,;]{0,80}?\b(?:was|were|while|as it was|as they were)\s+(?:on|conducting|flying|"
    r"carrying out|performing|undertaking|operating)\s+(?:an?\s+)?(?:routine|regular|normal|"
    r"lawful|scheduled)\b",
    re.I,
)


def role_votes(
    sentence: Sentence,
    lex: Lexicon,
    previous_actors: tuple[str, ...],
    weight: float,
    harmful: bool = False,
    *,
    speakers_respond: bool = True,
) -> list[tuple[str, str, float, Evidence]]:
    """(code, role, weight, evidence) votes from one sentence.

    In a *harmful* event (an unsafe encounter, an attack, a seizure) the one
    intercepted, approached or fired at is the party harmed, a responder; in
    any other event the one intercepted is the actor ("NORAD intercepted two
    Russian bombers"). Without ``speakers_respond``, a country that only tells
    of the event ("according to the British military's UKMTO", "a US official
    said") votes for nothing.
    """
    votes: list[tuple[str, str, float, Evidence]] = []
    if _POLICY_LINE.search(sentence.text):
        return votes
    asset_starts = _asset_starts(sentence.text)
    named: tuple[str, ...] = ()  # the last country named so far in the sentence
    together = reciprocal_spans(sentence.text)
    for base, clause, clause_weight, lead_up in clauses(sentence.text):
        verbs = verbs_of(clause)
        for men in lex.mentions(clause):
            if any(a <= base + men.start < b for a, b in together):
                continue
            codes = men.codes
            if men.kind == "anaphor":
                codes = previous_actors
            elif men.kind == "possessive":
                # "Beijing answered after its jets …": as a subject only; in "cut in front
                # of its patrol aircraft" the owner is not the country named last.
                subject = _SUBJECT_BEFORE.search(clause[: men.start])
                codes = (named or previous_actors) if subject else ()
            if not codes:
                continue
            if men.codes:
                named = men.codes
            ev = sentence.span(base + men.start, base + men.end)
            # Before a collision, an intercept is an ordinary one: the intercepted intruded.
            role, strength = _role(
                clause, men, verbs, [a - base for a in asset_starts], harmful and not lead_up
            )
            if not role or (strength == _SPEAKER and not speakers_respond):
                continue
            countering = COUNTER_CLAIM.search(clause)
            if countering is not None:
                if men.end <= countering.start():
                    continue  # the one answering back: its role is in the other sentences
                strength *= _COUNTER_CLAIM_WEIGHT
            if (role, strength) == ("responder", _SPEAKER) and (
                men.kind == "force" or _MILITARY_AFTER.match(clause[men.end :])
            ):
                # "South Korea's Joint Chiefs of Staff said …", wherever it comes in the
                # report: the military that tracked and reported it responded.
                votes.extend((c, role, _SPEAKER, ev) for c in codes)
                continue
            votes.extend((c, role, strength * clause_weight * weight, ev) for c in codes)
    return votes


#: An event named as a noun, then the one who did it: "the second such capture by Tehran".
_EVENT_BY = re.compile(
    r"\b(?:capture|seizure|attack|strike|incursion|intrusion|violation|launch|harassment|"
    r"ramming|intercept|interception|provocation)s?"
    # "the most serious violation of European airspace by Russia"
    # "an intrusion into South Korea's air defence identification zone by 19 Russian and …"
    r"(?:\s+(?:of|into|in|over)\s+[\w'’-]+(?:\s+[\w'’-]+){0,5}?)?\s+by\s+(?:the\s+)?(?:\d+\s+)?"
    # "the fourth attack by Iranian-backed Houthis"
    rf"(?:[\w'’]+-(?:{_BACKERS})\s+)?"
    r"(?:[\w'’-]+\s+(?:and|or)\s+)?$",
    re.I,
)
#: The one named by its act: "a Ukrainian attack on its naval base", "a Houthi drone strike"
#: (and not "a Russian attack submarine", a kind of boat).
_ACT_AFTER = re.compile(
    r"^\s+(?:(?:sea[- ])?drone\s+|missile\s+|naval\s+)?(?:attack|strike|incursion|raid|assault)s?\b"
    r"(?!\s+(?:submarines?|helicopters?|aircraft|craft|boats?|jets?|drones?|group)\b)",
    re.I,
)
#: The one blamed: "an assault believed to be the work of Yemen's Houthi rebels".
_BLAMED_ON = re.compile(
    r"\b(?:(?:the\s+)?(?:work|handiwork) of|blamed on|blames? on|attributed to|claimed by)\s+"
    # "an attack US officials blame on Yemen's Iran-backed Houthi militia"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$",
    re.I,
)
#: The one objecting: "drawing protest from China", "a rebuke from Beijing".
_OBJECTION_FROM = re.compile(
    r"\b(?:protests?|condemnation|criticism|rebuke|complaints?|objections?)\s+from\s+(?:the\s+)?$",
    re.I,
)
#: Who came next, doing the same: "… entered the zone, followed by 15 Russian aircraft".
_FOLLOWED_BY = re.compile(r"\bfollowed\s+by\s+(?:the\s+|an?\s+|\d+\s+)?$", re.I)
#: The one whose conduct it was: "blocking actions from Chinese vessels", "dangerous
#: manoeuvres by Chinese ships" (the one put in danger is in the next rules).
_CONDUCT_FROM = re.compile(
    r"\b(?:actions?|moves?|manoeuvres?|maneuvers?|harassment|interference|aggression|"
    r"provocations?)[\"”']?\s+(?:from|by)\s+(?:the\s+)?$",
    re.I,
)
#: The one put at risk or acted against: "a grave danger to Philippine personnel",
#: "reckless action by China directed against a Philippine vessel".
_ENDANGERED_BEFORE = re.compile(
    r"\b(?:(?:danger|threat|risk|hazard)s?\s+to|(?:directed\s+|aimed\s+)?against)\s+"
    r"(?:the\s+|an?\s+|its\s+|their\s+)?$",
    re.I,
)
#: The one on an errand when harmed: "deployed three vessels on Monday to deliver
#: supplies", "sent three boats with fuel and ice for the fishermen".
_ERRAND_AFTER = re.compile(
    r"^[^;]{0,80}?\b(?:to (?:deliver|bring|carry) (?:supplies|food|fuel|aid|provisions)|"
    r"to resupply|with (?:supplies|food|fuel|aid|provisions)\b|on (?:an?\s+)?(?:resupply|"
    r"supply|rotation and resupply|humanitarian) mission)",
    re.I,
)
#: The one that had to give way: "the British ships with it had to change course".
_GAVE_WAY_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:had to (?!be\b)|(?:was|were) forced to (?!be\b)|took evasive action)",
    re.I,
)
#: The one passing judgement on what another did: "Czech President Petr Pavel called
#: Russia's conduct 'extremely irresponsible'".
_JUDGED_AFTER = re.compile(
    r"^[^.;,]{0,40}?\b(?:called|described|branded|labelled|labeled|termed)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:conduct|actions?|behaviou?r|moves?|incursions?|violations?|"
    r"intrusions?|manoeuvres?|maneuvers?|provocations?)\b",
    re.I,
)
#: The other side of an encounter: "had an unsafe encounter with two US Navy ships".
_ENCOUNTER_WITH = re.compile(
    r"\b(?:encounters?|interactions?|confrontations?|stand-?offs?|run-ins?)\s+with\s+"
    r"(?:(?:the|an?|two|three|four|five|several|\d+)\s+)?$",
    re.I,
)
#: The one that had the encounter: "Iranian boats had an unsafe encounter with …".
_HAD_ENCOUNTER_AFTER = re.compile(
    r"^[^.;,]{0,60}?\bhad\s+(?:an?\s+)?(?:[\w\"“”'-]+\s+){0,3}?"
    r"(?:encounter|interaction|confrontation|stand-?off|run-in)\s+with\b",
    re.I,
)
#: The navy's standing line ("will keep flying, sailing and operating wherever
#: international law allows"): a statement of policy, not of what happened.
_POLICY_LINE = re.compile(r"\bwherever international law (?:allows|permits)\b", re.I)
#: What a state did not do: "China has not responded to the claim", "did not immediately
#: respond to requests for comment".
_DID_NOT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,4}?(?:has|have|had|did|does|do)\s+(?:not|n[’']t|never)\b",
    re.I,
)
#: A state's plan or decision, the subject of a protest rather than a party to the event.
_PLAN_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:plans?|decision|proposal|intention|bid)\b", re.I
)
#: A government meeting about it: "the Finnish and Estonian governments held extraordinary
#: meetings".
_MEETING_AFTER = re.compile(
    r"^[^.;]{0,40}?\bheld\s+(?:[\w-]+\s+){0,2}?(?:meetings?|talks|consultations)\b", re.I
)
#: A cargo's origin, not a party: "seized a ship carrying Russian oil".
_CARGO_BEFORE = re.compile(
    r"\b(?:carrying|carries|loaded with|transporting|transports|sales? of|exports? of|"
    r"sanctions on)\s+"
    r"(?:[\w-]+\s+)?$",
    re.I,
)
_CARGO_AFTER = re.compile(
    r"^\s+(?:crude\s+)?(?:oil|crude|fuel|grain|gas|LNG|diesel|petrol|coal)\b", re.I
)
#: A fleet named for whose sanctions it evades: "among Russia's so-called shadow fleet".
_SHADOW_FLEET_AFTER = re.compile(r"^(?:['’]s)?\s+(?:so-called\s+)?[\"“']?shadow\s+fleet", re.I)
#: A conjunction opening a clause of its own on the mention.
_NEW_SUBJECT_BEFORE = re.compile(
    r"(?:,\s*and|\bwhile|\bwhen|\bbefore|\bafter)\s+(?:the\s+)?$", re.I
)
#: Where a responder set out from: "scrambled from the RAF Lossiemouth base".
_SOURCE_BEFORE = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?$", re.I)
#: A relative clause opening on the mention: "a tanker that Iranian boats had harassed".
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|whom)\s+(?:the\s+)?$", re.I)
#: The one who published the record: "according to video released by Manila".
_RELEASED_BY = re.compile(
    r"\b(?:video|footage|images?|photos?|photographs?|pictures?|statements?|recordings?|data)\s+"
    r"(?:released|published|shared|posted|issued|provided)\s+by\s+(?:the\s+)?$",
    re.I,
)
#: A source named as such: "according to Estonian public broadcasting", "according to the
#: Japanese Defense Ministry". It told of the event; what it did is in other sentences.
#: Also a body inside the source's name: "according to the British military's United
#: Kingdom Maritime Trade Operations centre".
_ACCORDING_TO = re.compile(
    r"\baccording to\s+(?:the\s+)?(?:[\w-]+(?:'s|’s)?\s+(?:the\s+)?){0,3}$", re.I
)
#: The one naming what happened: "after what US European Command called 'an unsafe intercept'".
_WHAT_BEFORE = re.compile(r"\bwhat\s+(?:the\s+|its\s+)?$", re.I)
_CALLED_AFTER = re.compile(
    r"^[^,;\"“]{0,50}?\b(?:called|described as|termed|dubbed|labell?ed)\s+(?:it\s+)?[\"“]", re.I
)
#: A headline that names its source first: "US Navy: Iran seizes oil tanker".
_HEADLINE_SOURCE = re.compile(r"^\s*:\s")


def _role(
    clause: str,
    men: Mention,
    verbs: list[tuple[int, int, str, bool]],
    assets_at: list[int],
    harmful: bool = False,
) -> tuple[str | None, float]:
    before, after = clause[: men.start], clause[men.end :]
    if _MEDIA_AFTER.match(after) or _TITLE_BEFORE.search(before[-30:]) or _TITLE_AFTER.match(after):
        return None, 0.0  # the press told of it; what the country did is elsewhere
    if _HANDOVER_BEFORE.search(before[-50:]):
        return "responder", 1.0  # the ally the watch was handed on from, or to
    if _AMID_BEFORE.search(before[-40:]):
        return None, 0.0  # "amid Israel's war with Hamas": the setting, not a party
    if _ALLY_OF_BEFORE.search(before[-40:]) or _INTENT_AFTER.match(after):
        return None, 0.0  # "treaty allies of the United States"; "the US would keep working"
    if _DID_NOT_AFTER.match(after) or _PLAN_AFTER.match(after) or _MEETING_AFTER.match(after):
        return None, 0.0  # "China has not responded"; "Japan's reported plan to put missiles …"
    if (_CARGO_BEFORE.search(before[-40:]) and _CARGO_AFTER.match(after)) or (
        _SHADOW_FLEET_AFTER.match(after)
    ):
        return None, 0.0  # "a ship carrying Russian oil", "Russia's so-called shadow fleet"
    if FLAG_AFTER.search(after) and not _HELD_AFTER.search(after):
        return None, 0.0  # "the fourth attack by Iranian-backed Houthis": the backer did not act
    if not before.strip() and _HEADLINE_SOURCE.match(after):
        return "responder", _SPEAKER
    if (
        _ACCORDING_TO.search(before[-60:])
        or _RELEASED_BY.search(before[-40:])
        or (_WHAT_BEFORE.search(before[-20:]) and _CALLED_AFTER.match(after))
    ):
        return "responder", _SPEAKER
    if harmful and _ENCOUNTER_WITH.search(before[-50:]):
        return "responder", 1.0
    if harmful and _HAD_ENCOUNTER_AFTER.search(after):
        return "actor", 1.0
    if _GAVE_WAY_AFTER.search(after) or _JUDGED_AFTER.match(after):
        return "responder", 1.0
    if _EVENT_BY.search(before[-90:]):
        return "actor", 1.0
    # "Four Chinese warplanes entered the KADIZ followed by 15 Russian aircraft"
    if _FOLLOWED_BY.search(before[-30:]) and any(
        v[2] in ("actor", "aggressive") and not v[3] and v[1] <= men.start for v in verbs
    ):
        return "actor", 1.0
    if _ACT_AFTER.match(after):
        return "actor", 2.0  # as strong as the subject of "attacked"
    if _OBJECTION_FROM.search(before[-40:]):
        return "responder", 2.0  # as strong as the subject of "condemned"
    if harmful and _CONDUCT_FROM.search(before[-40:]):
        return "actor", 1.0
    if harmful and (_ENDANGERED_BEFORE.search(before[-40:]) or _ERRAND_AFTER.search(after)):
        return "responder", 1.0
    if _BLAMED_ON.search(before[-40:]):
        return "actor", 1.0
    if _LAUNCHED_FROM.search(before[-60:]) and _HELD_AFTER.search(after):
        return "actor", 1.0  # "drones launched from Houthi-controlled areas"
    if _TERRITORY_AFTER.search(after):
        return "responder", 1.0  # "violated Greek airspace", "into Japan's territorial waters"
    # "based in Estonia", "a summit in Washington"; a demonym qualifies a noun
    # ("warning shots at Iranian boats") and is a place only before one.
    if men.kind in ("name", "capital") and _PLACE_BEFORE.search(before[-45:]):
        return None, 0.0
    if _CIVIL_AFTER.search(after):
        return None, 0.0  # "an Emirates flight": an airline, not a state
    if (
        FLAG_AFTER.search(after)
        or _FLAG_BEFORE.search(before[-40:])
        or (
            men.kind == "demonym"
            and _MERCHANT_AFTER.match(after)
            and not _acting(men, verbs)  # acted upon: "seized the British oil tanker …"
        )
    ):
        return None, 0.0  # "a Marshall Islands-flagged tanker", "US-owned": not a party
    if men.kind == "name" and re.match(
        r"^\s+(?:Air Defen[cs]e Identification Zone|ADIZ)\b", after, re.I
    ):
        return "responder", 1.0
    if _PLACE_AFTER.search(after):
        return None, 0.0  # "off the French coast", "the Syrian port of Tartus"
    if harmful and (_AIMED_AT_BEFORE.search(before[-40:]) or _SUFFERED_AFTER.match(after)):
        # "turned its water cannons on two Philippine vessels"; "the Philippine vessels
        # faced dangerous manoeuvres": on the receiving end.
        return "responder", 1.0
    if harmful and _CAME_CLOSE_BEFORE.search(before[-50:]):
        return "responder", 1.0  # "the J-16 came very close to the Australian aircraft and …"
    nxt = next((v for v in verbs if v[0] >= men.end), None)
    prev = next((v for v in reversed(verbs) if v[1] <= men.start), None)
    if (
        nxt is not None
        and nxt[2] == "speech"
        and prev is not None
        and "," in clause[prev[1] : men.start]
    ):
        prev = None  # ", the Japanese defense ministry said": an attribution, not an object
    if prev is not None and _RELATIVE_BEFORE.search(clause[prev[1] : men.start]):
        prev = None  # "came to help a tanker that Iranian boats had harassed": a clause of its own
    # "Nato detected them first, and Norway's QRA intercepted them": the next verb's subject.
    if (
        prev is not None
        and nxt is not None
        and _NEW_SUBJECT_BEFORE.search(clause[prev[1] : men.start])
    ):
        prev = None
    if (
        prev is not None
        and prev[2] == "responder"
        and _SOURCE_BEFORE.search(clause[prev[1] : men.start])
    ):
        return "responder", 1.0  # "Typhoons were scrambled from the RAF Lossiemouth base"
    if nxt is not None and nxt[2] == "speech" and "," in clause[men.end : nxt[0]]:
        # "The Iranian boats came within 600 meters …, a U.S. official said": the
        # speaker is the one after the comma, and what they did is still to find.
        nxt = None
    by_agent = bool(_BY_AGENT.search(before[-80:]))
    if nxt is not None and not nxt[3] and _defends(clause, nxt):
        return "responder", 2.0  # "USS Carney shot down three drones", "fired warning shots"
    if (
        prev is not None
        and not prev[3]
        and _defends(clause, prev)
        and not _ASIDE.search(clause[prev[1] : men.start])
    ):
        return "actor", 1.0  # "… shot down Houthi drones", "warning shots at Iranian boats"
    if prev is not None and prev[2] == "responder" and not prev[3]:
        if by_agent and clause[prev[0] : prev[1]].lower() in NON_REVERSIBLE:
            return "responder", 2.0  # "both seizures have been condemned by the US"
        if by_agent:
            # "… were intercepted by Japanese jets"; "… was intercepted by a
            # Chinese J-16" in an unsafe encounter is the one who endangered it.
            return ("actor" if harmful else "responder"), 2.0
        if harmful:
            return "responder", 1.0  # "a J-16 intercepted an Australian P-8"
        if not clause[: prev[0]].strip(" ,"):
            # "…, while intercepting a U.S. RC-135": no subject of its own; the
            # one intercepted here was on the receiving end.
            return "responder", _HARMED
        return "actor", 2.0  # "… intercepted two Russian bombers"
    if prev is not None and prev[2] == "responder" and prev[3] and by_agent:
        # "were intercepted by RAF Typhoons"; in an unsafe encounter, the one who
        # intercepted endangered ("now escorted by RAF fighters" protects).
        endangered = harmful and bool(_INTERCEPT.match(clause[prev[0] :]))
        return ("actor" if endangered else "responder"), 2.0
    if prev is not None and prev[2] in ("actor", "aggressive") and prev[3] and by_agent:
        if prev[2] == "aggressive" and not harmful:
            return "responder", 2.0  # intruding drones "were shot down by Polish jets"
        return "actor", 2.0  # "was approached by two Chinese J-16s"
    if prev is not None and prev[2] == "aggressive":
        return "responder", 1.0 if harmful else _HARMED  # "rammed a Philippine supply boat"
    if harmful and prev is not None and prev[2] == "actor" and not prev[3]:
        return "responder", 1.0  # "released flares near an Australian P-8"
    if (
        prev is not None
        and prev[2] == "actor"
        and not prev[3]
        and _APPROACHED_BEFORE.search(clause[prev[1] : men.start])
    ):
        return "responder", 1.0  # "flew dangerously close to an Australian P-8A"
    if nxt is not None:
        kind, passive = nxt[2], nxt[3]
        if kind in ("actor", "aggressive") and passive:
            # "An Australian P-8 was approached …", "a Greek-flagged tanker was attacked"
            return "responder", 1.0
        if kind == "speech":
            later = next((v for v in verbs if v[0] > nxt[1] and v[2] != "speech"), None)
            if later and _PRONOUN_SUBJECT.search(clause[nxt[1] : later[0]]):
                # "Poland says it shot down Russian drones": defending is responding.
                responding = (
                    (later[2] == "responder" and not later[3])
                    or _IN_RESPONSE.search(clause)
                    or (not later[3] and _defends(clause, later))
                )
                return ("responder" if responding else "actor"), 2.0
            return "responder", _SPEAKER  # "Japan's Joint Staff said …"
        if kind == "responder":
            if (
                harmful
                and not passive
                and nxt[1] - nxt[0] > 0
                and _INTERCEPT.match(clause[nxt[0] :])
            ):
                return "actor", 2.0  # "a J-16 intercepted an Australian P-8" and flared it
            return ("actor", 2.0) if passive else ("responder", 2.0)
        if kind in ("actor", "aggressive"):
            # "deployed forces in response": acting, but as a responder; not "flew into the
            # zone, and the Air Force scrambled jets in response", another verb's.
            then = next((v[0] for v in verbs if v[0] > nxt[1]), len(clause))
            return ("responder" if _IN_RESPONSE.search(clause[nxt[0] : then]) else "actor"), 2.0
    if _VEHICLE_AFTER.search(after) or any(0 <= a - men.end <= 40 for a in assets_at):
        if harmful and _ROUTINE_AFTER.search(after):
            return "responder", 1.0  # "an Australian P-8 on a routine patrol" when harmed
        if harmful and prev is not None and prev[2] != "speech":
            return "responder", 1.0  # "… collided with a U.S. MQ-9 drone"
        return "actor", 1.0  # "A North Korean ballistic missile", "Russian TU-95MS …"
    return None, 0.0


def _acting(men: Mention, verbs: list[tuple[int, int, str, bool]]) -> bool:
    """Whether the one named is the subject of the clause's next verb, in the active.

    "A Turkish cargo ship rammed …" acts; "the British oil tanker Stena Impero"
    after "seized", and "The Strinda, a Norwegian motor tanker, was hit", do not.
    """
    if any(end <= men.start for _, end, _, _ in verbs):
        return False
    nxt = next((v for v in verbs if v[0] >= men.end), None)
    return nxt is not None and not nxt[3] and nxt[2] != "speech"


@functools.lru_cache(maxsize=4096)
def _asset_starts(text: str) -> list[int]:
    return [m.start() for _, m in asset_matches(text)]


def decide_roles(
    votes: list[tuple[str, str, float, Evidence]],
) -> tuple[list[tuple[str, Evidence]], list[tuple[str, Evidence]]]:
    """Actors and responders from the weighted votes of every mention."""
    score: dict[str, dict[str, float]] = {}
    evidence: dict[tuple[str, str], Evidence] = {}
    order: list[str] = []
    for code, role, weight, ev in votes:
        if code not in score:
            score[code] = {"actor": 0.0, "responder": 0.0}
            order.append(code)
        score[code][role] += weight
        evidence.setdefault((code, role), ev)
    actors, responders = [], []
    for code in order:
        a, r = score[code]["actor"], score[code]["responder"]
        if a >= 0.5 and a >= r:
            actors.append((code, evidence[(code, "actor")]))
        elif r >= 0.5 and r > a:
            responders.append((code, evidence[(code, "responder")]))
    return actors, responders
