"""Briefing pictures as a briefing officer would judge them, and reviewed baselines.

The seed picture is checked in the page itself (what is framed, filled,
outlined, labelled and numbered), then three briefings are compared with
pictures a person reviewed, committed under ``tests/baselines``. A change in
rendering fails with the new picture and a difference image saved in
``.test-artifacts/``; after reviewing them, ``INCIDENTS_UPDATE_BASELINES=1``
rewrites the baselines.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from geo.screenshot import render_pngs
from incidents.export.png import PictureSpec, incident_swap_script, picture_html, render_pictures
from incidents.filters import Filter
from incidents.tally import MapSummary, map_summary
from tests.conftest import GAZETTEER as _GAZ

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BASELINES = ROOT / "tests" / "baselines"
ARTIFACTS = ROOT / ".test-artifacts"
#: A fixed clock, so the footer is the same on every run.
GENERATED = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)

SEED = Filter(
    start=dt.date(2024, 7, 24),
    end=dt.date(2024, 7, 24),
    countries=frozenset({"RU", "CN"}),
    match="all",
)
BRIEFINGS = {
    "seed-patrol-near-alaska": (SEED, "Joint RU–CN bomber patrol near Alaska"),
    "taiwan-strait-transits": (
        Filter(
            event_types=frozenset({"naval_transit"}), regions=frozenset({"water:taiwan-strait"})
        ),
        "Naval transits of the Taiwan Strait",
    ),
    "baltic-intercept": (
        Filter(event_types=frozenset({"intercept"}), regions=frozenset({"water:baltic-sea"})),
        "Intercepts over the Baltic Sea",
    ),
}


def _render(store, flt: Filter, title: str, check=None) -> bytes:
    spec = PictureSpec(width=1280, height=720, title=title, generated=GENERATED)
    result = map_summary(store, flt)
    html, _ = picture_html(result, flt, spec, _GAZ)
    (png,) = render_pngs([html], width=1280, height=720, before_capture=check)
    return png


def test_the_seed_picture_frames_the_patrol_off_alaska(seeded_store):
    seen: dict[str, object] = {}

    def check(page):
        seen["bounds"] = page.evaluate(
            "() => { const b = window.atlasMap.getBounds();"
            " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
        )
        seen["labels"] = page.locator(".atlas-label").all_inner_texts()
        seen["markers"] = page.locator(".atlas-number").all_inner_texts()
        seen["key"] = page.locator(".atlas-key-number").all_inner_texts()
        seen["inset"] = page.locator(".atlas-inset path").count()
        seen["styles"] = page.evaluate(
            """() => { const out = [];
                window.atlasGroup.eachLayer(l => { if (l.eachLayer) l.eachLayer(s =>
                    out.push([s.options.fill !== false, s.options.dashArray || null])); });
                return out; }"""
        )

    _render(seeded_store, SEED, "Joint RU–CN bomber patrol near Alaska", check)
    west, south, east, north = seen["bounds"]
    # The Bering Sea and the waters south of the Aleutians, in the map's one frame
    # (longitudes past 180 are west of Greenwich): not the Pacific, not the planet.
    assert 150 < west < 185 and 215 < east < 250, seen["bounds"]
    assert 35 < south < 52 and 62 < north < 80, seen["bounds"]
    assert east - west < 90
    assert {"Bering Sea near Alaska", "North Pacific Ocean near Alaska"} <= set(seen["labels"])
    styles = seen["styles"]
    filled = [s for s in styles if s[0] and s[1] is None]
    outlined = [s for s in styles if not s[0] and s[1]]
    assert filled and outlined, styles  # focus filled, context outlined (dashed)
    incidents = map_summary(seeded_store, SEED).incidents
    ids = [str(i.id) for i in incidents]
    assert seen["key"] == ids  # the picture's table, in the table's order
    assert seen["markers"] and set(seen["markers"]) <= set(ids)
    assert seen["inset"] >= 1  # zoomed in: a locator inset shows where in the world


def _differs(new: Image.Image, old: Image.Image) -> float:
    """The share of pixels whose colour moved by more than a rendering jitter."""
    r, g, b = ImageChops.difference(new.convert("RGB"), old.convert("RGB")).split()
    # The largest channel difference: sea against land differs by 32 in red alone.
    diff = ImageChops.lighter(ImageChops.lighter(r, g), b)
    changed = diff.point(lambda v: 255 if v > 24 else 0).histogram()[255]
    return changed / (new.width * new.height)


@pytest.mark.parametrize("name", sorted(BRIEFINGS))
def test_briefing_picture_matches_its_reviewed_baseline(seeded_store, name):
    flt, title = BRIEFINGS[name]
    png = _render(seeded_store, flt, title)
    new = Image.open(io.BytesIO(png))
    path = BASELINES / f"{name}.png"
    if os.environ.get("INCIDENTS_UPDATE_BASELINES") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
    old = Image.open(path)
    assert new.size == old.size
    share = _differs(new, old)
    if share > 0.005:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"{name}.png").write_bytes(png)
        ImageChops.difference(new.convert("RGB"), old.convert("RGB")).save(
            ARTIFACTS / f"{name}-diff.png"
        )
    assert share <= 0.005, (
        f"{name}: {share:.1%} of pixels differ from tests/baselines/{name}.png; the new "
        f"picture and the difference are in .test-artifacts/. Review them, then rerun with "
        "INCIDENTS_UPDATE_BASELINES=1 if the change is right."
    )


def test_a_deck_redraws_one_page_for_each_incident(seeded_store):
    """Slides after the first reuse the loaded page: each shows its own incident, framed on it."""
    flt = Filter(countries=frozenset({"RU", "CN"}), match="all")
    incidents = map_summary(seeded_store, flt).incidents[:4]
    spec = PictureSpec(width=1280, height=720, title="Deck", generated=GENERATED)
    one = MapSummary(flt, 1, (incidents[0],), (), {}, flt.sentence(_GAZ, 1))
    html, _ = picture_html(
        one, flt, PictureSpec(width=1280, height=720, title=incidents[0].title), _GAZ
    )
    seen = []

    def check(page):
        seen.append(
            (
                page.locator(".atlas-title div").first.inner_text(),
                page.locator(".atlas-number").all_inner_texts(),
                page.evaluate("() => window.atlasMap.getBounds().getCenter().lng"),
            )
        )

    shots = render_pngs(
        [html],
        width=1280,
        height=720,
        before_capture=check,
        swaps=[incident_swap_script(i, flt, spec, _GAZ) for i in incidents[1:]],
    )
    assert len(shots) == len(incidents) and len(set(shots)) == len(shots)
    assert [title for title, _, _ in seen] == [i.title for i in incidents]
    assert [numbers for _, numbers, _ in seen] == [[str(i.id)] for i in incidents]
    overview, pictures = render_pictures(seeded_store, flt, spec, per_incident=True)
    assert overview not in pictures.values()
    assert set(pictures) == {i.id for i in map_summary(seeded_store, flt).incidents if i.locations}
