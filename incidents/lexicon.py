"""Words that reports use for countries, forces, assets and events.

Curated by Incident Atlas from public knowledge of who operates what; each
table maps surface forms to ISO 3166-1 alpha-2 codes or vocabulary terms.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from incidents.wordlists import first_letter_guard

__all__ = [
    "ACTOR_VERBS",
    "AGGRESSIVE_VERBS",
    "ASSETS",
    "CAPITALS",
    "COMPASS",
    "COUNTER_CLAIM_VERBS",
    "DEMONYMS",
    "FORCES",
    "MOVEMENT",
    "NEGATED",
    "NON_REVERSIBLE",
    "ORDINARY_TRIGGERS",
    "PHOTOGRAPHED",
    "PICTURE_AFTER",
    "RESPONDER_VERBS",
    "SPEECH_VERBS",
    "STRONG_TRIGGERS",
    "WEAK_TRIGGERS",
    "ZONE_WORDS",
    "Asset",
    "asset_matches",
]

DEMONYMS: dict[str, tuple[str, ...]] = {
    "russian": ("RU",),
    "chinese": ("CN",),
    "american": ("US",),
    "u.s.": ("US",),
    "us": ("US",),
    "japanese": ("JP",),
    "south korean": ("KR",),
    "north korean": ("KP",),
    "taiwanese": ("TW",),
    "canadian": ("CA",),
    "british": ("GB",),
    "french": ("FR",),
    "german": ("DE",),
    "indian": ("IN",),
    "australian": ("AU",),
    "philippine": ("PH",),
    "filipino": ("PH",),
    "vietnamese": ("VN",),
    "iranian": ("IR",),
    "ukrainian": ("UA",),
    "norwegian": ("NO",),
    "swedish": ("SE",),
    "finnish": ("FI",),
    "danish": ("DK",),
    "dutch": ("NL",),
    "belgian": ("BE",),
    "portuguese": ("PT",),
    "iraqi": ("IQ",),
    "omani": ("OM",),
    "qatari": ("QA",),
    "lebanese": ("LB",),
    "hungarian": ("HU",),
    "czech": ("CZ",),
    "slovak": ("SK",),
    "croatian": ("HR",),
    "albanian": ("AL",),
    "slovenian": ("SI",),
    "montenegrin": ("ME",),
    "luxembourgish": ("LU",),
    "icelandic": ("IS",),
    "polish": ("PL",),
    "turkish": ("TR",),
    "israeli": ("IL",),
    "syrian": ("SY",),
    "italian": ("IT",),
    "spanish": ("ES",),
    "estonian": ("EE",),
    "latvian": ("LV",),
    "lithuanian": ("LT",),
    "belarusian": ("BY",),
    "pakistani": ("PK",),
    "indonesian": ("ID",),
    "malaysian": ("MY",),
    "thai": ("TH",),
    "singaporean": ("SG",),
    "saudi": ("SA",),
    "emirati": ("AE",),
    "egyptian": ("EG",),
    "greek": ("GR",),
    "romanian": ("RO",),
    "bulgarian": ("BG",),
    "georgian": ("GE",),
    "yemeni": ("YE",),
    "new zealand": ("NZ",),
    "korean": ("KR",),
    "us-canadian": ("US", "CA"),
}
CAPITALS: dict[str, tuple[str, ...]] = {
    "moscow": ("RU",),
    "beijing": ("CN",),
    "washington": ("US",),
    "tokyo": ("JP",),
    "seoul": ("KR",),
    "pyongyang": ("KP",),
    "taipei": ("TW",),
    "ottawa": ("CA",),
    "london": ("GB",),
    "paris": ("FR",),
    "berlin": ("DE",),
    "kyiv": ("UA",),
    "kiev": ("UA",),
    "tehran": ("IR",),
    "manila": ("PH",),
    "hanoi": ("VN",),
    "canberra": ("AU",),
    "new delhi": ("IN",),
    "ankara": ("TR",),
    "oslo": ("NO",),
    "stockholm": ("SE",),
    "helsinki": ("FI",),
    "copenhagen": ("DK",),
    "warsaw": ("PL",),
    "minsk": ("BY",),
    "the kremlin": ("RU",),
    "kremlin": ("RU",),
    "the pentagon": ("US",),
    "pentagon": ("US",),
}
#: Forces and agencies; a joint command names every member state.
FORCES: dict[str, tuple[str, ...]] = {
    "norad": ("US", "CA"),
    "north american aerospace defense command": ("US", "CA"),
    "pla": ("CN",),
    "plan": ("CN",),
    "plaaf": ("CN",),
    "pla navy": ("CN",),
    "pla air force": ("CN",),
    "people's liberation army": ("CN",),
    "eastern theater command": ("CN",),
    "china coast guard": ("CN",),
    "chinese coast guard": ("CN",),
    "jasdf": ("JP",),
    "jmsdf": ("JP",),
    "japan air self-defense force": ("JP",),
    "japan maritime self-defense force": ("JP",),
    "japan self-defense forces": ("JP",),
    "japan's joint staff": ("JP",),
    "russian aerospace forces": ("RU",),
    "vks": ("RU",),
    "russian navy": ("RU",),
    "pacific fleet": ("RU",),
    "northern fleet": ("RU",),
    "black sea fleet": ("RU",),
    "baltic fleet": ("RU",),
    "us air force": ("US",),
    "usaf": ("US",),
    "us navy": ("US",),
    "u.s. navy": ("US",),
    "u.s. air force": ("US",),
    "indo-pacific command": ("US",),
    "indopacom": ("US",),
    "seventh fleet": ("US",),
    "7th fleet": ("US",),
    "royal air force": ("GB",),
    "raf": ("GB",),
    "royal navy": ("GB",),
    "royal canadian air force": ("CA",),
    "rcaf": ("CA",),
    "raaf": ("AU",),
    "royal australian air force": ("AU",),
    "royal australian navy": ("AU",),
    "rokaf": ("KR",),
    "south korea's joint chiefs of staff": ("KR",),
    "philippine coast guard": ("PH",),
    "armed forces of the philippines": ("PH",),
    "royal norwegian air force": ("NO",),
    "taiwan's defence ministry": ("TW",),
    "taiwan's defense ministry": ("TW",),
    "bundeswehr": ("DE",),
    "air self-defense force": ("JP",),
    "maritime self-defense force": ("JP",),
    "ground self-defense force": ("JP",),
    "self-defense forces": ("JP",),
    "southern theater command": ("CN",),
    "northern theater command": ("CN",),
    "u.s. coast guard": ("US",),
    "us coast guard": ("US",),
    "revolutionary guards": ("IR",),
    "irgc": ("IR",),
    "houthis": ("YE",),
    "houthi": ("YE",),
    "indian navy": ("IN",),
    "alaska command": ("US",),
    "finnish border guard": ("FI",),
    "philippine air force": ("PH",),
    # Ship prefixes name the navy that commissioned the ship.
    "uss": ("US",),
    "usns": ("US",),
    "uscgc": ("US",),
    "hms": ("GB",),
    "hmas": ("AU",),
    "hmcs": ("CA",),
    "hmnzs": ("NZ",),
    "brp": ("PH",),
    "roks": ("KR",),
    "tcg": ("TR",),
    "hnlms": ("NL",),
    "hdms": ("DK",),
    "hnoms": ("NO",),
    "fgs": ("DE",),
}

ACTOR_VERBS = (
    # "A Chinese naval flotilla left port on Sunday to join Russian naval and air forces"
    "left port",
    "set sail",
    "set out",
    "took part",
    "take part",
    "taking part",
    "participated",
    "staged",
    "stage",
    "conducted",
    "conduct",
    "carried out",
    "carry out",
    "flew",
    "flown",
    "fly",
    "flying",
    "sailed",
    "sail",
    "deployed",
    "deploy",
    "launched",
    "entered",
    "violated",
    "crossed",
    "transited",
    "held",
    "hold",
    "wrapped up",
    "sent",
    "operated",
    "operating",
    "approached",
    "approaching",
    "breached",
    "intruded",
    "patrolled",
    "began",
    "started",
    "performed",
    "released",
    "fell",
    "sails",
    "flies",
    "enters",
    "entering",
    "crossing",
    "transiting",
    "violates",
    "violating",
    "passed",
    "passing",
    "dumped",
    "cut across",
    "came within",
    "sailed within",
    "flew within",
    "came close to",
    "stayed",
    "remained",
    "loitered",
)
#: Verbs whose object is the one harmed; the harmed party may become a responder.
AGGRESSIVE_VERBS = (
    "rammed",
    "struck",
    "fired",
    "opened fire",
    "attacked",
    "seized",
    "seizing",
    "boarded",
    "harassed",
    "blocked",
    "collided with",
    "collides with",
    "collide with",
    "colliding with",
    "hit",
    "hits",
    "targeted",
    "targeting",
    "rams",
    "ramming",
    "strikes",
    "fires",
    "firing",
    "attacks",
    "attacking",
    "seizes",
    "seize",
    # "Iran's Revolutionary Guards say they captured British oil tanker"
    "captured",
    "captures",
    "capturing",
    "detained",
    "detains",
    "hijacked",
    # "Finnish police took possession of a vessel suspected of cutting a cable"
    "took possession of",
    "took control of",
    "taken control of",
    "chasing",
    "chased",
    "pursuing",
    "pursued",
    "water-cannoned",
    "forced down",
    # "A US MQ-9 was brought down over the Black Sea after … an intercept by Russian jets"
    "brought down",
    "shot down",
    "shoot down",
    # "The US fighter jet shot it down": the missile just named
    "shot it down",
    "shot them down",
    "downed",
    "destroyed",
    "engaged",
    "expelled",
    "drove away",
    "drove off",
    "chased away",
    "chased off",
    "obstructed",
    "sprayed",
)
#: A state objecting; the passive keeps the meaning too ("a protest was lodged").
_OBJECTIONS = (
    "lodged a protest",
    "lodged a formal protest",
    "lodged a strong protest",
    "lodged a diplomatic protest",
    "filed a protest",
    "condemned",
    "denounced",
    "complained",
)
RESPONDER_VERBS = (
    "intercepted",
    "intercept",
    "intercepting",
    "scrambled",
    "scramble",
    "tracked",
    "track",
    "shadowed",
    "monitored",
    "escorted",
    "protested",
    "warned",
    "detected",
    "identified",
    "responded",
    # "Taiwan's forces answered with alert broadcasts, aircraft and naval patrols"
    "answered with",
    *_OBJECTIONS,
    "summoned",
    "encountered",
    "encountering",
    "surveilled",
    "surveilling",
    "trailed",
    "tailed",
    # "The People's Liberation Army followed a United States warship as it sailed through"
    "followed",
    "watched",
    # "Japan sent up fighter jets": scrambled them (the actor verb "sent" gives way)
    "sent up",
    "accused",
    "accuses",
    "recorded",
    "registered",
    "dispatched",
    "spotted",
    # "The cutter picked up the ship on Monday" (on radar, or in sight)
    "picked up",
    "saw",
    "sighted",
    "observed",
    "watched",
    "came across",
    "came upon",
    "comes across",
    "comes upon",
    # Those who came to the help of the one harmed.
    "came to help",
    "came to the aid of",
    "came to the assistance of",
    "went to the aid of",
    "rushed to help",
    "rushed to the aid of",
    "assisted",
    "rescued",
    # Those who beat an attack off.
    "repelled",
    "repulsed",
    "fended off",
    "thwarted",
    "foiled",
    "ran into",
    "runs into",
    "happened upon",
    "intercepts",
    "scrambles",
    "shadowing",
    "shadows",
    "monitoring",
    "tracking",
    "protests",
    # A headline's present: "PLA tracks US warships transiting Taiwan Strait".
    "tracks",
    "monitors",
)
#: Responder verbs that keep their meaning in the passive ("jets were scrambled").
NON_REVERSIBLE = (
    "scrambled",
    "scramble",
    "dispatched",
    "responded",
    *_OBJECTIONS,
    "accused",
)
#: Speech that answers the other side: what follows is one party's version.
COUNTER_CLAIM_VERBS = ("replied", "countered", "retorted", "insisted", "maintained", "argued")
SPEECH_VERBS = (
    "said",
    "says",
    "say",
    "confirmed",
    "confirms",
    "disclosed",
    "revealed",
    "posted",
    "wrote",
    "described",
    "stated",
    "told",
    "announced",
    "claimed",
    "added",
    "reported",
    "denied",
    "showed",
    "emphasized",
    "emphasised",
    "stressed",
    "noted",
    *COUNTER_CLAIM_VERBS,
)


@dataclass(frozen=True)
class Asset:
    """An aircraft, ship or drone designation and who operates it."""

    name: str
    countries: tuple[str, ...]
    category: str
    pattern: re.Pattern[str]


def _asset(name: str, countries: tuple[str, ...], category: str, pattern: str) -> Asset:
    return Asset(name, countries, category, re.compile(pattern, re.IGNORECASE))


ASSETS: tuple[Asset, ...] = (
    _asset("Tu-95MS", ("RU",), "bomber", r"\bTu-?95\s?MS\b"),
    _asset("Tu-95", ("RU",), "bomber", r"\bTu-?95\b(?!\s?MS)"),
    _asset("Tu-142", ("RU",), "maritime patrol", r"\bTu-?142\w*\b"),
    _asset("Tu-160", ("RU",), "bomber", r"\bTu-?160\w*\b"),
    _asset("Tu-22M3", ("RU",), "bomber", r"\bTu-?22M3?\b"),
    _asset("Il-38", ("RU",), "maritime patrol", r"\bIl-?38\w*\b"),
    _asset("Il-20", ("RU",), "reconnaissance", r"\bIl-?20\w*\b"),
    _asset("A-50", ("RU",), "airborne early warning", r"\bA-50\w*\b"),
    _asset("Su-30", ("RU",), "fighter", r"\bSu-?30\w*\b"),
    _asset("Su-35", ("RU",), "fighter", r"\bSu-?35\w*\b"),
    _asset("Su-27", ("RU",), "fighter", r"\bSu-?27\w*\b"),
    _asset("H-6K", ("CN",), "bomber", r"\bH-?6K\b"),
    _asset("H-6", ("CN",), "bomber", r"\bH-?6\b(?!K)"),
    _asset("J-16", ("CN",), "fighter", r"\bJ-?16\b"),
    _asset("J-11", ("CN",), "fighter", r"\bJ-?11\b"),
    _asset("J-20", ("CN",), "fighter", r"\bJ-?20\b"),
    _asset("Y-9", ("CN",), "maritime patrol", r"\bY-?9\b"),
    _asset("Y-8", ("CN",), "maritime patrol", r"\bY-?8\b"),
    _asset("KJ-500", ("CN",), "airborne early warning", r"\bKJ-?500\b"),
    _asset("WZ-7", ("CN",), "drone", r"\bWZ-?7\b"),
    _asset("TB-001", ("CN",), "drone", r"\bTB-?001\b"),
    _asset("Liaoning", ("CN",), "aircraft carrier", r"\bLiaoning\b"),
    _asset(
        "Shandong",
        ("CN",),
        "aircraft carrier",
        r"\bShandong\b(?=\s+(?:carrier|aircraft carrier|group|strike group))|(?<=carrier\s)Shandong\b",
    ),
    _asset("Fujian", ("CN",), "aircraft carrier", r"(?<=carrier\s)Fujian\b"),
    _asset("Type 055", ("CN",), "destroyer", r"\bType[- ]055\b"),
    _asset("Type 052D", ("CN",), "destroyer", r"\bType[- ]052D\b"),
    _asset("F-16", ("US",), "fighter", r"\bF-?16\w*\b"),
    _asset("F-35", ("US",), "fighter", r"\bF-?35\w*\b"),
    _asset("F-22", ("US",), "fighter", r"\bF-?22\w*\b"),
    _asset("F-15", ("US",), "fighter", r"\bF-?15\w*\b"),
    _asset("CF-18", ("CA",), "fighter", r"\bCF-?18\b"),
    _asset("P-8A", ("US",), "maritime patrol", r"\bP-?8A?\b"),
    _asset("MQ-9", ("US",), "drone", r"\bMQ-?9\w*\b"),
    _asset("RQ-4", ("US",), "drone", r"\bRQ-?4\w*\b"),
    _asset("RC-135", ("US",), "reconnaissance", r"\bRC-?135\w*\b"),
    _asset("E-3", ("US",), "airborne early warning", r"\bE-?3\b(?:\s?Sentry)?"),
    _asset("KC-135", ("US",), "tanker", r"\bKC-?135\b"),
    _asset("B-52", ("US",), "bomber", r"\bB-?52\w*\b"),
    _asset("B-1B", ("US",), "bomber", r"\bB-?1B\b"),
    _asset("Typhoon", ("GB",), "fighter", r"\bTyphoons?\b"),
    _asset("F-2", ("JP",), "fighter", r"\bF-2\b"),
)


#: Text with none of these holds no asset: every designation puts a digit right after
#: letters ("Tu-95", "P-8A", "Type 055"), or is a name ("Liaoning").
_ASSET_HINT = re.compile(
    r"[A-Za-z]-?\d|Type[- ]\d|"
    + "|".join(re.escape(a.name) for a in ASSETS if not re.search(r"\d", a.name)),
    re.I,
)


#: Every designation in one scan, each its own named group ("a0", "a1"… in the order of
#: ASSETS): designations are whole words that never overlap, so one scan finds what a
#: scan per asset would, three times faster. Every match starts a word with its name's
#: first letter, and the look at that letter skips most places at once.
_ANY_ASSET = re.compile(
    r"\b(?=["
    + "".join(sorted({c for a in ASSETS for c in (a.name[0].lower(), a.name[0].upper())}))
    + "])(?:"
    + "|".join(f"(?P<a{i}>{a.pattern.pattern})" for i, a in enumerate(ASSETS))
    + ")",
    re.I,
)


@functools.lru_cache(maxsize=4096)
def asset_matches(text: str) -> tuple[tuple[Asset, re.Match[str]], ...]:
    """Every asset designation in ``text``, with the asset it names, in the order of ASSETS.

    Kept per text: grouping, roles and assembly each ask about the same sentence.
    """
    if not _ASSET_HINT.search(text):
        return ()  # most sentences: one quick scan instead of one per asset
    found = sorted(((int(str(m.lastgroup)[1:]), m.start()), m) for m in _ANY_ASSET.finditer(text))
    return tuple((ASSETS[i], m) for (i, _), m in found)


def _patterns(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, _guarded(pattern, re.IGNORECASE)) for name, pattern in pairs)


def _guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Every sentence is searched for these: see :func:`incidents.wordlists.first_letter_guard`."""
    return first_letter_guard(re.compile(pattern, flags))


