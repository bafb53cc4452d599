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
import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from geo.gazetteer import Gazetteer, default_gazetteer
from geo.geocode import Match, geocode, trailing_qualifier
from incidents.errors import ImpossibleDate, MalformedFile
from incidents.focus import with_context
from incidents.lexicon import (
    ACTOR_VERBS,
    AGGRESSIVE_VERBS,
    ASSETS,
    CAPITALS,
    DEMONYMS,
    FORCES,
    HYPOTHETICAL,
    MOVEMENT,
    NON_REVERSIBLE,
    ORDINARY_TRIGGERS,
    RESPONDER_VERBS,
    SPEECH_VERBS,
    STRONG_TRIGGERS,
    WEAK_TRIGGERS,
)
from incidents.model import Evidence, Incident, Location, Source
from incidents.routes import Waypoint, draft_route
from incidents.vocabulary import FIRST_DAY, LAST_DAY, country_name, day_in_range

__all__ = [
    "MAX_ARTICLE_BYTES",
    "Article",
    "article_from_bytes",
    "article_from_text",
    "extract",
    "read_article",
]

MAX_ARTICLE_BYTES = 2_000_000
#: Most incidents drafted from one text; more means several reports pasted as one.
MAX_INCIDENTS_PER_ARTICLE = 50
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
        raise MalformedFile(_too_large(str(p), size))
    return article_from_bytes(p.read_bytes(), str(p), published=published)


def _too_large(name: str, size: int) -> str:
    return (
        f"{name}: {size:,} bytes is larger than the {MAX_ARTICLE_BYTES:,}-byte limit for one "
        "article; split it or pass the article's own text."
    )


def article_from_bytes(raw: bytes, name: str, *, published: dt.date | None = None) -> Article:
    """An :class:`Article` from a file's bytes (an upload, a read file).

    Raises
    ------
    MalformedFile
        The bytes are too many, binary, or not UTF-8 text.
    """
    if len(raw) > MAX_ARTICLE_BYTES:
        raise MalformedFile(_too_large(name, len(raw)))
    if b"\x00" in raw[:8192]:
        raise MalformedFile(
            f"{name}: this is a binary file, not an article (expected text, Markdown or HTML)."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedFile(
            f"{name}: not UTF-8 text (byte {exc.start} is {raw[exc.start]:#04x}); save it as UTF-8."
        ) from exc
    return article_from_text(
        text, published=published, path=name, is_html=name.lower().endswith((".html", ".htm"))
    )


_DATE_LINE_RE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*", re.IGNORECASE)
_DATELINE_RE = re.compile(
    r"^\s*([A-Z][A-Z .'’-]{2,40}?)(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"
    r"(?:,?\s*(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^)]{1,30}\))?\s*[-–—]+\s+"
)
#: "Tokyo, Dec. 26 (Jiji Press)--", "ATHENS (Sputnik - 13th August, 2020)": a
#: news agency in brackets marks a dateline whatever the case of the city.
_AGENCY_DATELINE_RE = re.compile(
    r"^\s*([A-Z][\w .'’-]{1,40}?)(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"
    r"(?:,?\s*(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?)?"
    r"\s*\((?:AP|AFP|Reuters|[A-Z][\w .]{1,20}(?:Press|News|Agency)|[^)]{0,25}\d{4})\)"
    r"\s*(?:[-–—]+\s*)?"
)
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
    elif (path or "").lower().endswith((".md", ".markdown")):
        text = _strip_markdown(text)
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
        found = found or _dateline_date(d.group(0))
    return Article(text=text, published=published or found, path=path, url=url, dateline=dateline)


def _dateline_date(dateline: str) -> dt.date | None:
    """A full date in a dateline ("TAIPEI, 14 June 2024 —"); a day without a year says too little."""
    for regex, order in ((_EXPLICIT_DMY, "dmy"), (_EXPLICIT_MDY, "mdy"), (_ISO, "iso")):
        m = regex.search(dateline)
        if m:
            try:
                if order == "dmy":
                    day = dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
                elif order == "mdy":
                    day = dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
                else:
                    day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
            return day if day_in_range(day) else None
    return None


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images: keep the alt text
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links: keep the words
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"^\s*(?:[-*+]|>)\s+", "", text, flags=re.M)  # bullets, quotes
    return re.sub(r"(\*\*|__|\*|_|`)(\S[^\n]*?\S|\S)\1", r"\2", text)  # emphasis, code


def _iso_date(text: str, where: str | None) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ImpossibleDate(
            f"{where or 'article'}: the date line says {text!r}, which is not a real date "
            "(expected YYYY-MM-DD)."
        ) from exc
    if not day_in_range(day):
        raise ImpossibleDate(
            f"{where or 'article'}: the date line says {text}, outside "
            f"{FIRST_DAY.year}–{LAST_DAY.year}; check the year."
        )
    return day


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
    r"\b(?:U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Brig|Sgt|Cdr|Cmdr|Adm|Capt|Sen|Rep|Gov|"
    r"St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|a\.m|p\.m)\.$"
)
_BREAK = re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘'A-Z0-9])|\n\s*\n")
#: Copied web pages put a headline, a byline or a dateline on a line of its
#: own, with no full stop; a text wrapped at a fixed width does not.
_LINE_BREAK = re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘'A-Z0-9])|\n")


