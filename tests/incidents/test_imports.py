"""CSV and GeoJSON imports: valid rows in, every bad row reported, bad files refused whole."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from incidents.errors import MalformedFile
from incidents.formats import COLUMNS, read_bytes
from incidents.formats.csv import read_csv
from incidents.formats.geojson import read_geojson
from incidents.ingest import ingest_incidents
from incidents.store import Store
from tests.conftest import EDITOR, assert_store_whole
from tests.conftest import GAZETTEER as _GAZ

GOOD_AND_BAD = """title,start_date,end_date,event_type,actors,responders,assets,regions,lon,lat,source_url
Joint bomber patrol,2024-07-24,,patrol,RU;China,US;CA,Tu-95MS;H-6K,Bering Sea,,,https://example.org/a
Missing date,,,patrol,RU,,,,,,
Impossible date,2024-02-30,,patrol,RU,,,,,,
Unknown country,2024-07-01,,patrol,Narnia,,,,,,
Unknown type,2024-07-01,,picnic,RU,,,,,,
Unknown region,2024-07-01,,patrol,RU,,,Sea of Atlantis,,,
Off the world,2024-07-01,,patrol,RU,,,,200,95,
Reversed range,2024-07-10,2024-07-01,patrol,RU,,,,,,
Point only,2024-07-02,,intercept,CN,JP,,,135.5,39.5,
"""


def test_valid_rows_are_read_and_every_bad_row_is_named():
    report = read_csv(GOOD_AND_BAD.encode(), "mixed.csv", _GAZ)
    assert [row for row, _ in report.incidents] == [2, 10]
    first = report.incidents[0][1]
    assert (first.start_date, first.actors, first.responders) == (
        dt.date(2024, 7, 24),
        ("RU", "CN"),
        ("US", "CA"),
    )
    assert first.assets == ("Tu-95MS", "H-6K")
    assert first.locations[0].name == "Bering Sea"
    assert first.sources[0].url == "https://example.org/a"
    problems = {(p.row, p.field) for p in report.problems}
    assert problems == {
        (3, "start_date"),
        (4, "start_date"),
        (5, "actors"),
        (6, "event_type"),
        (7, "regions"),
        (8, "lon/lat"),
        (9, "incident"),
    }
    messages = " | ".join(str(p) for p in report.problems)
    assert "row 4, start_date: '2024-02-30' is not a real date" in messages
    assert "'Narnia'" in messages
    assert report.rows == 9


def test_only_valid_rows_reach_the_store(store):
    report = read_csv(GOOD_AND_BAD.encode(), "mixed.csv", _GAZ)
    saved = ingest_incidents(store, (i for _, i in report.incidents), by=EDITOR)
    assert len(saved.created) == 2
    assert store.count() == 2


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (b"title,when\nx,2024-01-01\n", "a.csv", "lacks the required column"),
        (b"\x00\x01binary", "a.csv", "binary file"),
        (b"\xff\xfe\xfa", "a.csv", "not UTF-8"),
        (b"{not json", "a.geojson", "not valid JSON"),
        (b'{"type": "Feature"}', "a.geojson", "FeatureCollection"),
        (b"title,start_date\n", "a.xlsx", "unknown file type"),
    ],
)
def test_unreadable_files_are_refused_whole(raw, name, message, store):
    with pytest.raises(MalformedFile, match=message):
        read_bytes(raw, name, _GAZ)
    assert store.count() == 0


def test_geojson_features_become_incidents_with_their_geometry():
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[170, 55], [190, 60]]},
                "properties": {
                    "title": "Route across 180",
                    "start_date": "2024-07-24",
                    "event_type": "patrol",
                    "actors": ["RU", "CN"],
                    "assets": ["Tu-95MS"],
                },
            },
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
                },
                "properties": {"title": "Bow tie", "start_date": "2024-07-24"},
            },
            {"type": "Feature", "geometry": None, "properties": None},
        ],
    }
    report = read_geojson(json.dumps(collection).encode(), "import.geojson", _GAZ)
    route = report.incidents[0][1]
    assert route.locations[0].kind == "route"
    minx, _, maxx, _ = route.locations[0].geometry.bounds
    assert minx >= -180 and maxx <= 180  # split at the antimeridian
    assert {(p.row, p.field) for p in report.problems} == {(2, "geometry"), (3, "properties")}


def test_text_with_html_is_kept_as_text():
    raw = b'title,start_date\n"<script>alert(1)</script> patrol",2024-07-24\n'
    report = read_csv(raw, "import.csv", _GAZ)
    assert report.incidents[0][1].title == "<script>alert(1)</script> patrol"


def test_readme_documents_every_csv_column():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [c for c in COLUMNS if f"`{c}`" not in readme] == []


REPEATS = """title,start_date,event_type,actors,regions,lon,lat,source_publisher,summary
Bombers near Alaska,2024-07-24,patrol,RU;CN,Bering Sea,,,NORAD,Two pairs of bombers
Second report of the same flight,2024-07-25,patrol,CN;RU,Bering Sea,,,Xinhua,
Frigate shadowed,2024-07-24,naval_transit,RU,,135.5,39.5,JMSDF,
Another frigate a day later,2024-07-25,naval_transit,RU,,135.5,39.5,JMSDF,
"""


def _import(store, text):
    report = read_csv(text.encode(), "repeats.csv", _GAZ)
    return ingest_incidents(store, (i for _, i in report.incidents), by=EDITOR)


def test_reimporting_the_same_file_changes_nothing(store):
    _import(store, REPEATS)
    before = [(i.id, i.title, i.confidence, i.sources) for i in store.all()]
    again = _import(store, REPEATS)
    assert again.created == [] and again.merged == []
    assert [(i.id, i.title, i.confidence, i.sources) for i in store.all()] == before


def test_a_sourceless_file_imported_twice_keeps_its_confidence(store):
    text = "title,start_date,event_type,actors,regions\nPatrol,2024-07-24,patrol,RU,Bering Sea\n"
    _import(store, text)
    (first,) = store.all()
    _import(store, text)
    (second,) = store.all()
    assert second.confidence == first.confidence
    assert second.sources == first.sources


def test_repeated_reports_in_one_file_are_merged_and_reported_with_the_survivor(store):
    saved = _import(store, REPEATS)
    # The Xinhua report joins the NORAD one; the second frigate row has other words, so it
    # is merged (not dropped) and reported with the id that carries it.
    assert store.count() == 2
    assert len(saved.created) == 2
    assert sorted(saved.merged) == sorted(saved.created)
    patrol = next(i for i in store.all() if i.event_type == "patrol")
    assert [s.publisher for s in patrol.sources] == ["NORAD", "Xinhua"]


def test_a_later_file_adding_a_source_a_responder_and_a_place_grows_the_stored_incident(
    store, tmp_path
):
    """A merge in a file import keeps what was stored, in order, and adds what the report adds."""
    from incidents.filters import Filter
    from incidents.ingest import import_file
    from incidents.query import run

    header = "title,start_date,event_type,actors,responders,regions,source_publisher\n"
    first = tmp_path / "first.csv"
    first.write_text(header + "Bombers near Alaska,2024-07-24,patrol,RU;CN,US,Bering Sea,NORAD\n")
    later = tmp_path / "later.csv"
    later.write_text(
        header + "Bombers seen again,2024-07-25,patrol,CN;RU,US;CA,"
        "Bering Sea;Gulf of Alaska,Xinhua\n"
    )
    import_file(store, first, _GAZ, by=EDITOR)
    saved = import_file(store, later, _GAZ, by=EDITOR).saved
    (incident,) = store.all()
    assert saved.merged == [incident.id] and saved.created == []
    assert [s.publisher for s in incident.sources] == ["NORAD", "Xinhua"]
    assert incident.responders == ("US", "CA")
    assert [loc.feature_id for loc in incident.locations] == [
        "water:bering-sea",
        "water:gulf-of-alaska",
    ]
    for region in ("water:bering-sea", "water:gulf-of-alaska"):
        found = run(store, Filter(regions=frozenset({region}))).incidents
        assert [i.id for i in found] == [incident.id], region
    (merged,) = [v.change for v in store.history(incident.id) if v.change.version == 2]
    assert {"responders", "sources", "locations"} <= set(merged.fields)
    assert_store_whole(store)


def test_an_import_costs_a_few_statements_whatever_its_size(store):
    """Rows are checked and saved in batches: a large file is not one query per row."""
    import sqlalchemy as sa

    lines = ["title,start_date,event_type,actors,lon,lat,source_url"]
    lines += [
        f"Patrol {n},2024-{1 + n % 12:02d}-{1 + n % 28:02d},patrol,RU,"
        f"{130 + n % 40 / 10},{35 + n % 50 / 10},https://example.org/{n}"
        for n in range(2_000)
    ]
    statements = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    saved = _import(store, "\n".join(lines) + "\n")
    assert len(saved.created) == 2_000 and store.count() == 2_000
    assert len(statements) < 60, len(statements)


def test_an_import_killed_midway_leaves_the_store_as_it_was(store, tmp_path):
    """All rows or none: kill -9 of a real `incidents import` never leaves part of a file."""
    import os
    import signal
    import subprocess
    import time

    from benchmarks.bench_import import write_csv

    big = write_csv(tmp_path / "big.csv", 20_000)
    _import(store, "title,start_date,event_type,actors\nBefore,2020-01-01,patrol,RU\n")
    before = store.count()
    command = _import_command(store, big)
    # What the whole file adds (rows repeating each other are merged), from an import left alone.
    whole = Store(f"sqlite:///{tmp_path / 'whole.sqlite'}", _GAZ)
    whole.add(store.get(store.select_ids()[0]), by=EDITOR)
    subprocess.run([*command[:2], whole.url, *command[3:]], check=True, capture_output=True)
    complete = whole.count() - 1 + before
    for delay in (0.5, 1.5, 3.0):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert store.count() in (before, complete)
        if store.count() != before:
            break  # the import finished before the kill; nothing more to learn
    assert_store_whole(store)


def test_a_row_dated_year_one_is_reported_and_the_others_are_saved(store):
    text = (
        "title,start_date,event_type,actors\n"
        "Good,2024-07-24,patrol,RU\n"
        "Typo,0001-01-01,patrol,RU\n"
        "Far future,9999-12-31,patrol,CN\n"
    )
    report = read_csv(text.encode(), "years.csv", _GAZ)
    assert [(p.row, p.field) for p in report.problems] == [(3, "start_date"), (4, "start_date")]
    assert "check the year" in str(report.problems[0])
    saved = ingest_incidents(store, (i for _, i in report.incidents), by=EDITOR)
    assert len(saved.created) == 1 and store.count() == 1


def test_a_long_import_reports_its_progress_up_to_the_last_row(store):
    lines = ["title,start_date,event_type,actors,lon,lat"]
    lines += [
        f"Patrol {n},2023-01-{1 + n % 28:02d},patrol,RU,{100 + n / 1000},10" for n in range(12_000)
    ]
    report = read_csv(("\n".join(lines) + "\n").encode(), "long.csv", _GAZ)
    heard = []
    ingest_incidents(store, rows_of_report(report), progress=lambda *a: heard.append(a), by=EDITOR)
    steps = [step for step, _, _ in heard]
    assert "Checking for repeats" in steps and steps[-1] == "Saving"
    assert heard[-1][1:] == (12_000, 12_000)


def rows_of_report(report):
    return (i for _, i in report.incidents)


def test_a_header_naming_a_column_twice_is_refused_rather_than_half_read(store):
    raw = b"title,start_date,actors,actors\nPatrol,2024-07-24,RU,CN\n"
    with pytest.raises(MalformedFile, match="more than one column named actors"):
        read_bytes(raw, "twice.csv", _GAZ)
    assert store.count() == 0


def test_a_quote_that_never_closes_keeps_the_rows_before_it_and_names_its_line():
    raw = (
        b"title,start_date,event_type,actors\n"
        b"First,2024-07-24,patrol,RU\n"
        b"Second,2024-07-25,patrol,CN\n"
        b'"Broken,2024-07-26,patrol,RU\n'
        b"Fourth,2024-07-27,patrol,RU\n"
    )
    report = read_csv(raw, "quote.csv", _GAZ)
    assert [i.title for _, i in report.incidents] == ["First", "Second"]
    (problem,) = report.problems
    assert problem.row == 4 and "from line 4" in problem.message
    assert "never close" in problem.message


def test_guarded_formula_cells_read_back_as_written_and_apostrophes_in_text_stay():
    raw = (
        b"title,start_date,summary\n"
        b"China's patrol,2024-07-24,'=HYPERLINK(\"x\")\n"
        b"Other,2024-07-25, '+cmd\n"
    )
    report = read_csv(raw, "guarded.csv", _GAZ)
    assert [(i.title, i.summary) for _, i in report.incidents] == [
        ("China's patrol", '=HYPERLINK("x")'),
        ("Other", "+cmd"),
    ]


def _kml(body: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        + prolog
        + '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><ExtendedData>'
        '<Data name="title"><value>' + body + "</value></Data>"
        '<Data name="start_date"><value>2024-01-01</value></Data>'
        '<Data name="locations"><value>[]</value></Data>'
        "</ExtendedData></Placemark></Document></kml>"
    ).encode()


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        # A long comment first once pushed the DOCTYPE past a byte-window check.
        "<!--" + "x" * 70_000 + '-->\n<!DOCTYPE kml [<!ENTITY b "expanded">]>',
        '<!DOCTYPE kml [<!ENTITY b SYSTEM "file:///etc/hostname">]>',
    ],
)
def test_kml_with_entities_is_refused_wherever_the_doctype_hides(prolog):
    with pytest.raises(MalformedFile, match="DOCTYPE, entities"):
        read_bytes(_kml("&b;", prolog), "entities.kml", _GAZ)


def test_kml_nested_thousands_deep_is_a_named_error_not_a_crash():
    raw = _kml("x").replace(
        b"</Placemark>", b"<MultiGeometry>" * 3000 + b"</MultiGeometry>" * 3000 + b"</Placemark>"
    )
    with pytest.raises(MalformedFile, match=r"nested .* levels deep"):
        read_bytes(raw, "deep.kml", _GAZ)


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_geojson_nested_thousands_deep_is_a_named_error_not_a_crash(depth):
    raw = ("[" * depth + "]" * depth).encode()
    with pytest.raises(MalformedFile, match="nested too deeply"):
        read_bytes(raw, "deep.geojson", _GAZ)


def test_a_shape_with_a_million_points_is_refused_by_row_and_the_others_are_kept(store):
    line = {"type": "LineString", "coordinates": [[i / 10_000, 10.0] for i in range(1_000_000)]}
    features = [
        {
            "type": "Feature",
            "properties": {"title": "Huge", "start_date": "2024-01-01"},
            "geometry": line,
        },
        {
            "type": "Feature",
            "properties": {"title": "Fine", "start_date": "2024-01-02"},
            "geometry": {"type": "Point", "coordinates": [20, 10]},
        },
    ]
    report = read_bytes(
        json.dumps({"type": "FeatureCollection", "features": features}).encode(),
        "big.geojson",
        _GAZ,
    )
    assert [i.title for _, i in report.incidents] == ["Fine"]
    (problem,) = report.problems
    assert problem.row == 1 and "1,000,000 points is over the 50,000-point limit" in problem.message
    ingest_incidents(store, (i for _, i in report.incidents), by=EDITOR)
    assert store.count() == 1


def test_two_imports_of_one_file_at_once_store_it_once(store, tmp_path):
    """Concurrent writers: the second waits for the first, then sees its rows as repeats."""
    import subprocess
    import sys
    from pathlib import Path

    from benchmarks.bench_import import write_csv

    data = write_csv(tmp_path / "twice.csv", 5_000)
    incidents = str(Path(sys.executable).parent / "incidents")
    alone = Store(f"sqlite:///{tmp_path / 'alone.sqlite'}", _GAZ)
    subprocess.run(
        [incidents, "--db", alone.url, "import", str(data)], check=True, capture_output=True
    )
    store.dispose()
    runs = [
        subprocess.Popen(
            [incidents, "--db", store.url, "import", str(data)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert store.count() == alone.count()
    assert sum("already stored from the same source" in out for out in outputs) == 1, outputs
    assert_store_whole(store)


def test_a_csv_over_the_size_limit_is_streamed_in_batches_into_one_transaction(store, tmp_path):
    import os
    import subprocess

    from benchmarks.bench_import import write_csv
    from incidents.formats.csv import read_csv_batches

    data = write_csv(tmp_path / "big.csv", 12_000)  # about 3 MB
    with data.open(newline="") as text:
        sizes = [
            len(b.incidents) + len(b.problems)
            for b in read_csv_batches(text, "big.csv", _GAZ, rows=5_000)
        ]
    assert sizes == [5_000, 5_000, 2_000]
    whole = read_csv(data.read_bytes(), "big.csv", _GAZ)
    env = dict(os.environ, INCIDENTS_IMPORT_MAX_MB="1")
    command = [*_import_command(store, data), "--json"]
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    result = json.loads(out)
    assert (result["rows"], result["valid"]) == (12_000, len(whole.incidents))
    assert store.count() == len(result["created"])


def test_an_unknown_column_is_refused_by_name_so_no_cell_is_dropped_silently(store):
    raw = b"title,start_date,notes\nPatrol,2024-07-24,seen from the ferry\n"
    with pytest.raises(MalformedFile, match=r"unknown column.*'notes'"):
        read_bytes(raw, "notes.csv", _GAZ)
    assert store.count() == 0


def test_two_reports_a_day_apart_with_other_titles_are_merged_and_reported_never_dropped(store):
    text = (
        "title,start_date,event_type,actors,lon,lat,source_publisher\n"
        "Bombers over the sea,2024-07-24,patrol,RU,140,40,Wire\n"
        "Second sortie of bombers,2024-07-25,patrol,RU,140,40,Wire\n"
    )
    saved = _import(store, text)
    (survivor,) = store.all()
    assert saved.created == [survivor.id] and saved.merged == [survivor.id]
    assert not saved.unchanged
    assert [s.title for s in survivor.sources] == [
        "Bombers over the sea",
        "Second sortie of bombers",
    ]


def test_geojson_rows_dated_year_one_or_9999_are_reported_and_the_others_kept():
    features = [
        {"type": "Feature", "properties": {"title": t, "start_date": d}, "geometry": None}
        for t, d in (("Slip", "0001-01-01"), ("Good", "2024-07-24"), ("Far", "9999-12-31"))
    ]
    report = read_geojson(
        json.dumps({"type": "FeatureCollection", "features": features}).encode(),
        "import.geojson",
        _GAZ,
    )
    assert [i.title for _, i in report.incidents] == ["Good"]
    assert [(p.row, p.field) for p in report.problems] == [(1, "start_date"), (3, "start_date")]


def _import_command(store, path):
    """``incidents --db URL import PATH`` as a user types it, for a separate process."""
    import sys
    from pathlib import Path

    return [str(Path(sys.executable).parent / "incidents"), "--db", store.url, "import", str(path)]


@pytest.mark.parametrize(
    "geometry",
    [
        '{"type": "LineString", "coordinates": [[0.0, 0.0], [0.0, NaN]]}',
        '{"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, Infinity]]]}',
        '{"type": "GeometryCollection", "geometries": '
        '[{"type": "Point", "coordinates": [NaN, 1.0]}]}',
    ],
)
def test_a_geojson_coordinate_that_is_not_a_number_is_a_row_error(geometry):
    good = '{"type": "Point", "coordinates": [30.0, 43.0]}'
    raw = (
        '{"type": "FeatureCollection", "features": ['
        f'{{"type": "Feature", "properties": {{"title": "bad", "start_date": "2024-01-02"}}, '
        f'"geometry": {geometry}}}, '
        f'{{"type": "Feature", "properties": {{"title": "good", "start_date": "2024-01-03"}}, '
        f'"geometry": {good}}}]}}'
    ).encode()
    report = read_bytes(raw, "shapes.geojson", _GAZ)
    assert [i.title for _, i in report.incidents] == ["good"]
    assert [(p.row, p.field) for p in report.problems] == [(1, "geometry")]
    assert "not a finite number" in report.problems[0].message


def test_a_write_failing_deep_in_a_large_import_is_named_and_the_store_left_as_it_was(tmp_path):
    """SQLite writes a large import's rows on a second thread: its failure still fails the import."""
    import sqlalchemy as sa

    from benchmarks.bench_import import write_csv
    from incidents.errors import StoreError
    from incidents.ingest import import_file

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}", _GAZ)
    _import(store, "title,start_date,event_type,actors\nBefore,2020-01-01,patrol,RU\n")
    before = [i.to_dict() for i in store.all()]
    data = write_csv(tmp_path / "big.csv", 25_000)
    # Refuse one source of the file's second batch, as a full disk or a damaged page would.
    victim = data.read_text().splitlines()[22_000].split(",")
    url = next(cell for cell in victim if cell.startswith("https://"))
    with store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "CREATE TRIGGER refuse AFTER INSERT ON sources WHEN NEW.url = :url "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END".replace(":url", f"'{url}'")
            )
        )
    with pytest.raises(StoreError, match="refused by the test"):
        import_file(store, data, _GAZ, by=EDITOR)
    assert [i.to_dict() for i in store.all()] == before
    assert_store_whole(store)
    store.dispose()


