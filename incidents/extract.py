"""From a news report to draft incidents, each field tied to its evidence.

The pipeline, per article:

1. read the file (plain text, Markdown or HTML; size-capped), take the
   publication date from a leading ``date YYYY-MM-DD`` line, a dateline or
   the caller;
2. split into sentences with character offsets;
3. mark *event sentences*: a trigger word (patrol, intercept, ADIZ, …) that
   is not habitual background ("have carried out several patrols in the past");
4. group event sentences into incidents: a sentence with its own time anchor
   that differs from the current incident's ("Earlier this month, …") starts a
   new one; later sentences without one add detail to the first;
5. in those sentences find dates (relative ones resolved against the
   publication date), countries and their roles, assets, and place phrases
   (resolved with :func:`geo.geocode`).

Nothing is invented: a field with no support stays empty; where no date is
stated the publication date is used and the evidence says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.gazetteer import Gazetteer, default_gazetteer
from geo.geocode import Match, geocode
from incidents.errors import ImpossibleDate, MalformedFile
from incidents.lexicon import (
    ACTOR_VERBS,
    ASSETS,
    CAPITALS,
    DEMONYMS,
    FORCES,
    RESPONDER_VERBS,
    TRIGGERS,
)
from incidents.model import Evidence, Incident, Location, Source
from incidents.vocabulary import country_name

__all__ = ["MAX_ARTICLE_BYTES", "Article", "article_from_text", "extract", "read_article"]

MAX_ARTICLE_BYTES = 2_000_000
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))


@dataclass(frozen=True)
class Article:
    """A report's text and what is known about where it comes from."""

    text: str
    published: dt.date | None = None
    path: str | None = None
    url: str | None = None
    publisher: str | None = None
    dateline: str | None = None

    @property
    def source(self) -> Source:
        """The :class:`Source` an incident from this article cites."""
        return Source(
            url=self.url, path=self.path, publisher=self.publisher, published=self.published
        )


