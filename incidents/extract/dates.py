"""Dates in a sentence, resolved against publication, and which of them dates the event."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from incidents.extract.sentences import Sentence
from incidents.lexicon import (
    SPEECH_VERBS,
)
from incidents.model import Evidence
from incidents.wordlists import any_of, first_letter_guard

__all__ = [
    "DATES_IT",
    "EXPLICIT_DMY",
    "EXPLICIT_MDY",
    "FUTURE",
    "ISO",
    "MONTHS",
    "OTHER_OCCASION",
    "When",
    "date_candidates",
    "dates_the_statement",
    "differs",
    "event_date",
    "is_news",
    "may_date_undated",
    "narrows",
    "said_after",
]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9  # the AP's abbreviation ("Sept. 19"), not Python's

_MONTH_RE = any_of(MONTHS)
_MONTH_WORD = re.compile(rf"\b{_MONTH_RE}\b", re.I)


@dataclass(frozen=True)
class When:
    """A date a sentence gives, its precision and the words it rests on."""

    start: dt.date
    end: dt.date | None
    precision: str
    evidence: Evidence
    relative: bool
    #: The day something was said ("the ministry said on Monday"), standing in
    #: for the event's own date until a sentence gives it.
    statement: bool = False


EXPLICIT_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)

EXPLICIT_MDY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)

ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

_MD_NOYEAR = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", re.I
)

_DM_NOYEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\b(?!\.?,?\s*\d{{4}})", re.I)

#: "in September", "since early March": a month of the last twelve.
_MONTH_ONLY = re.compile(
    rf"\b(?:in|since|during|until|by|from|through)\s+(?:early\s+|mid-?|late\s+)?({_MONTH_RE})\b"
    r"(?:\s+(?:of\s+)?(last|this)\s+year\b)?(?!\.?,?\s*\d)",
    re.I,
)

_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\s+(\d{{4}})\b", re.I)
#: A year on its own: "during an intercept … in 2020", a photo's or a background's year.
_YEAR_ONLY = re.compile(r"\b(?:in|during)\s+((?:19|20)\d\d)\b(?!\s*[-–/]|\s+\d)", re.I)

_WEEKDAY = re.compile(rf"\b({any_of(_WEEKDAYS)})(?:['’]s)?\b", re.I)

_RELATIVE_WORDS = (
    *("yesterday", "today", "this morning", "last night", "the previous day", "the day before"),
    *("earlier this month", "earlier in the month", "late last month", "early last month"),
    *("last month", "last week", "earlier this week", "this week", "earlier this year"),
    "last year",
)
_RELATIVE = re.compile(rf"\b({any_of(_RELATIVE_WORDS)})\b", re.I)

#: Before a weekday still to come: "due next Monday"; "war games starting on Friday"
#: in a sentence told in the present or future ("troops are gathering for …").
_NEXT_BEFORE = re.compile(r"\b(?:next|coming)\s+(?:on\s+)?$", re.I)
_STARTING_BEFORE = re.compile(r"\b(?:starting|beginning|due)\s+(?:on\s+)?$", re.I)
_NOT_PAST = re.compile(r"\b(?:will|(?:is|are)\s+\w+ing)\b", re.I)

# "…, the ministry said on Friday": the date of the statement, not the event.
_STATEMENT_BEFORE = re.compile(
    r"\b(?:(?:" + "|".join(SPEECH_VERBS) + r"|disclosed|revealed|confirmed|posted|wrote|"
    r"published|released|tweeted)|(?:statement|announcement|readout)(?:\s+[a-z]+){0,2}|"
    # "expressed serious concern on Tuesday over …": the reaction's day
    r"(?:expressed|voiced)\s+(?:[a-z]+\s+){0,2}?(?:concerns?|alarm|outrage|regret|dismay))"
    # "it said on its website on Friday", "said in a statement on Friday"
    r"(?:\s+(?:on|in)\s+(?:its|their|a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:website|statement|post|"
    r"briefing|account|channel))?"
    r"\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


@functools.lru_cache(maxsize=4096)
def date_candidates(sentence: Sentence, published: dt.date | None) -> list[tuple[int, When, bool]]:
    """Every date expression in a sentence: (position, date, is_statement_date)."""
    text = sentence.text
    found: list[tuple[int, When]] = []

    def add(
        m: re.Match[str], start: dt.date, end: dt.date | None, precision: str, relative: bool
    ) -> None:
        found.append(
            (m.start(), When(start, end, precision, sentence.span(m.start(), m.end()), relative))
        )

    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        if any(a < m.end() and m.start() < b for a, b in taken):
            return False
        taken.append((m.start(), m.end()))
        return True

    # Most scans need a month's name; most sentences have none.
    named_month = _MONTH_WORD.search(text) is not None

    def with_month(regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return regex.finditer(text) if named_month else iter(())

    for m in (*with_month(_RANGE_DM), *with_month(_RANGE_MD)):
        # "between 10 and 12 February", "Feb. 10-12": the days of one passage
        if m["year"]:
            year = int(m["year"])
        elif published is not None:
            year = published.year
        else:
            continue  # no year to put it in
        with _suppress():
            month = MONTHS[m["month"].lower()]
            first, last = dt.date(year, month, int(m["a"])), dt.date(year, month, int(m["b"]))
            if not m["year"] and published is not None and first > published:
                first, last = first.replace(year=year - 1), last.replace(year=year - 1)
            if first < last and free(m):
                add(m, first, last, "day", not m["year"])
    for m in with_month(EXPLICIT_DMY):
        with _suppress():
            day = dt.date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
            if free(m):
                add(m, day, None, "day", False)
    for m in with_month(EXPLICIT_MDY):
        with _suppress():
            day = dt.date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
            if free(m):
                add(m, day, None, "day", False)
    for m in ISO.finditer(text):
        with _suppress():
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            if free(m):
                add(m, day, None, "day", False)
    for m in with_month(_MONTH_YEAR):
        first = dt.date(int(m[2]), MONTHS[m[1].lower()], 1)
        if free(m):
            add(m, first, _month_end(first), "month", False)
    for m in _YEAR_ONLY.finditer(text):
        year = int(m[1])
        # Only a year already over: "in 2025" said in 2025 is this year, dated more
        # exactly elsewhere if at all.
        if published is not None and year < published.year and free(m):
            add(m, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", False)
    if published is not None:
        for regex, order in ((_MD_NOYEAR, "md"), (_DM_NOYEAR, "dm")):
            for m in with_month(regex):
                month = MONTHS[(m[1] if order == "md" else m[2]).lower()]
                with _suppress():
                    day = dt.date(published.year, month, int(m[2] if order == "md" else m[1]))
                    if day > published and not FUTURE.search(text):
                        day = day.replace(year=published.year - 1)
                    if free(m):
                        add(m, day, None, "day", True)
        for m in with_month(_MONTH_ONLY):
            first = dt.date(published.year, MONTHS[m[1].lower()], 1)
            if first > published or (m[2] or "").lower() == "last":
                first = first.replace(year=first.year - 1)
            if free(m):
                add(m, first, _month_end(first), "month", True)
        for m in _WEEKDAY.finditer(text):
            back = (published.weekday() - _WEEKDAYS[m[1].lower()]) % 7
            before = text[max(0, m.start() - 25) : m.start()]
            if _NEXT_BEFORE.search(before) or (
                _STARTING_BEFORE.search(before) and _NOT_PAST.search(text)
            ):
                continue  # a day still to come
            if free(m):
                add(m, published - dt.timedelta(days=back), None, "day", True)
        for m in _RELATIVE.finditer(text):
            if free(m):
                resolved = _relative(m[1].lower(), published)
                add(m, *resolved, True)
    found.sort(key=lambda item: item[0])
    out = []
    for pos, when in found:
        if _SINCE_BEFORE.search(text[max(0, pos - 80) : pos]):
            continue  # "the first since Trump returned to office on 20 January": a yardstick
        if _PAGE_DATE_BEFORE.search(text[max(0, pos - 30) : pos]):
            continue  # "(Source: Stars and Stripes, Published: April 29, 2020": the page's own
        # "claimed Sunday's assault": a day named as the event's own is never the saying's.
        statement = not when.evidence.text.endswith(("'s", "’s")) and bool(
            _STATEMENT_BEFORE.search(text[max(0, pos - 40) : pos])
            or _REACTION_BEFORE.search(text[max(0, pos - 60) : pos])
            or _REACTION_AFTER.match(text[pos + len(when.evidence.text) :])
        )
        out.append((pos, when, statement))
    return out


#: "summoned the Russian ambassador on Thursday": the day of the answer, which stands in
#: for the event's own day like a statement's ("said on Monday") until a sentence gives it.
_REACTION_BEFORE = re.compile(
    r"\b(?:summoned|called in|protested|lodged (?:a|an) (?:protest|complaint)|"
    r"handed (?:over )?(?:a|an) (?:note|protest))(?:\s+[\w'’.-]+){0,5}?\s+on\s+$",
    re.I,
)
#: A page's own dates, labelled as such: "Published: April 29, 2020", "Updated: …".
_PAGE_DATE_BEFORE = re.compile(
    r"\b(?:published|posted|updated|first published|last updated|last modified)\s*:\s*$", re.I
)
#: "On Thursday, the Ministry of Foreign Affairs summoned the Russian ambassador": the
#: day of the answer, told before it.
_REACTION_AFTER = re.compile(
    r"^,?\s+(?:the\s+)?(?:[\w'’-]+\s+){1,6}?(?:summoned|called in|lodged|handed (?:over )?(?:a|an|him|"
    r"her)?\s*(?:diplomatic\s+)?(?:note|protest))\b",
    re.I,
)
#: A date set in a clause after "since" is a yardstick, not the event's day.
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:[\w'’.-]+\s+){2,8}?(?:(?:on|in)\s+)?$", re.I)
_RANGE_DM = re.compile(
    rf"\b(?:between\s+|from\s+)?(?P<a>\d{{1,2}})\s*(?:-|–|to|and)\s*(?P<b>\d{{1,2}})\s+"
    rf"(?P<month>{_MONTH_RE})\b(?:,?\s+(?P<year>\d{{4}}))?",
    re.I,
)
_RANGE_MD = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\.?\s+(?P<a>\d{{1,2}})\s*(?:-|–|to|and)\s*(?P<b>\d{{1,2}})\b"
    rf"(?!\s*(?:km|kilomet|miles|nautical|nm|metres|meters|feet|ft)\b)(?:,?\s+(?P<year>\d{{4}}))?",
    re.I,
)


class _suppress:
    """Skip dates that do not exist ("31 June")."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, value: object, tb: object) -> bool:
        return isinstance(value, ValueError)


