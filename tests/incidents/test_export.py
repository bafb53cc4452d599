"""Data exports carry every field and import back unchanged; bad requests say what is wrong."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from incidents.cli import cli
from incidents.errors import ExportError
from incidents.export.png import PictureSpec, parse_size
from incidents.focus import focus_of
from incidents.formats import DATA_FORMATS, read_bytes, rows_of, write
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ


def comparable(incident):
    """The fields an export must keep (the store gives ids, timestamps and versions of its own)."""
    return dataclasses.replace(incident, id=None, created_at=None, updated_at=None, version=None)


#: Formats that carry every field (a Shapefile cannot: see the test after this one).
WHOLE = sorted(set(DATA_FORMATS) - {"shp"})


@pytest.mark.parametrize("fmt", WHOLE)
def test_export_then_import_gives_the_same_incidents(fmt, seeded_store, tmp_path):
    original = seeded_store.all()
    assert any(i.evidence for i in original) and any(len(i.locations) > 1 for i in original)
    out = tmp_path / f"all{DATA_FORMATS[fmt].suffixes[0]}"
    out = write(original, fmt, out, _GAZ, description="all dates")
    report = read_bytes(out.read_bytes(), out.name, _GAZ)
    assert not report.problems
    back = list(rows_of(report))
    assert [comparable(i) for i in back] == [comparable(i) for i in original]
    for a, b in zip(original, back, strict=True):
        for la, lb in zip(a.locations, b.locations, strict=True):
            assert la.geometry.geom_type == lb.geometry.geom_type
            assert la.geometry.equals_exact(lb.geometry, 1e-7), (fmt, la.name)


def test_a_zipped_shapefile_brings_back_what_a_shapefile_can_hold(seeded_store, tmp_path):
    original = seeded_store.all()
    out = write(original, "shp", tmp_path / "all.zip", _GAZ, description="all dates")
    with zipfile.ZipFile(out) as bundle:
        names = set(bundle.namelist())
    # Points, lines and polygons cannot share one shapefile: each family has its own.
    assert {"incidents_points.shp", "incidents_polygons.shp", "incidents_points.prj"} <= names
    report = read_bytes(out.read_bytes(), out.name, _GAZ)
    assert not report.problems
    back = {i.title: i for i in rows_of(report)}
    assert len(back) == len(original)
    for incident in original:
        copy = back[incident.title]
        kept = ("start_date", "end_date", "date_precision", "event_type")
        assert [getattr(copy, f) for f in kept] == [getattr(incident, f) for f in kept]
        # Text past a Shapefile's 254 bytes is cut, and says so.
        if copy.summary != incident.summary:
            assert copy.summary.endswith("…") and len(copy.summary.encode()) <= 254
            assert incident.summary.startswith(copy.summary[:-1])
        assert (copy.actors, copy.responders) == (incident.actors, incident.responders)
        assert copy.assets == incident.assets
        focus = [loc.geometry for loc in focus_of(incident)]
        assert len(copy.locations) == len(focus)
        for shape, loc in zip(focus, copy.locations, strict=True):
            assert shape.equals_exact(loc.geometry, 1e-7) or shape.equals(loc.geometry)


def test_imported_export_lands_in_a_new_store_with_sources_and_evidence(
    seeded_store, store, tmp_path
):
    out = write(seeded_store.all(), "geojson", tmp_path / "all.geojson", _GAZ)
    result = CliRunner().invoke(cli, ["--db", store.url, "import", str(out)])
    assert result.exit_code == 0, result.output
    assert store.count() == seeded_store.count()
    patrol = next(i for i in store.all() if i.date_label() == "24 Jul 2024")
    assert patrol.sources[0].published.isoformat() == "2024-07-26"
    assert {e.field for e in patrol.evidence} >= {"start_date", "actors", "responders"}


def test_geojson_is_rfc7946_with_lists_as_lists(seeded_store, tmp_path):
    out = write(seeded_store.all(), "geojson", tmp_path / "x.geojson", _GAZ)
    data = json.loads(out.read_text())
    assert data["type"] == "FeatureCollection"
    feature = data["features"][0]
    assert feature["type"] == "Feature"
    assert isinstance(feature["properties"]["actors"], list)
    lons = [
        c
        for f in data["features"]
        for g in f["geometry"]["geometries"]
        for c in _lons(g["coordinates"])
    ]
    assert all(-180 <= x <= 180 for x in lons)  # split at the antimeridian, as RFC 7946 asks


def _lons(coords):
    if isinstance(coords[0], int | float):
        yield coords[0]
        return
    for c in coords:
        yield from _lons(c)


def test_csv_has_wkt_and_a_point_for_spreadsheets(seeded_store, tmp_path):
    out = write(seeded_store.all(), "csv", tmp_path / "x.csv", _GAZ)
    csv.field_size_limit(10**8)
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    patrol = next(r for r in rows if r["start_date"] == "2024-07-24")
    assert patrol["wkt"].startswith("GEOMETRYCOLLECTION")
    assert patrol["actors"] == "RU;CN"
    assert -180 <= float(patrol["lon"]) <= 180 and 0 < float(patrol["lat"]) < 66


def test_kml_escapes_article_text(store, tmp_path):
    import datetime as dt

    from shapely.geometry import Point

    from incidents.model import Incident, Location

    hostile = store.add(
        Incident(
            title="<script>alert(1)</script> & </name>",
            start_date=dt.date(2024, 1, 2),
            locations=(Location("pt", Point(140, 40), precision="point", kind="point"),),
        ),
        by=EDITOR,
    )
    out = write([hostile], "kml", tmp_path / "x.kml", _GAZ)
    text = out.read_text()
    assert "<script>" not in text and "&lt;script&gt;" in text
    (back,) = rows_of(read_bytes(out.read_bytes(), "x.kml", _GAZ))
    assert back.title == hostile.title


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda inc, tmp: write(inc, "xls", tmp / "x.xls", _GAZ), "Unknown data format 'xls'"),
        (lambda inc, tmp: write([], "csv", tmp / "x.csv", _GAZ), "No incidents match"),
        (lambda inc, tmp: write(inc, "csv", tmp / "no" / "x.csv", _GAZ), "does not exist"),
        (lambda inc, tmp: PictureSpec(width=0, height=0), "is empty"),
        (lambda inc, tmp: PictureSpec(width=6000, height=3000, scale=2), "largest side"),
        (lambda inc, tmp: PictureSpec(banner_colour="red;x"), "not a colour"),
        (lambda inc, tmp: parse_size("huge"), "not understood"),
    ],
)
def test_bad_export_requests_say_what_is_wrong(call, message, seeded_store, tmp_path):
    with pytest.raises(ExportError, match=message):
        call(seeded_store.all(), tmp_path)
    assert not list(tmp_path.glob("*.partial*"))


def test_unwritable_path_leaves_no_partial_file(seeded_store, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "x.csv").mkdir()  # a folder where the file should go
    with pytest.raises(ExportError, match="Cannot write"):
        write(seeded_store.all(), "csv", folder / "x.csv", _GAZ)
    assert [p.name for p in folder.iterdir()] == ["x.csv"]


def test_cli_export_reports_errors_as_json(seeded_store, tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            seeded_store.url,
            "export",
            "--format",
            "csv",
            "--start",
            "2030-01-01",
            "-o",
            str(tmp_path / "x.csv"),
            "--json",
        ],
    )
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["code"] == "export_error"


def test_cli_export_writes_the_filtered_incidents(seeded_store, tmp_path):
    out = tmp_path / "ru.geojson"
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            seeded_store.url,
            "export",
            "--format",
            "geojson",
            "--country",
            "RU",
            "--type",
            "airspace_violation",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text())["features"]
    assert features and all("RU" in f["properties"]["actors"] for f in features)
    assert all(f["properties"]["event_type"] == "airspace_violation" for f in features)


FORMULAS = [
    '=HYPERLINK("http://host/x","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "'=already quoted",
    "-155.7 is a longitude in words",
]


@pytest.mark.parametrize("title", FORMULAS)
def test_csv_cells_never_start_a_spreadsheet_formula_and_import_back_unchanged(
    title, seeded_store, tmp_path
):
    incident = dataclasses.replace(
        seeded_store.all()[0], title=title, summary=title, assets=(title,)
    )
    out = write([incident], "csv", tmp_path / "hostile.csv", _GAZ)
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    for column in ("title", "summary", "assets"):
        assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row[column]
    assert row["lon"] == "" or float(row["lon"])  # numbers stay numbers
    (back,) = rows_of(read_bytes(out.read_bytes(), out.name, _GAZ))
    assert (back.title, back.summary, back.assets) == (title, title, (title,))


@pytest.mark.parametrize("target", ["a folder", "/dev/null"])
@pytest.mark.parametrize("fmt", ["csv", "png"])
def test_exports_refuse_folders_and_devices_and_leave_them_alone(
    target, fmt, seeded_store, tmp_path
):
    out = tmp_path if target == "a folder" else target
    result = CliRunner().invoke(
        cli, ["--db", seeded_store.url, "export", "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "Cannot write" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.glob(".*partial*"))


def test_a_failed_write_keeps_the_previous_file(seeded_store, tmp_path):
    from incidents.errors import ExportError
    from incidents.formats import write_atomically

    out = tmp_path / "briefing.pptx"
    out.write_bytes(b"the deck from yesterday")

    def full_disk(path):
        path.write_bytes(b"half a deck")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left"):
        write_atomically(out, full_disk)
    assert out.read_bytes() == b"the deck from yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pptx"]
