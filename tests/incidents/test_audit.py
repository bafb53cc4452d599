"""The audit trail: every write says who, when, and the changed fields before and after."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from incidents.accounts import LOCAL_ADMIN, User
from incidents.cli import cli
from incidents.errors import EditConflict, PermissionDenied, StoreError
from incidents.formats import read_bytes, rows_of
from incidents.ingest import ingest_incidents, merge_by_hand, split_source
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ
from tests.incidents.test_store import make_incident

ANA = User("ana", "editor")
BEN = User("ben", "editor")
VIEWER = User("vic", "viewer")


def test_an_edit_records_who_when_and_only_the_changed_fields(store):
    saved = store.add(make_incident(), by=ANA)
    store.update(replace(saved, title="Renamed", responders=("JP",)), by=BEN)
    created, edited = (v.change for v in store.history(saved.id))
    assert (created.action, created.user, created.version) == ("created", "ana", 1)
    assert (edited.action, edited.user, edited.version) == ("edited", "ben", 2)
    assert edited.before == {"title": saved.title, "responders": "US;CA"}
    assert edited.after == {"title": "Renamed", "responders": "JP"}
    assert edited.at >= created.at


def test_every_earlier_version_can_be_restored_and_the_restore_is_itself_recorded(store):
    saved = store.add(make_incident(title="first"), by=ANA)
    second = store.update(replace(saved, title="second", actors=("CN",)), by=ANA)
    store.update(replace(second, title="third"), by=BEN)
    restored = store.restore(saved.id, 1, by=BEN)
    assert (restored.title, restored.actors, restored.version) == ("first", ("RU", "CN"), 4)
    assert restored.locations == saved.locations and restored.sources == saved.sources
    last = store.history(saved.id)[-1].change
    assert (last.action, last.user, last.note) == ("restored", "ben", "to version 1")
    assert last.before["title"] == "third" and last.after["title"] == "first"


def test_a_deleted_incident_keeps_its_history_and_comes_back_under_its_id(store):
    saved = store.add(make_incident(title="gone"), by=ANA)
    store.delete(saved.id, by=BEN)
    history = store.history(saved.id)
    assert [v.change.action for v in history] == ["created", "deleted"]
    assert history[-1].change.before["title"] == "gone" and history[-1].fields is None
    back = store.restore(saved.id, 1, by=ANA)
    assert (back.id, back.title, back.version) == (saved.id, "gone", 2)
    assert back.evidence == saved.evidence


def test_an_edit_from_an_older_version_is_refused_with_both_versions(store):
    saved = store.add(make_incident(title="start"), by=ANA)
    ana_copy, ben_copy = store.get(saved.id), store.get(saved.id)
    store.update(replace(ana_copy, title="Ana's title"), by=ANA)
    with pytest.raises(EditConflict) as refused:
        store.update(replace(ben_copy, summary="Ben's summary"), by=BEN)
    assert refused.value.theirs.title == "Ana's title" and refused.value.theirs.version == 2
    assert refused.value.yours.summary == "Ben's summary"
    assert store.get(saved.id).title == "Ana's title"  # nothing overwritten
    # Choosing to keep his edit over the version he has now seen works.
    mine = refused.value.yours
    kept = store.update(replace(mine, version=refused.value.theirs.version), by=BEN)
    assert (kept.summary, kept.version) == ("Ben's summary", 3)


def test_imports_merges_and_splits_name_themselves_in_the_history(store):
    csv = (
        b"title,start_date,event_type,actors,regions,source_url\n"
        b"Bombers over the Sea of Japan,2024-05-01,patrol,RU,Sea of Japan,https://a.example/1\n"
    )
    report = ingest_incidents(
        store, rows_of(read_bytes(csv, "a.csv", _GAZ)), by=ANA, note="from a.csv"
    )
    (first,) = report.created
    other = store.add(make_incident(title="same event, another report"), by=ANA)
    merge_by_hand(store, first, [other.id], by=BEN)
    split_source(store, first, 1, by=BEN)
    actions = [(v.change.action, v.change.user, v.change.note) for v in store.history(first)]
    assert actions == [
        ("imported", "ana", "from a.csv"),
        ("merged", "ben", f"#{other.id} merged into #{first}"),
        ("split", "ben", f"source 2 of #{first} split off"),
    ]
    assert [v.change.action for v in store.history(other.id)] == ["created", "deleted"]


def test_a_second_report_merged_by_an_import_records_the_source_and_confidence_it_added(store):
    def imported(url: str) -> list[int]:
        csv = (
            "title,start_date,event_type,actors,regions,source_url\n"
            f"Bombers over the Sea of Japan,2024-05-01,patrol,RU,Sea of Japan,{url}\n"
        ).encode()
        report = ingest_incidents(store, rows_of(read_bytes(csv, "a.csv", _GAZ)), by=ANA)
        return report.created + report.merged

    (first,) = imported("https://a.example/1")
    assert imported("https://b.example/2") == [first]
    merged = store.history(first)[-1].change
    assert (merged.action, merged.version) == ("imported", 2)
    # Its places, dates and countries are unchanged, so they are not in the record.
    assert set(merged.before) == set(merged.after) == {"sources", "confidence"}
    assert merged.after["confidence"] > merged.before["confidence"]
    assert [s["url"] for s in json.loads(merged.after["sources"])] == [
        "https://a.example/1",
        "https://b.example/2",
    ]


def test_a_viewer_cannot_write_and_nothing_changes(store):
    saved = store.add(make_incident(), by=EDITOR)
    for attempt in (
        lambda: store.add(make_incident(), by=VIEWER),
        lambda: store.update(replace(saved, title="x"), by=VIEWER),
        lambda: store.delete(saved.id, by=VIEWER),
        lambda: store.restore(saved.id, 1, by=VIEWER),
    ):
        with pytest.raises(PermissionDenied, match="vic is a viewer and cannot"):
            attempt()
    assert store.count() == 1 and store.get(saved.id).version == 1


def test_history_of_an_unknown_incident_says_so(store):
    with pytest.raises(StoreError, match="No incident with id 999"):
        store.history(999)


def test_history_and_restore_from_the_command_line(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    runner = CliRunner()
    from incidents.store import Store

    store = Store(db, _GAZ)
    saved = store.add(make_incident(title="As first reported"), by=LOCAL_ADMIN)
    store.update(replace(saved, title="Corrected title"), by=ANA)
    store.dispose()
    shown = runner.invoke(cli, ["--db", db, "history", str(saved.id)])
    assert shown.exit_code == 0, shown.output
    assert "v1 created by local" in shown.output
    assert "v2 edited by ana" in shown.output
    assert "title: As first reported → Corrected title" in shown.output
    restored = runner.invoke(cli, ["--db", db, "restore", str(saved.id), "1"])
    assert "now version 3" in restored.output
    as_json = runner.invoke(cli, ["--db", db, "history", str(saved.id), "--json"])
    assert '"action": "restored"' in as_json.output