def _sentences(text: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    start = 0
    breaks = _BREAK if _hard_wrapped(text) else _LINE_BREAK
    for m in breaks.finditer(text):
        end = m.end()
        if _ABBREV.search(text[start:end]):
            continue
        _add_sentence(out, text, start, end)
        start = end
    _add_sentence(out, text, start, len(text))
    return out


def _hard_wrapped(text: str) -> bool:
    """Whether most lines end near one width, as in a text wrapped at 72 or 80 columns."""
    lengths = [len(line) for line in text.splitlines() if line.strip()]
    if len(lengths) < 4:
        return False
    return sum(55 <= n <= 100 for n in lengths) >= 0.7 * len(lengths)


#: A photo caption or credit copied with the page: it describes a picture,
#: often of another day ("Taiwanese soldiers … drills …, July 19. (Reuters)").
_CAPTION = re.compile(
    r"^(?:photo|file photo|image|picture)\b|\b(?:photo|image|picture)(?: credit)?\s*:|"
    r"\((?:[^()]{0,60}\b(?:photo|image|handout|file)\b[^()]{0,40}|AP|AFP|Reuters|Getty Images)\)\s*$",
    re.I,
)


def _add_sentence(out: list[_Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped and not _CAPTION.search(stripped):
        out.append(_Sentence(stripped, start + chunk.index(stripped)))


# --------------------------------------------------------------------- dates
@dataclass(frozen=True)
class _When:
    start: dt.date
    end: dt.date | None
    precision: str
    evidence: Evidence
    relative: bool
    #: The day something was said ("the ministry said on Monday"), standing in
    #: for the event's own date until a sentence gives it.
    statement: bool = False


_EXPLICIT_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_EXPLICIT_MDY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
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
_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?\b", re.I
)
_RELATIVE = re.compile(
    r"\b(yesterday|today|this morning|last night|the previous day|the day before|"
    r"earlier (?:this|in the) month|(?:late |early )?last month|last week|earlier this week|"
    r"this week|earlier this year|last year)\b",
    re.I,
)
# "…, the ministry said on Friday": the date of the statement, not the event.
_STATEMENT_BEFORE = re.compile(
    r"\b(?:(?:" + "|".join(SPEECH_VERBS) + r"|disclosed|revealed|confirmed|posted|wrote|"
    r"published|released|tweeted)|(?:statement|announcement|readout)(?:\s+[a-z]+){0,2})"
    r"\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


@functools.lru_cache(maxsize=4096)
def _date_candidates(
    sentence: _Sentence, published: dt.date | None
) -> list[tuple[int, _When, bool]]:
    """Every date expression in a sentence: (position, date, is_statement_date)."""
    text = sentence.text
    found: list[tuple[int, _When]] = []

    def add(
        m: re.Match[str], start: dt.date, end: dt.date | None, precision: str, relative: bool
    ) -> None:
        found.append(
            (m.start(), _When(start, end, precision, sentence.span(m.start(), m.end()), relative))
        )

    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        if any(a < m.end() and m.start() < b for a, b in taken):
            return False
        taken.append((m.start(), m.end()))
        return True

    for m in _EXPLICIT_DMY.finditer(text):
        with _suppress():
            day = dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
            if free(m):
                add(m, day, None, "day", False)
    for m in _EXPLICIT_MDY.finditer(text):
        with _suppress():
            day = dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
            if free(m):
                add(m, day, None, "day", False)
    for m in _ISO.finditer(text):
        with _suppress():
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            if free(m):
                add(m, day, None, "day", False)
    for m in _MONTH_YEAR.finditer(text):
        first = dt.date(int(m[2]), _MONTHS[m[1].lower()], 1)
        if free(m):
            add(m, first, _month_end(first), "month", False)
    if published is not None:
        for regex, order in ((_MD_NOYEAR, "md"), (_DM_NOYEAR, "dm")):
            for m in regex.finditer(text):
                month = _MONTHS[(m[1] if order == "md" else m[2]).lower()]
                with _suppress():
                    day = dt.date(published.year, month, int(m[2] if order == "md" else m[1]))
                    if day > published and not _FUTURE.search(text):
                        day = day.replace(year=published.year - 1)
                    if free(m):
                        add(m, day, None, "day", True)
        for m in _MONTH_ONLY.finditer(text):
            first = dt.date(published.year, _MONTHS[m[1].lower()], 1)
            if first > published or (m[2] or "").lower() == "last":
                first = first.replace(year=first.year - 1)
            if free(m):
                add(m, first, _month_end(first), "month", True)
        for m in _WEEKDAY.finditer(text):
            back = (published.weekday() - _WEEKDAYS[m[1].lower()]) % 7
            if free(m):
                add(m, published - dt.timedelta(days=back), None, "day", True)
        for m in _RELATIVE.finditer(text):
            if free(m):
                resolved = _relative(m[1].lower(), published)
                add(m, *resolved, True)
    found.sort(key=lambda item: item[0])
    out = []
    for pos, when in found:
        statement = bool(_STATEMENT_BEFORE.search(text[max(0, pos - 40) : pos]))
        out.append((pos, when, statement))
    return out


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


def _when(sentence: _Sentence, published: dt.date | None) -> _When | None:
    """The event date a sentence states; a statement's own date only if nothing else."""
    candidates = _date_candidates(sentence, published)
    if not candidates:
        return None
    statement_dates = [w for _, w, is_statement in candidates if is_statement]
    events = [w for _, w, is_statement in candidates if not is_statement]
    dated = _DATES_IT.search(sentence.text)
    if dated:
        # "… told Parliament today that the incident took place on September 29"
        events = [w for p, w, s in candidates if not s and p > dated.start()] or events
    if not events:
        return replace(statement_dates[0], statement=True)
    first = events[0]
    if first.evidence.text.lower() in ("the previous day", "the day before") and statement_dates:
        anchor = statement_dates[0].start - dt.timedelta(days=1)
        return _When(anchor, None, "day", first.evidence, True)
    return first


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


_SHORT_NAMES_OK = {"iran", "iraq", "oman", "peru", "cuba", "chad", "mali", "laos", "fiji", "togo"}


_WORD = re.compile(r"[^\W_]+")


class _PhraseIndex:
    """Find known phrases in text word by word.

    A regex with thousands of alternatives backtracks at every position; this
    looks up each word's candidates instead.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in phrases:
            words = tuple(_WORD.findall(phrase.lower()))
            if len(words) > 1 and words[0] == "the":
                words = words[1:]  # "the Gulf": the article is not part of the name
            if words:
                self.first.setdefault(words[0], []).append((words, phrase.lower()))
        for candidates in self.first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, phrase) of non-overlapping matches, longest first at each word."""
        words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
        out, i = [], 0
        while i < len(words):
            step = 1
            for seq, phrase in self.first.get(words[i][2], ()):
                n = len(seq)
                if i + n <= len(words) and all(words[i + k][2] == seq[k] for k in range(1, n)):
                    out.append((words[i][0], words[i + n - 1][1], phrase))
                    step = n
                    break
            i += step
        return out


class _Lexicon:
    def __init__(self, gaz: Gazetteer) -> None:
        self.terms = _country_terms(gaz)
        self._mentions: dict[str, list[_Mention]] = {}
        self.countries = _PhraseIndex(self.terms)
        self.regions = _PhraseIndex(
            name
            for f in gaz.features
            if f.kind in ("ocean", "sea", "gulf", "bay", "strait", "channel", "adiz")
            or f.id.startswith("place:")
            for name in (f.name, *f.aliases)
            if len(name) >= 4
        )

    def mentions(self, text: str) -> list[_Mention]:
        """Country mentions in a text, leaving out country words inside place names."""
        if text not in self._mentions:
            if len(self._mentions) > 4096:
                self._mentions.clear()
            self._mentions[text] = self._find_mentions(text)
        return self._mentions[text]

    def _find_mentions(self, text: str) -> list[_Mention]:
        # "Gulf of Finland", "Norwegian Sea": a country word inside a place name
        # says nothing about who acted, except a zone named for its state.
        regions = self.regions.find(text)
        found = []
        for start, end, key in self.countries.find(text):
            inside = next((r for r in regions if r[0] <= start and end <= r[1]), None)
            if inside is not None and not re.search(r"adiz|identification zone", inside[2]):
                continue
            raw = text[start:end]
            codes, kind = self.terms[key]
            if not raw[0].isupper():
                continue  # "plan", "us", "china" in lower case are other words
            if len(key.replace(".", "")) <= 4 and key not in _SHORT_NAMES_OK and raw != raw.upper():
                continue  # short forms count only as acronyms: US, PLA, RAF
            if key.endswith(".") and text[end : end + 1] == ".":
                end += 1  # "U.S." keeps its last dot
            if text[end : end + 2] in ("'s", "’s"):
                end += 2
            found.append(_Mention(start, end, codes, kind))
        for m in re.finditer(
            r"\b(?:the two|both) (?:countries|nations|sides|militaries|air forces|navies)\b",
            text,
            re.I,
        ):
            found.append(_Mention(m.start(), m.end(), (), "anaphor"))
        return sorted(found, key=lambda x: x.start)


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


def _verb_re(verbs: Iterable[str]) -> re.Pattern[str]:
    return re.compile(
        r"\b(?:" + "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True)) + r")\b",
        re.I,
    )


_VERBS = {
    "actor": _verb_re(ACTOR_VERBS),
    "aggressive": _verb_re(AGGRESSIVE_VERBS),
    "responder": _verb_re(RESPONDER_VERBS),
    "speech": _verb_re(SPEECH_VERBS),
}
_NON_REVERSIBLE = {v.lower() for v in NON_REVERSIBLE}
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+\s+)?$", re.I)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|off|from|toward|towards|to|into|inside|based in|visit to|summit in|talks in|"
    r"(?:areas?|parts?|coast|territory|port|city|region|province|capital) of)\s+(?:the\s+)?$",
    re.I,
)
_TERRITORY_AFTER = re.compile(
    r"^(?:['’]s)?[\s-]*(?:[\w-]+\s+){0,1}(?:sovereign\s+)?(?:airspace|waters|territor(?:y|ial waters)|"
    r"exclusive economic zone|EEZ|air defen[cs]e identification zone|ADIZ)\b",
    re.I,
)
_PLACE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,1}(?:coast|port|island|islands|province|shore|mainland)\b", re.I
)
_VEHICLE_AFTER = re.compile(
    r"^(?:['’]s)?[\s-]+(?:[\w.'’-]+\s+){0,4}?(?:missiles?|aircraft|bombers?|fighters?|jets?|warships?|"
    r"vessels?|ships?|destroyers?|frigates?|submarines?|drones?|helicopters?|planes?|carriers?|"
    r"navy|air force|military|forces|coast guard|troops)\b",
    re.I,
)
#: Flag states, owners and ports of call are named in reports of ships
#: seized or hit; they are parties only when they act ("Britain protested").
_FLAG_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s*-\s*(?:flagged|owned|operated|managed|registered|linked|bound|backed|"
    r"aligned|allied|held|controlled|supported|sponsored)|\s+flag)\b",
    re.I,
)
_FLAG_BEFORE = re.compile(
    r"\b(?:flying|under|flagged in|registered in|owned by|bound for|sailing from|headed for|"
    r"heading for|en route to|on its way to)\s+(?:the\s+|an?\s+)?$",
    re.I,
)
_INTERCEPT = re.compile(r"intercept", re.I)
_CIVIL_AFTER = re.compile(r"^\s+(?:flights?|airlines?|airliners?|airways)\b", re.I)
_BY_AGENT = re.compile(
    r"\bby\s+(?:the\s+|an?\s+|two\s+|three\s+|four\s+)?(?:[\w-]+\s+){0,2}$", re.I
)
#: What a defender fires at or brings down: the weapon, or a warning.
_DEFENCE_OBJECT = re.compile(
    r"^[^.;]{0,60}?\b(?:warning (?:shots?|flares?|volleys?)|missiles?|drones?|UAVs?|UAS|"
    r"unmanned aerial|one-way attack|projectiles?|rockets?|torpedo(?:es)?|sea drones?)\b",
    re.I,
)
_DEFENCE_VERBS = frozenset(
    {"shot down", "shoot down", "downed", "destroyed", "engaged", "intercepted", "fired"}
)
_LAUNCHED_FROM = re.compile(r"\b(?:launched|fired)\s+(?:[\w-]+\s+){0,3}?from\s+(?:the\s+)?$", re.I)
_HELD_AFTER = re.compile(r"^\s*-\s*(?:held|controlled)\b", re.I)


