"""The dashboard in a real browser: drawn offline, nothing leaves localhost, text is inert."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlparse

import pytest
from PIL import Image
from playwright.sync_api import expect
from shapely.geometry import box

from incidents.model import Incident, Location, Source
from incidents.store import Store
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ

pytestmark = pytest.mark.browser


def open_map(page, url):
    """Load the app and return the map's frame once Leaflet and the overlay are drawn."""
    page.goto(url)
    page.frame_locator("iframe[src*='streamlit_folium']").locator(".leaflet-container").wait_for(
        timeout=60_000
    )
    frame = page.query_selector("iframe[src*='streamlit_folium']").content_frame()
    frame.wait_for_function(
        "window.atlasOverlayDrawn >= 1 && window.atlasGroup && window.atlasGroup._map",
        timeout=30_000,
    )
    page.wait_for_timeout(500)
    return frame


# An incident's marker: a dot, or a numbered badge when few are drawn (labels are tooltips).
IS_MARKER = "const isMarker = l => l instanceof L.CircleMarker || l instanceof L.Marker;"
LAYERS_JS = (
    """() => {
    """
    + IS_MARKER
    + """
    let polygons = 0, markers = [];
    window.atlasGroup.eachLayer(l => {
        if (isMarker(l)) { markers.push([l.getLatLng().lat, l.getLatLng().lng]); }
        else if (l.eachLayer) { l.eachLayer(x => { if (x instanceof L.Polygon) polygons += 1; }); }
    });
    return {polygons, markers};
}"""
)


def pixel(page, frame, lat, lng):
    """The colour the user sees at (lat, lng) on the map."""
    x, y = frame.evaluate(
        "([lat, lng]) => { const p = window.atlasGroup._map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; }",
        [lat, lng],
    )
    box_ = page.query_selector("iframe[src*='streamlit_folium']").bounding_box()
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    return shot.getpixel((int(box_["x"] + x), int(box_["y"] + y)))


def test_seed_incident_is_drawn_with_its_regions_and_marker(app_server, page):
    # July 2024 holds the seed article's two incidents and none of the demo rows.
    frame = open_map(page, app_server["url"] + "/?start=2024-07-01&end=2024-07-31")
    layers = frame.evaluate(LAYERS_JS)
    assert layers["polygons"] >= 2  # North Pacific Ocean and Bering Sea, plus the second incident
    assert len(layers["markers"]) == 2
    # The patrol's focus, the Bering Sea off Alaska, is drawn where it is, east of
    # 180 in the map's one frame: filled in the patrol colour.
    r, g, b = pixel(page, frame, 59.0, 196.0)
    assert r > b + 20, f"Bering Sea pixel {(r, g, b)} is not shaded red"
    # Inland Asia stays the land colour of the offline base layer.
    land = pixel(page, frame, 45.0, 100.0)
    assert land[0] > 230 and land[1] > 225, land


def test_one_world_is_drawn_with_the_pacific_whole(app_server, page):
    frame = open_map(page, app_server["url"] + "/?start=2024-07-01&end=2024-07-31")
    frame.evaluate("() => window.atlasGroup._map.setView([20, 147], 1, {animate: false})")
    page.wait_for_timeout(500)
    # Asia is drawn once: the place where a second copy would sit, a turn to the east, is not land.
    assert pixel(page, frame, 45.0, 100.0)[0] > 230
    west_copy = frame.evaluate(
        "() => window.atlasGroup._map.latLngToContainerPoint([45, 100 - 360]).x"
    )
    assert west_copy < 0  # off the map: the view is held inside the one world
    # Alaska and Chukotka face each other across the Bering Strait, both drawn.
    assert pixel(page, frame, 65.0, 170.0)[0] > 230  # Chukotka
    assert pixel(page, frame, 65.0, 205.0)[0] > 230  # Alaska, east of 180


def test_the_base_map_is_fetched_once_and_reruns_send_only_the_overlay(app_server, page):
    received = []
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))),
    )
    frame = open_map(page, app_server["url"])
    base = [u for u in page.requests if "/basemap-" in u]
    assert {urlparse(u).path.rsplit("/", 1)[1] for u in base} >= {"land-low.json", "zones.json"}
    requests_before, bytes_before = len(page.requests), sum(received)
    drawn = frame.evaluate("() => window.atlasOverlayDrawn")
    search = page.get_by_label("Search title, summary, assets")
    search.fill("patrol")
    search.press("Enter")
    frame.wait_for_function(f"window.atlasOverlayDrawn > {drawn}", timeout=30_000)
    page.wait_for_timeout(1500)  # anything the map would report back arrives by now
    assert not [u for u in page.requests[requests_before:] if "/basemap-" in u]
    rerun_bytes = sum(received) - bytes_before
    assert rerun_bytes < 100_000, f"a filter change sent {rerun_bytes:,} bytes"