def _relative(word: str, published: dt.date) -> tuple[dt.date, dt.date | None, str]:
    if word in ("yesterday", "last night"):
        return published - dt.timedelta(days=1), None, "day"
    if word in ("today", "this morning"):
        return published, None, "day"
    if word in ("the previous day", "the day before"):
        return published - dt.timedelta(days=1), None, "day"
    if word == "last week":
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return monday, monday + dt.timedelta(days=6), "day"
    if word in ("this week", "earlier this week"):
        return published - dt.timedelta(days=published.weekday()), published, "day"
    if "last month" in word:
        first = (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return first, _month_end(first), "month"
    if "month" in word:
        return published.replace(day=1), published, "month"
    if word == "earlier this year":
        return published.replace(month=1, day=1), published, "year"
    return dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31), "year"


def event_date(sentence: Sentence, published: dt.date | None) -> When | None:
    """The event date a sentence states; a statement's own date only if nothing else."""
    candidates = date_candidates(sentence, published)
    if not candidates:
        return None
    statement_dates = [w for _, w, is_statement in candidates if is_statement]
    events = [w for _, w, is_statement in candidates if not is_statement]
    dated = DATES_IT.search(sentence.text)
    if dated:
        # "… told Parliament today that the incident took place on September 29"
        events = [w for p, w, s in candidates if not s and p > dated.start()] or events
    if not events:
        return replace(statement_dates[0], statement=True)
    first = events[0]
    if first.evidence.text.lower() in ("the previous day", "the day before") and statement_dates:
        anchor = statement_dates[0].start - dt.timedelta(days=1)
        return When(anchor, None, "day", first.evidence, True)
    return first


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


