"""Generic geography for Incident Atlas: gazetteer, geocoding, map drawing.

``geo`` knows nothing about incidents; ``incidents`` builds on it. The names
below are imported when first used, so importing one ``geo`` module does not
import them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo._compat import lazy_attributes

if TYPE_CHECKING:
    from geo.antimeridian import normalize, unwrap
    from geo.errors import AtlasError, GazetteerDataError, GeocodeError, UnknownPlace
    from geo.gazetteer import Feature, Gazetteer
    from geo.geocode import Match, geocode

__all__ = [
    "AtlasError",
    "Feature",
    "Gazetteer",
    "GazetteerDataError",
    "GeocodeError",
    "Match",
    "UnknownPlace",
    "geocode",
    "normalize",
    "unwrap",
]

_HOMES = {
    "normalize": "geo.antimeridian",
    "unwrap": "geo.antimeridian",
    "AtlasError": "geo.errors",
    "GazetteerDataError": "geo.errors",
    "GeocodeError": "geo.errors",
    "UnknownPlace": "geo.errors",
    "Feature": "geo.gazetteer",
    "Gazetteer": "geo.gazetteer",
    "Match": "geo.geocode",
    "geocode": "geo.geocode",
}

__getattr__ = lazy_attributes(__name__, _HOMES)
