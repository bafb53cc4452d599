"""The controlled vocabularies: event types, date precisions, countries.

Every list the rest of the code checks against lives here, once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from incidents.errors import UnknownCountry

if TYPE_CHECKING:
    from geo.countries import CountryNames

__all__ = [
    "DATE_PRECISIONS",
    "EVENT_TYPES",
    "FIRST_DAY",
    "GEO_PRECISIONS",
    "LAST_DAY",
    "LOCATION_ROLES",
    "MATCH_MODES",
    "country_code",
    "country_list",
    "country_name",
    "country_names",
    "day_in_range",
    "event_type_label",
]


@functools.cache
def _countries() -> CountryNames:
    # Imported when a country is first named: the command line starts without shapely.
    # Cached: every incident made checks its countries, 100,000 times in an import.
    from geo.countries import country_names as table

    return table()


#: Event types, after the conventions of ACLED and GDELT, narrowed to what
#: military and security incident reports describe.
EVENT_TYPES: tuple[str, ...] = (
    "patrol",
    "intercept",
    "airspace_violation",
    "adiz_entry",
    "naval_transit",
    "exercise",
    "collision_or_unsafe_encounter",
    "seizure",
    "attack",
    "surveillance",
    "other",
)


def event_type_label(event_type: str) -> str:
    """How an event type reads in tables, legends, popups and slides ("unsafe encounter" …)."""
    return event_type.replace("_", " ")


DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
#: The dates an incident, a source or a filter may have. Years 1 and 9999 are
#: typing slips, and date arithmetic (a day either side) must never overflow.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def day_in_range(day: dt.date) -> bool:
    """True for dates between :data:`FIRST_DAY` and :data:`LAST_DAY`."""
    return FIRST_DAY <= day <= LAST_DAY


GEO_PRECISIONS: tuple[str, ...] = ("point", "place", "region", "country")
#: What a location is to its incident. The *focus* is where it happened, as
#: precisely as the source says (a shoal, a strait, a band off a coast, a
#: track); *context* is a larger region named for orientation (an ocean).
#: Maps fill and frame the focus and outline the context.
LOCATION_ROLES: tuple[str, ...] = ("focus", "context")
#: How a filter's countries match an incident's: any of them, all of them
#: (joint activity), or exactly them.
MATCH_MODES: tuple[str, ...] = ("any", "all", "exactly")


def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → English short name, for every country we map."""
    return _countries().names


def country_name(code: str) -> str:
    """The English name for an ISO 3166-1 alpha-2 code (the code itself if unknown)."""
    return country_names().get(code.upper(), code.upper())


def country_list(codes: Sequence[str], *, empty: str = "—") -> str:
    """Countries by name for tables, popups and slides: "Russia, China", or ``empty``."""
    return ", ".join(country_name(c) for c in codes) or empty


def country_code(text: str) -> str:
    """Read a country given as an ISO code or a name, e.g. ``"ru"``, ``"Russia"``.

    Raises
    ------
    UnknownCountry
        When the text is neither a known code nor a known country name.
    """
    code = _countries().code_for(text)
    if code is not None:
        return code
    raise UnknownCountry(
        f"Unknown country {text!r}: expected an ISO 3166-1 alpha-2 code such as RU, CN, US "
        "or an English country name such as 'Russia'."
    )
