"""The ``incidents`` command line: everything the app does, scriptable.

Errors of ours print as one ``Error: …`` line (or, with ``--json``, one
``{"error": {"code": …, "message": …}}`` object) and exit with status 1;
usage errors exit with 2. ``--json`` output is a stable contract.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from geo.errors import AtlasError
from incidents.accounts import LOCAL_ADMIN
from incidents.cli_db import db_group
from incidents.cli_export import export_cmd, screenshot_cmd
from incidents.cli_history import history_cmd, restore_cmd
from incidents.cli_support import DATE as _DATE
from incidents.cli_support import acting_user as _acting
from incidents.cli_support import filter_options
from incidents.cli_support import gazetteer as _gazetteer
from incidents.cli_support import handles_errors as _handles_errors
from incidents.cli_support import open_store as _store
from incidents.cli_support import print_json as _print_json
from incidents.cli_users import users_group
from incidents.config import Settings
from incidents.vocabulary import country_name

if TYPE_CHECKING:
    from incidents.filters import Filter

# Each command imports what it uses when it runs (the store, the gazetteer,
# extraction, drawing), so that starting the command line costs almost nothing.

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="INCIDENTS_DB_URL",
    metavar="URL",
    help="SQLAlchemy URL of the incident store [env: INCIDENTS_DB_URL; default: "
    "sqlite file in ./data].",
)
@click.option(
    "--user",
    envvar="INCIDENTS_USER",
    metavar="NAME",
    help="Act as this account of the store: its role applies and the history names it "
    "[env: INCIDENTS_USER; default: the local admin].",
)
@click.version_option(package_name="incident-atlas")
@click.pass_context
def cli(ctx: click.Context, db: str | None, user: str | None) -> None:
    """Incident Atlas: military and security incidents from news reports, on a map."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db or Settings.from_env().db_url
    ctx.obj["user"] = user


@cli.command("list")
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_cmd(ctx: click.Context, flt: Filter, as_json: bool) -> None:
    """List the incidents that match dates, countries, types, regions and text."""
    from incidents.query import run

    result = run(_store(ctx), flt)
    if as_json:
        _print_json(
            {
                "filter": flt.to_query_params(),
                "description": result.caption,
                "count": result.count,
                "incidents": [i.to_dict() for i in result.incidents],
            }
        )
        return
    click.echo(result.caption)
    for inc in result.incidents:
        who = ", ".join(country_name(c) for c in inc.actors) or "—"
        where = ", ".join(loc.name for loc in inc.locations) or "—"
        click.echo(
            f"#{inc.id}  {inc.date_label():<12}  {inc.event_type:<14}  {who:<22}  "
            f"{where}  | {inc.title}"
        )


@cli.command("geocode")
@click.argument("phrase")
@click.option("--limit", default=5, show_default=True, help="At most this many matches.")
@click.option("--json", "as_json", is_flag=True, help="Print a GeoJSON FeatureCollection.")
@click.pass_context
@_handles_errors
def geocode_cmd(ctx: click.Context, phrase: str, limit: int, as_json: bool) -> None:
    """Resolve a place phrase ("the Bering Sea near the coast of Alaska") offline."""
    from geo.geocode import geocode

    settings = Settings.from_env()
    online = None
    if settings.geocoder_url:
        from geo.online import OnlineGeocoder

        online = OnlineGeocoder(settings.geocoder_url, settings.geocoder_cache)
    matches = geocode(phrase, _gazetteer(ctx), limit=limit, online=online)
    if as_json:
        _print_json({"type": "FeatureCollection", "features": [m.to_geojson() for m in matches]})
        return
    if not matches:
        click.echo(f"No place found for {phrase!r}.")
        sys.exit(1)
    for m in matches:
        minx, miny, maxx, maxy = m.geometry.bounds
        click.echo(
            f"{m.name}  [{m.kind}, {m.precision}, score {m.score:.2f}]  "
            f"bounds {minx:.2f},{miny:.2f},{maxx:.2f},{maxy:.2f}"
        )
        click.echo(f"    {m.provenance}")


@cli.command("where", context_settings={"ignore_unknown_options": True})
@click.argument("lon", type=float)
@click.argument("lat", type=float)
@click.option("--json", "as_json", is_flag=True, help="Print a GeoJSON FeatureCollection.")
@click.pass_context
@_handles_errors
def where_cmd(ctx: click.Context, lon: float, lat: float, as_json: bool) -> None:
    """Name the regions and zones that contain LON LAT, most specific first."""
    if not -90 <= lat <= 90:
        raise click.BadParameter(f"latitude {lat} is outside -90..90", param_hint="LAT")

    found = _gazetteer(ctx).where(lon, lat)
    if as_json:
        _print_json(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                        "properties": {
                            "name": f.name,
                            "kind": f.kind,
                            "precision": f.precision,
                            "score": 1.0,
                            "provenance": f.provenance,
                            "feature_id": f.id,
                        },
                    }
                    for f in found
                ],
            }
        )
        return
    if not found:
        click.echo(f"{lon}, {lat} is in no known region.")
    for f in found:
        click.echo(f"{f.name}  [{f.kind}]")


