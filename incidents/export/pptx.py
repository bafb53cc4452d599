"""Briefing slides (python-pptx, the ``pptx`` extra): title, map, table, incidents, sources.

The deck is 16:9. Every slide carries the classification banner at top and
bottom when one is set. Pictures are rendered beforehand (see
:mod:`incidents.export.png`) and passed in, so this module only lays out.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo._compat import import_optional
from incidents.display import incident_row
from incidents.focus import focus_of
from incidents.model import Incident, Source
from incidents.vocabulary import country_list, event_type_label

__all__ = ["TABLE_COLUMNS", "TABLE_ROWS_PER_SLIDE", "Deck", "write_pptx"]

#: ``#`` is the incident's number, as on the map's markers and in the dashboard's table.
TABLE_COLUMNS = ("#", "Date", "Type", "Actors", "Responders", "Where", "Source")
TABLE_ROWS_PER_SLIDE = 12
_WIDTH_IN, _HEIGHT_IN = 13.333, 7.5


@dataclass(frozen=True)
class Deck:
    """What goes into the deck besides the incidents."""

    title: str
    subtitle: str
    generated: dt.datetime
    map_png: bytes | None = None
    #: Incident id -> its own map, for one slide per incident (empty: no such slides).
    incident_pngs: Mapping[int, bytes] = field(default_factory=dict)
    banner: str = ""
    banner_colour: str = "#007a33"


def write_pptx(incidents: Sequence[Incident], deck: Deck, out: Path) -> None:
    """Write the briefing deck for ``incidents`` to ``out``."""
    pptx = import_optional("pptx", "pptx", "Exporting slides")
    from pptx.util import Inches, Pt

    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = Inches(_WIDTH_IN), Inches(_HEIGHT_IN)
    blank = prs.slide_layouts[6]
    layout = _Layout(prs, blank, deck, Inches, Pt)

    slide = layout.new()
    layout.text(slide, deck.title, top=2.3, size=40, bold=True)
    layout.text(slide, deck.subtitle, top=3.5, size=22)
    layout.text(
        slide,
        f"Generated {deck.generated.strftime('%d %b %Y %H:%M')} UTC · Incident Atlas",
        top=4.3,
        size=14,
    )

    if deck.map_png:
        slide = layout.new()
        layout.heading(slide, deck.title)
        layout.picture(slide, deck.map_png, left=0.4, top=1.25, width=_WIDTH_IN - 0.8, height=5.6)

    sources = _numbered_sources(incidents)
    for first in range(0, len(incidents), TABLE_ROWS_PER_SLIDE):
        chunk = incidents[first : first + TABLE_ROWS_PER_SLIDE]
        slide = layout.new()
        pages = (len(incidents) - 1) // TABLE_ROWS_PER_SLIDE + 1
        page = first // TABLE_ROWS_PER_SLIDE + 1
        layout.heading(slide, "Incidents" + (f" ({page} of {pages})" if pages > 1 else ""))
        rows = [_row(inc, sources) for inc in chunk]
        layout.table(slide, TABLE_COLUMNS, rows)

    for incident in incidents:
        png = deck.incident_pngs.get(incident.id or -1)
        if png is None:
            continue
        slide = layout.new()
        layout.heading(slide, f"#{incident.id} · {incident.title}")
        layout.picture(slide, png, left=0.4, top=1.3, width=7.6, height=5.4)
        lines = [
            f"{incident.date_label()} · {event_type_label(incident.event_type)}",
            "Actors: " + country_list(incident.actors),
            "Responders: " + country_list(incident.responders),
            "Assets: " + (", ".join(incident.assets) or "—"),
            "Where: " + (", ".join(loc.name for loc in focus_of(incident)) or "—"),
            "Around: "
            + (", ".join(loc.name for loc in incident.locations if loc.role == "context") or "—"),
        ]
        lines += [f"“{e.text}” ({e.field.replace('_', ' ')})" for e in incident.evidence[:6]]
        layout.text(slide, "\n".join(lines), top=1.3, size=13, left=8.2, width=4.8, height=5.4)

    slide = layout.new()
    layout.heading(slide, "Sources")
    listing = [f"[{n}] {_source_line(s)}" for s, n in sources.items()] or ["No sources recorded."]
    layout.text(slide, "\n".join(listing[:30]), top=1.3, size=12, height=5.6)
    if len(listing) > 30:
        layout.text(slide, f"… and {len(listing) - 30} more in the data export.", top=6.8, size=12)

    buffer = io.BytesIO()
    prs.save(buffer)
    out.write_bytes(buffer.getvalue())


class _Layout:
    """Slides with the banner, and the few shapes a briefing needs."""

    def __init__(self, prs: Any, blank: Any, deck: Deck, inches: Any, pt: Any) -> None:
        self.prs, self.blank, self.deck, self.inches, self.pt = prs, blank, deck, inches, pt

    def new(self) -> Any:
        slide = self.prs.slides.add_slide(self.blank)
        if self.deck.banner:
            for top in (0.0, _HEIGHT_IN - 0.35):
                self._banner(slide, top)
        return slide

    def _banner(self, slide: Any, top: float) -> None:
        from pptx.dml.color import RGBColor
        from pptx.enum.text import PP_ALIGN

        box = slide.shapes.add_textbox(
            self.inches(0), self.inches(top), self.inches(_WIDTH_IN), self.inches(0.35)
        )
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(self.deck.banner_colour.lstrip("#"))  # type: ignore[no-untyped-call]
        para = box.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.CENTER
        run = para.add_run()
        run.text = self.deck.banner
        run.font.bold, run.font.size = True, self.pt(14)
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)  # type: ignore[no-untyped-call]

    def heading(self, slide: Any, text: str) -> None:
        self.text(slide, text, top=0.45, size=26, bold=True, height=0.8)

    def text(
        self,
        slide: Any,
        text: str,
        *,
        top: float,
        size: int,
        bold: bool = False,
        left: float = 0.5,
        width: float = _WIDTH_IN - 1.0,
        height: float = 0.9,
    ) -> None:
        box = slide.shapes.add_textbox(
            self.inches(left), self.inches(top), self.inches(width), self.inches(height)
        )
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(text.split("\n")):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = line
            run.font.size, run.font.bold = self.pt(size), bold

    def picture(
        self, slide: Any, png: bytes, *, left: float, top: float, width: float, height: float
    ) -> None:
        from PIL import Image

        w, h = Image.open(io.BytesIO(png)).size
        fit = min(width / w, height / h)  # keep the picture's proportions
        slide.shapes.add_picture(
            io.BytesIO(png),
            self.inches(left + (width - w * fit) / 2),
            self.inches(top),
            self.inches(w * fit),
            self.inches(h * fit),
        )

    def table(self, slide: Any, columns: Sequence[str], rows: list[list[str]]) -> None:
        shape = slide.shapes.add_table(
            len(rows) + 1,
            len(columns),
            self.inches(0.4),
            self.inches(1.3),
            self.inches(_WIDTH_IN - 0.8),
            self.inches(0.4 * (len(rows) + 1)),
        )
        table = shape.table
        widths = (0.7, 1.4, 1.6, 2.0, 2.0, 2.6, 2.23)
        for i, w in enumerate(widths):
            table.columns[i].width = self.inches(w)
        for c, name in enumerate(columns):
            table.cell(0, c).text = name
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                cell.text = value
                for para in cell.text_frame.paragraphs:
                    for run in para.runs:
                        run.font.size = self.pt(11)


def _numbered_sources(incidents: Sequence[Incident]) -> dict[Source, int]:
    numbered: dict[Source, int] = {}
    for inc in incidents:
        for source in inc.sources:
            numbered.setdefault(source, len(numbered) + 1)
    return numbered


def _row(incident: Incident, sources: Mapping[Source, int]) -> list[str]:
    row = incident_row(incident)
    return [
        *(row[k] for k in ("#", "Date", "Type", "Actors", "Responders", "Where")),
        " ".join(f"[{sources[s]}]" for s in incident.sources) or "—",
    ]


def _source_line(source: Source) -> str:
    parts = [source.publisher or "", source.published.isoformat() if source.published else ""]
    where = source.url or source.path or ""
    return " · ".join(p for p in (*parts, where) if p)