def test_text_with_a_nul_character_is_stored_as_given_on_sqlite(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}", _GAZ)
    saved = _import(store, "title,start_date,event_type,actors,summary\nA,2020-01-01,patrol,RU,x\n")
    incident = store.get(saved.created[0])
    odd = dataclasses.replace(incident, summary="before\x00after \\u0000 text")
    store.update(odd, by=EDITOR)
    assert store.get(incident.id).summary == "before\x00after \\u0000 text"
    store.dispose()


def test_batches_of_one_large_import_get_new_ids_never_a_deleted_incidents(store):
    from shapely.geometry import Point

    from incidents.dedupe import Seen
    from incidents.model import Incident, Location

    def report(title: str, day: int) -> Incident:
        where = Location("point", Point(150 + day / 10, 40), precision="point", kind="point")
        return Incident(
            title=title,
            start_date=dt.date(2024, 7, day),
            event_type="patrol",
            actors=("RU",),
            locations=(where,),
        )

    kept = store.add(report("kept", 1), by=EDITOR)
    gone = store.add(report("deleted, its history kept", 2), by=EDITOR)
    store.delete(gone.id, by=EDITOR)
    batches = [[report(f"batch {b} row {r}", 10 + 5 * b + r) for r in range(3)] for b in range(2)]
    seen = Seen()
    with store.writing(large=True) as conn:
        saved = [
            ingest_incidents(store, rows, by=EDITOR, within=conn, seen=seen) for rows in batches
        ]
    ids = [i for done in saved for i in done.created]
    assert len(set(ids)) == 6 and min(ids) > max(kept.id, gone.id)
    assert [store.get(i).title for i in ids] == [i.title for rows in batches for i in rows]


