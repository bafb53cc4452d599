"""The Import page: preview, per-row report, only valid rows saved, hostile text inert."""

from __future__ import annotations

import pytest

from incidents.store import Store
from tests.app.shown import shown
from tests.conftest import GAZETTEER as _GAZ

BAD_CSV = """title,start_date,event_type,actors,regions
Joint patrol,2024-07-24,patrol,RU;CN,Bering Sea
Broken date,2024-13-01,patrol,RU,Bering Sea
<script>alert(1)</script> flight,2024-07-25,intercept,RU,Sea of Japan
"""


@pytest.fixture
def import_page(app_test, app_db):
    app_test.switch_page("ui/pages/import_file.py").run()
    return app_test, Store(app_db, _GAZ)


def test_bad_csv_is_previewed_with_its_problems_and_saves_nothing_yet(import_page):
    at, store = import_page
    before = store.count()
    at.text_area(key="import_csv").set_value(BAD_CSV).run()
    assert not at.exception
    assert at.subheader[0].value == "2 of 3 row(s) valid"
    problems = at.dataframe[1].value  # [0] is the preview of valid rows
    assert list(problems["Row"]) == [3]
    assert list(problems["Field"]) == ["start_date"]
    assert store.count() == before


def test_import_saves_only_the_valid_rows(import_page):
    at, store = import_page
    before = store.count()
    at.text_area(key="import_csv").set_value(BAD_CSV).run()
    next(b for b in at.button if b.label.startswith("Import 2")).click().run()
    # The joint patrol of 24 July over the Bering Sea is the seed incident: it merges.
    assert shown(at.success[0].value) == "Imported 1 new incident(s); 1 merged into existing ones."
    assert store.count() == before + 1
    titles = {i.title for i in store.all()}
    assert "<script>alert(1)</script> flight" in titles  # kept as text, shown escaped


def test_unreadable_file_imports_nothing(import_page):
    at, store = import_page
    before = store.count()
    at.text_area(key="import_csv").set_value("when,what\n2024,x\n").run()
    assert "Nothing was imported" in at.error[0].value
    assert store.count() == before