@cli.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", type=_DATE, help="Publication date, if the files do not say.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of drafts).")
@click.pass_context
@_handles_errors
def extract_cmd(
    ctx: click.Context, files: tuple[Path, ...], published: dt.date | None, as_json: bool
) -> None:
    """Print draft incidents found in FILES without saving them."""
    from incidents.extract import extract, read_article
    from incidents.ingest import article_paths

    drafts = []
    problems = []
    for path in article_paths(files):
        try:
            drafts.extend(extract(read_article(path, published), gazetteer=_gazetteer(ctx)))
        except AtlasError as exc:
            problems.append(str(exc))
    for p in problems:
        click.echo(f"Error: {p}", err=True)
    if as_json:
        _print_json([d.to_dict() for d in drafts])
    else:
        for d in drafts:
            click.echo(f"{d.date_label():<12} {d.event_type:<14} {d.title}")
            click.echo(
                f"    actors {', '.join(d.actors) or '—'}; responders "
                f"{', '.join(d.responders) or '—'}; assets {', '.join(d.assets) or '—'}"
            )
    if problems and not drafts:
        sys.exit(1)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", type=_DATE, help="Publication date, if the files do not say.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_handles_errors
def ingest_cmd(
    ctx: click.Context, paths: tuple[Path, ...], published: dt.date | None, as_json: bool
) -> None:
    """Extract incidents from files or folders, merge duplicates, and save them."""
    from incidents.ingest import ingest_files

    store = _store(ctx)
    report = ingest_files(store, list(paths), by=_acting(ctx, store), published=published)
    if as_json:
        _print_json(report.__dict__)
    else:
        for line in report.lines():
            click.echo(line)
    if report.errors and not (report.created or report.merged or report.unchanged):
        sys.exit(1)


class _Status:
    """One line on stderr saying what a long command is doing, cleared when it is done."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or not sys.stderr.isatty()
        self.width = 0

    def say(self, text: str) -> None:
        if not self.quiet:
            click.echo("\r" + text.ljust(self.width), nl=False, err=True)
            self.width = len(text)

    def progress(self, step: str, done: int, total: int) -> None:
        filled = round(30 * done / max(total, 1))
        self.say(f"{step}: [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,}")

    def done(self) -> None:
        if not self.quiet and self.width:
            click.echo("\r" + " " * self.width + "\r", nl=False, err=True)


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the rows and report; save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_handles_errors
def import_cmd(ctx: click.Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import incidents from a data file (see README: Import); valid rows only, problems listed."""
    from incidents.ingest import import_file

    store = None if dry_run else _store(ctx)
    by = _acting(ctx, store) if store is not None else LOCAL_ADMIN
    status = _Status(quiet=as_json)
    status.say(f"Reading {file.name} …")
    done = import_file(
        store,
        file,
        _gazetteer(ctx),
        by=by,
        max_bytes=Settings.from_env().import_max_bytes,
        dry_run=dry_run,
        progress=status.progress,
    )
    status.done()
    saved = None if dry_run else done.saved
    if as_json:
        _print_json(
            {
                "file": str(file),
                "rows": done.rows,
                "valid": done.valid,
                "problems": [
                    {"row": p.row, "field": p.field, "message": p.message} for p in done.problems
                ],
                "created": saved.created if saved else [],
                "merged": saved.merged if saved else [],
            }
        )
    else:
        click.echo(
            f"{file}: {done.valid} of {done.rows} row(s) valid"
            + (" (dry run: nothing saved)" if dry_run else "")
        )
        for problem in done.problems:
            click.echo(f"  {problem}")
        if saved:
            for line in saved.lines():
                click.echo(line)
    if not done.valid:
        sys.exit(1)


@cli.command("merge")
@click.argument("keep", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the merged incident as JSON.")
@click.pass_context
@_handles_errors
def merge_cmd(ctx: click.Context, keep: int, others: tuple[int, ...], as_json: bool) -> None:
    """Merge incidents OTHERS into KEEP (repeated reports of one event)."""
    from incidents.ingest import merge_by_hand

    store = _store(ctx)
    merged = merge_by_hand(store, keep, others, by=_acting(ctx, store))
    if as_json:
        _print_json(merged.to_dict())
    else:
        click.echo(
            f"#{merged.id} now has {len(merged.sources)} sources; removed "
            + ", ".join(f"#{i}" for i in others)
        )


@cli.command("split")
@click.argument("incident_id", type=int)
@click.option(
    "--source",
    "source",
    type=int,
    required=True,
    help="Index (0-based) of the source to move into a new incident.",
)
@click.option("--json", "as_json", is_flag=True, help="Print both incidents as JSON.")
@click.pass_context
@_handles_errors
def split_cmd(ctx: click.Context, incident_id: int, source: int, as_json: bool) -> None:
    """Split one source of an incident off into a new incident."""
    from incidents.ingest import split_source

    store = _store(ctx)
    kept, new = split_source(store, incident_id, source, by=_acting(ctx, store))
    if as_json:
        _print_json({"kept": kept.to_dict(), "new": new.to_dict()})
    else:
        click.echo(f"#{kept.id} keeps {len(kept.sources)} source(s); created #{new.id}")


cli.add_command(export_cmd)
cli.add_command(db_group)
cli.add_command(screenshot_cmd)
cli.add_command(users_group)
cli.add_command(history_cmd)
cli.add_command(restore_cmd)


def main() -> None:
    """Entry point of the ``incidents`` console script."""
    cli(obj={})