def test_page_loads_nothing_from_outside_localhost(app_server, page):
    open_map(page, app_server["url"])
    hosts = {urlparse(u).hostname for u in page.requests if u.startswith("http")}
    assert hosts == {"127.0.0.1"}, hosts
    scripts = page.frame_locator("iframe[src*='streamlit_folium']").locator("script[src]")
    sources = [scripts.nth(i).get_attribute("src") for i in range(scripts.count())]
    assert not [s for s in sources if s.startswith("http") and "127.0.0.1" not in s]


def test_popup_shows_hostile_text_as_text_and_runs_nothing(app_server, page):
    store = Store(app_server["db_url"], _GAZ)
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    store.add(
        Incident(
            title=hostile,
            start_date=dt.date(2024, 7, 25),
            event_type="intercept",
            actors=("RU",),
            locations=(Location("Sea of Japan box", box(133, 38, 137, 41)),),
            sources=(Source(publisher=hostile, published=dt.date(2024, 7, 26)),),
        ),
        by=EDITOR,
    )
    store.dispose()
    frame = open_map(page, app_server["url"])
    frame.evaluate(
        "() => { "
        + IS_MARKER
        + """ window.atlasGroup.eachLayer(l => {
        if (isMarker(l) && l.getLatLng().lat > 38 && l.getLatLng().lat < 41) l.openPopup();
    }); }"""
    )
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert hostile in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    assert frame.evaluate("() => window.pwned") is None
    assert page.evaluate("() => window.pwned") is None


def open_report_page(page, url):
    """The Add-from-report page, once its text box is up; returns the box."""
    page.goto(url + "/add")
    box_ = page.get_by_label("Report text")
    box_.wait_for(timeout=60_000)
    return box_


def find_incidents(page, box_, text):
    """Paste a report and wait for its first draft (all these reports are about China)."""
    box_.fill(text)
    box_.press("Control+Enter")
    page.get_by_role("button", name="Find incidents").click()
    page.get_by_text("Draft 1: China").wait_for(timeout=30_000)


def test_add_from_report_flow_saves_a_reviewed_incident(app_server, page):
    store = Store(app_server["db_url"], _GAZ)
    box_ = open_report_page(page, app_server["url"])
    before = store.count()  # counted once the first visit has seeded the store
    find_incidents(
        page,
        box_,
        "date 2024-03-14\nJapan's Defense Ministry said the Chinese aircraft carrier Liaoning "
        "and two destroyers sailed between Okinawa and Miyako Island on Wednesday. The Maritime "
        "Self-Defense Force shadowed the group.",
    )
    assert page.locator("mark[data-field='actors']").first.inner_text() == "Chinese"
    assert store.count() == before  # not saved yet
    page.get_by_role("button", name="Save incident").click()
    page.get_by_text("Saved as incident").wait_for(timeout=30_000)
    saved = store.get(max(i.id for i in store.all()))
    assert (saved.actors, saved.responders, saved.start_date) == (
        ("CN",),
        ("JP",),
        dt.date(2024, 3, 13),
    )
    assert saved.locations[0].name == "Miyako Strait"
    store.dispose()


def test_a_drafted_route_is_edited_on_the_review_page_before_saving(app_server, page):
    store = Store(app_server["db_url"], _GAZ)
    find_incidents(
        page,
        open_report_page(page, app_server["url"]),
        "date 2023-03-02\nA Chinese naval task group led by the carrier Liaoning sailed from "
        "the East China Sea through the Miyako Strait into the Philippine Sea on Wednesday, "
        "Japan's Joint Staff said. Japanese destroyers shadowed the group.",
    )
    frame_el = page.locator("iframe[src*='streamlit_folium']").last
    frame_el.scroll_into_view_if_needed()
    inner = frame_el.element_handle().content_frame()
    inner.wait_for_function(
        "window.drawnItems && window.drawnItems.getLayers().length === 1", timeout=30_000
    )
    drafted = inner.evaluate("() => window.drawnItems.getLayers()[0].feature.properties.atlas_name")
    assert drafted.startswith("Schematic route: East China Sea → Miyako Strait")
    # The analyst drags the route's end to where the group was last seen, with the edit tool.
    inner.evaluate("""() => {
        const layer = window.drawnItems.getLayers()[0];
        const points = layer.getLatLngs();
        points[points.length - 1] = L.latLng(22.0, 131.0);
        layer.setLatLngs(points);
        window.map.fire('draw:edited', {layers: L.layerGroup([layer])});
    }""")
    page.wait_for_timeout(1500)  # the map reports the edit; the page reruns
    page.get_by_role("button", name="Save incident").click()
    page.get_by_text("Saved as incident").wait_for(timeout=30_000)
    saved = store.get(max(i.id for i in store.all()))
    assert saved.start_date == dt.date(2023, 3, 1)
    (route,) = [loc for loc in saved.locations if loc.kind == "route"]
    assert route.name == drafted
    end = route.geometry.coords[-1] if route.geometry.geom_type == "LineString" else None
    assert end == (131.0, 22.0)
    store.dispose()


