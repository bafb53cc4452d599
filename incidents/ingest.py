"""Save extracted incidents, merging repeated reports of the same event.

Event databases built from news count reports rather than events unless
repeated reports are merged. A new draft is the same incident as a stored
one when they share actors and event type, their dates are within a day,
and their regions overlap; the new report is then added as another source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from geo.gazetteer import Gazetteer
from incidents.errors import AtlasError, InputError
from incidents.extract import extract, read_article
from incidents.filters import Filter
from incidents.imports import read_import, rows_of
from incidents.model import Evidence, Incident
from incidents.query import run
from incidents.store import Store

__all__ = [
    "IngestReport",
    "article_paths",
    "find_duplicate",
    "ingest_files",
    "ingest_incidents",
    "merge",
    "merge_by_hand",
    "seed_if_empty",
    "split_source",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
#: Structured incident files a seeds folder may hold next to its articles.
DATA_SUFFIXES = (".csv", ".geojson")


@dataclass
class IngestReport:
    """What an ingest did: ids created, ids merged into, files skipped and why."""

    created: list[int] = field(default_factory=list)
    merged: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    no_incident: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report in words, one line per outcome."""
        out = [
            f"created {len(self.created)} incident(s)"
            + (f": {_ids(self.created)}" if self.created else "")
        ]
        if self.merged:
            out.append(f"merged into {len(self.merged)} existing incident(s): {_ids(self.merged)}")
        if self.unchanged:
            out.append(f"already stored from the same source: {_ids(self.unchanged)}")
        out.extend(f"no incident found in {p}" for p in self.no_incident)
        out.extend(f"skipped: {e}" for e in self.errors)
        return out


def _ids(ids: list[int]) -> str:
    return ", ".join(f"#{i}" for i in ids)


