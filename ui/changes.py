"""Hand edits in this browser session: saving through an UndoStack, and the undo bar."""

from __future__ import annotations

import streamlit as st

from incidents.accounts import User
from incidents.errors import AtlasError
from incidents.undo import UndoStack
from ui.services import Services
from ui.text import plain


def session_undo() -> UndoStack:
    """The undoable changes made in this browser session."""
    stack: UndoStack = st.session_state.setdefault("undo_stack", UndoStack())
    return stack


def flash(message: str) -> None:
    """Show ``message`` once, on the next page drawn (after a save or undo)."""
    st.session_state["saved_message"] = message


def show_flash() -> None:
    """The message left by the last save or undo, if any."""
    if message := st.session_state.pop("saved_message", None):
        st.success(plain(message))


def undo_bar(svc: Services, user: User) -> None:
    """The newest change of this session in words, with a button that takes it back."""
    change = session_undo().last
    if change is None or not user.can("edit"):
        return
    with st.container(border=True, key="undo_bar"):
        text, button = st.columns([8, 1], vertical_alignment="center")
        text.text(f"Last change: {change.describe()}")
        if button.button("Undo", key="undo", icon=":material/undo:"):
            try:
                undone = session_undo().undo(svc.store, by=user)
            except AtlasError as exc:
                st.error(f"Could not undo: {plain(exc)}")
                return
            flash(f"Undone: {undone.describe()}")
            st.rerun()
