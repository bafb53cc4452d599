"""What ``make run`` does before the server listens (``ui/serve.py``)."""

from __future__ import annotations

from incidents.tally import Tally


def test_the_launcher_reads_the_stores_tally_before_the_first_visit(app_db, monkeypatch):
    from ui import services

    services.tally.clear()
    services.warm_store()
    reads = []
    monkeypatch.setattr(Tally, "read", classmethod(lambda cls, store: reads.append(store)))
    store = services._store(app_db)
    assert isinstance(services.tally(store, store.revision, store.url), Tally)
    assert reads == []  # the first visitor's counts need no read of the store


def test_a_bad_setting_is_left_for_the_first_visit_to_report(app_db, monkeypatch):
    from ui import services

    monkeypatch.setenv("INCIDENTS_IMPORT_MAX_MB", "lots")
    services.warm_store()  # the app shows the error on the page; the launcher still starts
