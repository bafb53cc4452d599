"""Errors raised by ``geo``; the root of the project's error tree lives here.

``geo`` is the bottom layer, so the root class is defined here and
``incidents.errors`` builds the rest of the tree on it::

    AtlasError                      anything the user can act on
     ├── InputError                 bad input; nothing was changed
     │    ├── UnknownPlace          (geo) a phrase the gazetteer cannot place
     │    └── InvalidGeometry       (geo) geometry that is not usable
     ├── GazetteerDataError         (geo) geo/data is missing or damaged
     ├── GeocodeError               (geo) the online geocoder failed
     ├── ScreenshotError            (geo) a map could not be rendered to a picture
     └── OptionalDependencyMissing  (geo) an extra is not installed

Every message says what was wrong, where, what was received and what was
expected, so the CLI and the app can print it as it is.
"""

from __future__ import annotations

__all__ = [
    "AtlasError",
    "GazetteerDataError",
    "GeocodeError",
    "InputError",
    "InvalidGeometry",
    "OptionalDependencyMissing",
    "ScreenshotError",
    "UnknownPlace",
]


class AtlasError(Exception):
    """Base class of every error Incident Atlas reports to its user."""

    #: Short machine-readable name used in the CLI's JSON error shape.
    code = "atlas_error"


class InputError(AtlasError):
    """Input was rejected; nothing was stored or changed."""

    code = "input_error"


class UnknownPlace(InputError):
    """A place phrase matched nothing in the gazetteer."""

    code = "unknown_place"


class InvalidGeometry(InputError):
    """A geometry is empty, invalid or outside the world."""

    code = "invalid_geometry"


class GazetteerDataError(AtlasError):
    """The committed gazetteer files are missing or unreadable."""

    code = "gazetteer_data"


class GeocodeError(AtlasError):
    """The configured online geocoder failed (network, HTTP or parse error)."""

    code = "geocode_error"


class OptionalDependencyMissing(AtlasError):
    """A feature needs an optional extra that is not installed."""

    code = "missing_dependency"


class ScreenshotError(AtlasError):
    """A map could not be rendered to a picture (no browser, or it never finished drawing)."""

    code = "screenshot_error"
