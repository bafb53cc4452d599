"""Which sentences report an event, and of which type."""

from __future__ import annotations

import datetime as dt
import functools
import re

from incidents.extract.dates import FUTURE, When, date_candidates, event_date, is_news
from incidents.extract.sentences import Sentence
from incidents.lexicon import (
    HYPOTHETICAL,
    MOVEMENT,
    NEGATED,
    ORDINARY_TRIGGERS,
    PHOTOGRAPHED,
    PICTURE_AFTER,
    STRONG_TRIGGERS,
    WEAK_TRIGGERS,
    ZONE_WORDS,
)
from incidents.model import Evidence
from incidents.wordlists import first_letter_guard

__all__ = ["BACKGROUND", "HABITUAL", "is_event", "reports_no_incident", "type_of"]

HABITUAL = first_letter_guard(
    re.compile(
        r"\b(?:in the past|regularly|routinely|often|frequently|several times|on several occasions|"
        r"previous(?:ly)?|usually|"
        r"repeated(?:\s+[A-Za-z-]+){0,2}?\s+[A-Za-z-]+s|"
        r"every year|annual(?:ly)?|since \d{4}|throughout the|for (?:months|years|decades)|"
        r"in recent (?:years|months)|has long|have long|for the (?:past|last) \w+ (?:years|months)|"
        # A campaign told since its start: "have fired drones and missiles at … since Hamas …"
        r"(?:has|have)\s+(?:[\w-]+\s+){0,2}?(?:fired|launched|attacked|targeted|carried out|"
        r"conducted|staged)\b[^.;]{0,120}?\bsince)\b",
        re.I,
    )
)

BACKGROUND = re.compile(
    r"\b(?:summit|statement|sanctions|invasion of|report on|ties|analysts?|experts?)\b", re.I
)


@functools.lru_cache(maxsize=4096)
def _triggers(text: str) -> list[tuple[str, re.Match[str], int]]:
    """(type, match, tier) for every event word in a text; tier 0 strong, 1 ordinary, 2 weak."""
    found = []
    for tier, table in enumerate((STRONG_TRIGGERS, ORDINARY_TRIGGERS, WEAK_TRIGGERS)):
        for name, pattern in table:
            for m in pattern.finditer(text):
                before = text[max(0, m.start() - 60) : m.start()]
                photo = m.group(0).lower().startswith("captur") and bool(
                    PHOTOGRAPHED.search(text[max(0, m.start() - 140) : m.start()])
                    or PICTURE_AFTER.match(text[m.end() :])
                )
                if not (HYPOTHETICAL.search(before) or NEGATED.search(before) or photo):
                    found.append((name, m, tier))
    return found


#: The newest of a series, told as news: "have struck one more merchant ship, trying several
#: times" (unlike "have struck ships several times", a habit).
_ONE_MORE = re.compile(
    r"\b(?:struck|hit|attacked|seized)\s+(?:one more|yet another|another)\b", re.I
)

#: A headline's infinitive is its future: "Russia to hold naval drills near Syria".
_HEADLINE_FUTURE = re.compile(r"\bto (?:hold|stage|conduct|begin|start|launch)\b", re.I)


def is_event(sentence: Sentence, published: dt.date | None) -> bool:
    """Whether a sentence reports something happening, not background or a plan."""
    if not _triggers(sentence.text) and not MOVEMENT.search(sentence.text):
        return False
    if (
        HABITUAL.search(sentence.text)
        and not date_candidates(sentence, published)
        and not _ONE_MORE.search(sentence.text)
    ):
        return False
    future = FUTURE.search(sentence.text) or (
        _HEADLINE_FUTURE.search(sentence.text) and not sentence.text.rstrip().endswith(".")
    )
    if future and not _happened(sentence, published):
        return False
    return not BACKGROUND.search(sentence.text) or bool(_triggers(sentence.text))