def test_each_row_keeps_its_own_point_when_rows_around_it_have_bad_or_no_coordinates():
    rows = ["title,start_date,lon,lat,regions"]
    expected = {}
    for n in range(30):
        if n % 3 == 0:
            rows.append(f"bad {n},2024-07-01,east,{n},")
        elif n % 3 == 1:
            rows.append(f"named {n},2024-07-01,,,Bering Sea")
        else:
            rows.append(f"point {n},2024-07-01,{100 + n},{n}")
            expected[f"point {n}"] = (100 + n, n)
    report = read_csv("\n".join(rows).encode(), "mixed.csv", _GAZ)
    points = {
        i.title: (loc.geometry.x, loc.geometry.y)
        for _, i in report.incidents
        for loc in i.locations
        if loc.kind == "point"
    }
    assert points == expected
    assert [p.row for p in report.problems] == [n + 2 for n in range(0, 30, 3)]
    assert all(p.field == "lon/lat" for p in report.problems)


def test_a_later_batch_of_one_import_merges_into_what_an_earlier_batch_saved(store):
    from shapely.geometry import Point

    from incidents.dedupe import Seen
    from incidents.model import Incident, Location, Source

    def report(title: str, day: int, url: str) -> Incident:
        where = Location("point", Point(150 + day / 10, 40), precision="point", kind="point")
        return Incident(
            title=title,
            start_date=dt.date(2024, 7, day),
            event_type="patrol",
            actors=("RU",),
            locations=(where,),
            sources=(Source(url=url, title=title),),
        )

    stored = store.add(report("stored before", 1, "https://example.org/0"), by=EDITOR)
    seen = Seen()
    with store.writing(large=True) as conn:
        first = ingest_incidents(
            store,
            [
                report("new", 5, "https://example.org/1"),
                report("again", 1, "https://example.org/2"),
            ],
            by=EDITOR,
            within=conn,
            seen=seen,
        )
        later = ingest_incidents(
            store,
            [report("new, 2nd", 5, "https://example.org/3"), report("3rd", 1, "https://e.org/4")],
            by=EDITOR,
            within=conn,
            seen=seen,
        )
    (new,) = first.created
    assert first.merged == [stored.id]
    assert sorted(later.merged) == sorted([new, stored.id]) and later.created == []
    assert store.count() == 2
    assert len(store.get(new).sources) == 2 and len(store.get(stored.id).sources) == 3
    assert [v.change.version for v in store.history(stored.id)] == [1, 2, 3]


