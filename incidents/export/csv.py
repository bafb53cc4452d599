"""CSV: one row per incident with every field; the geometry as WKT plus a lon/lat point.

The columns are the import's columns (so a spreadsheet edit re-imports) plus
the JSON columns that make the export lossless; see ``RECORD_FIELDS``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from incidents.export.records import RECORD_FIELDS, geometry_of, to_record
from incidents.model import Incident

__all__ = ["CSV_COLUMNS", "write_csv"]

#: Columns in file order: the record's, with the geometry as WKT after lon/lat.
CSV_COLUMNS = [*list(RECORD_FIELDS)[:12], "wkt", *list(RECORD_FIELDS)[12:]]


def write_csv(incidents: Sequence[Incident], out: Path) -> None:
    """Write ``incidents`` to ``out`` as UTF-8 CSV with a header row."""
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for incident in incidents:
            geom = geometry_of(incident)
            writer.writerow({**to_record(incident), "wkt": geom.wkt if geom is not None else ""})
