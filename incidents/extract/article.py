"""Reading a report: the file, its publication date, its dateline."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from incidents.errors import ImpossibleDate, MalformedFile
from incidents.extract.dates import EXPLICIT_DMY, EXPLICIT_MDY, ISO, MONTHS
from incidents.extract.sentences import Sentence
from incidents.model import Source
from incidents.vocabulary import FIRST_DAY, LAST_DAY, day_in_range

__all__ = [
    "MAX_ARTICLE_BYTES",
    "Article",
    "article_from_bytes",
    "article_from_text",
    "read_article",
    "without_dateline",
]

MAX_ARTICLE_BYTES = 2_000_000


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

#: A byline run into the text: "By India Today Web Desk: Two Chinese …".
_BYLINE_RE = re.compile(r"^\s*By\s+[A-Z][\w .'’&-]{2,40}?:\s+(?=[A-Z])")
#: "Tokyo, Dec. 26 (Jiji Press)--", "ATHENS (Sputnik - 13th August, 2020)": a
#: news agency in brackets marks a dateline whatever the case of the city.
_AGENCY_DATELINE_RE = re.compile(
    r"^\s*([A-Z][\w .'’-]{1,40}?)(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"
    r"(?:,?\s*(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?)?"
    # An agency by name, or by initials: (AP), (UPI), (TASS), (Yonhap News Agency).
    r"\s*\((?:[A-Z]{2,6}|Reuters|Xinhua|Yonhap|Kyodo|Wires?|[A-Z][\w .]{1,20}(?:Press|News|Agency)|"
    r"[^)]{0,25}\d{4})\)"
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
    for regex, order in ((EXPLICIT_DMY, "dmy"), (EXPLICIT_MDY, "mdy"), (ISO, "iso")):
        m = regex.search(dateline)
        if m:
            try:
                if order == "dmy":
                    day = dt.date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
                elif order == "mdy":
                    day = dt.date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
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


def without_dateline(sentence: Sentence) -> Sentence:
    """The sentence without a dateline it opens with ("MOSCOW (Reuters) -")."""
    d = _DATELINE_RE.match(sentence.text)
    if d is None or d.group(1).strip().upper() != d.group(1).strip():
        d = _AGENCY_DATELINE_RE.match(sentence.text) or _BYLINE_RE.match(sentence.text)
    if d is None or d.end() >= len(sentence.text):
        return sentence
    return Sentence(sentence.text[d.end() :], sentence.start + d.end())