#: An analysis or explainer, by its headline or its headings: "… 'gray zone' tactics in the
#: West Philippine Sea", "Why did China and Russia stage …?", "Why it matters", "Q1: …".
_ANALYSIS = re.compile(
    r"\bgr[ae]y[- ]zones?\b|\bstrategic context\b|^\W*(?:analysis|explainer|opinion|commentary)\b|"
    r"^\W*why it matters\W*$|^\W*what'?s (?:next|happening)\W*$|^\W*Q\d+\s*:|"
    r"^\W*why (?:did|does|do|is|are|has|have|will)\b[^?]*\?\s*$",
    re.I,
)
#: A count going up: "NATO jets increase flights to intercept …", "… 20-25% more often".
_TREND = re.compile(
    r"\b(?:increas(?:e|es|ed|ing)|ris(?:e|es|ing)|rose|doubl(?:e|es|ed)|surg(?:e|es|ed)|"
    r"jump(?:s|ed)?|spikes?|record\s+numbers?)\s+(?:in\s+|of\s+)?(?:the\s+)?(?:number\s+of\s+)?"
    r"(?:[\w-]+\s+){0,2}?"
    r"(?:flights|intercepts|interceptions|scrambles|sorties|incursions|patrols|violations)\b|"
    r"\bmore (?:often|frequently)\b|\b\d+\s*(?:times|per ?cent|%)\s+(?:more|a year|that year)\b",
    re.I,
)
#: A lead about what a government or an alliance will do: "The military alliance has
#: promised to strengthen its naval presence", "NATO is stepping up its presence".
_POLICY = re.compile(
    r"\b(?:ha(?:s|ve)\s+(?:promised|pledged|vowed|agreed|decided)\s+to|(?:is|are)\s+stepping\s+up|"
    r"(?:launched|launches|unveiled|announced)\s+(?:a\s+)?new\s+(?:mission|operation|plan|strategy)|"
    r"will\s+(?:deploy|boost|bolster|enhance|strengthen|step up|increase)\s+(?:its|their)\b)",
    re.I,
)
#: A meeting's report: "UN Security Council meets on …", "defence ministers voiced concern".
_MEETING = re.compile(
    r"\b(?:security council|defen[cs]e (?:ministers|chiefs)|foreign ministers|summit|"
    r"joint (?:statement|readout|declaration))\b",
    re.I,
)


#: A report that follows an incident up: its release, a court claim, an inquiry's find.
_AFTERMATH = re.compile(
    r"\b(?:has been released|was released|released the|cancel(?:led|ed) the seizure|"
    r"seizure (?:can|could|was|has been|had been) (?:be )?(?:cancell?ed|canceled|lifted)|"
    r"(?:a|the|Helsinki|district) court|recover(?:ed|s)? (?:an? |the )?(?:lost )?anchor|"
    r"compensation|lawsuit|sued|verdict|sentenced|charged with)\b",
    re.I,
)


def reports_no_incident(sentences: list[Sentence], published: dt.date | None) -> bool:
    """Whether an article is an analysis, a trend or a meeting's report that only recounts.

    An analysis says so in its headline or its headings; a trend ("NATO jets
    intercept Russian aircraft 20-25% more often") in its lead, with no day given
    anywhere; a meeting's report in a headline that opens on the meeting, or a
    lead (headline and first sentence) that names the meeting and reports no
    event itself. The incidents they recount are told elsewhere, as news.
    """
    if not sentences:
        return False
    headings = [s for i, s in enumerate(sentences) if i == 0 or len(s.text) < 40]
    if any(_ANALYSIS.search(s.text) for s in headings):
        return True
    headline, lead = sentences[0], sentences[:2]
    if any(_POLICY.search(s.text) or _AFTERMATH.search(s.text) for s in lead) and not any(
        is_event(s, published) and not _AFTERMATH.search(s.text) for s in lead
    ):
        # "NATO is stepping up its presence …": a seizure last month is background; so is
        # the seizure a release, a court claim or a recovered anchor follows up.
        return True
    if any(_TREND.search(s.text) for s in lead) and not any(
        _news_day(when, statement, published)
        for s in sentences
        for _, when, statement in date_candidates(s, published)
    ):
        return True
    meeting = _MEETING.search(headline.text)
    if meeting and len(headline.text[: meeting.start()].split()) <= 3:
        # "UN Security Council meets on Estonia's airspace incursion": the meeting is
        # what the headline is about, not an aside ("… as defence ministers meet").
        return not is_event(headline, published)
    return any(_MEETING.search(s.text) for s in lead) and not any(
        is_event(s, published) for s in lead
    )