#: A plan rather than an event: "will hold exercises from June 19",
#: "plans to begin drills on Aug. 15", "is set to stage".
FUTURE = first_letter_guard(
    re.compile(
        r"\b(?:(?:will|plans? to|planned to|planning to|is set to|are set to|is due to|are due to|"
        r"scheduled to|intends? to|is to|are to|to be held)\b(?:\s+\w+){0,3}?\s+"
        r"(?:hold|be held|held|stage|conduct|begin|start|launch|carry out|take place|take part|"
        r"practi[cs]e|test|run|cover|involve|include|feature)\b|(?:is|are) planned\b)",
        re.I,
    )
)

#: How long before it is said an event may have happened and still be the one reported.
_REPORTED_WITHIN_DAYS = 10

#: What a report calls the event it tells of, once told.
_THE_EVENT = (
    r"(?:incident|attack|strike|encounter|collision|confrontation|clash|stand-?off|seizure|"
    r"interception|intercept|incursion)"
)

#: "It happened on Saturday", "The incident occurred on May 26": the date of
#: the event reported so far, in a sentence that names no event of its own.
DATES_IT = re.compile(
    r"\b(?:it|this|that|the (?:incident|attack|encounter|collision|seizure|interception|"
    r"intercept|flight|transit|passage|episode|manoeuvre|maneuver|violation|incursion))\s+"
    r"(?:happened|occurred|took place|came)\b|"
    # "… said, after the strike west of Hodeida early on Friday"
    r"\bafter the (?:strike|attack|incident|encounter|collision|seizure|interception)\b|"
    # "expressed concern to China over the May 26 incident"
    rf"\bthe\s+(?:{_MONTH_RE})\.?\s+\d{{1,2}}\s+{_THE_EVENT}\b|"
    rf"\bthe\s+\d{{1,2}}\s+(?:{_MONTH_RE})\s+{_THE_EVENT}\b|"
    # "Monday's confrontation marks the latest …", "The clash on Monday is …"
    rf"\b(?:{'|'.join(calendar.day_name)})['’]s\s+{_THE_EVENT}\b|"
    rf"\bthe\s+{_THE_EVENT}\s+on\s+(?:{'|'.join(calendar.day_name)})\b",
    re.I,
)

