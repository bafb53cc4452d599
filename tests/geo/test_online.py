"""The optional online geocoder, against a local server speaking Nominatim's API."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from geo.errors import GeocodeError
from geo.geocode import geocode
from geo.online import OnlineGeocoder

pytestmark = pytest.mark.online


@pytest.fixture
def nominatim():
    """A local stand-in for a Nominatim server: answers /search, counts requests."""
    calls: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlparse(self.path)
            query = parse_qs(url.query)
            calls.append(query)
            if url.path != "/search":
                self.send_error(404)
                return
            body = []
            if query.get("q", [""])[0].lower() == "podunk harbour":
                body = [
                    {
                        "lat": "47.5",
                        "lon": "-52.7",
                        "display_name": "Podunk Harbour, Canada",
                        "class": "place",
                        "type": "hamlet",
                    }
                ]
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", calls
    server.shutdown()
    server.server_close()


def test_online_fallback_is_used_only_when_offline_finds_nothing(gazetteer, nominatim, tmp_path):
    url, calls = nominatim
    online = OnlineGeocoder(url, tmp_path / "cache.json", min_delay_seconds=0)
    assert geocode("Bering Sea", gazetteer=gazetteer, online=online)[0].kind == "sea"
    assert calls == []
    match = geocode("Podunk Harbour", gazetteer=gazetteer, online=online)[0]
    assert (match.geometry.x, match.geometry.y) == (-52.7, 47.5)
    assert "Online geocoder" in match.provenance
    assert calls[0]["format"] == ["json"]


def test_online_answers_are_cached_on_disk(gazetteer, nominatim, tmp_path):
    url, calls = nominatim
    cache = tmp_path / "cache.json"
    OnlineGeocoder(url, cache, min_delay_seconds=0).geocode("Podunk Harbour")
    again = OnlineGeocoder(url, cache, min_delay_seconds=0).geocode("podunk harbour")
    assert len(calls) == 1
    assert again[0].name == "Podunk Harbour"


def test_offline_by_default_no_request_is_made(gazetteer, nominatim):
    _, calls = nominatim
    assert geocode("Podunk Harbour", gazetteer=gazetteer) == []
    assert calls == []


def test_unreachable_server_gives_a_clear_error(tmp_path):
    online = OnlineGeocoder(
        "http://127.0.0.1:9", tmp_path / "c.json", min_delay_seconds=0, timeout=2
    )
    with pytest.raises(GeocodeError, match="failed for 'Nowhere'"):
        online.geocode("Nowhere")


def test_bad_url_is_rejected(tmp_path):
    with pytest.raises(GeocodeError, match="not an http"):
        OnlineGeocoder("ftp://x", tmp_path / "c.json")


def test_cli_uses_the_configured_geocoder(nominatim, tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from incidents.cli import cli

    url, calls = nominatim
    monkeypatch.setenv("INCIDENTS_GEOCODER_URL", url)
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["geocode", "Podunk Harbour", "--json"], obj={})
    feature = json.loads(result.output)["features"][0]
    assert feature["geometry"]["coordinates"] == [-52.7, 47.5]
    assert (tmp_path / "geocoder-cache.json").exists()
    assert len(calls) == 1
