"""The "Add from report" page: drafts with marked evidence, edited, saved only on confirmation."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.store import Store
from tests.conftest import GAZETTEER as _GAZ

REPORT = (
    "date 2024-02-28\nLONDON — The Royal Navy said one of its frigates shadowed a Russian "
    "submarine as it sailed through the English Channel yesterday."
)


@pytest.fixture
def add_page(app_test, app_db):
    app_test.switch_page("ui/pages/add_report.py").run()
    return app_test, Store(app_db, _GAZ)


def find(at, text):
    at.text_area(key="report_text").set_value(text).run()
    next(b for b in at.button if b.label == "Find incidents").click().run()
    return at


def test_drafts_show_marked_evidence_and_save_nothing_yet(add_page):
    at, store = add_page
    before = store.count()
    find(at, REPORT)
    assert not at.exception
    assert at.subheader[0].value.startswith("Draft 1: Russia")
    report_html = at.get("html")[0].proto.body
    assert '<mark data-field="actors"' in report_html
    assert '<mark data-field="responders"' in report_html
    assert at.multiselect[0].value == ["RU"]
    assert at.multiselect[1].value == ["GB"]
    assert store.count() == before  # nothing saved without confirmation


def test_edited_draft_is_saved_with_the_edits(add_page):
    at, store = add_page
    before = store.count()
    find(at, REPORT)
    key = at.text_input[0].key.removesuffix("-title")
    at.text_input(key=f"{key}-title").set_value("Russian submarine transits the Channel").run()
    at.multiselect(key=f"{key}-resp").set_value(["GB", "FR"]).run()
    next(b for b in at.button if b.label == "Save incident").click().run()
    assert not at.exception
    assert "Saved as incident" in at.success[0].value
    assert store.count() == before + 1
    saved = store.get(max(i.id for i in store.all()))
    assert (saved.title, saved.responders, saved.start_date) == (
        "Russian submarine transits the Channel",
        ("GB", "FR"),
        dt.date(2024, 2, 27),
    )
    assert saved.locations[0].name == "English Channel"
    assert saved.sources[0].path == "pasted text"


def test_discard_drops_the_draft(add_page):
    at, store = add_page
    before = store.count()
    find(at, REPORT)
    next(b for b in at.button if b.label == "Discard").click().run()
    assert not at.subheader
    assert store.count() == before


def test_script_in_pasted_text_is_shown_escaped(add_page):
    at, _ = add_page
    find(at, REPORT + " <script>alert('x')</script><img src=x onerror=alert(1)>")
    body = at.get("html")[0].proto.body
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert "<img" not in body


def test_text_without_an_incident_says_so(add_page):
    at, _ = add_page
    find(at, "date 2024-03-05\nChina announced a rise in its defence budget on Tuesday.")
    assert "No incident found" in at.info[0].value