# --------------------------------------------------------------------- reading
def read_article(path: Path | str, published: dt.date | None = None) -> Article:
    """Read a report from a file.

    Parameters
    ----------
    path
        A ``.txt``, ``.md`` or ``.html`` file of at most 2 MB.
    published
        The publication date, overriding one found in the file.

    Raises
    ------
    MalformedFile
        The file is missing, empty, binary, too large or not UTF-8 text.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise MalformedFile(f"{p}: cannot read the file ({exc.strerror}).") from exc
    if size > MAX_ARTICLE_BYTES:
        raise MalformedFile(
            f"{p}: {size:,} bytes is larger than the {MAX_ARTICLE_BYTES:,}-byte limit for one "
            "article; split it or pass the article's own text."
        )
    raw = p.read_bytes()
    if b"\x00" in raw[:8192]:
        raise MalformedFile(
            f"{p}: this is a binary file, not an article (expected text, Markdown or HTML)."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedFile(
            f"{p}: not UTF-8 text (byte {exc.start} is {raw[exc.start]:#04x}); save it as UTF-8."
        ) from exc
    return article_from_text(
        text, published=published, path=str(p), is_html=p.suffix.lower() in (".html", ".htm")
    )


_DATE_LINE_RE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*", re.IGNORECASE)
_DATELINE_RE = re.compile(r"^\s*([A-Z][A-Z .'’-]{2,40}?)(?:,\s*[A-Z][\w .]+)?\s*[-–—]\s+")
_PUBLISHED_RE = re.compile(
    r"^\s*(?:published|date)\s*:\s*(\d{4}-\d{2}-\d{2})\s*$", re.IGNORECASE | re.MULTILINE
)


def article_from_text(
    text: str,
    *,
    published: dt.date | None = None,
    path: str | None = None,
    url: str | None = None,
    is_html: bool | None = None,
) -> Article:
    """Build an :class:`Article` from text, reading its date line and dateline."""
    if is_html or (is_html is None and re.search(r"<(?:html|body|p|div|article)\b", text, re.I)):
        text = _strip_html(text)
    found: dt.date | None = None
    m = _DATE_LINE_RE.match(text)
    if m:
        found = _iso_date(m.group(1), path)
        text = text[m.end() :]
    else:
        m2 = _PUBLISHED_RE.search(text[:500])
        if m2:
            found = _iso_date(m2.group(1), path)
            text = text[: m2.start()] + text[m2.end() :]
    text = text.strip()
    dateline = None
    d = _DATELINE_RE.match(text)
    if d and d.group(1).strip().upper() == d.group(1).strip():
        dateline = d.group(1).strip().title()
    return Article(text=text, published=published or found, path=path, url=url, dateline=dateline)


def _iso_date(text: str, where: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ImpossibleDate(
            f"{where or 'article'}: the date line says {text!r}, which is not a real date "
            "(expected YYYY-MM-DD)."
        ) from exc


def _strip_html(text: str) -> str:
    text = re.sub(r"(?is)<(script|style|noscript)\b.*?</\1\s*>", " ", text)
    text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</h\d\s*>|</li\s*>", "\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    return re.sub(r"[ \t]+", " ", text)


# --------------------------------------------------------------------- sentences
@dataclass(frozen=True)
class _Sentence:
    text: str
    start: int

    def span(self, m_start: int, m_end: int) -> Evidence:
        return Evidence("", self.text[m_start:m_end], self.start + m_start, self.start + m_end)


_ABBREV = re.compile(
    r"\b(?:U\.S|U\.K|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Adm|Capt|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)


def _sentences(text: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    start = 0
    for m in re.finditer(r"[.!?][\"”’']?(?=\s+[\"“‘'A-Z0-9])|\n\s*\n", text):
        end = m.end()
        if _ABBREV.search(text[start:end]):
            continue
        _add_sentence(out, text, start, end)
        start = end
    _add_sentence(out, text, start, len(text))
    return out


def _add_sentence(out: list[_Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        out.append(_Sentence(stripped, start + chunk.index(stripped)))


# --------------------------------------------------------------------- dates
@dataclass(frozen=True)
class _When:
    start: dt.date
    end: dt.date | None
    precision: str
    evidence: Evidence
    relative: bool


_EXPLICIT_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_EXPLICIT_MDY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MD_NOYEAR = re.compile(
    rf"\b(?:on\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", re.I
)
_DM_NOYEAR = re.compile(rf"\b(?:on\s+)?(\d{{1,2}})\s+({_MONTH_RE})\b(?!\.?,?\s*\d{{4}})", re.I)
_MONTH_YEAR = re.compile(rf"\b(?:in\s+)?({_MONTH_RE})\s+(\d{{4}})\b", re.I)
_WEEKDAY = re.compile(
    r"\b(?:on\s+|last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?\b",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(yesterday|today|this morning|last night|earlier (?:this|in the) month|"
    r"(?:late |early )?last month|last week|earlier this week|this week|earlier this year|last year)\b",
    re.I,
)


def _when(sentence: _Sentence, published: dt.date | None) -> _When | None:
    text = sentence.text
    for regex, order in ((_EXPLICIT_DMY, "dmy"), (_EXPLICIT_MDY, "mdy"), (_ISO, "iso")):
        m = regex.search(text)
        if m:
            try:
                if order == "dmy":
                    day = dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
                elif order == "mdy":
                    day = dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
                else:
                    day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue  # "31 June 2024" is not a date; look for another
            return _When(day, None, "day", sentence.span(m.start(), m.end()), False)
    if published is not None:
        for regex, order in ((_MD_NOYEAR, "md"), (_DM_NOYEAR, "dm")):
            m = regex.search(text)
            if m:
                month = _MONTHS[(m[1] if order == "md" else m[2]).lower()]
                day_no = int(m[2] if order == "md" else m[1])
                try:
                    day = dt.date(published.year, month, day_no)
                    if day > published:
                        day = dt.date(published.year - 1, month, day_no)
                except ValueError:
                    continue
                return _When(day, None, "day", sentence.span(m.start(), m.end()), True)
    m = _MONTH_YEAR.search(text)
    if m:
        first = dt.date(int(m[2]), _MONTHS[m[1].lower()], 1)
        return _When(first, _month_end(first), "month", sentence.span(m.start(), m.end()), False)
    if published is None:
        return None
    m = _WEEKDAY.search(text)
    if m:
        back = (published.weekday() - _WEEKDAYS[m[1].lower()]) % 7
        day = published - dt.timedelta(days=back)
        return _When(day, None, "day", sentence.span(m.start(), m.end()), True)
    m = _RELATIVE.search(text)
    if m:
        word = m[1].lower()
        ev = sentence.span(m.start(), m.end())
        if word in ("yesterday", "last night"):
            return _When(published - dt.timedelta(days=1), None, "day", ev, True)
        if word in ("today", "this morning"):
            return _When(published, None, "day", ev, True)
        if word in ("last week",):
            monday = published - dt.timedelta(days=published.weekday() + 7)
            return _When(monday, monday + dt.timedelta(days=6), "day", ev, True)
        if word in ("this week", "earlier this week"):
            monday = published - dt.timedelta(days=published.weekday())
            return _When(monday, published, "day", ev, True)
        if "month" in word and "last" not in word:
            return _When(published.replace(day=1), published, "month", ev, True)
        if "last month" in word:
            first = (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            return _When(first, _month_end(first), "month", ev, True)
        if word == "earlier this year":
            return _When(published.replace(month=1, day=1), published, "year", ev, True)
        if word == "last year":
            first = dt.date(published.year - 1, 1, 1)
            return _When(first, dt.date(published.year - 1, 12, 31), "year", ev, True)
    return None


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


# --------------------------------------------------------------------- countries
@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    codes: tuple[str, ...]
    kind: str  # name | demonym | capital | force | anaphor


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


class _Lexicon:
    def __init__(self, gaz: Gazetteer) -> None:
        self.terms = _country_terms(gaz)
        alternation = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        self.country_re = re.compile(rf"(?<![\w-])(?:{alternation})(?:['’]s)?(?![\w])", re.I)
        regions = [
            name
            for f in gaz.features
            if f.kind in ("ocean", "sea", "gulf", "bay", "strait", "channel", "adiz")
            or f.id.startswith("place:")
            for name in (f.name, *f.aliases)
            if len(name) >= 4
        ]
        self.region_re = re.compile(
            r"(?<![\w])(?:the\s+)?(?:"
            + "|".join(re.escape(n) for n in sorted(set(regions), key=len, reverse=True))
            + r")(?![\w])",
            re.I,
        )

    def mentions(self, text: str) -> list[_Mention]:
        found = []
        for m in self.country_re.finditer(text):
            raw = m.group(0)
            key = re.sub(r"['’]s$", "", raw).lower()
            codes, kind = self.terms[key]
            if not raw[0].isupper():
                continue  # "plan", "us", "china" in lower case are other words
            if (
                len(key.replace(".", "")) <= 4
                and key
                not in (
                    "iran",
                    "iraq",
                    "oman",
                    "peru",
                    "cuba",
                    "chad",
                    "mali",
                    "laos",
                    "fiji",
                    "togo",
                )
                and raw.replace("’s", "").replace("'s", "")
                != raw.replace("’s", "").replace("'s", "").upper()
            ):
                continue  # short forms count only as acronyms: US, PLA, RAF
            if (
                kind in ("capital", "name")
                and re.search(
                    r"\b(?:in|at|from|to|near|off|visit(?:ed)? to|summit in|talks in)\s+$",
                    text[: m.start()],
                    re.I,
                )
                and kind == "capital"
            ):
                continue  # "a summit in Washington": a place, not a government
            found.append(_Mention(m.start(), m.end(), codes, kind))
        for m in re.finditer(
            r"\b(?:the two|both) (?:countries|nations|sides|militaries|air forces|navies)\b",
            text,
            re.I,
        ):
            found.append(_Mention(m.start(), m.end(), (), "anaphor"))
        return sorted(found, key=lambda x: x.start)


def _verb_positions(text: str, verbs: Iterable[str]) -> list[int]:
    pattern = (
        r"\b(?:" + "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True)) + r")\b"
    )
    return [m.start() for m in re.finditer(pattern, text, re.I)]


_CLAUSE_SPLIT = re.compile(r",?\s+(?:while|whereas|but|although)\s+|;\s+", re.I)


def _roles(
    sentence: _Sentence, lex: _Lexicon, previous_actors: tuple[str, ...]
) -> tuple[list[tuple[str, Evidence]], list[tuple[str, Evidence]]]:
    actors: list[tuple[str, Evidence]] = []
    responders: list[tuple[str, Evidence]] = []
    offset = 0
    for clause in _CLAUSE_SPLIT.split(sentence.text):
        base = sentence.text.find(clause, offset)
        offset = base + len(clause)
        mentions = lex.mentions(clause)
        if not mentions:
            continue
        resp = _verb_positions(clause, RESPONDER_VERBS)
        act = _verb_positions(clause, ACTOR_VERBS)
        assets_at = [m.start() for a in ASSETS for m in a.pattern.finditer(clause)]
        for men in mentions:
            codes = men.codes or (previous_actors if men.kind == "anaphor" else ())
            ev = sentence.span(base + men.start, base + men.end)
            role = None
            if resp and men.start < resp[0]:
                role = "responder"
            elif (
                (resp and men.start > resp[0])
                or (act and men.start < act[0])
                or (men.kind == "demonym" and any(0 <= a - men.end <= 60 for a in assets_at))
            ):
                role = "actor"
            if role is None:
                continue
            target = responders if role == "responder" else actors
            target.extend((c, ev) for c in codes)
    return actors, responders


# --------------------------------------------------------------------- places
_PLACE_RE = re.compile(
    r"\b(?:over|in|near|off|across|into|through|above|around|between|along|within|toward|towards)\s+"
    r"(?P<phrase>(?:the\s+)?[^,;.]+?)(?=\s*[,;.]|\s+(?:but|while|which|when|where|after|before|as|since|according|to|for|with|by|was|were|is|are|has|have|had)\b|$)",
    re.I,
)
_DISTANCE_PHRASE_RE = re.compile(
    r"\b(?:about |around |some |approximately |roughly )?\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s?|nautical miles?|nm|miles)\s+"
    r"(?:to the\s+)?[a-z-]+\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*",
)


def _places(sentence: _Sentence, lex: _Lexicon, gaz: Gazetteer) -> list[tuple[Match, Evidence]]:
    text = sentence.text
    out: list[tuple[Match, Evidence]] = []
    taken: list[tuple[int, int]] = []

    def take(phrase: str, start: int) -> bool:
        end = start + len(phrase)
        if any(s <= start < e or s < end <= e for s, e in taken):
            return False
        found = [m for m in geocode(phrase, gazetteer=gaz, fuzzy=False) if m.kind != "city"]
        if not found:
            return False
        out.append((found[0], sentence.span(start, end)))
        taken.append((start, end))
        return True

    for m in _DISTANCE_PHRASE_RE.finditer(text):
        take(m.group(0), m.start())
    for m in _PLACE_RE.finditer(text):
        phrase, start = m.group("phrase"), m.start("phrase")
        if take(phrase, start):
            continue
        if phrase.lower().startswith("between "):
            continue
        pos = 0
        for part in re.split(r"\s+and\s+", phrase):
            at = phrase.find(part, pos)
            pos = at + len(part)
            take(part, start + at)
    for m in lex.region_re.finditer(text):
        take(m.group(0), m.start())
    return out


# --------------------------------------------------------------------- events
_HABITUAL = re.compile(
    r"\b(?:in the past|regularly|routinely|often|frequently|several|previous(?:ly)?|usually|every year|annual(?:ly)?)\b",
    re.I,
)
_BACKGROUND = re.compile(r"\b(?:summit|statement|sanctions|invasion of|report on|ties)\b", re.I)


def _trigger(text: str) -> tuple[str, re.Match[str]] | None:
    for name, pattern in TRIGGERS:
        m = pattern.search(text)
        if m:
            return name, m
    return None


def _is_event(sentence: _Sentence) -> bool:
    found = _trigger(sentence.text)
    if found is None:
        return False
    if _HABITUAL.search(sentence.text) and not _when(sentence, None):
        return False
    return not (_BACKGROUND.search(sentence.text) and found[0] not in ("patrol", "intercept"))


@dataclass
class _Draft:
    sentences: list[_Sentence] = field(default_factory=list)
    when: _When | None = None


def _group(sentences: list[_Sentence], published: dt.date | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    for s in sentences:
        event = _is_event(s)
        when = _when(s, published)
        if event and (
            not drafts
            or (when is not None and drafts[0].when is not None and _differs(when, drafts[0].when))
        ):
            if (
                drafts
                and when is not None
                and drafts[-1].when is not None
                and not _differs(when, drafts[-1].when)
            ):
                drafts[-1].sentences.append(s)
                continue
            drafts.append(_Draft([s], when))
            continue
        if not drafts:
            continue
        target = drafts[0]
        if when is not None and target.when is not None and _differs(when, target.when):
            continue  # a sentence about another time that is not itself an event
        if event or _mentions_detail(s):
            target.sentences.append(s)
            if target.when is None and when is not None and event:
                target.when = when
    return drafts


def _differs(a: _When, b: _When) -> bool:
    return (a.start, a.precision) != (b.start, b.precision)


def _mentions_detail(s: _Sentence) -> bool:
    return any(a.pattern.search(s.text) for a in ASSETS) or bool(
        _verb_positions(s.text, RESPONDER_VERBS)
    )


# --------------------------------------------------------------------- assemble
def extract(article: Article, *, gazetteer: Gazetteer | None = None) -> list[Incident]:
    """Draft incidents from one article, newest evidence attached to each field.

    Parameters
    ----------
    article
        The report (see :func:`read_article`).
    gazetteer
        Used for countries and places; the package default when omitted.

    Returns
    -------
    list of Incident
        The main incident first; empty when the article reports none.
    """
    gaz = gazetteer or default_gazetteer()
    lex = _lexicon(gaz)
    sentences = _sentences(article.text)
    dateline = _DATELINE_RE.match(article.text) if article.dateline else None
    if dateline and sentences and sentences[0].start == 0:
        # "MOSCOW - Russia and China …": the dateline says where the story was
        # filed, not who acted.
        first = sentences[0]
        sentences[0] = _Sentence(first.text[dateline.end() :], first.start + dateline.end())
    drafts = _group(sentences, article.published)
    incidents = []
    previous: tuple[str, ...] = ()
    for draft in drafts:
        incident, previous = _assemble(draft, article, lex, gaz, previous)
        if incident is not None:
            incidents.append(incident)
    return incidents


_LEXICONS: dict[int, _Lexicon] = {}


def _lexicon(gaz: Gazetteer) -> _Lexicon:
    if id(gaz) not in _LEXICONS:
        _LEXICONS[id(gaz)] = _Lexicon(gaz)
    return _LEXICONS[id(gaz)]


def _assemble(
    draft: _Draft, article: Article, lex: _Lexicon, gaz: Gazetteer, previous: tuple[str, ...]
) -> tuple[Incident | None, tuple[str, ...]]:
    evidence: list[Evidence] = []
    actors: dict[str, None] = {}
    responders: dict[str, None] = {}
    assets: dict[str, None] = {}
    locations: dict[str, Location] = {}
    event_type = None
    for s in draft.sentences:
        found = _trigger(s.text)
        if found and event_type is None:
            event_type = found[0]
            evidence.append(_field("event_type", s.span(found[1].start(), found[1].end())))
        acts, resps = _roles(s, lex, previous or tuple(actors))
        for code, ev in acts:
            if code not in actors:
                actors[code] = None
                evidence.append(_field("actors", ev))
        for code, ev in resps:
            if code not in responders and code not in actors:
                responders[code] = None
                evidence.append(_field("responders", ev))
        for asset in ASSETS:
            for m in asset.pattern.finditer(s.text):
                if asset.name not in assets:
                    assets[asset.name] = None
                    evidence.append(_field("assets", s.span(m.start(), m.end())))
                    for code in asset.countries:
                        if not actors and code not in responders:
                            actors[code] = None  # the operator implies the actor
        for match, ev in _places(s, lex, gaz):
            key = match.feature_id or match.name
            if key not in locations:
                feature = gaz.by_id.get(match.feature_id) if match.feature_id else None
                locations[key] = Location(
                    name=feature.name
                    if feature and match.kind in ("coastal_band",)
                    else match.name,
                    geometry=match.geometry,
                    precision=match.precision,
                    kind=match.kind,
                    phrase=ev.text,
                    feature_id=match.feature_id,
                )
                evidence.append(_field("locations", ev))
    if event_type is None or (not locations and not actors):
        return None, previous
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
        locations=tuple(locations.values()),
        sources=(article.source,),
        evidence=_unique(evidence),
        confidence=_confidence(when, actor_codes, locations, assets),
    )
    return incident, actor_codes or previous


def _field(name: str, ev: Evidence) -> Evidence:
    return Evidence(name, ev.text, ev.start, ev.end)


def _unique(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(evidence))


_TYPE_WORDS = {
    "patrol": "patrol",
    "intercept": "intercept",
    "airspace_violation": "airspace violation",
    "adiz_entry": "ADIZ entry",
    "naval_transit": "naval transit",
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
    if locations:
        names = [loc.name for loc in locations[:2]]
        where = (
            " over the " + " and ".join(names)
            if locations[0].precision == "region"
            else " near " + names[0]
        )
    return f"{who} {joint}{naval}{_TYPE_WORDS[event_type]}{where}"


def _confidence(
    when: _When | None,
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
