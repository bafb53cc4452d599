"""Who the browser session acts as: login, the role's pages, and the read-only rule.

- With no accounts in the store, on a loopback address: the person at this
  machine, as local admin (one analyst, as before accounts existed).
- With no accounts, served on any other address: everyone is a viewer, and
  the page says why; an admin adds accounts with ``incidents users add``.
- With accounts: a login form (argon2-checked by :mod:`incidents.accounts`),
  or single sign-on through Streamlit's OpenID Connect login when ``[auth]``
  is configured in ``.streamlit/secrets.toml``; the account named by the
  signed-in e-mail address gives the role, and anyone else may only view.
"""

from __future__ import annotations

import ipaddress

import streamlit as st

from incidents.accounts import (
    LOCAL_ADMIN,
    Permission,
    User,
    any_accounts,
    authenticate,
    user_named,
)
from incidents.errors import AtlasError, PermissionDenied
from ui.services import Services, services
from ui.text import plain

__all__ = ["READ_ONLY_REASON", "page_user", "require", "session_user", "sign_out_control"]

#: Shown on every page when a server reachable from other machines has no accounts.
READ_ONLY_REASON = (
    "Read-only: this dashboard is served on {address}, reachable from other machines, and "
    "its store has no accounts yet. An administrator adds them with "
    "`incidents users add NAME --role editor`; until then nobody can change incidents here."
)
_ANONYMOUS = User("anonymous", "viewer")


def served_on_loopback() -> bool:
    """Whether the server listens on this machine only (``server.address``)."""
    address = str(st.get_option("server.address") or "0.0.0.0")
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, OSError):
        return False


def session_user(svc: Services) -> User:
    """The user of this browser session; draws the login form and stops if nobody is signed in."""
    signed_in: User | None = st.session_state.get("user")
    if signed_in is not None:
        try:  # an admin may have changed the role or disabled the account since
            fresh = user_named(svc.store.engine, signed_in.name)
        except PermissionDenied:
            st.session_state.pop("user", None)
        else:
            st.session_state["user"] = fresh
            return fresh
    if not any_accounts(svc.store.engine):
        if served_on_loopback():
            return LOCAL_ADMIN
        address = str(st.get_option("server.address") or "every interface")
        st.info(READ_ONLY_REASON.format(address=address), icon=":material/lock:")
        return _ANONYMOUS
    if _sso_configured() and st.user.is_logged_in:
        email = str(st.user.get("email") or "")
        try:
            user = user_named(svc.store.engine, email)
        except PermissionDenied:
            user = User(email or "unknown", "viewer")
        st.session_state["user"] = user
        return user
    _login_form(svc)
    st.stop()
    raise AssertionError("st.stop() returns only under test")  # pragma: no cover


def _login_form(svc: Services) -> None:
    st.title("Incident Atlas")
    with st.form("login", border=True):
        st.subheader("Sign in")
        name = st.text_input("Account", key="login_name")
        password = st.text_input("Password", type="password", key="login_password")
        if st.form_submit_button("Sign in", type="primary"):
            try:
                st.session_state["user"] = authenticate(svc.store.engine, name, password)
            except PermissionDenied as exc:
                st.error(plain(exc))
            else:
                st.rerun()
    if _sso_configured():
        st.button("Sign in with single sign-on", on_click=st.login, key="login_sso")


def page_user(permission: Permission, what: str) -> tuple[Services, User]:
    """A page's services and user; the page stops with a message if the role may not ``what``."""
    try:
        svc = services()
        user = session_user(svc)
    except AtlasError as exc:
        st.error(plain(exc))
        st.stop()
        raise AssertionError("st.stop() returns only under test") from exc  # pragma: no cover
    require(user, permission, what)
    return svc, user


def require(user: User, permission: Permission, what: str) -> None:
    """Stop the page with a message unless ``user`` may ``permission`` (reached by URL)."""
    if not user.can(permission):
        st.error(
            f"{user.name} is a {user.role}: {what} needs a role that may {permission}. "
            "Ask an administrator to change your role."
        )
        st.page_link("ui/pages/map.py", label="Back to the map", icon=":material/map:")
        st.stop()


def sign_out_control(user: User) -> None:
    """The signed-in name and role in the sidebar, with a sign-out button."""
    if user in (LOCAL_ADMIN, _ANONYMOUS):
        return
    st.sidebar.caption(f"Signed in as **{plain(user.name)}** ({user.role})")
    if st.sidebar.button("Sign out", key="sign_out"):
        st.session_state.pop("user", None)
        if _sso_configured() and st.user.is_logged_in:
            st.logout()
        st.rerun()
