"""Roles in a real browser: a viewer has no edit controls and cannot reach an edit page by URL."""

from __future__ import annotations

import pytest

from incidents.accounts import LOCAL_ADMIN, SEEDER, add_account
from incidents.ingest import seed_if_empty
from incidents.store import Store
from incidents.testing import serve_dashboard
from tests.app.test_browser import IS_MARKER
from tests.conftest import GAZETTEER as _GAZ
from tests.conftest import SEEDS

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
WRITING_PAGES = ("Add from report", "New incident", "Import", "Accounts")


@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    """The dashboard on a store with an admin, an editor and a viewer."""
    data = tmp_path_factory.mktemp("team")
    store = Store(f"sqlite:///{data / 'incidents.sqlite'}", _GAZ)
    assert SEEDER.can("edit")
    seed_if_empty(store, SEEDS)
    for name, role in (("ana", "admin"), ("ed", "editor"), ("vic", "viewer")):
        add_account(store.engine, name, PASSWORD, role, by=LOCAL_ADMIN)
    first = store.select_ids()[-1]
    store.dispose()
    with serve_dashboard(data) as url:
        yield {"url": url, "first": first}


def sign_in(page, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("Account").fill(name)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {name}").wait_for(timeout=60_000)


def open_first_marker(page) -> None:
    """Click the first marker of the map already on the page (a reload would sign out)."""
    page.frame_locator("iframe[src*='streamlit_folium']").locator(".leaflet-container").wait_for(
        timeout=60_000
    )
    frame = page.query_selector("iframe[src*='streamlit_folium']").content_frame()
    frame.wait_for_function("window.atlasOverlayDrawn >= 1", timeout=30_000)
    frame.evaluate(
        "() => { "
        + IS_MARKER
        + """
        let targets = [];
        window.atlasGroup.eachLayer(l => { if (isMarker(l)) targets.push(l); });
        targets[0].fire('click', {latlng: targets[0].getLatLng()});
        }"""
    )
    page.locator(".st-key-incident_detail").get_by_text("Sources and evidence").wait_for(
        timeout=30_000
    )


def test_a_viewer_sees_no_edit_controls_and_cannot_reach_the_edit_page_by_url(team_server, page):
    url = team_server["url"]
    sign_in(page, url, "vic")
    open_first_marker(page)  # the page has run to its end: the menu is complete
    sidebar = page.locator("[data-testid='stSidebar']")
    for name in WRITING_PAGES:
        assert sidebar.get_by_role("link", name=name).count() == 0, name
    panel = page.locator(".st-key-incident_detail")
    panel.get_by_text("History (version").wait_for(timeout=10_000)
    # A viewer's panel ends with Close where an editor's has Close, Edit and Delete.
    panel.get_by_role("button", name="Close", exact=True).wait_for(timeout=10_000)
    assert panel.get_by_role("button", name="Edit").count() == 0
    assert panel.get_by_role("button", name="Delete").count() == 0
    # Typing the edit page's address (a new session: sign in again) shows the map, never the form.
    sign_in(page, f"{url}/incident?id={team_server['first']}", "vic")
    page.frame_locator("iframe[src*='streamlit_folium']").locator(".leaflet-container").wait_for(
        timeout=60_000
    )
    assert page.get_by_text(f"Edit incident #{team_server['first']}").count() == 0
    assert page.get_by_role("button", name="Save changes").count() == 0
    sign_in(page, f"{url}/import", "vic")
    page.frame_locator("iframe[src*='streamlit_folium']").locator(".leaflet-container").wait_for(
        timeout=60_000
    )
    assert page.get_by_text("Import incidents").count() == 0


def test_an_editor_gets_the_edit_controls_and_the_edit_page(team_server, page):
    url = team_server["url"]
    sign_in(page, url, "ed")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("link", name="New incident").wait_for(timeout=30_000)
    open_first_marker(page)
    assert sidebar.get_by_role("link", name="Accounts").count() == 0
    page.locator(".st-key-incident_detail").get_by_role("button", name="Edit").click()
    page.get_by_text("Edit incident #").wait_for(timeout=60_000)
    page.get_by_role("button", name="Save changes").wait_for(timeout=30_000)