def test_layer_control_offers_tiles_and_outlines_all_off(app_server, page):
    frame = open_map(page, app_server["url"])
    names = frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    names = [n.strip() for n in names]
    for expected in ("OpenStreetMap", "Esri Ocean", "ADIZs", "Seas and straits", "Land (offline)"):
        assert expected in names
    checked = frame.evaluate("""() => [...document.querySelectorAll('.leaflet-control-layers-overlays label')]
        .filter(l => l.querySelector('input').checked).map(l => l.innerText.trim())""")
    assert checked == ["Land (offline)"]  # tiles and outlines stay off until the user asks
    assert not [
        u for u in page.requests if "openstreetmap" in u or "cartocdn" in u or "arcgis" in u
    ]


def test_filter_change_keeps_the_users_zoom_and_position(app_server, page):
    frame = open_map(page, app_server["url"])
    frame.evaluate("() => window.atlasGroup._map.setView([58, 185], 5, {animate: false})")
    before = frame.evaluate("() => window.atlasOverlayDrawn")
    search = page.get_by_label("Search title, summary, assets")
    search.fill("naval")  # a filter change that changes what is drawn
    search.press("Enter")
    frame.wait_for_function(f"window.atlasOverlayDrawn > {before}", timeout=30_000)
    zoom, lat, lng = frame.evaluate(
        "() => { const m = window.atlasGroup._map; const c = m.getCenter(); return [m.getZoom(), c.lat, c.lng]; }"
    )
    assert zoom == 5
    assert abs(lat - 58) < 0.5
    assert abs(lng - 185) < 0.5


def test_clicking_a_marker_opens_the_details_of_that_incident(app_server, page):
    frame = open_map(page, app_server["url"])
    # Markers sit close together; the click must select the marker's own incident by id.
    tooltip = frame.evaluate(
        "() => { "
        + IS_MARKER
        + """
        let targets = [];
        window.atlasGroup.eachLayer(l => { if (isMarker(l)) targets.push(l); });
        const target = targets[targets.length - 1];
        target.fire('click', {latlng: target.getLatLng()});
        const box = document.createElement('span');
        box.innerHTML = target.getTooltip().getContent();
        return box.textContent;
    }"""
    )
    incident_id = int(tooltip.split(" ")[0].lstrip("#"))
    store = Store(app_server["db_url"], _GAZ)
    title = store.get(incident_id).title
    store.dispose()
    panel = page.locator(".st-key-incident_detail")
    panel.get_by_text("Sources and evidence").wait_for(timeout=30_000)
    assert panel.locator("h3").first.inner_text().strip() == title


def test_brushing_the_timeline_sets_the_date_range(app_server, page):
    open_map(page, app_server["url"])
    page.get_by_text("Timeline: incidents per month").click()
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    chart.locator("canvas, svg").first.wait_for(timeout=30_000)
    box_ = chart.bounding_box()
    y = box_["y"] + box_["height"] * 0.5
    page.mouse.move(box_["x"] + box_["width"] * 0.15, y)
    page.mouse.down()
    page.mouse.move(box_["x"] + box_["width"] * 0.85, y, steps=8)
    page.mouse.up()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).has('start')", timeout=30_000
    )
    # The URL is written before the rerun that redraws the caption finishes.
    expect(page.locator("[data-testid='stCaptionContainer']").first).not_to_contain_text(
        "all dates", timeout=30_000
    )