def _news_day(when: When, statement: bool, published: dt.date | None) -> bool:
    """Whether a date is the day of something that just happened, not of a saying.

    A trend story dates what an official said ("said Wednesday") and a file
    photo of months before ("on Oct. 19"); a report of an incident dates it.
    """
    return when.precision == "day" and not statement and is_news(when, published)


def _happened(sentence: Sentence, published: dt.date | None) -> bool:
    """Whether a sentence dates something on or before publication."""
    when = event_date(sentence, published)
    if when is None or published is None:
        return when is not None
    # "from mid-August", said on August 11: a month not yet over is still ahead.
    return (
        (when.end or when.start) < published
        if when.precision == "month"
        else (when.start <= published)
    )


#: Waters named without saying territorial: "entered UK waters".
_PLAIN_WATERS = re.compile(r"(?<!territorial )\bwaters$", re.I)

_JOINT_PATROL = re.compile(
    r"\bjoint\b[^.;]{0,40}?\bpatrols?\b|\bpatroll?(?:ed|ing)?\b[^.;]{0,20}?\btogether\b|"
    # "patrols flown by Chinese and Russian bombers": two states' patrol is a joint one
    r"\bpatrols?\s+(?:flown|conducted|carried out|staged|held)\s+by\s+[^.;]{0,30}?\band\b",
    re.I,
)
#: Zone entries made during drills: "crossed the median line … during military drills".
_ZONE = re.compile(rf"\b(?:{ZONE_WORDS})\b", re.I)
_DURING_DRILLS = re.compile(
    r"\b(?:during|as part of|in the course of)\s+(?:(?:the|its|their|large-scale|[\w-]+)\s+){0,3}"
    r"(?:drills|exercises|war games|manoeuvres|maneuvers)\b",
    re.I,
)


def type_of(sentences: list[Sentence]) -> tuple[str, Evidence] | None:
    """The event type of an incident's sentences, with the word that decides it."""
    hits = [(s, t) for s in sentences for t in _triggers(s.text)]
    for tier in (0, 1, 2):
        tiered = [(s, t) for s, t in hits if t[2] == tier]
        if not tiered:
            continue
        if tier == 0:  # strong types by weight, wherever they appear
            order = [name for name, _ in STRONG_TRIGGERS]
            s, (name, m, _) = min(tiered, key=lambda st: order.index(st[1][0]))
            if name == "airspace_violation" and _PLAIN_WATERS.search(m.group(0)):
                # The codebook's tie-break: a spy ship "in UK waters" (the economic zone, as
                # often as not) is surveillance; territorial waters named are a violation.
                spying = next(
                    ((x, t) for x, t in hits if t[0] == "surveillance" and t[2] <= 1), None
                )
                if spying is not None:
                    x, (_, sm, _) = spying
                    return "surveillance", x.span(sm.start(), sm.end())
            if name == "adiz_entry":
                # The codebook's tie-breaks: an announced joint patrol that enters a
                # zone is a patrol; zone entries during drills are the drills.
                # A report that opens on the zone is about the zone, whatever the flight
                # is called further down ("… flew through its air defense zone").
                opens_on_zone = bool(
                    _ZONE.search(sentences[0].text) and not _JOINT_PATROL.search(sentences[0].text)
                )
                for x in sentences:
                    joint = _JOINT_PATROL.search(x.text)
                    if joint is not None and not opens_on_zone:
                        return "patrol", x.span(joint.start(), joint.end())
                for x, (kind, _, _) in tiered:
                    drills = _DURING_DRILLS.search(x.text) if kind == name else None
                    if drills is not None:
                        return "exercise", x.span(drills.start(), drills.end())
        else:  # the earliest word in the earliest sentence that has one
            s, (name, m, _) = (
                tiered[0]
                if tier == 2
                else min(tiered, key=lambda st: (sentences.index(st[0]), st[1][1].start()))
            )
        return name, s.span(m.start(), m.end())
    return None
