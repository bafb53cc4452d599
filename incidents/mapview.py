"""Incidents as map items: what the popup says and how a marker looks."""

from __future__ import annotations

from collections.abc import Sequence

from geo.gazetteer import Feature, Gazetteer
from geo.overlay import AggregateLayer, MapItem, OverlayLayer
from incidents.display import incident_row
from incidents.focus import focus_of, is_vague
from incidents.model import Incident, Location
from incidents.tally import MapSummary
from incidents.vocabulary import EVENT_TYPES, country_name, event_type_label

__all__ = [
    "ACTOR_PALETTE",
    "CHOROPLETH_KINDS",
    "EVENT_COLOURS",
    "KEY_ROWS",
    "key_rows",
    "legend",
    "overlay_layer",
    "to_map_items",
]

#: Regions shaded when matches are aggregated: seas, straits and zones, not
#: oceans or countries, which would cover everything.
CHOROPLETH_KINDS = ("sea", "gulf", "bay", "strait", "channel", "adiz")

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
    return [(event_type_label(t), c) for t, c in EVENT_COLOURS.items() if t in present]


#: A picture lists its incidents beside the map when there are at most this many.
KEY_ROWS = 8


def key_rows(
    incidents: Sequence[Incident], colour_by: str = "type"
) -> tuple[tuple[str, str, str], ...]:
    """The picture's table: (the number its marker shows, the marker's colour, a line of text).

    The number is the incident's id, as in the dashboard's ``#`` column and on
    the slides. Empty when there are more incidents than :data:`KEY_ROWS`.
    """
    if len(incidents) > KEY_ROWS:
        return ()
    actors = _actor_colours(incidents)
    return tuple(
        (str(inc.id), _colour(inc, colour_by, actors), f"{inc.date_label()} · {inc.title}")
        for inc in incidents
    )


def _region_ref(loc: Location, gazetteer: Gazetteer) -> Feature | None:
    """The gazetteer region a location is exactly (the same shape object), if any."""
    feature = gazetteer.by_id.get(loc.feature_id) if loc.feature_id else None
    return feature if feature is not None and feature.geometry is loc.geometry else None


def to_map_items(
    incidents: Sequence[Incident], gazetteer: Gazetteer, colour_by: str = "type"
) -> list[MapItem]:
    """One map item per incident: its focus filled, its context outlined, a line of text.

    Regions travel by reference to the static base map; the marker sits on the focus.
    """
    actors = _actor_colours(incidents)
    items = []
    for inc in incidents:
        focus = focus_of(inc)
        context = [loc for loc in inc.locations if loc not in focus]
        items.append(
            MapItem(
                key=str(inc.id),
                label=inc.title,
                detail=" · ".join(incident_row(inc)[k] for k in ("Date", "Type", "Actors")),
                geometries=[loc.geometry for loc in focus],
                refs=[_region_ref(loc, gazetteer) for loc in focus],
                colour=_colour(inc, colour_by, actors),
                context=[loc.geometry for loc in context],
                context_refs=[_region_ref(loc, gazetteer) for loc in context],
                names=[loc.name for loc in (*focus, *context)],
                faint=[is_vague(loc, gazetteer) for loc in focus],  # context is never filled
            )
        )
    return items


def overlay_layer(
    result: MapSummary,
    gazetteer: Gazetteer,
    selected: int | None = None,
    colour_by: str = "type",
) -> OverlayLayer | AggregateLayer:
    """The overlay for a result: each incident when all fit, counts otherwise.

    The dashboard and the picture export draw the same layer, so a briefing
    picture shows what the analyst saw.
    """
    if result.complete:
        return OverlayLayer(
            to_map_items(result.incidents, gazetteer, colour_by),
            selected=str(selected) if selected is not None else None,
            legend=legend(result.incidents, colour_by),
            title="Actor" if colour_by == "actor" else "Event type",
        )
    cells = [
        (c.lon, c.lat, c.count, EVENT_COLOURS[max(c.by_type, key=c.by_type.__getitem__)])
        for c in result.cells
    ]
    present = {t for c in result.cells for t in c.by_type}
    legend_rows = [
        (event_type_label(t), colour) for t, colour in EVENT_COLOURS.items() if t in present
    ]
    return AggregateLayer(
        result.region_counts,
        cells,
        kinds=CHOROPLETH_KINDS,
        legend=legend_rows,
        title="Most frequent type",
    )
