"""Place phrases in a sentence, resolved with the geocoder."""

from __future__ import annotations

import re

from geo.gazetteer import Gazetteer
from geo.geocode import Match, geocode, trailing_qualifier
from incidents.extract.mentions import Lexicon
from incidents.extract.sentences import Sentence
from incidents.model import Evidence
from incidents.vocabulary import country_name

__all__ = ["OFFSHORE_PHRASE_RE", "places_in"]

#: A country word can sit inside a place name only if one of these words is there.
_REGION_WORDS = (
    "sea",
    "gulf",
    "strait",
    "channel",
    "ocean",
    "bay",
    "adiz",
    "zone",
    "island",
    "shoal",
    "reef",
    "peninsula",
)

_PLACE_RE = re.compile(
    r"\b(?:over|in|near|off|across|into|through|above|around|between|along|within|toward|towards|"
    r"entered|entering|violated|violating|breached)\s+"
    r"(?P<phrase>(?:the\s+)?[^,;.]+?)(?=\s*[,;.]|\s+(?:but|while|which|when|where|after|before|as|since|"
    r"according|to|for|with|by|was|were|is|are|has|have|had|on|in|at|during|heading|last|this|earlier|"
    r"yesterday|from|before|hours|days|outside|inside)\b"
    # "between Okinawa and Miyako and turned back over…": the next move starts a new phrase.
    r"|\s+(?:and\s+)?(?:then\s+)?(?:turned|passed|flew|sailed|returned|headed|moved|entered|met|"
    r"continued|proceeded|crossed)\b|$)",
    re.I,
)

#: A rounded distance: "about 100 km", "some 60 nautical miles".
_AMOUNT = (
    r"\b(?:about |around |some |approximately |roughly )?\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s?|"
    r"nautical miles?|nm|miles)"
)
_DISTANCE_PHRASE_RE = re.compile(
    rf"{_AMOUNT}\s+(?:to the\s+)?[a-z-]+\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*)*",
)

