"""Incidents as map items: what the popup says and how a marker looks."""

from __future__ import annotations

from collections.abc import Sequence

from geo.draw import MapItem
from incidents.model import Incident
from incidents.vocabulary import EVENT_TYPES, country_name

__all__ = ["EVENT_COLOURS", "to_map_items"]

#: One colour per event type (colour-blind-safe where the palette allows).
EVENT_COLOURS: dict[str, str] = dict(
    zip(
        EVENT_TYPES,
        (
            "#d62728",
            "#1f77b4",
            "#9467bd",
            "#ff7f0e",
            "#17becf",
            "#2ca02c",
            "#8c564b",
            "#e377c2",
            "#7f7f7f",
            "#bcbd22",
            "#393b79",
        ),
        strict=True,
    )
)


def _names(codes: Sequence[str]) -> str:
    return ", ".join(country_name(c) for c in codes) or "—"


def to_map_items(incidents: Sequence[Incident]) -> list[MapItem]:
    """One map item per incident, with its regions and a plain-text popup."""
    items = []
    for inc in incidents:
        sources = "; ".join(s.url or s.label() for s in inc.sources) or "—"
        items.append(
            MapItem(
                key=str(inc.id),
                label=inc.title,
                rows=[
                    ("Date", inc.date_label()),
                    ("Type", inc.event_type.replace("_", " ")),
                    ("Actors", _names(inc.actors)),
                    ("Responders", _names(inc.responders)),
                    ("Assets", ", ".join(inc.assets) or "—"),
                    ("Regions", ", ".join(loc.name for loc in inc.locations) or "—"),
                    ("Source", sources),
                ],
                geometries=[loc.geometry for loc in inc.locations],
                colour=EVENT_COLOURS.get(inc.event_type, "#c0392b"),
            )
        )
    return items
