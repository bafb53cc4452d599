"""Generic geography for Incident Atlas: gazetteer, geocoding, map drawing.

``geo`` knows nothing about incidents; ``incidents`` builds on it.
"""

from geo.antimeridian import normalize, unwrap
from geo.errors import AtlasError, GazetteerDataError, GeocodeError, UnknownPlace
from geo.gazetteer import Feature, Gazetteer, default_gazetteer
from geo.geocode import Match, geocode

__all__ = [
    "AtlasError",
    "Feature",
    "Gazetteer",
    "GazetteerDataError",
    "GeocodeError",
    "Match",
    "UnknownPlace",
    "default_gazetteer",
    "geocode",
    "normalize",
    "unwrap",
]
