"""Incidents as map items: what the popup says and how a marker looks."""

from __future__ import annotations

from collections.abc import Sequence

from geo.draw import MapItem
from incidents.model import Incident
from incidents.vocabulary import EVENT_TYPES, country_name

__all__ = ["ACTOR_PALETTE", "EVENT_COLOURS", "legend", "to_map_items"]

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


#: Colours for actors, given out in order of how often each country acts.
ACTOR_PALETTE = (
    "#e41a1c",
    "#377eb8",
    "#4daf4a",
    "#984ea3",
    "#ff7f00",
    "#a65628",
    "#f781bf",
    "#17becf",
    "#bcbd22",
)
_JOINT = "#222222"
_OTHER = "#999999"


def _actor_colours(incidents: Sequence[Incident]) -> dict[str, str]:
    frequency: dict[str, int] = {}
    for inc in incidents:
        for code in inc.actors:
            frequency[code] = frequency.get(code, 0) + 1
    ranked = sorted(frequency, key=lambda c: (-frequency[c], c))
    return dict(zip(ranked, ACTOR_PALETTE, strict=False))


def _colour(inc: Incident, colour_by: str, actors: dict[str, str]) -> str:
    if colour_by == "actor":
        if len(inc.actors) > 1:
            return _JOINT
        return actors.get(inc.actors[0], _OTHER) if inc.actors else _OTHER
    return EVENT_COLOURS.get(inc.event_type, _OTHER)


def legend(incidents: Sequence[Incident], colour_by: str = "type") -> list[tuple[str, str]]:
    """(label, colour) rows for what the markers' colours mean."""
    if colour_by == "actor":
        actors = _actor_colours(incidents)
        rows = [(country_name(c), colour) for c, colour in actors.items()]
        if any(len(i.actors) > 1 for i in incidents):
            rows.append(("joint (several actors)", _JOINT))
        if any(i.actors and i.actors[0] not in actors for i in incidents if len(i.actors) == 1):
            rows.append(("other", _OTHER))
        return rows
    present = {i.event_type for i in incidents}
    return [(t.replace("_", " "), c) for t, c in EVENT_COLOURS.items() if t in present]


def to_map_items(incidents: Sequence[Incident], colour_by: str = "type") -> list[MapItem]:
    """One map item per incident, with its regions and a plain-text popup."""
    actors = _actor_colours(incidents)
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
                colour=_colour(inc, colour_by, actors),
            )
        )
    return items
