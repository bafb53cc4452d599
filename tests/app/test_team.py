"""The dashboard for a team: sign-in, roles, history in the detail panel, edit conflicts."""

from __future__ import annotations

import pytest
from streamlit import config

from incidents.accounts import LOCAL_ADMIN, add_account
from incidents.store import Store
from tests.app.conftest import new_app
from tests.app.shown import detail_title, shown
from tests.conftest import GAZETTEER as _GAZ

PASSWORD = "correct horse battery"


def button(at, label):
    return next(b for b in at.button if b.label == label)


def labels(at):
    return {b.label for b in at.button}


@pytest.fixture
def store(app_test, app_db):
    """The seeded app store (the first run of ``app_test`` seeded it)."""
    s = Store(app_db, _GAZ)
    yield s
    s.dispose()


@pytest.fixture
def network_address():
    """The server as if started with HOST=0.0.0.0 (reachable from other machines)."""
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", before)


def sign_in(name: str, password: str = PASSWORD):
    at = new_app().run()
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(password)
    return button(at, "Sign in").click().run()


def test_on_a_network_address_without_accounts_the_app_is_read_only_and_says_why(
    store, network_address
):
    at = new_app().run()
    assert any("Read-only" in shown(i.value) and "0.0.0.0" in i.value for i in at.info)
    at.session_state["selected_incident"] = store.select_ids()[0]
    at.run()
    assert detail_title(at)
    assert not {"Edit", "Delete"} & labels(at)
    # The pages that write are not served at all: only the map is registered.
    with pytest.raises(ValueError, match=r"Known pages: \['[^']*ui/pages/map.py'\]"):
        at.switch_page("ui/pages/incident.py")


def test_with_accounts_everyone_signs_in_and_a_wrong_password_is_refused(store):
    add_account(store.engine, "ana", PASSWORD, "admin", by=LOCAL_ADMIN)
    at = new_app().run()
    assert "Sign in" in labels(at) and detail_title(at) is None
    refused = sign_in("ana", "not the password")
    assert any("Wrong account name or password" in shown(e.value) for e in refused.error)
    assert "Sign in" in labels(refused)
    signed = sign_in("ana")
    assert signed.title[0].value == "Incident Atlas" and "Sign out" in labels(signed)


def test_a_viewer_sees_the_history_but_no_edit_controls(store):
    add_account(store.engine, "ana", PASSWORD, "admin", by=LOCAL_ADMIN)
    add_account(store.engine, "vic", PASSWORD, "viewer", by=LOCAL_ADMIN)
    at = sign_in("vic")
    at.session_state["selected_incident"] = store.select_ids()[0]
    at.run()
    assert detail_title(at)
    assert any(e.label.startswith("History (version 1)") for e in at.expander)
    assert not {"Edit", "Delete", "Restore"} & labels(at)
    with pytest.raises(ValueError, match=r"Known pages: \['[^']*ui/pages/map.py'\]"):
        at.switch_page("ui/pages/import_file.py")


def test_an_editor_restores_an_earlier_version_from_the_detail_panel(store):
    from dataclasses import replace

    first = store.get(store.select_ids()[0])
    store.update(replace(first, title="A wrong title"), by=LOCAL_ADMIN)
    at = new_app().run()  # loopback and no accounts: the local admin
    at.session_state["selected_incident"] = first.id
    at.run()
    assert any(e.label.startswith("History (version 2)") for e in at.expander)
    button(at, "Restore").click().run()
    restored = store.get(first.id)
    assert (restored.title, restored.version) == (first.title, 3)
    assert store.history(first.id)[-1].change.action == "restored"


def test_two_sessions_editing_one_incident_get_a_conflict_and_nothing_is_lost(store):
    target = store.get(store.select_ids()[0])
    sessions = []
    for _ in range(2):
        at = new_app().run()
        at.session_state["selected_incident"] = target.id
        at.run()
        button(at, "Edit").click().run()
        sessions.append(at)
    ana, ben = sessions
    key = f"inc-{target.id}-0"
    ana.text_input(key=f"{key}-title").set_value("Ana's corrected title").run()
    button(ana, "Save changes").click().run()
    assert store.get(target.id).title == "Ana's corrected title"
    ben.text_input(key=f"{key}-assets").set_value("Tu-95MS, H-6K, Su-35").run()
    button(ben, "Save changes").click().run()
    # Ben is shown both versions; Ana's save stands until he chooses.
    assert any("saved by someone else" in shown(w.value) for w in ben.warning)
    assert store.get(target.id).title == "Ana's corrected title"
    button(ben, "Keep mine").click().run()
    kept = store.get(target.id)
    assert (kept.assets, kept.version) == (("Tu-95MS", "H-6K", "Su-35"), 3)
    # Ana's title is not lost: it is version 2 in the history, one click from restored.
    versions = {v.change.version: v.fields for v in store.history(target.id)}
    assert versions[2]["title"] == "Ana's corrected title"


def test_the_local_admin_adds_the_first_admin_on_the_accounts_page_then_everyone_signs_in(
    store,
):
    at = new_app().run()
    at.switch_page("ui/pages/accounts.py").run()
    assert at.title[0].value == "Accounts"
    inputs = {t.label.split(" (")[0]: t for t in at.text_input}
    inputs["Account name"].set_value("ana")
    inputs["Password"].set_value(PASSWORD)
    button(at, "Add account").click().run()
    assert any("Added ana (admin)" in shown(s.value) for s in at.success)
    # From now on the store has accounts: a new session must sign in.
    assert "Sign in" in labels(new_app().run())
    assert sign_in("ana").title[0].value == "Incident Atlas"