def test_a_route_drawn_on_the_map_is_saved_with_the_new_incident(app_server, page):
    store = Store(app_server["db_url"], _GAZ)
    before = store.count()
    page.goto(app_server["url"] + "/incident")
    page.get_by_label("Title").wait_for(timeout=60_000)
    page.get_by_label("Title").fill("Bombers fly from Kamchatka toward the Aleutians")
    start = page.locator(".st-key-inc-new-0-start input")
    start.fill("2025-01-05")
    start.press("Enter")
    start.press("Escape")
    frame_el = page.locator("iframe[src*='streamlit_folium']")
    frame_el.scroll_into_view_if_needed()
    frame = page.frame_locator("iframe[src*='streamlit_folium']")
    frame.locator(".leaflet-draw-draw-polyline").click(timeout=60_000)
    inner = page.query_selector("iframe[src*='streamlit_folium']").content_frame()
    inner.wait_for_function("window.atlasBaseDrawn >= 1", timeout=30_000)
    inner.evaluate("() => window.map.setView([45, 175], 3, {animate: false})")
    box_ = frame_el.bounding_box()
    points = []
    for lat, lng in ((48.0, 160.0), (50.0, 190.0)):  # 190 is 170°W on this Pacific-centred map
        # Where the point is now, just before the click: the map may have settled since.
        x, y = inner.evaluate(
            "([lat, lng]) => { const p = window.map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; }",
            [lat, lng],
        )
        points.append((box_["x"] + x, box_["y"] + y))
        page.mouse.click(*points[-1])
        page.wait_for_timeout(300)
    page.mouse.click(*points[-1])  # clicking the last vertex again finishes the route
    page.get_by_text("Drawn on the map: Drawn route 1").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save incident").click()
    page.get_by_text("Saved incident").wait_for(timeout=30_000)
    assert store.count() == before + 1
    saved = store.get(max(i.id for i in store.all()))
    assert saved.start_date == dt.date(2025, 1, 5)
    (route,) = saved.locations
    assert (route.name, route.kind) == ("Drawn route 1", "route")
    minx, miny, maxx, maxy = route.geometry.bounds
    assert (minx, maxx) == (-180, 180)  # split at the antimeridian, as stored shapes are
    assert 47 < miny < maxy < 51
    assert all(urlparse(u).hostname in ("127.0.0.1", "localhost") for u in page.requests)
    store.dispose()


LEAK = "http://127.0.0.2:9/atlas-leak"


def _no_leak(page):
    """Nothing was fetched from, and no link points to, the planted host."""
    assert not [u for u in page.requests if urlparse(u).hostname == "127.0.0.2"]
    links = page.locator("a[href*='atlas-leak']")
    assert links.count() == 0, [
        (
            links.nth(i).evaluate("a => a.closest('[data-testid]').dataset.testid"),
            links.nth(i).inner_text(),
        )
        for i in range(links.count())
    ]
    assert page.locator("img[src*='atlas-leak']").count() == 0


def test_markdown_in_a_title_or_summary_is_shown_as_text_and_fetches_nothing(app_server, page):
    store = Store(app_server["db_url"], _GAZ)
    title = f"![t]({LEAK}.png) [Session expired - sign in]({LEAK}/title) **loud**"
    summary = f"See {LEAK}/bare and ![s]({LEAK}-summary.png) $x^2$ :red[alarm]"
    saved = store.add(
        Incident(
            title=title,
            summary=summary,
            start_date=dt.date(2023, 2, 3),
            event_type="intercept",
            actors=("SE",),
            locations=(Location("Gotland box", box(18, 56.5, 19.5, 58)),),
        ),
        by=EDITOR,
    )
    store.dispose()
    frame = open_map(page, app_server["url"] + "/?q=Session+expired")
    frame.evaluate(
        "() => { "
        + IS_MARKER
        + """ window.atlasGroup.eachLayer(l => {
        if (isMarker(l)) l.fire('click', {latlng: l.getLatLng()}); }); }"""
    )
    panel = page.locator(".st-key-incident_detail")
    panel.get_by_text("Sources and evidence").wait_for(timeout=30_000)
    assert panel.locator("h3").first.inner_text().strip() == title
    assert panel.locator(".atlas-summary").inner_text().strip() == summary
    assert saved.id is not None
    _no_leak(page)


def test_markdown_in_a_shared_url_is_shown_as_text_and_fetches_nothing(app_server, page):
    query = f"![a]({LEAK}-q.png)"
    page.goto(app_server["url"] + "/?q=" + query.replace(" ", "+"))
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text="atlas-leak-q").first
    caption.wait_for(timeout=60_000)
    # Shown as typed (a zero-width space keeps the address from becoming a link).
    assert query in caption.inner_text().replace("\u200b", "")
    page.goto(app_server["url"] + f"/incident?id=[Session expired - click to sign in]({LEAK}/id)")
    page.get_by_text("Session expired - click to sign in").first.wait_for(timeout=60_000)
    page.get_by_text("to edit").first.wait_for(timeout=10_000)
    _no_leak(page)
