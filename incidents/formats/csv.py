"""CSV: one row per incident with every field; the geometry as WKT plus a lon/lat point.

The columns written are the import's columns (so a spreadsheet edit
re-imports) plus the JSON columns that make the export lossless; see
``RECORD_FIELDS``. Reading streams the file in batches, so its size is
bounded by the disk, not by memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path

import shapely
from shapely import wkt as shapely_wkt
from shapely.geometry.base import BaseGeometry

from geo.gazetteer import Gazetteer
from incidents.errors import MalformedFile
from incidents.formats.files import MAX_IMPORT_BYTES, decode_text
from incidents.formats.records import RECORD_FIELDS, geometry_of, to_record
from incidents.formats.rows import (
    BATCH_ROWS,
    COLUMNS,
    ImportReport,
    RowError,
    RowProblem,
    RowReader,
)
from incidents.model import Incident

__all__ = [
    "CSV_COLUMNS",
    "guard_cell",
    "read_csv",
    "read_csv_batches",
    "unguard_cell",
    "write_csv",
]

# A region's WKT (the North Pacific) is longer than the csv module's default field limit.
csv.field_size_limit(MAX_IMPORT_BYTES)

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


def write_csv(
    incidents: Sequence[Incident], out: Path, gazetteer: Gazetteer, *, description: str = ""
) -> None:
    """Write ``incidents`` to ``out`` as UTF-8 CSV with a header row.

    Cells that a spreadsheet would run as formulas are guarded (see :func:`guard_cell`).
    """
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for incident in incidents:
            geom = geometry_of(incident)
            row = {**to_record(incident, gazetteer), "wkt": geom.wkt if geom is not None else ""}
            writer.writerow({key: guard_cell(value) for key, value in row.items()})


def read_csv(raw: bytes, name: str, gazetteer: Gazetteer) -> ImportReport:
    """Incidents from CSV bytes; see :data:`COLUMNS` and :func:`read_csv_batches`."""
    whole = ImportReport(name)
    for batch in read_csv_batches(io.StringIO(decode_text(raw, name)), name, gazetteer, rows=None):
        whole.incidents += batch.incidents
        whole.problems += batch.problems
    return whole


def read_csv_batches(
    text: Iterable[str], name: str, gazetteer: Gazetteer, *, rows: int | None = BATCH_ROWS
) -> Iterator[ImportReport]:
    """The incidents of a CSV, ``rows`` rows at a time, read as the file is read.

    Memory stays bounded by the batch, whatever the file's size. A cell that
    breaks the CSV rules (a quote that never closes) ends the reading there:
    the rows before it are kept and the problem names the line.
    """
    # strict: a quote left open is an error, not the rest of the file read as one cell
    reader = csv.reader(text, strict=True)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise MalformedFile(f"{name}: the header is not readable as CSV ({exc}).") from exc
    except UnicodeDecodeError as exc:
        raise MalformedFile(f"{name}: not UTF-8 text; save it as UTF-8.") from exc
    missing = {"title", "start_date"} - set(header)
    if missing:
        raise MalformedFile(
            f"{name}: the header lacks the required column(s) {', '.join(sorted(missing))}; "
            f"found {', '.join(header) or 'no header'}."
        )
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise MalformedFile(
            f"{name}: the header has more than one column named {', '.join(twice)}; "
            "keep one of each, so that no cell is silently ignored."
        )
    unknown = [h for h in header if h not in COLUMNS and h not in RECORD_FIELDS]
    if unknown:
        # Refused, not ignored: a "notes" column dropped without a word is data lost.
        raise MalformedFile(
            f"{name}: unknown column(s) {', '.join(repr(h) for h in unknown)}; rename each to "
            f"one of {', '.join(COLUMNS)}, or delete it, and import again."
        )
    report = ImportReport(name)
    rows_in = RowReader(gazetteer, report)
    named = [(i, h) for i, h in enumerate(header) if h]
    plain = len(named) == len(header)  # every column named: cells zip with the header
    number = 1
    pending: list[tuple[int, dict[str, str]]] = []
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            rows_in.many(pending, _wkt_of)
            pending = []
            report.problems.append(
                RowProblem(
                    number + 1,
                    "file",
                    f"not readable as CSV from line {first_line} ({exc}); a quote opened "
                    f"there may never close. Rows after it were not read.",
                )
            )
            break
        except UnicodeDecodeError as exc:
            raise MalformedFile(
                f"{name}: not UTF-8 text near line {first_line}; save it as UTF-8. "
                "Nothing was imported."
            ) from exc
        if row is None:
            break
        if not row:
            continue  # a blank line is not a row
        number += 1
        if plain:
            values = dict(zip(header, map(str.strip, row), strict=False))
            joined = "\x00".join(row)
            # Most rows hold no quote mark at all: a substring test skips the pattern.
            if "'" in joined and _GUARDED.search(joined):
                values = {k: _cell(v) for k, v in values.items()}
        else:
            values = {h: _cell(row[i]) if i < len(row) else "" for i, h in named}
        pending.append((number, values))
        if rows is not None and len(pending) >= rows:
            rows_in.many(pending, _wkt_of)
            pending = []
            yield report
            report = ImportReport(name)
            # The next batch keeps the reader, and with it the region names looked up so far.
            rows_in.report = report
    rows_in.many(pending, _wkt_of)
    yield report


#: A cell that starts with ``'`` (after blanks): our export's guard against formulas.
_GUARDED = re.compile(r"(?:^|\x00)\s*'")


def _wkt_of(values: Mapping[str, str]) -> Callable[[], list[BaseGeometry]]:
    """A CSV row has no geometry of its own beyond its cells (wkt, lon/lat)."""
    return partial(_wkt_parts, values.get("wkt", ""))


def _cell(text: str) -> str:
    text = text.strip()
    return unguard_cell(text) if text.startswith("'") else text


def _wkt_parts(text: str) -> list[BaseGeometry]:
    if not text.strip():
        return []
    try:
        geom = shapely_wkt.loads(text)
    except shapely.errors.ShapelyError:
        raise RowError("wkt", f"not readable as WKT: {text[:60]!r}") from None
    return list(geom.geoms) if geom.geom_type == "GeometryCollection" else [geom]
