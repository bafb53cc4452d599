"""Exports: the filtered incidents as data files, pictures and slides.

One module per format. Data formats (``geojson``, ``csv``, ``gpkg``,
``kml``) carry every field and read back through ``incidents.imports``;
``png`` and ``pptx`` are for briefings (see ``incidents.export.briefing``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from incidents.errors import ExportError

if TYPE_CHECKING:
    from incidents.export.png import PictureSpec
    from incidents.filters import Filter
    from incidents.model import Incident
    from incidents.store import Store

__all__ = ["DATA_FORMATS", "MEDIA_TYPES", "check_target", "export_data", "export_slides"]


def _geojson(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.geojson import write_geojson

    write_geojson(incidents, out, description=description)


def _csv(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.csv import write_csv

    write_csv(incidents, out)


def _gpkg(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.gpkg import write_gpkg

    write_gpkg(incidents, out, description=description)


def _kml(incidents: Sequence[Incident], out: Path, description: str) -> None:
    from incidents.export.kml import write_kml

    write_kml(incidents, out, description=description)


#: Data formats and their writers; each takes (incidents, path, description).
#: Writers are imported when used, so naming the formats costs nothing.
DATA_FORMATS: dict[str, Callable[[Sequence[Incident], Path, str], None]] = {
    "geojson": _geojson,
    "csv": _csv,
    "gpkg": _gpkg,
    "kml": _kml,
}

#: What a browser download calls each format.
MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "csv": "text/csv",
    "gpkg": "application/geopackage+sqlite3",
    "kml": "application/vnd.google-earth.kml+xml",
    "png": "image/png",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def check_target(out: Path) -> Path:
    """``out`` if its folder exists, else an :class:`ExportError` saying so."""
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"Cannot write {out}: the folder {out.parent} does not exist.")
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
    out = check_target(out)
    partial = out.with_name(f".{out.stem}.partial{out.suffix}")
    try:
        writer(incidents, partial, description)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    return out


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
    out = check_target(out)
    try:
        write_pptx(incidents, deck, out)
    except OSError as exc:
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    return out
