"""The dashboard served by ``streamlit run`` and driven by the system Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidents.testing import CHROMIUM, CHROMIUM_ARGS, ROOT, SEEDS, serve_dashboard

ARTIFACTS = ROOT / ".test-artifacts"
#: AppTest runs the whole script per interaction; the first run seeds the store.
APP_TIMEOUT_S = 90


@pytest.fixture
def app_db(tmp_path, monkeypatch) -> str:
    """The URL of an empty temporary store the app uses, seeded from seeds/ on first run."""
    db = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("INCIDENTS_DB_URL", db)
    monkeypatch.setenv("INCIDENTS_SEEDS_DIR", str(SEEDS))
    return db


def new_app(**query: str):
    """The dashboard under Streamlit's AppTest (no browser), not yet run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_S)
    at.query_params.update(query)
    return at


@pytest.fixture
def app_test(app_db):
    """The app after its first run on the temporary store."""
    return new_app().run()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """``streamlit run app.py`` on a free port with a fresh temporary store."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
        )
    data = tmp_path_factory.mktemp("app-data")
    with serve_dashboard(data) as url:
        yield {"url": url, "db_url": f"sqlite:///{data / 'incidents.sqlite'}"}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records every request; screenshot kept when the test fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