def _defends(clause: str, verb: tuple[int, int, str, bool]) -> bool:
    """Whether a verb brings down a weapon or fires a warning: a defender's act."""
    if clause[verb[0] : verb[1]].lower() not in _DEFENCE_VERBS:
        return False
    found = _DEFENCE_OBJECT.search(clause[verb[1] :])
    if found is None:
        return False
    # "fired a missile at a tanker" is an attack, "fired warning shots" a defence.
    return (
        verb[2] != "aggressive"
        or "fired" not in clause[verb[0] : verb[1]].lower()
        or ("warning" in found.group(0).lower())
    )


#: Event types in which the one acted upon is harmed.
HARMFUL_TYPES = frozenset({"collision_or_unsafe_encounter", "attack", "seizure"})
_IN_RESPONSE = re.compile(r"\b(?:in response|to monitor|to track|to shadow|to intercept)\b", re.I)
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they|its|their)\b", re.I)
_SUBORDINATE = re.compile(
    r",?\s+(?:(?:hours|days|a day|a week|weeks|shortly|soon|just)\s+(?:after|before)|after|before|following)\s+",
    re.I,
)
_CLAUSE_SPLIT = re.compile(r",?\s+(?:while|whereas|but|although|when)\s+|;\s+", re.I)
#: Weights of a vote: a main clause counts fully; a clause about another moment
#: ("a day after China's military held drills") and later sentences count less.
_SUBORDINATE_WEIGHT = 0.3
_LATER_SENTENCE_WEIGHT = 0.6
_CONTEXT_WEIGHT = 0.4  # sentences that are not events: often one side's counter-claim
_SPEAKER = 0.5
_HARMED = 0.4


