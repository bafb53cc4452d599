"""Exports: the incidents a filter matches, as a data file, a picture or slides.

:func:`export` is the one entry point the command line and the dashboard
share. Data formats live in :mod:`incidents.formats`; ``png`` and ``pptx``
are for briefings (``incidents.export.png`` and ``incidents.export.pptx``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from incidents.errors import ExportError
from incidents.formats import DATA_FORMATS, check_target, write_atomically

if TYPE_CHECKING:
    from incidents.export.png import PictureSpec
    from incidents.filters import Filter
    from incidents.store import Store

__all__ = ["EXPORT_FORMATS", "MEDIA_TYPES", "export", "export_slides"]

#: What a browser download calls each format.
MEDIA_TYPES = {
    **{name: f.media_type for name, f in DATA_FORMATS.items()},
    "png": "image/png",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
#: Every format :func:`export` writes: the data formats, then the briefing ones.
EXPORT_FORMATS = (*DATA_FORMATS, "png", "pptx")


def export(
    store: Store,
    flt: Filter,
    fmt: str,
    out: Path,
    *,
    spec: PictureSpec | None = None,
    per_incident: bool = False,
) -> Path:
    """Write the incidents matching ``flt`` to ``out`` in ``fmt``.

    ``spec`` says how pictures and slides are drawn (their defaults when
    omitted); ``per_incident`` adds a slide per incident to a deck.

    Raises
    ------
    ExportError
        Unknown format, nothing matches, or ``out`` cannot be written; the
        file is written whole or not at all.
    """
    from incidents.export.png import PictureSpec, render_picture
    from incidents.formats import write
    from incidents.query import run

    if fmt not in EXPORT_FORMATS:
        raise ExportError(
            f"Unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}."
        )
    check_target(out)
    if fmt == "png":
        png = render_picture(store, flt, spec or PictureSpec())
        return write_atomically(out, lambda path: path.write_bytes(png))
    if fmt == "pptx":
        return export_slides(store, flt, spec or PictureSpec(), out, per_incident=per_incident)
    result = run(store, flt)
    return write(result.incidents, fmt, out, store.gazetteer, description=result.caption)


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

    result = run(store, flt)
    if not result.incidents:
        raise ExportError(f"No incidents match ({result.caption}); there is nothing to export.")
    overview, own = render_pictures(store, flt, spec, per_incident=per_incident)
    deck = Deck(
        title=spec.title,
        subtitle=result.caption,
        generated=spec.generated,
        map_png=overview,
        incident_pngs=own,
        banner=spec.banner,
        banner_colour=spec.banner_colour,
    )
    return write_atomically(out, lambda path: write_pptx(result.incidents, deck, path))
