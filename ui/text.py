"""Text from data, files and URLs, shown as text in the dashboard.

Streamlit renders the strings given to ``st.title``, ``st.caption``,
``st.error`` and ``st.markdown`` as Markdown. A title such as
``![x](http://host/a.png)`` would make every visitor's browser fetch that
image from another host, and ``[Session expired](http://host)`` in an error
would plant a live link. Two ways out, one per kind of place:

- :func:`html_text` for the incident's own words (the detail panel): escaped
  HTML given to ``st.html``, so the text is shown exactly as stored;
- :func:`plain` for data inside Streamlit's Markdown elements (captions,
  errors): every ASCII punctuation mark is backslash-escaped, which CommonMark
  defines as "this character, literally", so no image, link, heading,
  emphasis, HTML or formula survives. Bare web addresses would still be turned
  into links after parsing, so a zero-width space after their scheme, ``www``
  or ``@`` keeps them text.
"""

from __future__ import annotations

import html
import re
import string

__all__ = ["html_text", "plain"]

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_AUTOLINK = re.compile(r"(?i)(\b(?:https?|ftp)(?=://)|\bwww(?=\.)|@)")
_ZWSP = "\u200b"


def plain(text: object) -> str:
    """``text`` as Markdown that shows these characters and links nowhere."""
    broken = _AUTOLINK.sub(lambda m: m.group(1) + _ZWSP, str(text))
    return _PUNCTUATION.sub(r"\\\1", broken)


def html_text(text: object) -> str:
    """``text`` escaped for ``st.html``: shown exactly, never markup."""
    return html.escape(str(text), quote=True)
