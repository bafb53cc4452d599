"""Runtime settings, read from the environment.

Every key is documented in the README's "Configuration" section (a test keeps
the two in step).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from incidents.errors import InputError

__all__ = ["ENV_KEYS", "Settings", "default_db_url"]

#: Environment variable → what it sets.
ENV_KEYS: dict[str, str] = {
    "INCIDENTS_DB_URL": "SQLAlchemy URL of the incident store (default: a SQLite file in the data folder)",
    "INCIDENTS_USER": "Account the command line acts as (like --user; default: the local admin)",
    "INCIDENTS_DATA_DIR": "Folder for the default SQLite store and caches (default: ./data)",
    "INCIDENTS_SEEDS_DIR": "Folder of articles ingested into an empty store on first start (default: ./seeds)",
    "INCIDENTS_GEOCODER_URL": "Nominatim-compatible server for online geocoding; unset = offline",
    "INCIDENTS_TILE_URL": "Tile URL template of your own tile server, offered as a map layer",
    "INCIDENTS_TILE_ATTRIBUTION": "Attribution shown with INCIDENTS_TILE_URL",
    "INCIDENTS_BANNER": "Classification banner on exported pictures and slides, e.g. UNCLASSIFIED (default: none)",
    "INCIDENTS_BANNER_COLOUR": "Banner background as #rrggbb (default: #007a33)",
    "INCIDENTS_CHROMIUM": "Chromium or Chrome used to draw pictures (default: found on PATH)",
    "INCIDENTS_IMPORT_MAX_MB": "Largest GeoJSON, GeoPackage, FlatGeobuf or KML file `incidents import` reads, and largest file the Import page accepts, in MB (default: 256; a CSV is streamed at any size)",
}


def default_db_url(data_dir: Path) -> str:
    """The embedded default: a SQLite file in the local data folder."""
    return f"sqlite:///{(Path(data_dir) / 'incidents.sqlite').resolve()}"


@dataclass(frozen=True)
class Settings:
    """The settings in force for this process."""

    data_dir: Path
    db_url: str
    seeds_dir: Path
    geocoder_url: str | None = None
    tile_url: str | None = None
    tile_attribution: str = ""
    banner: str = ""
    banner_colour: str = "#007a33"
    import_max_bytes: int = 256_000_000

    @property
    def geocoder_cache(self) -> Path:
        """Where answers of the online geocoder are kept between runs."""
        return self.data_dir / "geocoder-cache.json"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read settings from environment variables (``os.environ`` by default)."""
        env = dict(os.environ if environ is None else environ)
        data_dir = Path(env.get("INCIDENTS_DATA_DIR") or "data")
        return cls(
            data_dir=data_dir,
            db_url=env.get("INCIDENTS_DB_URL") or default_db_url(data_dir),
            seeds_dir=Path(env.get("INCIDENTS_SEEDS_DIR") or "seeds"),
            geocoder_url=env.get("INCIDENTS_GEOCODER_URL") or None,
            tile_url=env.get("INCIDENTS_TILE_URL") or None,
            tile_attribution=env.get("INCIDENTS_TILE_ATTRIBUTION", ""),
            banner=env.get("INCIDENTS_BANNER", ""),
            banner_colour=env.get("INCIDENTS_BANNER_COLOUR") or "#007a33",
            import_max_bytes=_megabytes(env, "INCIDENTS_IMPORT_MAX_MB", 256),
        )


def _megabytes(env: dict[str, str], key: str, default: int) -> int:
    text = env.get(key, "").strip()
    if not text:
        return default * 1_000_000
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise InputError(
            f"{key}={text!r} is not a size in MB; expected a positive number, e.g. 256."
        )
    return int(value * 1_000_000)
