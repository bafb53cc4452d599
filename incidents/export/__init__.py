"""Exports: the filtered incidents as data files, pictures and slides.

One module per format (GeoPackage and FlatGeobuf share ``layers``). Data
formats (``geojson``, ``csv``, ``gpkg``, ``fgb``, ``kml``) carry every field
and read back through ``incidents.imports``;
``png`` and ``pptx`` are for briefings (see ``incidents.export.briefing``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from incidents.errors import ExportError

if TYPE_CHECKING:
    from incidents.export.png import PictureSpec
    from incidents.filters import Filter
    from incidents.model import Incident
    from incidents.store import Store

__all__ = [
    "DATA_FORMATS",
    "MEDIA_TYPES",
    "check_target",
    "export_data",
    "export_slides",
    "write_atomically",
]


def _geojson(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.geojson import write_geojson

    write_geojson(incidents, out, description=description)


def _csv(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.csv import write_csv

    write_csv(incidents, out)


def _gpkg(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.layers import write_layer

    write_layer(incidents, out, "gpkg", description=description)


def _fgb(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.layers import write_layer

    write_layer(incidents, out, "fgb", description=description)


def _kml(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.kml import write_kml

    write_kml(incidents, out, description=description)


#: Data formats and their writers; each takes (incidents, path, description).
#: Writers are imported when used, so naming the formats costs nothing.
DATA_FORMATS: dict[str, Callable[[Sequence[Incident], Path, str], None]] = {
    "geojson": _geojson,
    "csv": _csv,
    "gpkg": _gpkg,
    "fgb": _fgb,
    "kml": _kml,
}

#: What a browser download calls each format.
MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "csv": "text/csv",
    "gpkg": "application/geopackage+sqlite3",
    "fgb": "application/flatgeobuf",
    "kml": "application/vnd.google-earth.kml+xml",
    "png": "image/png",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def check_target(out: Path) -> Path:
    """``out`` if a file may be written there, else an :class:`ExportError` saying why.

    The folder must exist, and ``out`` must be a regular file or nothing yet:
    never a folder, and never a device such as ``/dev/full``.
    """
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"Cannot write {out}: the folder {out.parent} does not exist.")
    if out.is_dir():
        raise ExportError(f"Cannot write {out}: it is a folder; give a file name.")
    if out.exists() and not out.is_file():
        raise ExportError(f"Cannot write {out}: it is not a regular file.")
    return out


def write_atomically(out: Path, write: Callable[[Path], object]) -> Path:
    """Write ``out`` through a temporary file beside it, then put it in place.

    A failure (a full disk, a killed process) leaves any previous ``out``
    untouched and no partial file behind.
    """
    out = check_target(out)
    # The suffix stays last: writers such as GDAL choose the format by it.
    partial = out.with_name(f".{out.stem}.{os.getpid()}.partial{out.suffix}")
    try:
        write(partial)
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out


def export_data(
    incidents: Sequence[Incident], fmt: str, out: Path, *, description: str = ""
) -> Path:
    """Write ``incidents`` to ``out`` in data format ``fmt``.

    Raises
    ------
    ExportError
        Unknown format, nothing to export, or ``out`` cannot be written; the
        file is written whole or not at all.
    """
    writer = DATA_FORMATS.get(fmt)
    if writer is None:
        raise ExportError(
            f"Unknown export format {fmt!r}; expected one of {', '.join([*DATA_FORMATS, 'png', 'pptx'])}."
        )
    if not incidents:
        raise ExportError("No incidents match the filter; there is nothing to export.")
    return write_atomically(out, lambda path: writer(incidents, path, description))


def export_slides(
    store: Store, flt: Filter, spec: PictureSpec, out: Path, *, per_incident: bool = False
) -> Path:
    """Write the briefing deck for the incidents matching ``flt`` to ``out``.

    The deck lists every match (newest first, up to the store's page of
    matches) and shows the overview map drawn as ``spec`` says.

    Raises
    ------
    ExportError
        Nothing matches, or ``out`` cannot be written.
    """
    from incidents.export.png import render_pictures
    from incidents.export.pptx import Deck, write_pptx
    from incidents.query import run

    incidents = run(store, flt).incidents
    if not incidents:
        raise ExportError(f"No incidents match ({flt.sentence(0)}); there is nothing to export.")
    overview, own = render_pictures(store, flt, spec, per_incident=per_incident)
    deck = Deck(
        title=spec.title,
        subtitle=flt.sentence(len(incidents)),
        generated=spec.generated,
        map_png=overview,
        incident_pngs=own,
        banner=spec.banner,
        banner_colour=spec.banner_colour,
    )
    return write_atomically(out, lambda path: write_pptx(incidents, deck, path))
