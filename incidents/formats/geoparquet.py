"""GeoParquet: the layer of :mod:`incidents.formats.layers` as a columnar file.

For notebooks and data pipelines (pandas, DuckDB, BigQuery). Written and
read by geopandas through pyarrow. Every field travels, so the file reads
back unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geo.gazetteer import Gazetteer
from incidents.formats.layers import frame_of, read_frame, read_layer
from incidents.formats.rows import ImportReport
from incidents.model import Incident

__all__ = ["read_parquet", "write_parquet"]


def write_parquet(
    incidents: Sequence[Incident], out: Path, gazetteer: Gazetteer, *, description: str = ""
) -> None:
    """Write ``incidents`` to a new GeoParquet file at ``out``."""
    frame_of(incidents, gazetteer).to_parquet(out, index=False)


def read_parquet(raw: bytes, name: str, gazetteer: Gazetteer) -> ImportReport:
    """Incidents from a GeoParquet file written by ``incidents export``."""
    return read_layer(read_frame(raw, name, ".parquet"), name, gazetteer)
