"""GIS layers for QGIS and ArcGIS: one row per place where an incident happened.

GIS layers want one simple geometry per row, so an incident whose focus is a
strait and a route becomes two rows sharing its fields, told apart by
``location_index``; an incident with no location is one row without
geometry. Context regions travel in the ``locations`` field, not as rows.

The layers are GeoDataFrames written and read by geopandas: through GDAL
(pyogrio) for GeoPackage, FlatGeobuf and Shapefile, through pyarrow for
GeoParquet (the ``gis`` extra). Each format's own module names its driver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shapely.geometry.base import BaseGeometry

from geo._compat import import_optional
from geo.gazetteer import Gazetteer
from incidents.errors import MalformedFile
from incidents.focus import focus_of
from incidents.formats.records import RECORD_FIELDS, to_record
from incidents.formats.rows import ImportReport, RowReader
from incidents.model import Incident

if TYPE_CHECKING:
    import geopandas

__all__ = ["LAYER", "frame_of", "read_frame", "read_layer", "write_layer"]

LAYER = "incidents"
#: Fields GIS tools should see as numbers (text otherwise). A missing id is -1.
NUMERIC = {
    "id": "int64",
    "location_index": "int64",
    "lon": "float64",
    "lat": "float64",
    "confidence": "float64",
}


def frame_of(
    incidents: Sequence[Incident],
    gazetteer: Gazetteer,
    *,
    record: Callable[[Incident, Gazetteer], dict[str, Any]] = to_record,
) -> geopandas.GeoDataFrame:
    """One row per focus location, with every field of ``record`` and ``location_index``."""
    gpd = import_optional("geopandas", "gis", "Writing a GIS layer")
    pd = import_optional("pandas", "gis", "Writing a GIS layer")
    rows: list[dict[str, Any]] = []
    geometries: list[BaseGeometry | None] = []
    for incident in incidents:
        fields = record(incident, gazetteer)
        parts: list[BaseGeometry | None] = [loc.geometry for loc in focus_of(incident)]
        for index, geom in enumerate(parts or [None]):
            rows.append({**fields, "location_index": index})
            geometries.append(geom)
    names = list(rows[0]) if rows else [*RECORD_FIELDS, "location_index"]
    columns = {name: _column([row[name] for row in rows], NUMERIC.get(name)) for name in names}
    return gpd.GeoDataFrame(pd.DataFrame(columns), geometry=geometries, crs="EPSG:4326")


def write_layer(
    incidents: Sequence[Incident],
    out: Path,
    gazetteer: Gazetteer,
    *,
    driver: str,
    options: dict[str, str] | None = None,
) -> None:
    """Write ``incidents`` as a new layer file at ``out`` through GDAL's ``driver``."""
    frame = frame_of(incidents, gazetteer)
    out.unlink(missing_ok=True)
    frame.to_file(out, driver=driver, layer=LAYER, engine="pyogrio", **(options or {}))


def read_frame(raw: bytes, name: str, suffix: str) -> geopandas.GeoDataFrame:
    """The first layer of a GIS file given as bytes (GDAL reads it from a temporary copy)."""
    import tempfile

    gpd = import_optional("geopandas", "gis", f"Importing {name}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"import{suffix}"
        path.write_bytes(raw)
        try:
            if suffix == ".parquet":
                return gpd.read_parquet(path)
            return gpd.read_file(path, engine="pyogrio")
        except Exception as exc:  # GDAL and pyarrow raise their own types for every bad file
            raise MalformedFile(f"{name}: not readable as a GIS layer ({exc}).") from exc


def read_layer(frame: geopandas.GeoDataFrame, name: str, gazetteer: Gazetteer) -> ImportReport:
    """Incidents from a layer written by ``incidents export`` (see :func:`frame_of`).

    Rows of one incident follow each other, numbered by ``location_index``
    from 0; each row's geometry is one of its locations.
    """
    fields = [str(c) for c in frame.columns if c != frame.geometry.name]
    if not {"title", "start_date", "locations", "location_index"} <= set(fields):
        raise MalformedFile(
            f"{name}: this layer was not written by Incident Atlas (it lacks the "
            "title, start_date, locations and location_index fields); export a CSV instead."
        )
    report = ImportReport(name)
    rows = RowReader(gazetteer, report)
    groups: list[tuple[int, dict[str, Any], list[BaseGeometry]]] = []
    columns = {f: frame[f].tolist() for f in fields}
    for i, geom in enumerate(frame.geometry.tolist()):
        values = {f: _plain(columns[f][i]) for f in fields}
        if int(values["location_index"] or 0) == 0 or not groups:
            groups.append((i + 1, values, []))
        if isinstance(geom, BaseGeometry) and not geom.is_empty:
            groups[-1][2].append(geom)
    for number, values, parts in groups:
        rows.full_row(number, values, partial(list, parts))
    return report


def _column(values: list[Any], dtype: str | None) -> Any:
    import numpy as np

    if dtype == "float64":
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    if dtype == "int64":
        return np.array([-1 if v is None else v for v in values], dtype="int64")
    return np.array(["" if v is None else str(v) for v in values], dtype=object)


def _plain(value: Any) -> Any:
    """Numpy scalars as plain Python values (NaN and None as missing)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