#: An air defence identification zone by any of its names: "ADIZ", "KADIZ", "air defence zone".
ZONE_WORDS = r"K?ADIZ|air defen[cs]e (?:identification )?zone"

#: Types that decide an incident wherever they appear, in this order of weight.
STRONG_TRIGGERS = _patterns(
    (
        (
            "collision_or_unsafe_encounter",
            r"\b(?:unsafe|unprofessional|collid(?:ed|es?|ing)|collision|near-miss|rammed|"
            r"struck the (?:propeller|wing|hull|side)|made contact|flares in the path|water[- ]cann?on|"
            r"touched[\"”']?\s+(?:each other|the (?:rear|stern|bow|side))|forced down|"
            r"(?:unnecessarily |dangerously )?aggressive (?:manoeuvre|maneuver)|"
            r"dangerous[\"”']?\s+(?:intercept|manoeuvre|maneuver)|"
            r"released[\"”']? an? (?:[\w-]+ )?missile|warning shots|"
            r"dangerously close|(?:released|fired|dropped|dispensed|let off|deployed) (?:[\w-]+ )?"
            r"(?:flares|chaff)|"
            r"forced (?:it|them|the [\w-]+(?: [\w-]+)?) to (?:change|alter|reverse) (?:its |their )?"
            r"(?:course|direction|heading)|"
            r"flares? (?:in|across) (?:its|the|their) (?:flight )?path|"
            r"(?:came|flew|sailed|passed|got) (?:to )?within \d+\s*(?:yards|meters|metres|feet|ft|m)\b|"
            # "Chinese jets came as close as 45 metres to Japanese planes", "abnormal approaches"
            r"(?:came|flew|sailed|got)\s+(?:to\s+)?as close as \d+|abnormal approach(?:es)?|"
            # "two Chinese ships crash into each other", "a cutter ran into a Chinese warship"
            r"(?:hit|struck|crash(?:ed|es)?|ran|slammed|smashed) into (?:each other|one another)|"
            r"(?:hit|struck) (?:each other|one another)|"
            # (a drone or missile that slammed into a ship attacked it)
            r"(?<!drone )(?<!drones )(?<!missile )(?<!boat )"
            r"(?:crash(?:ed|es)?|ran|slammed|smashed) into (?:an?|the) (?:[\w-]+ ){0,3}?"
            r"(?:ship|vessel|warship|cutter|boat|destroyer|frigate|aircraft|plane|jet))",
        ),
        (
            "seizure",
            r"\b(?:seiz(?:ed|es?|ure|ing)|detained|captured|hijacked|"
            # "Finnish police took possession of a vessel suspected of …"
            r"(?:took|taken|take) (?:over|possession of|control of|command of) (?:an?|the) (?:[\w-]+ )?"
            r"(?:vessel|ship|tanker)|"
            # "The ship was taken on Sunday": a ship taken is a ship seized
            r"(?:(?<=\bship )|(?<=\bvessel )|(?<=\btanker )|(?<=\bboat )|(?<=\bcrew ))"
            r"(?:was|were|had been)\s+taken|"
            # "the Guard has taken a tanker flying Panama's flag"
            r"(?:has|have|had)\s+taken\s+(?:an?\s+|the\s+|two\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:tankers?|ships?|vessels?|boats?|freighters?))\b",
        ),
        (
            # Before attacks: drones shot down over Poland violated its airspace.
            "airspace_violation",
            r"\b(?:(?:airspace|territorial waters)\s+(?:was|were|had been|has been)\s+violated|"
            r"violat(?:ed|ing|ions? of) (?:[\w'’]+\s){0,3}(?:air[- ]?space|air[- ]border|territory|"
            r"territorial waters|waters)|airspace violations?|"
            # "flew in Estonian airspace without permission", "entered the air space over …"
            r"(?:flew|flying|was|were) (?:in|into) (?:[\w'’-]+\s){0,2}air[- ]?space without\b|"
            r"(?:entered|entering) (?:the\s+)?air space\b|"
            r"(?:intru(?:ded|ding|sions?)|incursions?|sailed|strayed|crossed|came|flew) into (?:the\s+)?"
            r"(?:[\w'’-]+\s){0,3}(?:air[- ]?space|territorial waters|territorial sea|waters)|"
            r"crossed (?:the\s+)?(?:[\w'’-]+\s){0,2}air[- ]border|"
            r"(?:entered|entering) (?:the\s+)?(?:[\w'’-]+\s){0,3}(?:territorial waters|territorial sea|"
            r"airspace|contiguous zone|waters)|in (?:[\w'’-]+\s){0,2}territorial waters)\b",
        ),
        (
            "attack",
            r"\b(?:attack(?:ed|s)?(?!\s+(?:submarines?|helicopters?|craft|boats?|vessels?))|"
            r"missile strike|shot down|struck by|slammed into|"
            # "Missile fire struck a ship", "hit from above by a missile"
            r"(?:missiles?|drones?|rockets?|projectiles?|missile fire)\s+(?:struck|hits?)|"
            # "A missile fired by Yemen's Houthi rebels struck a bulk carrier"
            r"(?:missiles?|drones?|rockets?|projectiles?)\s+(?:fired|launched)\s+by\s+"
            r"[^.;]{0,50}?\b(?:struck|hit)|"
            # "struck a commercial ship", "Houthis strike cargo ship in Red Sea"
            r"(?:struck|strikes?|hit|hits)\s+(?:an?\s+|the\s+|two\s+|one more\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:ships?|tankers?|vessels?|carriers?|freighters?|warships?|destroyers?|frigates?)\b|"
            # "has been hit by one or more Houthi suicide drones"
            r"hit (?:from above )?by (?:an?\s+|two\s+|three\s+|one or more\s+)?(?:[\w-]+\s+){0,2}"
            r"(?:missiles?|drones?|rockets?|projectiles?|explosive devices?|drone boats?|bomb boats?|"
            r"WBIEDs?)|"
            # "fired a missile at a tanker", not "fired a missile on Thursday"
            r"fired (?:[\w-]+\s){0,4}(?:at|on)(?!\s+(?:monday|tuesday|wednesday|thursday|friday|"
            r"saturday|sunday|\d|the \d|january|february|march|april|may|june|july|august|"
            r"september|october|november|december)))\b",
        ),
        (
            # Taiwan counts crossings of the Strait's median line with its ADIZ entries.
            "adiz_entry",
            rf"\b(?:{ZONE_WORDS}|median line)\b",
        ),
    )
)
#: Words before a trigger that make it a plan, a threat or a drill scenario,
#: not an event: "vowed to attack", "practise joint missile strikes".
#: Words just before a trigger that deny it: "There were no violations of the airspace",
#: "did not enter Japan's territorial airspace", "without violating", "no aircraft had crossed".
NEGATED = _guarded(
    r"(?:\b(?:no|not|never|without|nor|neither|none of (?:them|the \w+))\b\s+(?:[\w'’-]+\s+){0,2}|"
    # "preventing any violation of Russian airspace"
    r"\bprevent(?:ing|ed|s)?\s+(?:any|an?)\s+|"
    # "no Chinese aircraft had crossed the median line"
    r"\b(?:no|none of (?:them|the \w+))\s+(?:[\w'’-]+\s+){0,3}(?:(?:had|has|have|was|were)\s+"
    r"(?:[\w'’-]+\s+){0,2}|(?:(?:had|has|have)\s+)?(?:crossed|entered|violated|flew|sailed)\s+"
    r"(?:[\w'’-]+\s+){0,3}))$",
    re.I,
)
#: A picture that "captured" something: "Images released by the ministry captured two bombers".
PHOTOGRAPHED = re.compile(
    r"\b(?:images?|photos?|photographs?|pictures?|footage|videos?|cameras?)\b[^.;]{0,130}$", re.I
)
#: What a witness "captured": "a crewman on the bridge captured a video of the drone boat".
PICTURE_AFTER = re.compile(
    r"^\s+(?:(?:a|an|the|this|some)\s+)?(?:[\w-]+\s+)?(?:videos?|footage|images?|photos?|"
    r"photographs?|pictures?|the moment)\b",
    re.I,
)
HYPOTHETICAL = _guarded(
    # "vowed in November 2023 to attack any ship …"
    r"(?:\b(?:if|unless|would|could|will|may|might|threaten(?:ed|s|ing)?(?:\s+[\w-]+){0,3}? to|"
    r"vow(?:ed|s)?(?:\s+[\w-]+){0,3}? to|"
    # "filed a request with a Helsinki court to seize the tanker", "asked the court to"
    r"(?:requested|asked|filed a request|petitioned)\b[^.;]{0,40}?\bto|"
    r"practi[cs]e|rehears\w*|simulat\w*|hypothetical|capable of|able to|can)\b[^.;]{0,40}|"
    # A topic of talks, not a report of them: "addressed tensions over U.S. surveillance flights"
    r"\b(?:tensions?|disputes?|concerns?|rows?|debates?|questions?)\s+(?:over|about|regarding)\s+"
    r"(?:[\w.’'-]+\s+){0,4})$",
    re.I,
)
#: Types for which the earliest mention in the first event sentence wins.
ORDINARY_TRIGGERS = _patterns(
    (
        # Harassment names a manner more often than an act ("Iran's harassment of
        # ships"): it decides the type only when no strong word does.
        ("collision_or_unsafe_encounter", r"\bharass(?:ed|ing|ment)\b"),
        (
            "surveillance",
            r"\b(?:spy (?:ship|vessel|balloon)|intelligence[- ](?:gathering )?(?:ship|vessel)|"
            r"loiter(?:ing|ed|s)|surveillance (?:ship|vessel|mission|flight))\b",
        ),
        (
            "patrol",
            r"\bpatrol(?:s|led|ling)?\b(?!\s+(?:aircraft|planes?|boats?|vessels?|ships?|craft))",
        ),
        (
            "exercise",
            r"\b(?:exercises?|drills?|war ?games|military (?:manoeuvres|maneuvers)|live[- ]fire)\b",
        ),
        (
            "naval_transit",
            r"\b(?:transit(?:ed|s|ing)?|sail(?:ed|ing|s)? (?:[a-z]+ )?(?:through|between|past|into|near|toward)|"
            r"sail(?:ed|ing|s)? from [^.;]{0,60}?\b(?:through|into)|"
            r"flew through (?:the )?[\w' -]{0,30}(?:strait|channel)|passed through|passage (?:through|of)|"
            # "the carrier passed between Okinawa's main island and Miyako Island", "navigated between"
            r"(?:carriers?|ships?|vessels?|warships?|destroyers?|frigates?|flotilla|fleet)\b[^.;]{0,40}?"
            r"\b(?:passed|passing|navigated|navigating|steamed|moved) between|"
            r"operat(?:ed|ing) (?:together|jointly)|"
            # "shadowed a Russian frigate through the English Channel"
            r"(?:shadow(?:ed|s|ing)?|escort(?:ed|s|ing)?|track(?:ed|s|ing)?|follow(?:ed|s|ing)?)\s+"
            r"(?:[\w'’-]+\s+){1,4}?through\s+the\b)\b",
        ),
        (
            "intercept",
            r"\b(?:intercept(?:ed|ion|s|ing)?|scrambled|(?:set off|triggered|sparked) an? (?:alert|alarm))\b",
        ),
    )
)
#: Types used only when nothing else fits.
WEAK_TRIGGERS = _patterns(
    (
        (
            "surveillance",
            r"\b(?:surveillance|reconnaissance (?:flight|mission)|spy (?:plane|balloon|ship))\b",
        ),
        ("other", r"\b(?:ballistic missile|missile (?:launch|test)|cruise missile)\b"),
    )
)
#: A compass direction, as a pattern: "north", "southeast", "north-east", "east-northeast".
COMPASS = r"(?:north|south|east|west)(?:-?(?:north|south|east|west))*"
#: Movement that marks an event sentence without deciding its type.
MOVEMENT = _guarded(
    r"\b(?:(?:flew|flying|sailed|sailing|moved|moving|headed|heading|proceeded|returned|"
    # "flew straight towards Japan's airspace", "sailed slowly through"
    # "sailed north, from the Pacific Ocean to the East China Sea"
    rf"continued) (?:(?:straight|directly|[a-z]+ly)\s+)?(?:{COMPASS}(?:ward)?,?\s+)?"
    r"(?:over|through|between|near|into|around|along|toward|towards|from|back)"
    r"|(?:came|coming) from|(?:came|coming|sailed|flew) (?:close to|within)"
    r"|(?:passed|passing|transited|transiting) (?:through|between)"
    r"|turned (?:back|around)|entered (?:the )?[A-Z]"
    # "China has again sent its Liaoning aircraft carrier through the Miyako Strait"
    r"|sent\s+(?:[\w'’-]+\s+){1,4}?(?:through|into|past)\s+(?:the\s+)?[A-Z])",
    re.IGNORECASE,
)
