"""The Import page: a CSV or GeoJSON file in, a preview and a per-row report, valid rows saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from incidents.errors import AtlasError
from incidents.formats import COLUMNS, DATA_FORMATS, ImportReport, read_bytes, rows_of
from incidents.ingest import ingest_incidents
from incidents.vocabulary import country_name, event_type_label
from ui.auth import page_user
from ui.text import plain

st.title("Import incidents")
st.caption(
    "CSV (columns below) or GeoJSON. Rows with problems are listed and left out; "
    "nothing is saved until you press Import."
)
svc, user = page_user("edit", "importing incidents")

#: Rows shown before importing; a 100,000-row file is checked whole but previewed in part.
PREVIEW_ROWS = 1_000

if message := st.session_state.pop("import_message", None):
    st.success(plain(message))
#: Every suffix a data format reads (CSV, GeoJSON, GeoPackage, FlatGeobuf, GeoParquet, KML, zip).
SUFFIXES = [s.lstrip(".") for f in DATA_FORMATS.values() for s in f.suffixes]
upload = st.file_uploader("File", type=SUFFIXES, key="import_file")
pasted = st.text_area(
    "…or paste CSV",
    key="import_csv",
    height=140,
    placeholder="title,start_date,event_type,actors,regions\n"
    "Joint patrol,2024-07-24,patrol,RU;CN,Bering Sea",
)

report: ImportReport | None = None
try:
    if upload is not None:
        report = read_bytes(
            upload.getvalue(),
            upload.name,
            svc.gazetteer,
            max_bytes=svc.settings.import_max_bytes,
        )
    elif pasted.strip():
        report = read_bytes(
            pasted.encode("utf-8"),
            "pasted.csv",
            svc.gazetteer,
            max_bytes=svc.settings.import_max_bytes,
        )
except AtlasError as exc:
    st.error(f"Nothing was imported. {plain(exc)}")

if report is not None:
    st.subheader(f"{len(report.incidents)} of {report.rows} row(s) valid")
    if report.incidents:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Row": row,
                        "Date": inc.date_label(),
                        "Title": inc.title,
                        "Type": event_type_label(inc.event_type),
                        "Actors": ", ".join(country_name(c) for c in inc.actors),
                        "Places": ", ".join(loc.name for loc in inc.locations),
                    }
                    for row, inc in report.incidents[:PREVIEW_ROWS]
                ]
            ),
            hide_index=True,
            width="stretch",
            key="import_preview",
        )
        if len(report.incidents) > PREVIEW_ROWS:
            st.caption(f"The first {PREVIEW_ROWS:,} of {len(report.incidents):,} valid rows.")
    if report.problems:
        st.warning(f"{len(report.problems)} problem(s); these rows are left out:")
        st.dataframe(
            pd.DataFrame(
                [{"Row": p.row, "Field": p.field, "Problem": p.message} for p in report.problems]
            ),
            hide_index=True,
            width="stretch",
            key="import_problems",
        )
    if report.incidents and st.button(
        f"Import {len(report.incidents)} valid row(s)", type="primary"
    ):
        try:
            bar = st.progress(0.0, text="Checking for repeats…")

            def show(step: str, done: int, total: int) -> None:
                """Move the bar: a 100,000-row import takes some seconds."""
                bar.progress(min(done / max(total, 1), 1.0), text=f"{step}: {done:,} of {total:,}")

            saved = ingest_incidents(
                svc.store,
                rows_of(report),
                by=user,
                note=f"from {upload.name if upload is not None else 'pasted CSV'}",
                progress=show,
            )
            bar.empty()
        except AtlasError as exc:
            st.error(f"Nothing was imported. {plain(exc)}")
        else:
            st.session_state["import_message"] = (
                f"Imported {len(saved.created)} new incident(s)"
                + (f"; {len(saved.merged)} merged into existing ones" if saved.merged else "")
                + (f"; {len(saved.unchanged)} already stored" if saved.unchanged else "")
                + "."
            )
            st.session_state.pop("import_csv", None)
            st.rerun()

with st.expander("CSV columns"):
    st.dataframe(
        pd.DataFrame([{"Column": k, "Content": v} for k, v in COLUMNS.items()]),
        hide_index=True,
        width="stretch",
    )
