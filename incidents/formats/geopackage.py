"""GeoPackage (OGC): the layer of :mod:`incidents.formats.layers` in one SQLite file.

Every field of every incident travels, so the file reads back unchanged.
The layer's description says which filter produced it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geo.gazetteer import Gazetteer
from incidents.formats.layers import read_frame, read_layer, write_layer
from incidents.formats.rows import ImportReport
from incidents.model import Incident

__all__ = ["read_gpkg", "write_gpkg"]


def write_gpkg(
    incidents: Sequence[Incident], out: Path, gazetteer: Gazetteer, *, description: str = ""
) -> None:
    """Write ``incidents`` to a new GeoPackage at ``out``."""
    options = {"DESCRIPTION": description} if description else {}
    write_layer(incidents, out, gazetteer, driver="GPKG", options=options)


def read_gpkg(raw: bytes, name: str, gazetteer: Gazetteer) -> ImportReport:
    """Incidents from a GeoPackage written by ``incidents export``."""
    return read_layer(read_frame(raw, name, ".gpkg"), name, gazetteer)
