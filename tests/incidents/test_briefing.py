"""Briefing pictures and slides, drawn in the system Chromium."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from geo.screenshot import render_pngs
from incidents.export import export_slides
from incidents.export.png import PictureSpec, picture_html, render_picture
from incidents.export.pptx import TABLE_ROWS_PER_SLIDE
from incidents.filters import Filter
from incidents.query import run
from incidents.tally import map_summary
from incidents.vocabulary import country_name
from tests.conftest import GAZETTEER as _GAZ

pytestmark = pytest.mark.browser

JULY = Filter(start=dt.date(2024, 7, 24), end=dt.date(2024, 7, 24))
BANNER = "UNCLASSIFIED // FOR TRAINING"


def test_png_has_the_size_asked_for_at_both_scales(seeded_store):
    for scale in (1, 2):
        spec = PictureSpec(width=1200, height=700, scale=scale, title="Patrol")
        png = render_picture(seeded_store, JULY, spec)
        assert Image.open(io.BytesIO(png)).size == (1200 * scale, 700 * scale)


def test_png_shows_title_filter_banner_and_the_region_where_it_is(seeded_store):
    """The page is checked before capture; the picture at the Bering Sea's projected position."""
    spec = PictureSpec(
        width=1600, height=900, title="Joint bomber patrol", banner=BANNER, banner_colour="#c8102e"
    )
    result = map_summary(seeded_store, JULY)
    html, _ = picture_html(result, JULY, spec, _GAZ)
    seen = {}

    def check(page):
        seen["title"] = page.locator(".atlas-title").inner_text()
        seen["banners"] = page.locator(".atlas-banner").all_inner_texts()
        seen["footer"] = page.locator(".atlas-footer").inner_text()
        seen["controls"] = page.locator(
            ".leaflet-control-zoom, .leaflet-control-layers, .leaflet-draw"
        ).count()
        seen["scale"] = page.locator(".leaflet-control-scale").count()
        seen["legend"] = page.locator(".atlas-legend").inner_text()
        seen["bering"] = page.evaluate(
            """() => { const m = window.atlasMap, out = [];
                for (const lng of [-164, 196]) { const p = m.latLngToContainerPoint([59, lng]);
                  if (p.x > 0 && p.x < 1600 && p.y > 0 && p.y < 900) out.push([p.x, p.y]); }
                return out; }"""
        )
        seen["inland"] = page.evaluate(
            """() => { const m = window.atlasMap, out = [];
                for (const lng of [-150, 210]) { const p = m.latLngToContainerPoint([64, lng]);
                  if (p.x > 0 && p.x < 1600 && p.y > 60 && p.y < 840) out.push([p.x, p.y]); }
                return out; }"""
        )

    (png,) = render_pngs([html], width=1600, height=900, before_capture=check)
    assert "Joint bomber patrol" in seen["title"]
    assert JULY.sentence(_GAZ, result.count) in seen["title"]
    assert seen["title"].splitlines()[1].startswith("24 Jul 2024 · all countries · ")
    assert seen["banners"] == [BANNER, BANNER]
    assert "UTC" in seen["footer"] and "Natural Earth" in seen["footer"]
    assert seen["controls"] == 0 and seen["scale"] == 1
    assert "patrol" in seen["legend"]
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.getpixel((800, 5)) == (200, 16, 46)  # the banner, top
    assert image.getpixel((800, 894)) == (200, 16, 46)  # and bottom
    (x, y), *_ = seen["bering"]
    r, g, b = image.getpixel((int(x), int(y)))
    assert r > b + 20, f"Bering Sea pixel {(r, g, b)} is not shaded in the patrol colour"
    (ix, iy), *_ = seen["inland"]
    land = image.getpixel((int(ix), int(iy)))
    assert land[0] > 230 and land[1] > 225, land  # inland Alaska stays the offline land colour


def test_pptx_has_title_map_table_incident_and_sources_slides(seeded_store, tmp_path):
    from pptx import Presentation

    flt = Filter(countries=frozenset({"RU", "CN"}), match="any")
    incidents = run(seeded_store, flt).incidents
    assert len(incidents) > TABLE_ROWS_PER_SLIDE  # the table needs two slides
    spec = PictureSpec(width=1280, height=720, title="Russia and China together", banner=BANNER)
    out = export_slides(seeded_store, flt, spec, tmp_path / "deck.pptx", per_incident=True)
    deck = Presentation(str(out))
    texts = [
        " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in deck.slides
    ]
    assert "Russia and China together" in texts[0]
    assert flt.sentence(_GAZ, len(incidents)) in texts[0]
    pictures = [
        sum(s.shape_type == 13 for s in slide.shapes) for slide in deck.slides
    ]  # 13 = PICTURE
    assert pictures[1] == 1
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    assert len(tables) == -(-len(incidents) // TABLE_ROWS_PER_SLIDE)
    rows = [[c.text for c in row.cells] for table in tables for row in list(table.rows)[1:]]
    assert len(rows) == len(incidents)
    assert rows[0][0] == str(incidents[0].id)  # the number on the map's marker
    assert rows[0][1] == incidents[0].date_label()
    assert rows[0][3] == ", ".join(country_name(c) for c in incidents[0].actors)
    with_maps = [i for i in incidents if i.locations]
    assert sum(pictures) == 1 + len(with_maps)  # overview + one per incident
    assert "Sources" in texts[-1] and "wikipedia.org" in texts[-1]
    assert all(BANNER in t for t in texts)
