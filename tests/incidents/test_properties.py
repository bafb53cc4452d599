"""Random files and texts: only our own errors come out, and the store changes only as reported.

Hypothesis writes CSV, GeoJSON and KML files and report texts that a careless
or hostile user could give: cut-off quotes, formula cells, impossible dates,
NaN coordinates, deep nesting, markup. Whatever it writes, reading raises
nothing but :class:`AtlasError`, and saving changes the store's row count by
exactly the incidents the report says it created.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidents.errors import AtlasError
from incidents.extract import article_from_text, extract
from incidents.formats import COLUMNS, read_bytes, rows_of
from incidents.ingest import ingest_incidents
from incidents.store import Store
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ

EXAMPLES = settings(
    max_examples=int(os.environ.get("INCIDENTS_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Cells a user might type: real values, near misses and hostile text.
CELLS = st.one_of(
    st.sampled_from(
        [
            "2024-07-24",
            "2024-02-30",
            "0001-01-01",
            "9999-12-31",
            "RU",
            "Russia;China",
            "XX",
            "Sea of Japan",
            "Nowhere Sea",
            "patrol",
            "intercept",
            '=HYPERLINK("http://x")',
            "+cmd|' /C calc'!A0",
            "-155.7",
            "nan",
            "inf",
            "1e308",
            "POINT (1 2)",
            "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))",
            "LINESTRING (0 0)",
            '<img src=x onerror="alert(1)">',
            "![x](http://127.0.0.2/x.png)",
            "",
        ]
    ),
    st.text(max_size=40),
)


@st.composite
def csv_files(draw) -> bytes:
    columns = draw(
        st.lists(
            st.sampled_from([*COLUMNS, "title", "start_date", "extra"]), min_size=1, max_size=8
        )
    )
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(columns) + 1), max_size=6))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    text = out.getvalue()
    # Sometimes cut the file anywhere, as a failed download or a stray quote would.
    cut = draw(st.integers(min_value=0, max_value=len(text)))
    return (
        text if draw(st.booleans()) else text[:cut] + draw(st.sampled_from(['"', "", "\x00"]))
    ).encode("utf-8", "surrogatepass")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(min_value=-(10**20), max_value=10**20)
    | CELLS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)

COORDINATE = st.floats(allow_nan=True, allow_infinity=True, min_value=None, max_value=None)
GEOMETRIES = st.one_of(
    st.builds(lambda x, y: {"type": "Point", "coordinates": [x, y]}, COORDINATE, COORDINATE),
    st.builds(
        lambda pts: {"type": "LineString", "coordinates": pts},
        st.lists(st.lists(COORDINATE, min_size=2, max_size=3), max_size=4),
    ),
    st.builds(
        lambda ring: {"type": "Polygon", "coordinates": [ring]},
        st.lists(st.lists(COORDINATE, min_size=2, max_size=2), max_size=6),
    ),
    JSON_VALUES,
)


@st.composite
def geojson_files(draw) -> bytes:
    features = draw(
        st.lists(
            st.one_of(
                st.fixed_dictionaries(
                    {
                        "type": st.just("Feature"),
                        "properties": st.dictionaries(
                            st.sampled_from(list(COLUMNS)), CELLS | JSON_VALUES
                        ),
                        "geometry": GEOMETRIES,
                    }
                ),
                JSON_VALUES,
            ),
            max_size=5,
        )
    )
    data = (
        {"type": "FeatureCollection", "features": features}
        if draw(st.booleans())
        else draw(JSON_VALUES)
    )
    return json.dumps(data, allow_nan=True).encode()


@st.composite
def kml_files(draw) -> bytes:
    fields = draw(
        st.dictionaries(st.sampled_from(["title", "start_date", "locations", "sources"]), CELLS)
    )
    data = "".join(f'<Data name="{k}"><value>{v}</value></Data>' for k, v in fields.items())
    body = draw(
        st.sampled_from(
            [
                "",
                "<MultiGeometry><Point><coordinates>1,2</coordinates></Point></MultiGeometry>",
                "<MultiGeometry><Polygon/></MultiGeometry>",
            ]
        )
    )
    prolog = draw(st.sampled_from(["", '<!DOCTYPE kml [<!ENTITY a "b">]>', "<!-- c -->"]))
    text = (
        f'<?xml version="1.0"?>{prolog}<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<Placemark><ExtendedData>{data}</ExtendedData>{body}</Placemark></Document></kml>"
    )
    cut = draw(st.integers(min_value=len(text) // 2, max_value=len(text)))
    return text[:cut].encode("utf-8", "surrogatepass")


def _saves_only_what_it_reports(tmp_path, raw: bytes, name: str) -> None:
    try:
        report = read_bytes(raw, name, _GAZ)
    except AtlasError:
        return
    store = Store(f"sqlite:///{tmp_path / 'p.sqlite'}", _GAZ)
    try:
        before = store.count()
        saved = ingest_incidents(store, rows_of(report), by=EDITOR)
        assert store.count() == before + len(saved.created)
        for incident in store.load(saved.created):
            assert all(math.isfinite(v) for loc in incident.locations for v in loc.geometry.bounds)
    finally:
        store.dispose()
        (tmp_path / "p.sqlite").unlink(missing_ok=True)


@EXAMPLES
@given(raw=csv_files())
def test_any_csv_gives_our_errors_only_and_saves_what_it_reports(tmp_path, raw):
    _saves_only_what_it_reports(tmp_path, raw, "random.csv")


@EXAMPLES
@given(raw=geojson_files())
def test_any_geojson_gives_our_errors_only_and_saves_what_it_reports(tmp_path, raw):
    _saves_only_what_it_reports(tmp_path, raw, "random.geojson")


@EXAMPLES
@given(raw=kml_files())
def test_any_kml_gives_our_errors_only_and_saves_what_it_reports(tmp_path, raw):
    _saves_only_what_it_reports(tmp_path, raw, "random.kml")


@EXAMPLES
@given(raw=st.binary(max_size=300), suffix=st.sampled_from(["csv", "geojson", "kml", "gpkg"]))
def test_any_bytes_give_our_errors_only(tmp_path, raw, suffix):
    _saves_only_what_it_reports(tmp_path, raw, f"random.{suffix}")


REPORT_WORDS = st.sampled_from(
    [
        "Russian",
        "Chinese",
        "bombers",
        "intercepted",
        "Japan scrambled jets",
        "over the Sea of Japan",
        "near Alaska",
        "on Monday",
        "last week",
        "date 0001-01-01",
        "2024-02-30",
        "through the Taiwan Strait",
        "from the Bering Sea into the Pacific",
        "<script>alert(1)</script>",
        "\n\n",
        ".",
    ]
)


@EXAMPLES
@given(words=st.lists(REPORT_WORDS | st.text(max_size=12), max_size=40))
@pytest.mark.parametrize("published", [dt.date(2024, 7, 25), None])
def test_any_report_text_gives_our_errors_only(words, published):
    try:
        drafts = extract(article_from_text(" ".join(words), published=published), gazetteer=_GAZ)
    except AtlasError:
        return
    for draft in drafts:
        assert draft.title.strip()
