"""What a reader sees of the elements ``streamlit.testing`` hands back raw."""

from __future__ import annotations

import html
import re
from typing import Any


def shown(markdown: str) -> str:
    """The text of a Markdown string the app escaped with ``ui.text.plain``."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")


def detail_title(at: Any) -> str | None:
    """The open detail panel's title, or ``None`` when no panel is open."""
    for element in at.get("html"):
        found = re.search(r"<h3 class='atlas-title'>(.*?)</h3>", element.proto.body, re.S)
        if found:
            return html.unescape(found.group(1))
    return None
