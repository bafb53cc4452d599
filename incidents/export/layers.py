"""GIS layers for QGIS and ArcGIS (GeoPackage, FlatGeobuf): one row per location.

Each row carries every incident field.

GIS layers want one simple geometry per row, so an incident whose focus is a
strait and a route becomes two rows sharing its fields, told apart by
``location_index``; an incident with no location is one row without
geometry. Context regions travel in the ``locations`` field, not as rows. Written through
GDAL by ``pyogrio`` (the ``gis`` extra).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geo._compat import import_optional
from incidents.export.records import RECORD_FIELDS, to_record
from incidents.focus import focus_of
from incidents.model import Incident

__all__ = ["LAYER", "write_layer"]

LAYER = "incidents"
#: GDAL's driver for each layer format, and its layer options. A FlatGeobuf
#: spatial index would reorder the rows (Hilbert order) and split incidents'
#: rows apart; without it the file keeps the export's order, newest first.
DRIVERS: dict[str, tuple[str, dict[str, str]]] = {
    "gpkg": ("GPKG", {}),
    "fgb": ("FlatGeobuf", {"SPATIAL_INDEX": "NO"}),
}


def write_layer(
    incidents: Sequence[Incident], out: Path, fmt: str, *, description: str = ""
) -> None:
    """Write ``incidents`` to a new ``fmt`` file (see :data:`DRIVERS`) at ``out``."""
    pyogrio = import_optional("pyogrio", "gis", f"Exporting {fmt}")
    driver, options = DRIVERS[fmt]
    if description and driver == "GPKG":
        options = {**options, "DESCRIPTION": description}
    rows: list[dict[str, Any]] = []
    geometries: list[Any] = []
    for incident in incidents:
        record = to_record(incident)
        parts = [loc.geometry for loc in focus_of(incident)] or [None]
        for index, geom in enumerate(parts):
            rows.append({**record, "location_index": index})
            geometries.append(geom)
    fields = [*RECORD_FIELDS, "location_index"]
    columns = [_column([row[f] for row in rows], _NUMERIC.get(f)) for f in fields]
    wkb = np.array([shapely.to_wkb(g) if g is not None else None for g in geometries], dtype=object)
    out.unlink(missing_ok=True)
    pyogrio.raw.write(
        str(out),
        geometry=wkb,
        field_data=columns,
        fields=fields,
        layer=LAYER,
        driver=driver,
        geometry_type="Unknown",
        crs="EPSG:4326",
        layer_options=options or None,
    )


#: Fields GIS tools should see as numbers (text otherwise).
_NUMERIC = {
    "id": "int64",
    "location_index": "int64",
    "lon": "float64",
    "lat": "float64",
    "confidence": "float64",
}


def _column(values: list[Any], dtype: str | None) -> Any:
    if dtype == "float64":
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    if dtype == "int64":
        return np.array([-1 if v is None else v for v in values], dtype="int64")
    return np.array(["" if v is None else str(v) for v in values], dtype=object)
