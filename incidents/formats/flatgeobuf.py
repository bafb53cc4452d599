"""FlatGeobuf: the layer of :mod:`incidents.formats.layers` as one streamable file.

Written without a spatial index: the index would reorder the rows (Hilbert
order) and split an incident's rows apart; without it the file keeps the
export's order, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geo.gazetteer import Gazetteer
from incidents.formats.layers import read_frame, read_layer, write_layer
from incidents.formats.rows import ImportReport
from incidents.model import Incident

__all__ = ["read_fgb", "write_fgb"]


def write_fgb(
    incidents: Sequence[Incident], out: Path, gazetteer: Gazetteer, *, description: str = ""
) -> None:
    """Write ``incidents`` to a new FlatGeobuf file at ``out``."""
    write_layer(incidents, out, gazetteer, driver="FlatGeobuf", options={"SPATIAL_INDEX": "NO"})


def read_fgb(raw: bytes, name: str, gazetteer: Gazetteer) -> ImportReport:
    """Incidents from a FlatGeobuf file written by ``incidents export``."""
    return read_layer(read_frame(raw, name, ".fgb"), name, gazetteer)