def article_paths(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the article files they hold, sorted by name."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(c for c in p.iterdir() if c.suffix.lower() in ARTICLE_SUFFIXES))
        else:
            out.append(p)
    return out


def ingest_files(
    store: Store,
    paths: Iterable[Path],
    *,
    gazetteer: Gazetteer | None = None,
    published: dt.date | None = None,
) -> IngestReport:
    """Extract, de-duplicate and save the incidents of each file.

    A file that cannot be read is reported and skipped; the others are saved.
    """
    report = IngestReport()
    for path in article_paths(paths):
        try:
            drafts = extract(read_article(path, published), gazetteer=gazetteer)
        except AtlasError as exc:
            report.errors.append(str(exc))
            continue
        if not drafts:
            report.no_incident.append(str(path))
            continue
        ingest_incidents(store, drafts, report)
    return report


def ingest_incidents(
    store: Store, drafts: Iterable[Incident], report: IngestReport | None = None
) -> IngestReport:
    """Save drafts, merging each into a stored duplicate when there is one."""
    report = report or IngestReport()
    for draft in drafts:
        twin = find_duplicate(store, draft)
        if twin is None:
            report.created.append(_require_id(store.add(draft)))
        elif any(s in twin.sources for s in draft.sources):
            report.unchanged.append(_require_id(twin))
        else:
            store.update(merge(twin, draft))
            report.merged.append(_require_id(twin))
    return report


def _require_id(incident: Incident) -> int:
    assert incident.id is not None
    return incident.id


def find_duplicate(store: Store, draft: Incident) -> Incident | None:
    """A stored incident that reports the same event as ``draft``, if any."""
    window = Filter(
        start=draft.start_date - dt.timedelta(days=1),
        end=draft.last_date + dt.timedelta(days=1),
        countries=frozenset(draft.actors),
    )
    for stored in run(store, window).incidents:
        if _same_event(stored, draft):
            return stored
    return None


def _same_event(a: Incident, b: Incident) -> bool:
    if set(a.actors) != set(b.actors) or a.event_type != b.event_type:
        return False
    # A bomber patrol "on Wednesday" and a naval patrol "earlier this month"
    # are different events, however close their dates.
    if a.date_precision != b.date_precision:
        return False
    if a.date_precision == "day" and abs((a.start_date - b.start_date).days) > 1:
        return False
    if a.date_precision != "day" and a.start_date != b.start_date:
        return False
    ids_a = {loc.feature_id for loc in a.locations if loc.feature_id}
    ids_b = {loc.feature_id for loc in b.locations if loc.feature_id}
    if ids_a & ids_b:
        return True
    return any(la.geometry.intersects(lb.geometry) for la in a.locations for lb in b.locations)


def merge(stored: Incident, new: Incident) -> Incident:
    """``stored`` with ``new``'s sources, evidence and any fields it adds."""
    offset = len(stored.sources)
    evidence = stored.evidence + tuple(
        Evidence(e.field, e.text, e.start, e.end, e.source + offset) for e in new.evidence
    )
    known = {loc.feature_id or loc.name for loc in stored.locations}
    return replace(
        stored,
        sources=stored.sources + new.sources,
        evidence=evidence,
        responders=stored.responders
        + tuple(c for c in new.responders if c not in stored.responders),
        assets=stored.assets + tuple(a for a in new.assets if a not in stored.assets),
        locations=stored.locations
        + tuple(loc for loc in new.locations if (loc.feature_id or loc.name) not in known),
        confidence=min(0.99, max(stored.confidence, new.confidence) + 0.05),
    )


def merge_by_hand(store: Store, keep: int, others: Iterable[int]) -> Incident:
    """Fold incidents ``others`` into ``keep``: their sources, evidence and details."""
    merged = store.get(keep)
    other_ids = [i for i in dict.fromkeys(others) if i != keep]
    if not other_ids:
        raise InputError("Name at least one other incident to merge into the first.")
    found = store.load(other_ids)
    missing = set(other_ids) - {i.id for i in found}
    if missing:
        raise InputError(f"No incident with id {', '.join(map(str, sorted(missing)))}.")
    for other in found:
        merged = merge(merged, other)
    store.apply(update=[merged], delete=other_ids)
    return store.get(keep)


def split_source(store: Store, incident_id: int, source: int) -> tuple[Incident, Incident]:
    """Move one source (and the evidence quoting it) of an incident into a new incident."""
    incident = store.get(incident_id)
    if len(incident.sources) < 2:
        raise InputError(f"Incident #{incident_id} has one source; there is nothing to split off.")
    if not 0 <= source < len(incident.sources):
        raise InputError(
            f"Incident #{incident_id} has sources 0..{len(incident.sources) - 1}; got {source}."
        )
    keep_sources = tuple(s for i, s in enumerate(incident.sources) if i != source)
    renumber = {
        old: new for new, old in enumerate(i for i in range(len(incident.sources)) if i != source)
    }
    kept = replace(
        incident,
        sources=keep_sources,
        evidence=tuple(
            Evidence(e.field, e.text, e.start, e.end, renumber[e.source])
            for e in incident.evidence
            if e.source != source
        ),
    )
    split_off = replace(
        incident,
        id=None,
        sources=(incident.sources[source],),
        evidence=tuple(
            Evidence(e.field, e.text, e.start, e.end, 0)
            for e in incident.evidence
            if e.source == source
        ),
    )
    (new,) = store.apply(update=[kept], add=[split_off])
    return store.get(incident_id), new


def seed_if_empty(
    store: Store, seeds_dir: Path, *, gazetteer: Gazetteer | None = None
) -> IngestReport | None:
    """On first start, fill an empty store from ``seeds_dir``.

    Articles are extracted as by ``incidents ingest``; CSV and GeoJSON files
    (the demo dataset) are imported as by ``incidents import``. A bad row or
    file is reported in ``errors`` and the rest is still saved.
    """
    if store.count() > 0 or not seeds_dir.is_dir():
        return None
    report = ingest_files(store, [seeds_dir], gazetteer=gazetteer)
    for path in sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in DATA_SUFFIXES):
        try:
            rows = read_import(path.read_bytes(), path.name)
        except AtlasError as exc:
            report.errors.append(str(exc))
            continue
        report.errors.extend(f"{path.name}, {problem}" for problem in rows.problems)
        ingest_incidents(store, rows_of(rows), report)
    return report
