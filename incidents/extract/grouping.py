"""Grouping event sentences into incidents by the moment they describe."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from incidents.extract.clauses import VERBS
from incidents.extract.dates import (
    DATES_IT,
    OTHER_OCCASION,
    When,
    dates_the_statement,
    differs,
    event_date,
    is_news,
    may_date_undated,
    narrows,
    said_after,
)
from incidents.extract.events import BACKGROUND, HABITUAL, is_event, reports_no_incident
from incidents.extract.places import OFFSHORE_PHRASE_RE
from incidents.extract.sentences import Sentence
from incidents.lexicon import asset_matches

__all__ = ["Draft", "group_drafts"]


@dataclass
class Draft:
    """The sentences of one incident so far and the moment they describe."""

    sentences: list[Sentence] = field(default_factory=list)
    when: When | None = None
    #: Later sentences of the same moment that are not events themselves
    #: ("Tokyo lodged a protest"): they say who responded, not where.
    context: list[Sentence] = field(default_factory=list)


def group_drafts(sentences: list[Sentence], published: dt.date | None) -> list[Draft]:
    """Event sentences grouped into incidents, the main one first."""
    if reports_no_incident(sentences, published):
        return []
    drafts: list[Draft] = []
    # Sentences before the first event sentence that date a detail of it: "A
    # J-16 came within 30 metres of a P-8 on Tuesday" has no event word of its
    # own, yet gives the day, the place and who acted.
    lead: list[tuple[Sentence, When]] = []
    background = False  # past a "Background:" heading: other occasions, told for context
    for s in sentences[: len(sentences) - _trailing_links(sentences)]:
        if _BACKGROUND_HEADING.match(s.text):
            background = bool(drafts)
            continue
        if _LINK_LINE.match(s.text):
            continue  # "Related: Poland scrambles jets after …": another story's headline
        if background:
            continue
        event = is_event(s, published)
        when = event_date(s, published)
        says_when = bool(DATES_IT.search(s.text))  # "the incident took place on …"
        if not drafts and not event:
            if when is not None and _mentions_detail(s) and may_date_undated(s, when, published):
                lead.append((s, when))
            continue
        if not drafts and lead and (when is None or not differs(when, lead[0][1])):
            drafts.append(Draft([*(ls for ls, _ in lead), s], when or lead[0][1]))
            continue
        # What later sentences add to: the report's news, not an older occasion it opened with.
        head = _main(drafts, published) if drafts else None
        if (
            head is not None
            and when is not None
            and (
                dates_the_statement(when, head.when, dates_it=says_when)
                or narrows(when, head.when, dates_it=says_when)
            )
        ):
            # "Japan said on Monday it scrambled jets …" then "On Saturday, a
            # drone flew …": the event's own day replaces the statement's.
            head.when = when
            head.sentences.append(s)
            continue
        if event and (
            head is None
            or (when is not None and head.when is not None and differs(when, head.when))
        ):
            if (
                drafts
                and when is not None
                and drafts[-1].when is not None
                and not differs(when, drafts[-1].when)
            ):
                drafts[-1].sentences.append(s)
                continue
            drafts.append(Draft([s], when))
            continue
        if head is None:
            continue
        target = head
        if (
            when is not None
            and target.when is not None
            and differs(when, target.when)
            and not said_after(when, target.when)
        ):
            continue  # a sentence about another time that is not itself an event
        dates_it = when is not None and says_when
        if (
            when is not None
            and target.when is None
            and not dates_it
            and not may_date_undated(s, when, published)
        ):
            # "In March last year, Typhoons were scrambled …" after an undated
            # report of today's scramble: an earlier incident, not this one's date.
            if event:
                drafts.append(Draft([s], when))
            continue
        after_headline = target.sentences == [sentences[0]] and not _CLOSED.search(
            sentences[0].text
        )
        if when is None and OTHER_OCCASION.search(s.text) and not after_headline:
            # "it was also seen in the Channel earlier in the week"; but the lead under
            # the headline ("… have struck another merchant ship") tells the headline's news.
            continue
        if event or _mentions_detail(s) or dates_it:
            target.sentences.append(s)
            if target.when is None and when is not None:
                target.when = when
        elif not BACKGROUND.search(_ATTRIBUTION.sub("", s.text)) and not HABITUAL.search(s.text):
            target.context.append(s)
    if not drafts:
        return drafts
    main = _main(drafts, published)
    return [main, *(d for d in drafts if d is not main)]


def _main(drafts: list[Draft], published: dt.date | None) -> Draft:
    """The draft a report is about: the first recent one, else the first.

    A report is about something that just happened; an occasion it opens with
    from a year or more before ("… during an intercept … in 2020", a file
    photo's caption) is told for comparison, and what follows belongs to the
    news, not to it.
    """
    return next((d for d in drafts if d.when is None or is_news(d.when, published)), drafts[0])


#: A heading that starts the part of a report about other occasions.
_BACKGROUND_HEADING = re.compile(
    r"^\W*(?:background|context|related(?: stories| articles| news)?|read more|see also)\W*$",
    re.I,
)


#: Where a sentence says how it was said ("said in a written statement on 12 February"):
#: an attribution, not a statement as the topic of background.
_ATTRIBUTION = re.compile(
    r"\b(?:in|by|through)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+)?statements?\b", re.I
)

#: A link to another story, set in the page: "Related: …", "Read more: …".
_LINK_LINE = re.compile(
    r"^\W*(?:related|read more|see also|more on this|also read)\s*:|"
    r"^\W*(?:view|read)\s+(?:the\s+)?original\s+(?:article|story|post)\W*$",
    re.I,
)
#: A line that reads as a headline: no closing stop, a few words ("- Woodpeckers,
#: finches captured in Jilin winter scenes", "US Navy says its destroyer conducted transit").
_HEADLINE_LINE = re.compile(r"^(?:[-•*]\s*)?(?:\S+\s+){1,17}\S+$")
_CLOSED = re.compile(r"[.!?:;\"”’')\]…]$")


def _trailing_links(sentences: list[Sentence]) -> int:
    """How many sentences at the end are a list of other stories' headlines.

    Pages copied whole end with links to other stories, one headline per line:
    "Taiwan says 6 Chinese balloons flew through its airspace". Two or more such
    lines after the report are another page's news, whatever their words.
    """
    n = 0
    for s in reversed(sentences):
        if _CLOSED.search(s.text) or not _HEADLINE_LINE.match(s.text):
            break
        n += 1
    return n if 2 <= n < len(sentences) else 0


def _mentions_detail(s: Sentence) -> bool:
    return (
        bool(asset_matches(s.text))
        or bool(VERBS["responder"].search(s.text))
        # "a vessel about 60 nautical miles off the coast of Hodeidah": where it was
        or (bool(OFFSHORE_PHRASE_RE.search(s.text)) and not _WHERE_A_PLACE_LIES.search(s.text))
    )


#: Where a place lies, not where the event was: "It lies about 105 nautical miles off Palawan".
_WHERE_A_PLACE_LIES = re.compile(r"\b(?:lies|lie|is located|is situated|sits)\b", re.I)
