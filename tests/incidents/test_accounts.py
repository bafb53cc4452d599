"""Local accounts and roles: argon2 hashes in the store, and every write path checks the role."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from incidents.accounts import (
    LOCAL_ADMIN,
    User,
    add_account,
    any_accounts,
    authenticate,
    list_accounts,
    set_disabled,
    set_role,
)
from incidents.cli import cli
from incidents.errors import InputError, PermissionDenied
from incidents.store import Store
from tests.conftest import GAZETTEER as _GAZ
from tests.conftest import SEEDS

PASSWORD = "correct horse battery"


def test_passwords_are_stored_as_argon2id_hashes_and_checked(store):
    add_account(store.engine, "ana", PASSWORD, "admin", by=LOCAL_ADMIN)
    with store.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM users")).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(store.engine, "ana", PASSWORD) == User("ana", "admin")
    for name, password in (("ana", "wrong password!"), ("nobody", PASSWORD)):
        with pytest.raises(PermissionDenied, match="Wrong account name or password"):
            authenticate(store.engine, name, password)


def test_the_first_account_must_be_an_admin_and_the_last_admin_stays_one(store):
    with pytest.raises(InputError, match="first account must be an admin"):
        add_account(store.engine, "ana", PASSWORD, "editor", by=LOCAL_ADMIN)
    add_account(store.engine, "ana", PASSWORD, "admin", by=LOCAL_ADMIN)
    with pytest.raises(InputError, match="last enabled admin"):
        set_role(store.engine, "ana", "viewer", by=LOCAL_ADMIN)
    with pytest.raises(InputError, match="last enabled admin"):
        set_disabled(store.engine, "ana", True, by=LOCAL_ADMIN)
    assert [(a.name, a.role, a.disabled) for a in list_accounts(store.engine)] == [
        ("ana", "admin", False)
    ]


def test_only_an_admin_manages_accounts(store):
    add_account(store.engine, "ana", PASSWORD, "admin", by=LOCAL_ADMIN)
    ed = add_account(store.engine, "ed", PASSWORD, "editor", by=User("ana", "admin"))
    with pytest.raises(PermissionDenied, match="ed is a editor and cannot add accounts"):
        add_account(store.engine, "eve", PASSWORD, "admin", by=ed.user)
    assert [a.name for a in list_accounts(store.engine)] == ["ana", "ed"]


def test_a_disabled_account_cannot_sign_in(store):
    add_account(store.engine, "ana", PASSWORD, "admin", by=LOCAL_ADMIN)
    add_account(store.engine, "vic", PASSWORD, "viewer", by=LOCAL_ADMIN)
    set_disabled(store.engine, "vic", True, by=LOCAL_ADMIN)
    with pytest.raises(PermissionDenied):
        authenticate(store.engine, "vic", PASSWORD)
    set_disabled(store.engine, "vic", False, by=LOCAL_ADMIN)
    assert authenticate(store.engine, "vic", PASSWORD).role == "viewer"


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("", PASSWORD, "not usable"),
        ("a b", PASSWORD, "not usable"),
        ("<script>", PASSWORD, "not usable"),
        ("ana", "short", "too short"),
    ],
)
def test_unusable_names_and_short_passwords_are_refused(store, name, password, message):
    with pytest.raises(InputError, match=message):
        add_account(store.engine, name, password, "admin", by=LOCAL_ADMIN)
    assert not any_accounts(store.engine)


def _cli(db: str, *args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["--db", db, *args], input=stdin)


def test_users_commands_manage_accounts_and_never_print_hashes(tmp_path):
    db = f"sqlite:///{tmp_path / 'users.sqlite'}"
    added = _cli(db, "users", "add", "ana", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    assert added.exit_code == 0, added.output
    assert _cli(db, "users", "add", "vic", "--password-stdin", stdin=PASSWORD).exit_code == 0
    listed = _cli(db, "users", "list")
    assert "ana" in listed.output and "viewer" in listed.output and "argon2" not in listed.output
    assert "vic is now editor" in _cli(db, "users", "set-role", "vic", "editor").output
    assert "disabled" in _cli(db, "users", "disable", "vic").output
    as_json = _cli(db, "users", "list", "--json")
    assert '"disabled": true' in as_json.output and "password" not in as_json.output
    current = _cli(db, "db", "current")
    assert "2 account(s)" in current.output


def test_the_command_line_refuses_a_viewers_writes_and_names_the_editor_in_history(tmp_path):
    db = f"sqlite:///{tmp_path / 'roles.sqlite'}"
    _cli(db, "users", "add", "ana", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    _cli(db, "users", "add", "vic", "--role", "viewer", "--password-stdin", stdin=PASSWORD)
    _cli(db, "users", "add", "ed", "--role", "editor", "--password-stdin", stdin=PASSWORD)
    demo = str(SEEDS / "demo_incidents.csv")
    refused = _cli(db, "--user", "vic", "import", demo)
    assert refused.exit_code == 1
    assert "vic is a viewer and cannot import files" in refused.output
    assert "vic is a viewer" in _cli(db, "--user", "vic", "ingest", str(SEEDS)).output
    assert "vic is a viewer" in _cli(db, "--user", "vic", "users", "list").output
    store = Store(db, _GAZ)
    assert store.count() == 0
    assert _cli(db, "--user", "ed", "import", demo).exit_code == 0
    first = store.select_ids()[-1]
    assert store.history(first)[0].change.user == "ed"
    assert "vic is a viewer" in _cli(db, "--user", "vic", "merge", str(first), "2").output
    assert "vic is a viewer" in _cli(db, "--user", "vic", "restore", str(first), "1").output
    assert "No enabled account named 'mallory'" in _cli(db, "--user", "mallory", "list").output
    store.dispose()
