"""Managing incidents by hand in the dashboard: add, edit, delete with confirmation, undo."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.store import Store
from tests.app.shown import detail_title, shown
from tests.conftest import GAZETTEER as _GAZ


@pytest.fixture
def app(app_test, app_db):
    store = Store(app_db, _GAZ)
    yield app_test, store
    store.dispose()


def button(at, label):
    return next(b for b in at.button if b.label == label)


def select(at, incident_id):
    at.session_state["selected_incident"] = incident_id
    return at.run()


def newest(store):
    return store.get(max(i.id for i in store.all()))


def test_a_new_incident_typed_in_by_hand_is_saved_with_its_regions_and_source(app):
    at, store = app
    before = store.count()
    at.switch_page("ui/pages/incident.py").run()
    assert at.title[0].value == "New incident"
    key = "inc-new-0"
    at.text_input(key=f"{key}-title").set_value("Chinese carrier group passes the Miyako Strait")
    at.date_input(key=f"{key}-start").set_value(dt.date(2025, 3, 2))
    at.selectbox(key=f"{key}-type").set_value("naval_transit")
    at.multiselect(key=f"{key}-actors").set_value(["CN"])
    at.multiselect(key=f"{key}-resp").set_value(["JP"])
    at.text_input(key=f"{key}-assets").set_value("Liaoning, Type 055")
    at.multiselect(key=f"{key}-regions").set_value(["Miyako Strait"])
    at.text_input(key=f"{key}-source").set_value("https://www.mod.go.jp/js/pdf/2025/p20250302.pdf")
    at.run()
    button(at, "Save incident").click().run()
    assert not at.exception
    assert store.count() == before + 1
    saved = newest(store)
    assert (saved.actors, saved.responders, saved.event_type) == (("CN",), ("JP",), "naval_transit")
    assert saved.assets == ("Liaoning", "Type 055")
    assert [loc.name for loc in saved.locations] == ["Miyako Strait"]
    assert saved.sources[0].url == "https://www.mod.go.jp/js/pdf/2025/p20250302.pdf"
    assert saved.sources[0].publisher == "www.mod.go.jp"
    # Back on the map with the new incident selected and an undo offered.
    assert at.session_state["selected_incident"] == saved.id
    assert any("Saved incident" in shown(s.value) for s in at.success)
    assert any("Added incident" in t.value for t in at.text)


def test_the_form_suggests_context_and_the_analyst_can_change_it(app):
    at, store = app
    at.switch_page("ui/pages/incident.py").run()
    key = "inc-new-0"
    at.text_input(key=f"{key}-title").set_value("Water cannon at Second Thomas Shoal")
    at.date_input(key=f"{key}-start").set_value(dt.date(2024, 3, 23))
    at.multiselect(key=f"{key}-regions").set_value(["South China Sea", "Second Thomas Shoal"])
    at.run()
    # The sea around the shoal is suggested as context.
    assert at.multiselect(key=f"{key}-context").value == ["South China Sea"]
    button(at, "Save incident").click().run()
    saved = newest(store)
    assert {loc.name: loc.role for loc in saved.locations} == {
        "South China Sea": "context",
        "Second Thomas Shoal": "focus",
    }


def test_a_new_incident_without_title_or_date_is_refused_and_nothing_saved(app):
    at, store = app
    before = store.count()
    at.switch_page("ui/pages/incident.py").run()
    button(at, "Save incident").click().run()
    assert "Set a title and a start date before saving." in shown(at.error[0].value)
    at.text_input(key="inc-new-0-title").set_value("Untitled patrol").run()
    button(at, "Save incident").click().run()
    assert "Set a start date before saving." in shown(at.error[0].value)
    assert store.count() == before


def test_a_source_that_is_not_a_web_address_is_refused(app):
    at, store = app
    before = store.count()
    at.switch_page("ui/pages/incident.py").run()
    at.text_input(key="inc-new-0-title").set_value("Patrol")
    at.date_input(key="inc-new-0-start").set_value(dt.date(2025, 1, 5))
    at.text_input(key="inc-new-0-source").set_value("javascript:alert(1)").run()
    button(at, "Save incident").click().run()
    assert "must start with http:// or https://" in shown(at.error[0].value)
    assert store.count() == before


def test_editing_from_the_detail_panel_changes_the_stored_incident_and_keeps_its_sources(app):
    at, store = app
    main = next(i for i in store.all() if i.date_label() == "24 Jul 2024")
    select(at, main.id)
    button(at, "Edit").click().run()
    assert at.title[0].value == f"Edit incident #{main.id}"
    key = f"inc-{main.id}-0"
    assert at.text_input(key=f"{key}-title").value == main.title
    at.multiselect(key=f"{key}-resp").set_value(["US"])
    at.text_input(key=f"{key}-assets").set_value("Tu-95MS, H-6K").run()
    button(at, "Save changes").click().run()
    assert not at.exception
    edited = store.get(main.id)
    assert edited.responders == ("US",)
    assert edited.assets == ("Tu-95MS", "H-6K")
    assert edited.sources == main.sources
    assert edited.evidence == main.evidence
    assert [loc.name for loc in edited.locations] == [loc.name for loc in main.locations]
    # The edit can be taken back from the map page.
    button(at, "Undo").click().run()
    assert store.get(main.id).responders == main.responders
    assert any("Undone: Edited incident" in shown(s.value) for s in at.success)


def test_delete_asks_first_and_can_be_undone(app):
    at, store = app
    before = store.count()
    victim = store.all()[0]
    select(at, victim.id)
    button(at, "Delete").click().run()
    assert "Delete incident" in shown(at.warning[0].value)
    assert store.count() == before  # only asked so far
    button(at, "Keep it").click().run()
    assert store.count() == before
    button(at, "Delete").click().run()
    button(at, "Yes, delete").click().run()
    assert store.count() == before - 1
    assert detail_title(at) is None  # the detail panel closed
    assert any(f"Deleted incident #{victim.id}" in shown(s.value) for s in at.success)
    button(at, "Undo").click().run()
    assert store.count() == before
    assert store.get(victim.id).title == victim.title


def test_editing_an_unknown_id_says_so(app):
    at, _ = app
    at.query_params["id"] = "999"
    at.switch_page("ui/pages/incident.py").run()
    assert "no incident '999'" in shown(at.error[0].value)
