"""Locations kept by reference: a gazetteer feature's id in place of its shape.

A sea or an ocean is hundreds of kilobytes of coordinates. A location that
is exactly a gazetteer feature is written as the feature's id, in the store
and in exported records alike, and read back from the gazetteer. Feature
ids are stable across gazetteer builds.
"""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry

from geo.gazetteer import Feature, Gazetteer
from incidents.errors import StoreError
from incidents.model import Location

__all__ = ["plain_feature", "referenced_geometry"]


def plain_feature(loc: Location, gazetteer: Gazetteer) -> Feature | None:
    """The gazetteer feature a location is exactly; ``None`` when it has its own shape."""
    if not loc.feature_id:
        return None
    feature = gazetteer.by_id.get(loc.feature_id)
    if feature is None or feature.kind != loc.kind:
        return None
    same = feature.geometry is loc.geometry or feature.geometry.equals(loc.geometry)
    return feature if same else None


def referenced_geometry(feature_id: str | None, gazetteer: Gazetteer) -> BaseGeometry:
    """The shape of the gazetteer feature a location refers to.

    Raises
    ------
    StoreError
        This version's gazetteer lacks the feature.
    """
    feature = gazetteer.by_id.get(feature_id or "")
    if feature is None:
        raise StoreError(
            f"A stored location refers to gazetteer feature {feature_id!r}, which this version's "
            "gazetteer does not have. Restore geo/data or upgrade Incident Atlas."
        )
    return feature.geometry
