"""The ``incidents`` command line: output contract and error shape."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from incidents.cli import cli
from tests.conftest import SEEDS


@pytest.fixture
def run_cli(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"

    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", db, *args], obj={})

    return invoke


def test_ingest_then_list_prints_the_seed_incidents(run_cli):
    assert run_cli("ingest", str(SEEDS)).exit_code == 0
    out = run_cli("list", "--json")
    data = json.loads(out.output)
    assert data["count"] == 2
    main = data["incidents"][0]
    assert main["start_date"] == "2024-07-24"
    assert main["actors"] == ["RU", "CN"]
    assert data["description"] == "all dates · all countries · 2 incidents"


def test_list_filters_by_dates_and_countries(run_cli):
    run_cli("ingest", str(SEEDS))
    assert json.loads(run_cli("list", "--start", "2024-08-01", "--json").output)["count"] == 0
    us = json.loads(run_cli("list", "--country", "US", "--json").output)
    assert us["count"] == 0  # the US only responded
    us_resp = json.loads(
        run_cli("list", "--country", "United States", "--responders", "--json").output
    )
    assert us_resp["count"] == 1
    assert run_cli("list", "--country", "RU", "--country", "JP").output.startswith(
        "all dates · Japan or Russia"
    )


def test_second_ingest_of_the_same_report_creates_nothing(run_cli):
    run_cli("ingest", str(SEEDS))
    again = run_cli("ingest", str(SEEDS))
    assert "created 0 incident(s)" in again.output
    assert "already stored" in again.output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["list", "--country", "Narnia", "--json"], "unknown_country"),
        (["extract", "/nonexistent/file.txt", "--json"], None),
    ],
)
def test_errors_have_one_json_shape_and_exit_non_zero(run_cli, args, code):
    result = run_cli(*args)
    assert result.exit_code == 1
    if code:
        assert json.loads(result.output) == {
            "error": {"code": code, "message": json.loads(result.output)["error"]["message"]}
        }
        assert "Narnia" in json.loads(result.output)["error"]["message"]


def test_errors_without_json_are_one_line_and_no_traceback(run_cli):
    result = run_cli("list", "--country", "Narnia")
    assert result.exit_code == 1
    assert result.output.startswith("Error: Unknown country 'Narnia'")
    assert "Traceback" not in result.output


def test_bad_date_is_a_usage_error(run_cli):
    result = run_cli("list", "--start", "2024-02-30")
    assert result.exit_code == 2
    assert "expected YYYY-MM-DD" in result.output


def test_geocode_json_is_a_feature_collection(run_cli):
    data = json.loads(run_cli("geocode", "Bering Sea", "--json").output)
    assert data["type"] == "FeatureCollection"
    props = data["features"][0]["properties"]
    assert (props["name"], props["kind"], props["precision"]) == ("Bering Sea", "sea", "region")
    assert props["provenance"]


def test_geocode_unknown_phrase_exits_non_zero(run_cli):
    result = run_cli("geocode", "xyzzy plugh")
    assert result.exit_code == 1
    assert "No place found" in result.output


def test_where_accepts_negative_longitudes(run_cli):
    data = json.loads(run_cli("where", "-175", "60", "--json").output)
    names = [f["properties"]["name"] for f in data["features"]]
    # Smallest first: 175°W is the Northwest Pacific's eastern limit (FAO area 61).
    assert names == [
        "Bering Sea",
        "Alaska ADIZ",
        "Northwest Pacific",
        "North Pacific Ocean",
        "Pacific Ocean",
    ]


def test_extract_json_has_the_documented_keys(run_cli):
    data = json.loads(run_cli("extract", str(next(SEEDS.glob("*.txt"))), "--json").output)
    keys = {
        "title",
        "summary",
        "start_date",
        "end_date",
        "date_precision",
        "event_type",
        "actors",
        "responders",
        "assets",
        "locations",
        "sources",
        "evidence",
        "confidence",
    }
    assert keys <= set(data[0])
    assert set(data[0]["locations"][0]) >= {"phrase", "name", "kind", "precision", "geometry"}
    assert set(data[0]["sources"][0]) >= {"url", "path", "published", "publisher"}


def test_second_report_of_the_same_event_is_merged_then_split_by_hand(run_cli, tmp_path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text(
        "date 2023-02-17\nNORAD said it tracked two Russian Tu-95 bombers in the "
        "Alaska ADIZ on Thursday."
    )
    second.write_text(
        "date 2023-02-17\nTwo Russian Tu-95 bombers flew in the Alaska Air Defense "
        "Identification Zone on Thursday and were intercepted by F-22s, NORAD said."
    )
    run_cli("ingest", str(first))
    report = run_cli("ingest", str(second))
    assert "merged into 1 existing incident(s): #1" in report.output
    merged = json.loads(run_cli("list", "--json").output)
    assert merged["count"] == 1
    assert len(merged["incidents"][0]["sources"]) == 2
    split = json.loads(run_cli("split", "1", "--source", "1", "--json").output)
    assert len(split["kept"]["sources"]) == 1
    assert split["new"]["sources"][0]["path"].endswith("b.txt")
    assert all(e["source"] == 0 for ev in split["new"]["evidence"].values() for e in ev)
    again = json.loads(run_cli("merge", "1", str(split["new"]["id"]), "--json").output)
    assert len(again["sources"]) == 2
    assert json.loads(run_cli("list", "--json").output)["count"] == 1


def test_merge_and_split_refuse_what_makes_no_sense(run_cli):
    run_cli("ingest", str(SEEDS))
    assert "nothing to split off" in run_cli("split", "1", "--source", "0").output
    assert "No incident with id 99" in run_cli("merge", "1", "99").output


def test_list_by_match_mode_type_region_and_text(run_cli):
    run_cli("ingest", str(SEEDS))

    def count(*args):
        return json.loads(run_cli("list", *args, "--json").output)["count"]

    assert count("--country", "RU", "--country", "CN", "--match", "all") == 2
    assert count("--country", "RU", "--match", "exactly") == 0
    assert count("--type", "patrol") == 2
    assert count("--type", "intercept") == 0
    # The second incident's "northern and western Pacific" covers the Bering Sea too.
    assert count("--region", "Bering Sea") == 2
    assert count("--region", "Baltic Sea") == 0
    assert count("--text", "naval") == 1
    unknown = run_cli("list", "--region", "Atlantis", "--json")
    assert unknown.exit_code == 1
    assert json.loads(unknown.output)["error"]["code"] == "unknown_place"
