"""Data file formats: one module per format, each reading and writing it.

Every format carries an incident's fields through the flat record of
:mod:`incidents.formats.records`, and reads rows back through
:mod:`incidents.formats.rows`, which checks each row on its own. This
module names the formats and picks one by its name or a file's suffix.
Format modules are imported when used, so naming the formats costs nothing.

=========  ============================  =====================================
format     suffix                        carries
=========  ============================  =====================================
geojson    .geojson, .json               every field
csv        .csv                          every field (streamed on import)
gpkg       .gpkg                         every field
fgb        .fgb                          every field
parquet    .parquet                      every field (GeoParquet)
kml        .kml                          every field
shp        .zip                          what a Shapefile can hold (see module)
=========  ============================  =====================================
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidents.bulk import bulk
from incidents.errors import ExportError, MalformedFile
from incidents.formats.files import (
    MAX_IMPORT_BYTES,
    check_size,
    check_target,
    refuse_binary,
    write_atomically,
)
from incidents.formats.rows import BATCH_ROWS, COLUMNS, ImportReport, RowProblem, rows_of

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer
    from incidents.model import Incident

__all__ = [
    "COLUMNS",
    "DATA_FORMATS",
    "MAX_IMPORT_BYTES",
    "DataFormat",
    "ImportReport",
    "RowProblem",
    "check_target",
    "format_for",
    "read_bytes",
    "read_path",
    "rows_of",
    "write",
    "write_atomically",
]


@dataclass(frozen=True)
class DataFormat:
    """A data file format: its name, suffixes, media type and its module's reader and writer."""

    name: str
    label: str
    suffixes: tuple[str, ...]
    media_type: str
    module: str
    reader: str
    writer: str

    def read(self, raw: bytes, name: str, gazetteer: Gazetteer) -> ImportReport:
        """The incidents of a whole file of this format."""
        function: Callable[[bytes, str, Gazetteer], ImportReport] = self._function(self.reader)
        return function(raw, name, gazetteer)

    def write(
        self, incidents: Sequence[Incident], out: Path, gazetteer: Gazetteer, description: str
    ) -> None:
        """Write ``incidents`` to ``out`` (not atomically: see :func:`write`)."""
        self._function(self.writer)(incidents, out, gazetteer, description=description)

    def _function(self, name: str) -> Any:
        return getattr(importlib.import_module(f"incidents.formats.{self.module}"), name)


#: Every data format, in the order menus list them.
DATA_FORMATS: dict[str, DataFormat] = {
    f.name: f
    for f in (
        DataFormat(
            "geojson",
            "GeoJSON",
            (".geojson", ".json"),
            "application/geo+json",
            "geojson",
            "read_geojson",
            "write_geojson",
        ),
        DataFormat("csv", "CSV", (".csv",), "text/csv", "csv", "read_csv", "write_csv"),
        DataFormat(
            "gpkg",
            "GeoPackage",
            (".gpkg",),
            "application/geopackage+sqlite3",
            "geopackage",
            "read_gpkg",
            "write_gpkg",
        ),
        DataFormat(
            "fgb",
            "FlatGeobuf",
            (".fgb",),
            "application/flatgeobuf",
            "flatgeobuf",
            "read_fgb",
            "write_fgb",
        ),
        DataFormat(
            "parquet",
            "GeoParquet",
            (".parquet",),
            "application/vnd.apache.parquet",
            "geoparquet",
            "read_parquet",
            "write_parquet",
        ),
        DataFormat(
            "kml",
            "KML",
            (".kml",),
            "application/vnd.google-earth.kml+xml",
            "kml",
            "read_kml",
            "write_kml",
        ),
        DataFormat(
            "shp",
            "Shapefile (zip)",
            (".zip",),
            "application/zip",
            "shapefile",
            "read_shapefile",
            "write_shapefile",
        ),
    )
}


def format_for(name: str) -> DataFormat:
    """The format of a file, by its name's suffix, or a :class:`MalformedFile` error."""
    lowered = name.lower()
    for fmt in DATA_FORMATS.values():
        if lowered.endswith(fmt.suffixes):
            return fmt
    known = ", ".join(s for f in DATA_FORMATS.values() for s in f.suffixes)
    raise MalformedFile(f"{name}: unknown file type; expected one of {known}.")


@bulk
def read_bytes(
    raw: bytes, name: str, gazetteer: Gazetteer, *, max_bytes: int = MAX_IMPORT_BYTES
) -> ImportReport:
    """The incidents of a whole file given as bytes, its format chosen by ``name``."""
    check_size(name, len(raw), max_bytes)
    return format_for(name).read(raw, name, gazetteer)


def read_path(
    path: Path,
    gazetteer: Gazetteer,
    *,
    max_bytes: int = MAX_IMPORT_BYTES,
    rows: int = BATCH_ROWS,
) -> Generator[tuple[ImportReport, float], None, None]:
    """A file's incidents in batches, each with the share of the file read so far (0..1).

    A CSV is streamed, ``rows`` rows at a time, whatever its size; the other
    formats are read whole, up to ``max_bytes``.
    """
    from incidents.formats.csv import read_csv_batches

    name = path.name
    if format_for(name).name != "csv":
        check_size(name, path.stat().st_size, max_bytes)
        yield read_bytes(path.read_bytes(), name, gazetteer, max_bytes=max_bytes), 1.0
        return
    size = max(path.stat().st_size, 1)
    with path.open("rb") as raw:
        refuse_binary(raw.read(8192), name)
        raw.seek(0)
        with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            for batch in read_csv_batches(text, name, gazetteer, rows=rows):
                yield batch, min(raw.tell() / size, 1.0)


def write(
    incidents: Sequence[Incident],
    fmt: str,
    out: Path,
    gazetteer: Gazetteer,
    *,
    description: str = "",
) -> Path:
    """Write ``incidents`` to ``out`` in data format ``fmt``, whole or not at all.

    Raises
    ------
    ExportError
        Unknown format, nothing to write, or ``out`` cannot be written.
    """
    found = DATA_FORMATS.get(fmt)
    if found is None:
        raise ExportError(
            f"Unknown data format {fmt!r}; expected one of {', '.join(DATA_FORMATS)}."
        )
    if not incidents:
        raise ExportError("No incidents match the filter; there is nothing to export.")
    return write_atomically(out, lambda path: found.write(incidents, path, gazetteer, description))
