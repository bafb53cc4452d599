"""Exports from the map page: a briefing picture, slides, or the data, as downloads."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import streamlit as st

from incidents.errors import AtlasError
from incidents.export import MEDIA_TYPES, export
from incidents.export.png import SIZES, PictureSpec, parse_bbox
from incidents.filters import Filter
from incidents.formats import DATA_FORMATS
from ui.services import Services
from ui.text import plain

_LABELS = {
    "png": "Picture (PNG)",
    "pptx": "Slides (PowerPoint)",
    **{name: f.label for name, f in DATA_FORMATS.items()},
}


def export_panel(svc: Services, flt: Filter) -> None:
    """Choose a format and its options, prepare the file, then download it."""
    with st.expander("Export for a briefing or GIS", icon=":material/download:"):
        fmt = st.radio(
            "Format", list(_LABELS), format_func=_LABELS.__getitem__, horizontal=True, key="exp_fmt"
        )
        spec = _picture_options(svc) if fmt in ("png", "pptx") else None
        per_incident = fmt == "pptx" and st.checkbox(
            "One slide per incident, with its own map", key="exp_each"
        )
        unready = fmt in ("png", "pptx") and spec is None
        if st.button("Prepare file", type="primary", key="exp_go", disabled=unready):
            try:
                with st.spinner("Drawing…" if spec else "Writing…"):
                    st.session_state["export_file"] = _prepare(svc, flt, fmt, spec, per_incident)
            except AtlasError as exc:
                st.session_state.pop("export_file", None)
                st.error(plain(exc))
        ready = st.session_state.get("export_file")
        if ready and ready["fmt"] == fmt:
            st.download_button(
                f"Download {ready['name']} ({len(ready['data']):,} bytes)",
                ready["data"],
                file_name=ready["name"],
                mime=MEDIA_TYPES[fmt],
                key="exp_download",
                icon=":material/download:",
            )
            st.caption(plain(ready["caption"]))


def _picture_options(svc: Services) -> PictureSpec | None:
    c1, c2, c3 = st.columns(3)
    size = c1.selectbox(
        "Size",
        [*SIZES, "custom"],
        format_func=lambda s: f"{s} ({SIZES[s][0]}×{SIZES[s][1]})" if s in SIZES else "Custom",
        key="exp_size",
    )
    width, height = SIZES.get(size, (1920, 1080))
    if size == "custom":
        width = int(c1.number_input("Width (px)", 1, 8000, 1920, key="exp_w"))
        height = int(c1.number_input("Height (px)", 1, 8000, 1080, key="exp_h"))
    scale = c2.radio("Scale", [1, 2], horizontal=True, key="exp_scale")
    where = c3.radio("View", ["Fit to the incidents", "A box (W,S,E,N)"], key="exp_view")
    box = c3.text_input(
        "Box in degrees: west, south, east, north (east may pass 180)",
        "160,45,200,66",
        key="exp_box",
        disabled=where != "A box (W,S,E,N)",
    )
    title = st.text_input("Title", "Incident Atlas", key="exp_title")
    banner = st.text_input(
        "Classification banner (top and bottom; empty for none)",
        svc.settings.banner,
        key="exp_banner",
    )
    try:
        view = parse_bbox(box) if where == "A box (W,S,E,N)" else None
        return PictureSpec(
            width=width,
            height=height,
            scale=float(scale),
            title=title,
            view=view,
            banner=banner,
            banner_colour=svc.settings.banner_colour,
            colour_by=st.session_state.get("colour_by", "type"),
        )
    except AtlasError as exc:
        st.error(plain(exc))
        return None


def _prepare(
    svc: Services, flt: Filter, fmt: str, spec: PictureSpec | None, per_incident: bool
) -> dict[str, object]:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M")
    suffix = DATA_FORMATS[fmt].suffixes[0] if fmt in DATA_FORMATS else f".{fmt}"
    name = f"incidents-{stamp}{suffix}"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / name
        export(svc.store, flt, fmt, out, spec=spec, per_incident=per_incident)
        caption = flt.sentence(svc.gazetteer)
        return {"fmt": fmt, "name": name, "data": out.read_bytes(), "caption": caption}
