"""``incidents export`` and ``incidents screenshot``: briefings and data files from a filter."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from incidents.cli_support import filter_options, open_store, print_json
from incidents.config import Settings
from incidents.export import EXPORT_FORMATS, export

if TYPE_CHECKING:
    from incidents.export.png import PictureSpec
    from incidents.filters import Filter

__all__ = ["export_cmd", "screenshot_cmd"]


def _picture_options(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        (
            click.option(
                "--bbox",
                metavar="W,S,E,N",
                help="Show this box (degrees; E may exceed 180 to cross the antimeridian).",
            ),
            click.option(
                "--fit", is_flag=True, help="Fit the view to the matching incidents (default)."
            ),
            click.option(
                "--size",
                default="16:9",
                show_default=True,
                help="16:9 (1920x1080), 4:3 (1600x1200), A4 (1754x1240) or WIDTHxHEIGHT.",
            ),
            click.option(
                "--scale",
                type=click.Choice(["1", "2"]),
                default="1",
                show_default=True,
                help="Pixel density: 2 doubles every side for print.",
            ),
            click.option("--title", default="Incident Atlas", show_default=True),
            click.option(
                "--banner",
                default=None,
                help="Classification banner at top and bottom [env: INCIDENTS_BANNER].",
            ),
            click.option(
                "--colour-by",
                type=click.Choice(["type", "actor"]),
                default="type",
                show_default=True,
            ),
        )
    ):
        func = option(func)
    return func


def _spec(
    bbox: str | None,
    fit: bool,
    size: str,
    scale: str,
    title: str,
    banner: str | None,
    colour_by: str,
) -> PictureSpec:
    from incidents.export.png import PictureSpec, parse_bbox, parse_size

    settings = Settings.from_env()
    view = None
    if bbox and not fit:
        view = parse_bbox(bbox)
    width, height = parse_size(size)
    return PictureSpec(
        width=width,
        height=height,
        scale=float(scale),
        title=title,
        view=view,
        banner=settings.banner if banner is None else banner,
        banner_colour=settings.banner_colour,
        colour_by=colour_by,
    )


@click.command("export")
@filter_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@_picture_options
@click.option(
    "--per-incident", is_flag=True, help="pptx: add one slide per incident with its own map."
)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True)
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
@click.pass_context
def export_cmd(
    ctx: click.Context,
    flt: Filter,
    fmt: str,
    bbox: str | None,
    fit: bool,
    size: str,
    scale: str,
    title: str,
    banner: str | None,
    colour_by: str,
    per_incident: bool,
    out: Path,
    as_json: bool,
) -> None:
    """Write the matching incidents as a data file (see --format), PPTX or PNG."""
    spec = _spec(bbox, fit, size, scale, title, banner, colour_by)
    _export(ctx, flt, fmt, spec, out, as_json, per_incident=per_incident)


@click.command("screenshot")
@filter_options
@_picture_options
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True)
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
@click.pass_context
def screenshot_cmd(
    ctx: click.Context,
    flt: Filter,
    bbox: str | None,
    fit: bool,
    size: str,
    scale: str,
    title: str,
    banner: str | None,
    colour_by: str,
    out: Path,
    as_json: bool,
) -> None:
    """The same as ``export --format png``: a briefing PNG of the matching incidents."""
    spec = _spec(bbox, fit, size, scale, title, banner, colour_by)
    _export(ctx, flt, "png", spec, out, as_json)


def _export(
    ctx: click.Context,
    flt: Filter,
    fmt: str,
    spec: PictureSpec,
    out: Path,
    as_json: bool,
    *,
    per_incident: bool = False,
) -> None:
    store = open_store(ctx)
    began = time.perf_counter()
    export(store, flt, fmt, out, spec=spec, per_incident=per_incident)
    extra: dict[str, object] = {"format": fmt}
    if fmt == "png":
        extra |= {"width": spec.width * spec.scale, "height": spec.height * spec.scale}
    _report(as_json, out, flt.sentence(store.gazetteer), began, extra)


def _report(
    as_json: bool, out: Path, description: str, began: float, extra: dict[str, object]
) -> None:
    seconds = round(time.perf_counter() - began, 2)
    if as_json:
        print_json(
            {
                "output": str(out),
                "bytes": out.stat().st_size,
                "description": description,
                "seconds": seconds,
                **extra,
            }
        )
    else:
        click.echo(f"Wrote {out} ({out.stat().st_size:,} bytes, {seconds} s): {description}")
