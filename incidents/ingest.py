"""Save extracted incidents, merging repeated reports of the same event.

Event databases built from news count reports rather than events unless
repeated reports are merged. A new draft is the same incident as a stored
one when they share actors and event type, their dates are within a day,
and their regions overlap; the new report is then added as another source.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.engine import Connection

from geo.gazetteer import Gazetteer
from incidents.accounts import SEEDER, User
from incidents.bulk import bulk
from incidents.dedupe import DuplicateIndex, Seen
from incidents.errors import AtlasError, InputError
from incidents.formats import (
    MAX_IMPORT_BYTES,
    ImportReport,
    RowProblem,
    read_bytes,
    read_path,
    rows_of,
)
from incidents.model import Evidence, Incident
from incidents.store import Store

__all__ = [
    "BULK_WRITE",
    "FileImport",
    "IngestReport",
    "Progress",
    "article_paths",
    "find_duplicate",
    "import_file",
    "ingest_files",
    "ingest_incidents",
    "merge",
    "merge_by_hand",
    "seed_if_empty",
    "split_source",
]

#: Told (step, done, total) while a long import runs; the CLI and the app show it.
Progress = Callable[[str, int, int], None]

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


def _ids(ids: list[int], shown: int = 20) -> str:
    """Ids as #n, the first ``shown`` of them: a 100,000-row import is not a wall of numbers."""
    text = ", ".join(f"#{i}" for i in ids[:shown])
    return text + (f" … and {len(ids) - shown:,} more" if len(ids) > shown else "")


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
    by: User,
    published: dt.date | None = None,
) -> IngestReport:
    """Extract, de-duplicate and save the incidents of each file, as ``by``.

    A file that cannot be read is reported and skipped; the others are saved.
    """
    # Extraction loads its word lists: imported here, a file import does not wait for them.
    from incidents.extract import extract, read_article

    by.require("edit", "add incidents")
    report = IngestReport()
    for path in article_paths(paths):
        try:
            drafts = extract(read_article(path, published), gazetteer=store.gazetteer)
        except AtlasError as exc:
            report.errors.append(str(exc))
            continue
        if not drafts:
            report.no_incident.append(str(path))
            continue
        ingest_incidents(store, drafts, report, by=by, note=f"from {path.name}")
    return report


@bulk
def ingest_incidents(
    store: Store,
    drafts: Iterable[Incident],
    report: IngestReport | None = None,
    *,
    by: User,
    note: str = "",
    progress: Progress | None = None,
    within: Connection | None = None,
    seen: Seen | None = None,
) -> IngestReport:
    """Save drafts in one transaction, merging each into the incident it repeats.

    A draft that repeats a stored incident, or one saved earlier in the same
    batch, is merged into it as another source. A draft that adds nothing
    (its sources, title and summary already there) is reported as unchanged,
    so importing the same file twice changes nothing. ``progress`` hears
    (what is being done, how far, out of how many) along the way. ``within``
    is a transaction from ``Store.writing`` to join (a file imported in batches),
    and ``seen`` what the file's earlier batches read and saved. The audit
    trail names ``by`` and ``note`` (e.g. the file) for every incident saved.
    """
    report = report or IngestReport()
    drafts = list(drafts)
    # Read and written in one locked transaction: a second import waits, then sees these rows.
    with contextlib.nullcontext(within) if within is not None else store.writing() as conn:
        # What earlier batches saved is in ``seen``: the rest is read as it was before
        # the import, without waiting for the batches' inserts to be written.
        before = store.as_it_was(conn) if seen is not None else conn
        index = DuplicateIndex.for_drafts(before, drafts, store.gazetteer, seen)
        new: list[Incident] = []
        merged_into_new: set[int] = set()
        repeats: list[tuple[int, Incident]] = []  # (stored id, draft), merged once loaded
        for position, draft in enumerate(drafts):
            if progress is not None and (position + 1) % 5_000 == 0:
                progress("Checking for repeats", position + 1, len(drafts))
            ref = index.find(position, new)
            if ref is None:
                index.add_new(position, len(new))
                new.append(draft)
            elif ref[0] == "stored":
                repeats.append((ref[1], draft))
            elif not _adds_nothing(new[ref[1]], draft):
                new[ref[1]] = merge(new[ref[1]], draft)
                merged_into_new.add(ref[1])
        # Only the stored incidents that are repeated are read whole, all at once.
        wanted = sorted({i for i, _ in repeats})
        mine = seen.saved if seen is not None else set()
        stored = {
            _require_id(i): i
            for i in [
                *store.load([i for i in wanted if i not in mine], within=before),
                *store.load([i for i in wanted if i in mine], within=conn),
            ]
        }
        updated: dict[int, Incident] = {}
        unchanged: list[int] = []
        for key, draft in repeats:
            twin = updated.get(key, stored[key])
            if _adds_nothing(twin, draft):
                unchanged.append(key)
            else:
                updated[key] = merge(twin, draft)
        saving = None if progress is None else functools.partial(progress, "Saving")
        added = (
            store.apply(
                add=new,
                update=updated.values(),
                by=by,
                action="imported",
                note=note,
                progress=saving,
                within=conn,
                known=stored,
            )
            if (new or updated)
            else []
        )
        if seen is not None:
            seen.learn([*added, *updated.values()], index.places_of_new(new))
    ids = [_require_id(i) for i in added]
    report.created.extend(ids)
    report.merged.extend(updated)
    report.merged.extend(ids[k] for k in sorted(merged_into_new))
    report.unchanged.extend(i for i in dict.fromkeys(unchanged) if i not in updated)
    return report


#: Incidents written by one import beyond which the database's statistics are refreshed.
BULK_WRITE = 10_000