#: Words that set a sentence on another occasion than the one reported.
OTHER_OCCASION = re.compile(
    r"\b(?:similar|another|previous(?:ly)?|earlier|last time|again|before that|"
    r"a separate|in a separate|separately|the first time|the last|"
    # "Houthi leaders had a setback over the weekend when an Israeli strike …"
    r"(?:over|at|during) the weekend|last weekend|"
    # "which both scrambled jets to intercept the patrol at the time" (not "at the time of")
    r"at the time(?!\s+of)|"
    # "… which both sent up jets to intercept that patrol": the one told just before
    r"(?:that|those)\s+(?:patrols?|flights?|incidents?|encounters?|intercepts?|attacks?|"
    r"seizures?|transits?|exercises?|drills?))\b",
    re.I,
)

#: How long after an undated report's event a later sentence may date it
#: ("revealed on Thursday … the incident on September 29").
_REVEALED_WITHIN_DAYS = 60


def may_date_undated(s: Sentence, when: When, published: dt.date | None) -> bool:
    """Whether a dated sentence dates the undated incident reported so far."""
    if _recent(when, published):
        return True
    if published is None or when.precision == "year" or OTHER_OCCASION.search(s.text):
        return False
    return (published - when.start).days <= _REVEALED_WITHIN_DAYS


#: How long before publication an event is still the news a report is about.
NEWS_DAYS = 31


def is_news(when: When, published: dt.date | None) -> bool:
    """Whether a date falls within :data:`NEWS_DAYS` before publication (or none is known)."""
    return published is None or (published - (when.end or when.start)).days <= NEWS_DAYS


def _recent(when: When, published: dt.date | None) -> bool:
    """Whether a date is close enough to publication to be the news being reported."""
    if published is None:
        return True
    return (published - when.start).days <= _REPORTED_WITHIN_DAYS


def dates_the_statement(when: When, current: When | None, *, dates_it: bool = False) -> bool:
    """Whether a sentence's date is the event date of a draft dated by a statement so far.

    With ``dates_it`` (the sentence says when "the incident took place") the
    statement's own day counts too: once the event has its own day, "the
    previous day" in a later sentence is another occasion, not a better date.
    """
    if current is None or not current.statement or when.statement:
        return False
    lag = (current.start - when.start).days
    return when.precision == "day" and (0 if dates_it else 1) <= lag <= _REPORTED_WITHIN_DAYS


def narrows(when: When, current: When | None, *, dates_it: bool = False) -> bool:
    """Whether a day falls in the span a draft is dated by.

    "in September" … "on September 29"; with ``dates_it`` (the sentence says when
    the event took place) also a span of days: "this week" … "the encounter
    occurred on Tuesday". Another day inside a span of days ("between 10 and 12
    February", then a statement "on 12 February") is not the event's.
    """
    if current is None or when.precision != "day" or when.end is not None or when.statement:
        return False
    span = current.precision == "day" and current.end is not None and dates_it
    if current.precision != "month" and not span:
        return False
    return current.start <= when.start <= (current.end or current.start)


def differs(a: When, b: When) -> bool:
    """Whether two dates name different moments.

    A day inside the other's span is the same moment: "between 10 and 12
    February" and "on 12 February".
    """
    if (a.start, a.precision) == (b.start, b.precision):
        return False
    return not any(
        x.precision == y.precision == "day" and y.end is not None and y.start <= x.start <= y.end
        for x, y in ((a, b), (b, a))
    )


def said_after(when: When, event: When) -> bool:
    """Whether ``when`` is the day something was said about ``event``, soon after it."""
    return (
        when.statement
        and event.precision == "day"
        and 0 <= (when.start - (event.end or event.start)).days <= _REPORTED_WITHIN_DAYS
    )
