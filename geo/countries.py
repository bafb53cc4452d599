"""Country names by ISO 3166-1 alpha-2 code, read without loading any shape.

Tables, captions and the command line name countries far more often than
they draw them. ``country_names.json`` is written by the gazetteer build
beside ``countries.geojson`` and holds each country's name and aliases.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from geo.gazetteer import DATA_DIR, normalize_name

__all__ = ["CountryNames", "country_names"]


@dataclass(frozen=True)
class CountryNames:
    """English short names and the aliases a country is known by."""

    names: dict[str, str]
    _codes_by_name: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> CountryNames:
        """The table in ``path`` (code → [name, aliases…])."""
        table: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
        codes_by_name: dict[str, str] = {}
        for code, spellings in table.items():
            for spelling in spellings:
                codes_by_name.setdefault(normalize_name(spelling), code)
        return cls({code: spellings[0] for code, spellings in table.items()}, codes_by_name)

    def code_for(self, text: str) -> str | None:
        """The ISO code for a code, name or alias (``"ru"``, ``"Russia"``), else ``None``."""
        value = text.strip()
        if value.upper() in self.names:
            return value.upper()
        return self._codes_by_name.get(normalize_name(value))


@functools.cache
def country_names(data_dir: Path = DATA_DIR) -> CountryNames:
    """The table shipped with the gazetteer data (a constant: read once per folder)."""
    return CountryNames.read(Path(data_dir) / "country_names.json")
