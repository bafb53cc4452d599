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

__all__ = ["CSV_COLUMNS", "guard_cell", "unguard_cell", "write_csv"]

#: Columns in file order: the record's, with the geometry as WKT after lon/lat.
CSV_COLUMNS = [*list(RECORD_FIELDS)[:12], "wkt", *list(RECORD_FIELDS)[12:]]


#: A spreadsheet runs a cell that starts with one of these as a formula (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _is_formula(text: str) -> bool:
    """True when a spreadsheet would run ``text``, or ``text`` is a guarded one."""
    body = text.lstrip("'")
    return body.startswith(_FORMULA_START) and not _is_number(body)


def guard_cell(value: object) -> object:
    """``value`` safe to open in a spreadsheet: a formula-like text gets a leading ``'``.

    Numbers (a longitude of -155.7) are left alone; :func:`unguard_cell` undoes this.
    """
    if isinstance(value, str) and _is_formula(value):
        return "'" + value
    return value


def unguard_cell(text: str) -> str:
    """The text :func:`guard_cell` was given."""
    return text[1:] if text.startswith("'") and _is_formula(text[1:]) else text


def write_csv(incidents: Sequence[Incident], out: Path) -> None:
    """Write ``incidents`` to ``out`` as UTF-8 CSV with a header row.

    Cells that a spreadsheet would run as formulas are guarded (see :func:`guard_cell`).
    """
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for incident in incidents:
            geom = geometry_of(incident)
            row = {**to_record(incident), "wkt": geom.wkt if geom is not None else ""}
            writer.writerow({key: guard_cell(value) for key, value in row.items()})