def _clauses(text: str) -> list[tuple[int, str, float]]:
    out = []
    for piece in _pieces(text, _CLAUSE_SPLIT):
        start, chunk = piece
        sub = list(_pieces(chunk, _SUBORDINATE, keep_sep=True))
        for i, (s2, part) in enumerate(sub):
            out.append((start + s2, part, 1.0 if i == 0 else _SUBORDINATE_WEIGHT))
    return out


def _pieces(text: str, sep: re.Pattern[str], keep_sep: bool = False) -> Iterable[tuple[int, str]]:
    pos = 0
    for m in sep.finditer(text):
        yield pos, text[pos : m.start()]
        pos = m.start() if keep_sep else m.end()
    yield pos, text[pos:]


def _verbs(clause: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, kind, passive) for every verb of interest, in order."""
    out = []
    for kind, regex in _VERBS.items():
        for m in regex.finditer(clause):
            passive = (
                bool(_PASSIVE_BEFORE.search(clause[: m.start()]))
                and m.group(0).lower() not in _NON_REVERSIBLE
            )
            if kind == "speech" and passive:
                continue  # "the Houthis are said to have targeted it": hearsay, not a speaker
            out.append((m.start(), m.end(), kind, passive))
    out.sort()
    return out


def _votes(
    sentence: _Sentence,
    lex: _Lexicon,
    previous_actors: tuple[str, ...],
    weight: float,
    harmful: bool = False,
) -> list[tuple[str, str, float, Evidence]]:
    """(code, role, weight, evidence) votes from one sentence.

    In a *harmful* event (an unsafe encounter, an attack, a seizure) the one
    intercepted, approached or fired at is the party harmed, a responder; in
    any other event the one intercepted is the actor ("NORAD intercepted two
    Russian bombers").
    """
    votes: list[tuple[str, str, float, Evidence]] = []
    asset_starts = _asset_starts(sentence.text)
    for base, clause, clause_weight in _clauses(sentence.text):
        verbs = _verbs(clause)
        for men in lex.mentions(clause):
            codes = men.codes or (previous_actors if men.kind == "anaphor" else ())
            if not codes:
                continue
            ev = sentence.span(base + men.start, base + men.end)
            role, strength = _role(clause, men, verbs, [a - base for a in asset_starts], harmful)
            if role:
                votes.extend((c, role, strength * clause_weight * weight, ev) for c in codes)
    return votes


def _role(
    clause: str,
    men: _Mention,
    verbs: list[tuple[int, int, str, bool]],
    assets_at: list[int],
    harmful: bool = False,
) -> tuple[str | None, float]:
    before, after = clause[: men.start], clause[men.end :]
    if _LAUNCHED_FROM.search(before[-60:]) and _HELD_AFTER.search(after):
        return "actor", 1.0  # "drones launched from Houthi-controlled areas"
    # "based in Estonia", "a summit in Washington"; a demonym qualifies a noun
    # ("warning shots at Iranian boats") and is a place only before one.
    if men.kind in ("name", "capital") and _PLACE_BEFORE.search(before[-25:]):
        return None, 0.0
    if _CIVIL_AFTER.search(after):
        return None, 0.0  # "an Emirates flight": an airline, not a state
    if _FLAG_AFTER.search(after) or _FLAG_BEFORE.search(before[-40:]):
        return None, 0.0  # "a Marshall Islands-flagged tanker", "US-owned": not a party
    if _TERRITORY_AFTER.search(after):
        return "responder", 1.0  # "violated Greek airspace", "the Korea ADIZ"
    if men.kind == "name" and re.match(
        r"^\s+(?:Air Defen[cs]e Identification Zone|ADIZ)\b", after, re.I
    ):
        return "responder", 1.0
    if _PLACE_AFTER.search(after):
        return None, 0.0  # "off the French coast", "the Syrian port of Tartus"
    nxt = next((v for v in verbs if v[0] >= men.end), None)
    prev = next((v for v in reversed(verbs) if v[1] <= men.start), None)
    if (
        nxt is not None
        and nxt[2] == "speech"
        and prev is not None
        and "," in clause[prev[1] : men.start]
    ):
        prev = None  # ", the Japanese defense ministry said": an attribution, not an object
    by_agent = bool(_BY_AGENT.search(before))
    if nxt is not None and not nxt[3] and _defends(clause, nxt):
        return "responder", 2.0  # "USS Carney shot down three drones", "fired warning shots"
    if prev is not None and not prev[3] and _defends(clause, prev):
        return "actor", 1.0  # "… shot down Houthi drones", "warning shots at Iranian boats"
    if prev is not None and prev[2] == "responder" and not prev[3]:
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
    if prev is not None and prev[2] in ("actor", "aggressive") and prev[3] and by_agent:
        if prev[2] == "aggressive" and not harmful:
            return "responder", 2.0  # intruding drones "were shot down by Polish jets"
        return "actor", 2.0  # "was approached by two Chinese J-16s"
    if prev is not None and prev[2] == "aggressive":
        return "responder", 1.0 if harmful else _HARMED  # "rammed a Philippine supply boat"
    if harmful and prev is not None and prev[2] == "actor" and not prev[3]:
        return "responder", 1.0  # "released flares near an Australian P-8"
    if nxt is not None:
        kind, passive = nxt[2], nxt[3]
        if kind in ("actor", "aggressive") and passive:
            # "An Australian P-8 was approached …", "a Greek-flagged tanker was attacked"
            return "responder", 1.0
        if kind == "speech":
            later = next((v for v in verbs if v[0] > nxt[1] and v[2] != "speech"), None)
            if later and _PRONOUN_SUBJECT.search(clause[nxt[1] : later[0]]):
                responding = (later[2] == "responder" and not later[3]) or _IN_RESPONSE.search(
                    clause
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
            # "deployed forces in response": acting, but as a responder.
            return ("responder" if _IN_RESPONSE.search(clause[nxt[0] :]) else "actor"), 2.0
    if _VEHICLE_AFTER.search(after) or any(0 <= a - men.end <= 40 for a in assets_at):
        if harmful and prev is not None and prev[2] != "speech":
            return "responder", 1.0  # "… collided with a U.S. MQ-9 drone"
        return "actor", 1.0  # "A North Korean ballistic missile", "Russian TU-95MS …"
    return None, 0.0


@functools.lru_cache(maxsize=4096)
def _asset_starts(text: str) -> list[int]:
    return [m.start() for a in ASSETS for m in a.pattern.finditer(text)]


def _decide(
    votes: list[tuple[str, str, float, Evidence]],
) -> tuple[list[tuple[str, Evidence]], list[tuple[str, Evidence]]]:
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


# --------------------------------------------------------------------- places
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
_DISTANCE_PHRASE_RE = re.compile(
    r"\b(?:about |around |some |approximately |roughly )?\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s?|"
    r"nautical miles?|nm|miles)\s+(?:to the\s+)?[a-z-]+\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*)*",
)


#: A place named as an administrative unit, the address of where it happened.
_ADMINISTRATIVE_AFTER = re.compile(
    r"^(?:\s+(?:Prefecture|Province|Oblast|Krai|County|Governorate|Municipality)\b|"
    r",\s+[A-Z][\w-]*\s+(?:Prefecture|Province|Oblast|Krai|County|Governorate)\b)"
)
_NAME = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_BETWEEN_RE = re.compile(rf"\bbetween\s+{_NAME}\s+and\s+{_NAME}")


def _places(sentence: _Sentence, lex: _Lexicon, gaz: Gazetteer) -> list[tuple[Match, Evidence]]:
    text = sentence.text
    out: list[tuple[Match, Evidence]] = []
    taken: list[tuple[int, int]] = []

    def take(phrase: str, start: int, qualifier: str = "") -> bool:
        end = start + len(phrase)
        if any(s < end and start < e for s, e in taken):
            return False
        if _ADMINISTRATIVE_AFTER.match(text[end:]):
            return False  # "the Senkaku Islands in Ishigaki, Okinawa Prefecture": an address
        found: list[Match] = []
        if qualifier:  # "the north Pacific [near the coast of Alaska]"
            found = geocode(f"{phrase} {qualifier}", gazetteer=gaz, fuzzy=False)
        found = found or geocode(phrase, gazetteer=gaz, fuzzy=False)
        found = [m for m in found if m.kind != "city"]
        if not found:
            return False
        out.append((found[0], sentence.span(start, end)))
        taken.append((start, end))
        return True

    for m in _DISTANCE_PHRASE_RE.finditer(text):
        take(m.group(0), m.start())
    for m in _BETWEEN_RE.finditer(text):  # "passed between Okinawa and Miyako and turned…"
        take(m.group(0), m.start())
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
    for start, end, _ in lex.regions.find(text):
        take(text[start:end], start)
    return out


# --------------------------------------------------------------------- events
_HABITUAL = re.compile(
    r"\b(?:in the past|regularly|routinely|often|frequently|several|previous(?:ly)?|usually|"
    r"repeated(?:\s+[A-Za-z-]+){0,2}?\s+[A-Za-z-]+s|"
    r"every year|annual(?:ly)?|since \d{4}|throughout the|for (?:months|years|decades)|"
    r"in recent (?:years|months)|has long|have long|for the (?:past|last) \w+ (?:years|months))\b",
    re.I,
)
_BACKGROUND = re.compile(
    r"\b(?:summit|statement|sanctions|invasion of|report on|ties|analysts?|experts?)\b", re.I
)


@functools.lru_cache(maxsize=4096)
def _triggers(text: str) -> list[tuple[str, re.Match[str], int]]:
    """(type, match, tier) for every event word in a text; tier 0 strong, 1 ordinary, 2 weak."""
    found = []
    for tier, table in enumerate((STRONG_TRIGGERS, ORDINARY_TRIGGERS, WEAK_TRIGGERS)):
        for name, pattern in table:
            for m in pattern.finditer(text):
                if not HYPOTHETICAL.search(text[max(0, m.start() - 60) : m.start()]):
                    found.append((name, m, tier))
    return found


#: A plan rather than an event: "will hold exercises from June 19",
#: "plans to begin drills on Aug. 15", "is set to stage".
_FUTURE = re.compile(
    r"\b(?:(?:will|plans? to|planned to|planning to|is set to|are set to|is due to|are due to|"
    r"scheduled to|intends? to|is to|are to|to be held)\b(?:\s+\w+){0,3}?\s+"
    r"(?:hold|be held|held|stage|conduct|begin|start|launch|carry out|take place|take part|"
    r"practi[cs]e|test|run|cover|involve|include|feature)\b|(?:is|are) planned\b)",
    re.I,
)
#: A headline's infinitive is its future: "Russia to hold naval drills near Syria".
_HEADLINE_FUTURE = re.compile(r"\bto (?:hold|stage|conduct|begin|start|launch)\b", re.I)


def _is_event(sentence: _Sentence, published: dt.date | None) -> bool:
    if not _triggers(sentence.text) and not MOVEMENT.search(sentence.text):
        return False
    if _HABITUAL.search(sentence.text) and not _date_candidates(sentence, published):
        return False
    future = _FUTURE.search(sentence.text) or (
        _HEADLINE_FUTURE.search(sentence.text) and not sentence.text.rstrip().endswith(".")
    )
    if future and not _happened(sentence, published):
        return False
    return not _BACKGROUND.search(sentence.text) or bool(_triggers(sentence.text))


def _happened(sentence: _Sentence, published: dt.date | None) -> bool:
    """Whether a sentence dates something on or before publication."""
    when = _when(sentence, published)
    if when is None or published is None:
        return when is not None
    # "from mid-August", said on August 11: a month not yet over is still ahead.
    return (
        (when.end or when.start) < published
        if when.precision == "month"
        else (when.start <= published)
    )


def _event_type(sentences: list[_Sentence]) -> tuple[str, Evidence] | None:
    hits = [(s, t) for s in sentences for t in _triggers(s.text)]
    for tier in (0, 1, 2):
        tiered = [(s, t) for s, t in hits if t[2] == tier]
        if not tiered:
            continue
        if tier == 0:  # strong types by weight, wherever they appear
            order = [name for name, _ in STRONG_TRIGGERS]
            s, (name, m, _) = min(tiered, key=lambda st: order.index(st[1][0]))
        else:  # the earliest word in the earliest sentence that has one
            s, (name, m, _) = (
                tiered[0]
                if tier == 2
                else min(tiered, key=lambda st: (sentences.index(st[0]), st[1][1].start()))
            )
        return name, s.span(m.start(), m.end())
    return None


@dataclass
class _Draft:
    sentences: list[_Sentence] = field(default_factory=list)
    when: _When | None = None
    #: Later sentences of the same moment that are not events themselves
    #: ("Tokyo lodged a protest"): they say who responded, not where.
    context: list[_Sentence] = field(default_factory=list)


def _group(sentences: list[_Sentence], published: dt.date | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    for s in sentences:
        event = _is_event(s, published)
        when = _when(s, published)
        if (
            drafts
            and when is not None
            and (_dates_the_statement(when, drafts[0].when) or _narrows(when, drafts[0].when))
        ):
            # "Japan said on Monday it scrambled jets …" then "On Saturday, a
            # drone flew …": the event's own day replaces the statement's.
            drafts[0].when = when
            drafts[0].sentences.append(s)
            continue
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
        dates_it = when is not None and bool(_DATES_IT.search(s.text))
        if (
            when is not None
            and target.when is None
            and not dates_it
            and not _may_date_undated(s, when, published)
        ):
            # "In March last year, Typhoons were scrambled …" after an undated
            # report of today's scramble: an earlier incident, not this one's date.
            if event:
                drafts.append(_Draft([s], when))
            continue
        if when is None and _OTHER_OCCASION.search(s.text):
            continue  # "it was also seen in the Channel earlier in the week"
        if event or _mentions_detail(s) or dates_it:
            target.sentences.append(s)
            if target.when is None and when is not None:
                target.when = when
        elif not _BACKGROUND.search(s.text) and not _HABITUAL.search(s.text):
            target.context.append(s)
    return drafts


#: How long before it is said an event may have happened and still be the one reported.
_REPORTED_WITHIN_DAYS = 10


#: "It happened on Saturday", "The incident occurred on May 26": the date of
#: the event reported so far, in a sentence that names no event of its own.
_DATES_IT = re.compile(
    r"\b(?:it|this|that|the (?:incident|attack|encounter|collision|seizure|interception|"
    r"intercept|flight|transit|passage|episode|manoeuvre|maneuver|violation|incursion))\s+"
    r"(?:happened|occurred|took place|came)\b",
    re.I,
)


#: Words that set a sentence on another occasion than the one reported.
_OTHER_OCCASION = re.compile(
    r"\b(?:similar|another|previous(?:ly)?|earlier|last time|again|before that|"
    r"a separate|in a separate|the first time|the last)\b",
    re.I,
)
#: How long after an undated report's event a later sentence may date it
#: ("revealed on Thursday … the incident on September 29").
_REVEALED_WITHIN_DAYS = 60


def _may_date_undated(s: _Sentence, when: _When, published: dt.date | None) -> bool:
    """Whether a dated sentence dates the undated incident reported so far."""
    if _recent(when, published):
        return True
    if published is None or when.precision == "year" or _OTHER_OCCASION.search(s.text):
        return False
    return (published - when.start).days <= _REVEALED_WITHIN_DAYS


def _recent(when: _When, published: dt.date | None) -> bool:
    """Whether a date is close enough to publication to be the news being reported."""
    if published is None:
        return True
    return (published - when.start).days <= _REPORTED_WITHIN_DAYS


def _dates_the_statement(when: _When, current: _When | None) -> bool:
    """Whether a sentence's date is the event date of a draft dated by a statement so far."""
    if current is None or not current.statement or when.statement:
        return False
    lag = (current.start - when.start).days
    return when.precision == "day" and 0 < lag <= _REPORTED_WITHIN_DAYS


def _narrows(when: _When, current: _When | None) -> bool:
    """Whether a day falls in the month a draft is dated by ("in September" … "on September 29")."""
    if current is None or current.precision != "month" or when.precision != "day":
        return False
    return current.start <= when.start <= (current.end or current.start)


def _differs(a: _When, b: _When) -> bool:
    return (a.start, a.precision) != (b.start, b.precision)


def _mentions_detail(s: _Sentence) -> bool:
    return any(a.pattern.search(s.text) for a in ASSETS) or bool(_VERBS["responder"].search(s.text))


# --------------------------------------------------------------------- assemble
def extract(article: Article, *, gazetteer: Gazetteer | None = None) -> list[Incident]:
    """Draft incidents from one article, each field with its evidence.

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
    # "MOSCOW - Russia and China …", "DUBAI, United Arab Emirates (AP) — Iran
    # seized …": a dateline says where the story was filed, not who acted. Copied
    # pages put it after the headline and byline, so any sentence may open with one.
    sentences = [_without_dateline(s) for s in sentences]
    drafts = _group(sentences, article.published)
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
        incident, previous = _assemble(draft, article, lex, gaz, previous)
        if incident is not None:
            incidents.append(incident)
    return incidents


def _without_dateline(sentence: _Sentence) -> _Sentence:
    d = _DATELINE_RE.match(sentence.text)
    if d is None or d.group(1).strip().upper() != d.group(1).strip():
        d = _AGENCY_DATELINE_RE.match(sentence.text)
    if d is None or d.end() >= len(sentence.text):
        return sentence
    return _Sentence(sentence.text[d.end() :], sentence.start + d.end())


_LEXICONS: dict[int, _Lexicon] = {}


def _lexicon(gaz: Gazetteer) -> _Lexicon:
    if id(gaz) not in _LEXICONS:
        _LEXICONS[id(gaz)] = _Lexicon(gaz)
    return _LEXICONS[id(gaz)]


def _assemble(
    draft: _Draft, article: Article, lex: _Lexicon, gaz: Gazetteer, previous: tuple[str, ...]
) -> tuple[Incident | None, tuple[str, ...]]:
    evidence: list[Evidence] = []
    typed = _event_type(draft.sentences)
    if typed is None:
        return None, previous
    event_type, type_evidence = typed
    evidence.append(_field("event_type", type_evidence))
    harmful = event_type in HARMFUL_TYPES
    votes = []
    for i, s in enumerate(draft.sentences):
        weight = 1.0 if i == 0 else _LATER_SENTENCE_WEIGHT
        votes.extend(_votes(s, lex, previous, weight, harmful))
    for s in draft.context:
        votes.extend(_votes(s, lex, previous, _CONTEXT_WEIGHT, harmful))
    actor_list, responder_list = _decide(votes)
    evidence.extend(_field("actors", ev) for _, ev in actor_list)
    evidence.extend(_field("responders", ev) for _, ev in responder_list)
    actors = dict.fromkeys(c for c, _ in actor_list)
    responders = dict.fromkeys(c for c, _ in responder_list)
    assets: dict[str, None] = {}
    locations: dict[str, Location] = {}
    waypoints: list[Waypoint] = []
    for index, s in enumerate(draft.sentences):
        for asset in ASSETS:
            for m in asset.pattern.finditer(s.text):
                if asset.name not in assets:
                    assets[asset.name] = None
                    evidence.append(_field("assets", s.span(m.start(), m.end())))
                    for code in asset.countries:
                        if not actors and code not in responders:
                            actors[code] = None  # the operator implies the actor
        for match, ev in _places(s, lex, gaz):
            waypoints.append(
                Waypoint(match.name, match.geometry, index, ev.start - s.start, ev.end - s.start)
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
        locations=with_context(tuple(locations.values()), gaz),
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