#: A distance out to sea from a coastal place, with no bearing: "60 nautical miles off the
#: coast of Hodeidah", "65 nautical miles (75 miles) off the Yemeni city of Al Hudaydah".
OFFSHORE_PHRASE_RE = re.compile(
    rf"{_AMOUNT}(?:\s*\([^)]*\))?\s+off\s+(?:the\s+)?(?:coast\s+of\s+)?"
    r"(?:[A-Z][\w-]*\s+)?(?:(?:port\s+)?(?:city|town|port)\s+of\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)

#: A place named as an administrative unit, the address of where it happened.
_ADMINISTRATIVE_AFTER = re.compile(
    # "two islands of Japan's Okinawa prefecture"
    r"^(?:\s+(?:[Pp]refecture|Province|Oblast|Krai|County|Governorate|Municipality)\b|"
    r",\s+[A-Z][\w-]*\s+(?:Prefecture|Province|Oblast|Krai|County|Governorate)\b)"
)

_NAME = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"

#: An island named by what it is first: "the main island of Okinawa Prefecture".
_ISLAND_OF = r"(?:the\s+(?:main\s+)?islands?\s+of\s+)?"
_BETWEEN_RE = re.compile(
    # "between Okinawa Island, the prefecture's largest, and Miyako Island",
    # "between Okinawa's main island and Miyakojima", "between Okinawa itself and Miyako",
    # "between the main island of Okinawa Prefecture and the island of Miyakojima"
    rf"\bbetween\s+{_ISLAND_OF}(?P<a>{_NAME})(?:\s+main\s+island|\s+itself)?"
    rf"(?:,\s+the\s+[^,;.]{{1,40}},)?\s+and\s+{_ISLAND_OF}(?P<b>{_NAME})"
)
_PASSAGE_BEFORE = re.compile(r"\b(?:Strait|Channel|Passage|Pass|Sound)\s*,?\s*$")
_PART_OF_BEFORE = re.compile(r"\b(?:part of|city of|town of|municipality of)\s+$", re.I)


def places_in(sentence: Sentence, lex: Lexicon, gaz: Gazetteer) -> list[tuple[Match, Evidence]]:
    """The places a sentence names, resolved, each with its evidence."""
    text = sentence.text
    out: list[tuple[Match, Evidence]] = []
    taken: list[tuple[int, int]] = []

    def take(phrase: str, start: int, qualifier: str = "", *, read_as: str = "") -> bool:
        end = start + len(phrase)
        if any(s < end and start < e for s, e in taken):
            return False
        if _ADMINISTRATIVE_AFTER.match(text[end:]) or _PART_OF_BEFORE.search(text[:start]):
            return False  # "in Ishigaki, Okinawa Prefecture", "part of Ishigaki": an address
        found: list[Match] = []
        if qualifier:  # "the north Pacific [near the coast of Alaska]"
            found = geocode(f"{phrase} {qualifier}", gazetteer=gaz, fuzzy=False, cities=False)
        found = found or geocode(read_as or phrase, gazetteer=gaz, fuzzy=False, cities=False)
        found = [m for m in found if m.kind != "city"]
        if not found:
            return False
        out.append((found[0], sentence.span(start, end)))
        taken.append((start, end))
        return True

    for m in (*_DISTANCE_PHRASE_RE.finditer(text), *OFFSHORE_PHRASE_RE.finditer(text)):
        take(m.group(0), m.start())
    for m in _STATE_ZONE_RE.finditer(text):  # "entered its air defense identification zone"
        for owner in _zone_owners(m, text, lex):
            # The geocoder knows each state's zone; the owner's name is this sentence's.
            if take(m.group(0), m.start(), read_as=f"{owner}'s air defense identification zone"):
                break
    for m in _BETWEEN_RE.finditer(text):  # "passed between Okinawa and Miyako and turned…"
        if _PASSAGE_BEFORE.search(text[: m.start()]):
            # "the Miyako Strait between Miyako Island and Okinawa's main island": the
            # strait named already, and where it lies.
            taken.append((m.start(), m.end()))
            continue
        a = re.sub(r"['’]s$|\s+Prefecture$", "", m["a"])
        b = re.sub(r"\s+Prefecture$", "", m["b"])
        a_state, b_state = _states(a, lex), _states(b, lex)
        if a_state and b_state:
            # "a flashpoint between Manila and Beijing": two governments, not a passage
            taken.append((m.start(), m.end()))
            continue
        if a_state or b_state:
            # "flew between Yonaguni Island and Taiwan": the island places it, not a gap
            # as wide as a country.
            side, at = (b, m.start("b")) if a_state else (a, m.start("a"))
            take(side, at)
            taken.append((m.start(), m.end()))
            continue
        take(m.group(0), m.start(), read_as=f"between {a} and {b}")
    for m in _PLACE_RE.finditer(text):
        phrase, start = m.group("phrase"), m.start("phrase")
        if m.group(0).lower().startswith("between"):
            # "between Okinawa and Miyako": the geocoder reads the whole phrase.
            take(text[m.start() : m.end()], m.start())
            continue
        if take(phrase, start):
            continue
        # A trailing qualifier belongs to every region of the list: "over the north
        # Pacific and the Bering Sea near the coast of Alaska" puts both near Alaska.
        parts = re.split(r"\s+and\s+", phrase)
        qualifier = trailing_qualifier(parts[-1]) if len(parts) > 1 else ""
        pos = 0
        for n, part in enumerate(parts, start=1):
            at = phrase.find(part, pos)
            pos = at + len(part)
            take(part, start + at, qualifier if n < len(parts) else "")
    for m in _SHARED_GENERIC_RE.finditer(text):  # "the Barents and Norwegian Seas"
        generic = m["generic"][:-1]
        take(m["a"], m.start("a"), read_as=f"{m['a']} {generic}")
        take(text[m.start("b") : m.end()], m.start("b"), read_as=f"{m['b']} {generic}")
    for start, end, _ in lex.regions.find(text):
        if " " not in text[start:end] and _OTHER_NAME_BEFORE.search(text[:start]):
            continue  # "the Eastern Channel" is not "the Channel"
        take(text[start:end], start)
    return out


def _states(name: str, lex: Lexicon) -> bool:
    """Whether a name is a state or its capital, as a whole ("Beijing", "the Philippines")."""
    found = lex.mentions(name)
    return len(found) == 1 and found[0].kind in ("name", "capital") and found[0].start <= 4


_SHARED_GENERIC_RE = re.compile(
    r"\b(?P<a>[A-Z][\w-]+)\s+and\s+(?:the\s+)?(?P<b>[A-Z][\w-]+)\s+(?P<generic>Seas|Straits|Gulfs)\b"
)
#: A capitalised word just before a one-word name makes it part of another name.
_OTHER_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b(?!The\b)[A-Z][\w-]*\s+$")


#: A state's air defence zone named by its owner: "South Korea's air defense
#: identification zone", "its ADIZ", "the air defense zone of South Korea".
_STATE_ZONE_RE = re.compile(
    r"\b(?:(?P<owner>its|their|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:['’]s)?\s+"
    # "Taiwan's southeast ADIZ", "its southwestern air defense zone": a part of the zone
    r"(?:(?:north|south|east|west|central)[a-z]*\s+)?"
    r"(?:air[- ]defen[cs]e\s+(?:identification\s+)?zone|ADIZ)|"
    r"(?:the\s+)?air[- ]defen[cs]e\s+(?:identification\s+)?zone\s+(?:of\s+)?"
    r"(?P<after>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?))"
)


def _zone_owners(m: re.Match[str], text: str, lex: Lexicon) -> list[str]:
    """Who a zone phrase says declared the zone, most likely first.

    The name it gives, or for "its" the states named earlier in the sentence, in
    order: "South Korea said Chinese aircraft entered its air defense zone".
    """
    owner = m["owner"] or m["after"] or ""
    if owner.lower() not in ("its", "their"):
        return [owner]
    codes = dict.fromkeys(c for men in lex.mentions(text[: m.start()]) for c in men.codes)
    return [country_name(c) for c in codes]
