"""Optional online geocoding through geopy's Nominatim client.

Off by default: nothing here runs unless the user configures a geocoder URL
(``INCIDENTS_GEOCODER_URL``, e.g. ``https://nominatim.example.org`` or an
in-house server). Requests are rate-limited with geopy's ``RateLimiter`` and
answers are cached on disk, so a phrase is asked for at most once.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from shapely.geometry import Point, shape

from geo.errors import GeocodeError

__all__ = ["OnlineGeocoder"]


class OnlineGeocoder:
    """A Nominatim-compatible geocoder with a disk cache.

    Parameters
    ----------
    url
        Base URL of a server that speaks Nominatim's ``/search`` API.
    cache_path
        JSON file that keeps answers between runs.
    min_delay_seconds
        At least this long between two requests (Nominatim's policy is 1 s).
    user_agent
        Sent with every request, as Nominatim's usage policy asks.
    timeout
        Seconds before a request is abandoned.
    """

    def __init__(
        self,
        url: str,
        cache_path: Path,
        *,
        min_delay_seconds: float = 1.0,
        user_agent: str = "incident-atlas",
        timeout: float = 10.0,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise GeocodeError(
                f"Geocoder URL {url!r} is not an http(s) URL; expected something like "
                "'https://nominatim.example.org'."
            )
        self.url = url
        self.cache_path = Path(cache_path)
        self._lock = threading.Lock()
        self._cache: dict[str, list[dict[str, Any]]] = self._load_cache()
        client = Nominatim(
            domain=parsed.netloc + parsed.path.rstrip("/"),
            scheme=parsed.scheme,
            user_agent=user_agent,
            timeout=timeout,
        )
        self._search = RateLimiter(
            client.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=1,
            swallow_exceptions=False,
        )

    def _load_cache(self) -> dict[str, list[dict[str, Any]]]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (FileNotFoundError, ValueError):
            return {}

    def _save_cache(self) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._cache), encoding="utf-8")
        tmp.replace(self.cache_path)

    def raw(self, phrase: str) -> list[dict[str, Any]]:
        """The server's raw answers for a phrase, from the cache when known."""
        key = phrase.strip().lower()
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        from geopy.exc import GeopyError

        try:
            found = self._search(phrase, exactly_one=False, limit=5, geometry="geojson")
        except GeopyError as exc:
            raise GeocodeError(
                f"The online geocoder at {self.url} failed for {phrase!r}: {exc}. "
                "Check the URL and the network, or switch online geocoding off."
            ) from exc
        answers = [loc.raw for loc in (found or [])]
        with self._lock:
            self._cache[key] = answers
            self._save_cache()
        return answers

    def geocode(self, phrase: str) -> list[Any]:
        """Matches for a phrase, in the same shape as the offline geocoder's."""
        from geo.geocode import Match

        out = []
        for rank, item in enumerate(self.raw(phrase)):
            geometry = item.get("geojson")
            geom = shape(geometry) if geometry else Point(float(item["lon"]), float(item["lat"]))
            out.append(
                Match(
                    name=str(item.get("display_name", phrase)).split(",")[0],
                    kind=str(item.get("type") or item.get("class") or "place"),
                    geometry=geom,
                    precision="point" if geom.geom_type == "Point" else "place",
                    score=round(0.7 - 0.05 * rank, 3),
                    provenance=f"Online geocoder {self.url} (OpenStreetMap data, ODbL)",
                    note=str(item.get("display_name", "")),
                )
            )
        return out