@dataclass
class FileImport:
    """What importing one file did: rows read, rows valid, their problems, what was saved."""

    name: str
    rows: int = 0
    valid: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    saved: IngestReport = field(default_factory=IngestReport)

    def count(self, batch: ImportReport) -> None:
        """Add one batch's rows and problems."""
        self.rows += batch.rows
        self.valid += len(batch.incidents)
        self.problems += batch.problems


@bulk
def import_file(
    store: Store | None,
    path: Path,
    gazetteer: Gazetteer,
    *,
    by: User,
    max_bytes: int = MAX_IMPORT_BYTES,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> FileImport:
    """Check a file's rows and save the valid ones: all of them in one transaction, or none.

    A CSV is read and saved batch by batch, so memory stays bounded whatever
    its size; an interrupted import (an error, a killed process) leaves the
    store as it was. ``progress`` hears (step, percent of the file read, 100).
    A dry run only checks the rows and needs no store; a real one needs
    ``by`` to be an editor, checked before the file is read.
    """
    if not dry_run:
        by.require("edit", "import files")
    result = FileImport(path.name)
    batches = read_path(path, gazetteer, max_bytes=max_bytes)

    def tell(share: float) -> None:
        if progress is not None:
            step = "Checking" if dry_run else "Importing"
            progress(f"{step} ({result.rows:,} rows read)", round(100 * share), 100)

    if dry_run:
        for batch, share in batches:
            result.count(batch)
            tell(share)
        return result
    if store is None:
        raise InputError("Name the store to import into, or ask for a dry run.")
    seen = Seen()
    # Closed at once when saving fails, so the file is not left open until collected.
    with contextlib.closing(batches), store.writing(large=True) as conn:
        for batch, share in batches:
            result.count(batch)
            ingest_incidents(
                store,
                rows_of(batch),
                result.saved,
                by=by,
                note=f"from {path.name}",
                within=conn,
                seen=seen,
            )
            tell(share)
    if len(result.saved.created) + len(result.saved.merged) >= BULK_WRITE:
        store.refresh_statistics()
    return result


def _adds_nothing(stored: Incident, draft: Incident) -> bool:
    """True when merging ``draft`` into ``stored`` would bring nothing new.

    A report already among the stored sources adds nothing. A draft without
    sources adds nothing only when its words are the stored ones: other words
    are merged and reported with the surviving id, never dropped silently.
    """
    if not set(draft.sources) <= set(stored.sources):
        return False
    return bool(draft.sources) or (
        draft.title.strip() == stored.title.strip()
        and (not draft.summary or draft.summary == stored.summary)
    )


def _require_id(incident: Incident) -> int:
    assert incident.id is not None
    return incident.id


def find_duplicate(store: Store, draft: Incident) -> Incident | None:
    """A stored incident that reports the same event as ``draft``, if any."""
    with store.engine.connect() as conn:
        ref = DuplicateIndex.for_drafts(conn, [draft], store.gazetteer).find(0, [])
    return store.get(ref[1]) if ref is not None else None


def merge(stored: Incident, new: Incident) -> Incident:
    """``stored`` with ``new``'s sources, evidence and any fields it adds."""
    offset = len(stored.sources)
    evidence = stored.evidence + tuple(
        Evidence(e.field, e.text, e.start, e.end, e.source + offset) for e in new.evidence
    )
    known = {loc.feature_id or loc.name for loc in stored.locations}
    return replace(
        stored,
        sources=stored.sources + tuple(s for s in new.sources if s not in stored.sources),
        evidence=evidence,
        responders=stored.responders
        + tuple(c for c in new.responders if c not in stored.responders),
        assets=stored.assets + tuple(a for a in new.assets if a not in stored.assets),
        locations=stored.locations
        + tuple(loc for loc in new.locations if (loc.feature_id or loc.name) not in known),
        # A second, independent source raises confidence; the same source again does not.
        confidence=min(0.99, max(stored.confidence, new.confidence) + 0.05)
        if set(new.sources) - set(stored.sources)
        else stored.confidence,
    )


def merge_by_hand(store: Store, keep: int, others: Iterable[int], *, by: User) -> Incident:
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
    store.apply(
        update=[merged],
        delete=other_ids,
        by=by,
        action="merged",
        note=f"{', '.join(f'#{i}' for i in other_ids)} merged into #{keep}",
    )
    return store.get(keep)


def split_source(
    store: Store, incident_id: int, source: int, *, by: User
) -> tuple[Incident, Incident]:
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
    (new,) = store.apply(
        update=[kept],
        add=[split_off.with_id(None)],
        by=by,
        action="split",
        note=f"source {source + 1} of #{incident_id} split off",
    )
    return store.get(incident_id), new


def seed_if_empty(store: Store, seeds_dir: Path) -> IngestReport | None:
    """On first start, fill an empty store from ``seeds_dir``.

    Articles are extracted as by ``incidents ingest``; CSV and GeoJSON files
    (the demo dataset) are imported as by ``incidents import``. A bad row or
    file is reported in ``errors`` and the rest is still saved.
    """
    if store.count() > 0 or not seeds_dir.is_dir():
        return None
    report = ingest_files(store, [seeds_dir], by=SEEDER)
    for path in sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in DATA_SUFFIXES):
        try:
            rows = read_bytes(path.read_bytes(), path.name, store.gazetteer)
        except AtlasError as exc:
            report.errors.append(str(exc))
            continue
        report.errors.extend(f"{path.name}, {problem}" for problem in rows.problems)
        ingest_incidents(store, rows_of(rows), report, by=SEEDER, note=f"from {path.name}")
    return report