def test_a_later_batch_finds_a_repeat_by_a_place_an_earlier_merge_added(store):
    from shapely.geometry import Point

    from incidents.dedupe import Seen
    from incidents.model import Incident, Location, Source

    def at(lon: float) -> Location:
        return Location(f"{lon} E", Point(lon, 40), precision="point", kind="point")

    def report(title: str, url: str, *where: Location) -> Incident:
        return Incident(
            title=title,
            start_date=dt.date(2024, 7, 5),
            event_type="patrol",
            actors=("RU",),
            locations=where,
            sources=(Source(url=url, title=title),),
        )

    seen = Seen()
    with store.writing(large=True) as conn:
        first = ingest_incidents(
            store,
            [
                report("seen at 150 E", "https://example.org/1", at(150)),
                report("seen at 150 E and 152 E", "https://example.org/2", at(150), at(152)),
            ],
            by=EDITOR,
            within=conn,
            seen=seen,
        )
        later = ingest_incidents(
            store,
            [report("seen at 152 E", "https://example.org/3", at(152))],
            by=EDITOR,
            within=conn,
            seen=seen,
        )
    (patrol,) = first.created
    assert first.merged == [patrol]
    assert later.merged == [patrol] and later.created == []
    assert store.count() == 1
    assert len(store.get(patrol).sources) == 3


def test_a_large_import_gives_pythons_thread_switching_back_as_it_found_it(store):
    import sys

    before = sys.getswitchinterval()
    rows = [i for _, i in read_csv(REPEATS.encode(), "repeats.csv", _GAZ).incidents]
    with store.writing(large=True) as conn:
        during = sys.getswitchinterval()
        ingest_incidents(store, rows, by=EDITOR, within=conn)
    assert sys.getswitchinterval() == before
    with pytest.raises(RuntimeError), store.writing(large=True):
        raise RuntimeError("the import fails halfway")
    assert sys.getswitchinterval() == before
    # The SQLite writer thread starts each statement without waiting out a 5 ms turn.
    assert during < before if store.engine.dialect.name == "sqlite" else during == before
