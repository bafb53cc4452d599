"""Hand edits in this browser session: saving through a History, and the undo bar."""

from __future__ import annotations

import streamlit as st

from incidents.errors import AtlasError
from incidents.history import History
from ui.services import Services
from ui.text import plain


def session_history() -> History:
    """The undoable changes made in this browser session."""
    history: History = st.session_state.setdefault("history", History())
    return history


def flash(message: str) -> None:
    """Show ``message`` once, on the next page drawn (after a save or undo)."""
    st.session_state["saved_message"] = message


def show_flash() -> None:
    """The message left by the last save or undo, if any."""
    if message := st.session_state.pop("saved_message", None):
        st.success(plain(message))


def undo_bar(svc: Services) -> None:
    """The newest change of this session in words, with a button that takes it back."""
    change = session_history().last
    if change is None:
        return
    with st.container(border=True, key="undo_bar"):
        text, button = st.columns([8, 1], vertical_alignment="center")
        text.text(f"Last change: {change.describe()}")
        if button.button("Undo", key="undo", icon=":material/undo:"):
            try:
                undone = session_history().undo(svc.store)
            except AtlasError as exc:
                st.error(f"Could not undo: {plain(exc)}")
                return
            flash(f"Undone: {undone.describe()}")
            st.rerun()
