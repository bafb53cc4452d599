"""The Accounts page (admins): who may use this dashboard, and with which role."""

from __future__ import annotations

import streamlit as st

from incidents.accounts import ROLES, add_account, list_accounts, set_disabled, set_role
from incidents.errors import AtlasError
from ui.auth import page_user
from ui.text import plain

st.title("Accounts")
st.caption(
    "Viewers read and export; editors also add, edit, delete and import; admins also manage "
    "accounts. The first account must be an admin. Once there is one, everyone signs in."
)
svc, user = page_user("admin", "managing accounts")

if message := st.session_state.pop("accounts_message", None):
    st.success(plain(message))
accounts = list_accounts(svc.store.engine)
st.dataframe(
    [
        {
            "Account": a.name,
            "Role": a.role,
            "Enabled": not a.disabled,
            "Since": a.created_at.date().isoformat(),
        }
        for a in accounts
    ],
    hide_index=True,
    width="stretch",
    key="accounts_table",
)


def _done(message: str) -> None:
    st.session_state["accounts_message"] = message
    st.rerun()


with st.form("add_account", clear_on_submit=True):
    st.subheader("Add an account")
    name = st.text_input("Account name (an e-mail address for single sign-on)")
    password = st.text_input("Password (at least 10 characters)", type="password")
    role = st.selectbox("Role", ROLES, index=0 if accounts else 2)
    if st.form_submit_button("Add account", type="primary"):
        try:
            added = add_account(svc.store.engine, name, password, role, by=user)
        except AtlasError as exc:
            st.error(plain(exc))
        else:
            if not accounts:  # from now on everyone signs in: this session as the new admin
                st.session_state["user"] = added.user
                _done(f"Added {added.name} ({added.role}); this session is signed in as them.")
            _done(f"Added {added.name} ({added.role}).")

if accounts:
    st.subheader("Change an account")
    names = [a.name for a in accounts]
    who = st.selectbox("Account", names, key="change_account")
    chosen = next(a for a in accounts if a.name == who)
    new_role = st.selectbox("Role", ROLES, index=ROLES.index(chosen.role), key="change_role")
    set_col, toggle_col, _ = st.columns([1, 1, 4])
    try:
        if set_col.button("Set role", key="set_role"):
            set_role(svc.store.engine, who, new_role, by=user)
            _done(f"{who} is now {new_role}.")
        label = "Enable" if chosen.disabled else "Disable"
        if toggle_col.button(label, key="toggle_account"):
            set_disabled(svc.store.engine, who, not chosen.disabled, by=user)
            _done(f"{who} is {'enabled' if chosen.disabled else 'disabled'}.")
    except AtlasError as exc:
        st.error(plain(exc))
