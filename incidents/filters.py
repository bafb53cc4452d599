"""Which incidents to show, as a pure object that also says itself in words.

A :class:`Filter` has two outputs that must agree: the SQL condition built in
:mod:`incidents.query` and :meth:`Filter.matches` for incidents in memory. Its
:meth:`~Filter.sentence` feeds the map caption, exports and the CLI's JSON,
and it round-trips through URL query parameters so a link reproduces a view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from incidents.errors import ImpossibleDate, InputError
from incidents.model import Incident
from incidents.vocabulary import (
    EVENT_TYPES,
    FIRST_DAY,
    LAST_DAY,
    MATCH_MODES,
    country_name,
    country_names,
    day_in_range,
    event_type_label,
)

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer

__all__ = ["MATCH_MODES", "Filter"]

#: How selected countries must appear among an incident's participants.


@dataclass(frozen=True)
class Filter:
    """Dates, participating countries, event types, regions and text.

    Dates are inclusive and match incidents that overlap the range. Countries
    are matched against actors (and responders, with ``include_responders``):
    ``any`` of them, ``all`` of them (joint activity), or ``exactly`` them.
    Regions are gazetteer feature ids; an incident matches when one of its
    locations intersects one of them. ``text`` searches title, summary and
    assets, case-insensitively. An empty filter matches everything.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    countries: frozenset[str] = frozenset()
    match: str = "any"
    include_responders: bool = False
    event_types: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    text: str = field(default="")

    def __post_init__(self) -> None:
        for day in (self.start, self.end):
            if day is not None and not day_in_range(day):
                raise ImpossibleDate(
                    f"Date {day} is outside {FIRST_DAY.year}–{LAST_DAY.year}; check the year."
                )
        if self.start and self.end and self.end < self.start:
            raise ImpossibleDate(
                f"The date range ends ({self.end}) before it starts ({self.start})."
            )
        if self.match not in MATCH_MODES:
            raise InputError(
                f"Country match {self.match!r}: expected one of {', '.join(MATCH_MODES)}."
            )
        unknown = set(self.event_types) - set(EVENT_TYPES)
        if unknown:
            raise InputError(
                f"Unknown event type(s) {', '.join(sorted(unknown))}: expected {', '.join(EVENT_TYPES)}."
            )
        object.__setattr__(self, "countries", frozenset(c.upper() for c in self.countries))
        object.__setattr__(self, "event_types", frozenset(self.event_types))
        object.__setattr__(self, "regions", frozenset(self.regions))
        object.__setattr__(self, "text", " ".join(self.text.split())[:200])

    # ----------------------------------------------------------------- in memory
    def matches(self, incident: Incident, gazetteer: Gazetteer) -> bool:
        """The same test as the SQL condition, for an incident in memory.

        ``gazetteer`` holds the shapes of the filter's regions.
        """
        if self.start and incident.last_date < self.start:
            return False
        if self.end and incident.start_date > self.end:
            return False
        if self.countries:
            people = incident.participants(self.include_responders)
            ok = {
                "any": bool(self.countries & people),
                "all": self.countries <= people,
                "exactly": self.countries == people,
            }[self.match]
            if not ok:
                return False
        if self.event_types and incident.event_type not in self.event_types:
            return False
        if self.text:
            needle = self.text.lower()
            haystack = [incident.title, incident.summary, *incident.assets]
            if not any(needle in h.lower() for h in haystack):
                return False
        if self.regions:
            geoms = {r: gazetteer.by_id[r].geometry for r in self.regions}
            hits = {
                r
                for r in self.regions
                for loc in incident.locations
                if geoms[r].intersects(loc.geometry) and not geoms[r].touches(loc.geometry)
            }
            if not hits:
                return False
        return True

    # ----------------------------------------------------------------- in words
    def sentence(self, gazetteer: Gazetteer, count: int | None = None) -> str:
        """The filter in words, e.g. '24 Jul 2024 · Russia and China · 1 incident'.

        ``gazetteer`` names the filter's regions.
        """
        parts = [self._dates()]
        if self.countries:
            names = sorted(country_name(c) for c in self.countries)
            joiner = {"any": " or ", "all": " and ", "exactly": " and "}[self.match]
            who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]
            if self.match == "exactly":
                who = f"only {who}"
            parts.append(who + (" (acting or responding)" if self.include_responders else ""))
        else:
            parts.append("all countries")
        if self.event_types:
            parts.append(", ".join(event_type_label(t) for t in sorted(self.event_types)))
        if self.regions:
            known = gazetteer.by_id
            parts.append(
                " or ".join(sorted(known[r].name if r in known else r for r in self.regions))
            )
        if self.text:
            parts.append(f"“{self.text}”")
        if count is not None:
            parts.append(f"{count:,} incident" + ("" if count == 1 else "s"))
        return " · ".join(parts)

    def _dates(self) -> str:
        if self.start and self.end:
            return (
                _day(self.start)
                if self.start == self.end
                else f"{_day(self.start)} – {_day(self.end)}"
            )
        if self.start:
            return f"from {_day(self.start)}"
        if self.end:
            return f"until {_day(self.end)}"
        return "all dates"

    # ----------------------------------------------------------------- in URLs
    def to_query_params(self) -> dict[str, str]:
        """URL query parameters that :meth:`from_query_params` reads back."""
        params: dict[str, str] = {}
        if self.start:
            params["start"] = self.start.isoformat()
        if self.end:
            params["end"] = self.end.isoformat()
        if self.countries:
            params["countries"] = ",".join(sorted(self.countries))
        if self.match != "any":
            params["match"] = self.match
        if self.include_responders:
            params["responders"] = "1"
        if self.event_types:
            params["types"] = ",".join(sorted(self.event_types))
        if self.regions:
            params["regions"] = ",".join(sorted(self.regions))
        if self.text:
            params["q"] = self.text
        return params

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | Iterable[str]], gazetteer: Gazetteer
    ) -> Filter:
        """Read a filter from URL query parameters, ignoring what is malformed.

        Regions are kept only when ``gazetteer`` knows them.
        """

        def one(key: str) -> str | None:
            value = params.get(key)
            if value is None or isinstance(value, str):
                return value
            values = list(value)
            return values[0] if values else None

        def day(key: str) -> dt.date | None:
            text = one(key)
            try:
                day = dt.date.fromisoformat(text) if text else None
            except ValueError:
                return None
            return day if day is not None and day_in_range(day) else None

        def listed(key: str, allowed: Container[str]) -> frozenset[str]:
            return frozenset(v.strip() for v in (one(key) or "").split(",") if v.strip() in allowed)

        start, end = day("start"), day("end")
        if start and end and end < start:
            start, end = end, start
        match = one("match") or "any"
        return cls(
            start=start,
            end=end,
            countries=frozenset(
                c.upper()
                for c in (one("countries") or "").split(",")
                if c.strip().upper() in country_names()
            ),
            match=match if match in MATCH_MODES else "any",
            include_responders=one("responders") in ("1", "true", "yes"),
            event_types=listed("types", EVENT_TYPES),
            regions=listed("regions", gazetteer.by_id),
            text=one("q") or "",
        )


def _day(d: dt.date) -> str:
    return d.strftime("%d %b %Y").lstrip("0")
