"""The map page's Export panel: prepare a file for the current filter, then download it."""

from __future__ import annotations

import csv
import io

import pytest

from tests.app.conftest import new_app


@pytest.fixture
def app(app_db):
    return new_app(start="2024-07-01", end="2024-07-31").run()


def test_csv_export_holds_exactly_the_filtered_incidents(app):
    app.radio(key="exp_fmt").set_value("csv").run()
    next(b for b in app.button if b.label == "Prepare file").click().run()
    assert not app.exception and not app.error
    ready = app.session_state["export_file"]
    csv.field_size_limit(10**8)
    rows = list(csv.DictReader(io.StringIO(ready["data"].decode("utf-8"))))
    assert len(rows) == 2  # the seed article's two July 2024 incidents
    assert {r["start_date"][:7] for r in rows} == {"2024-07"}
    assert ready["caption"].startswith("1 Jul 2024 – 31 Jul 2024")


@pytest.mark.browser
def test_png_export_from_the_app_draws_a_picture_of_the_size_chosen(app):
    from PIL import Image

    app.radio(key="exp_fmt").set_value("png").run()
    app.selectbox(key="exp_size").set_value("4:3").run()
    app.text_input(key="exp_banner").set_value("UNCLASSIFIED").run()
    next(b for b in app.button if b.label == "Prepare file").click().run()
    assert not app.exception and not app.error
    png = app.session_state["export_file"]["data"]
    assert Image.open(io.BytesIO(png)).size == (1600, 1200)


def test_an_impossible_custom_size_is_refused_before_drawing(app):
    app.radio(key="exp_fmt").set_value("png").run()
    app.selectbox(key="exp_size").set_value("custom").run()
    app.number_input(key="exp_w").set_value(8000).run()
    app.radio(key="exp_scale").set_value(2).run()
    assert "largest side allowed is 8000" in app.error[0].value
    assert next(b for b in app.button if b.label == "Prepare file").disabled
