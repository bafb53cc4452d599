"""How an incident reads in a listing: the one row shared by tables, popups and slides."""

from __future__ import annotations

from incidents.focus import focus_of
from incidents.model import Incident
from incidents.vocabulary import country_list, event_type_label

__all__ = ["incident_row"]


def incident_row(incident: Incident) -> dict[str, str]:
    """Number, date, title, type, actors, responders, assets and where it happened, as text.

    The dashboard's table shows every column, a map popup the date, type and
    actors, a slide's table the columns that fit; each picks from this one row.
    """
    return {
        "#": str(incident.id or ""),
        "Date": incident.date_label(),
        "Title": incident.title,
        "Type": event_type_label(incident.event_type),
        "Actors": country_list(incident.actors),
        "Responders": country_list(incident.responders),
        "Assets": ", ".join(incident.assets) or "—",
        "Where": ", ".join(loc.name for loc in focus_of(incident)) or "—",
    }
