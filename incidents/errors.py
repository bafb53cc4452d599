"""The project's error tree, completed from the root in ``geo.errors``.

::

    AtlasError                          (geo.errors)
     ├── InputError                     bad input; nothing was changed
     │    ├── MalformedFile             a file that cannot be read as what it claims to be
     │    ├── UnknownCountry            a country name or code we do not know
     │    ├── UnknownPlace              (geo) a place phrase the gazetteer cannot place
     │    ├── ImpossibleDate            a date that does not exist or contradicts another
     │    ├── InvalidGeometry           (geo) geometry that is not usable
     │    └── InvalidIncident           an incident that breaks a rule of the model
     ├── StoreError                     the database could not be opened, read or written
     │    └── EditConflict              an edit made from an older version of an incident
     ├── PermissionDenied               the user's role does not allow this, or a failed login
     ├── GeocodeError                   (geo) the online geocoder failed
     ├── GazetteerDataError             (geo) geo/data is missing or damaged
     ├── ExportError                    an export could not be written
     ├── ScreenshotError                (geo) a map could not be rendered to a picture
     └── OptionalDependencyMissing      (geo) an optional extra is not installed

The CLI prints these as one ``Error: …`` line (or one JSON object with
``--json``) and exits non-zero; the app shows them with ``st.error``. Any
other exception is a bug and is allowed to surface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.errors import (
    AtlasError,
    GazetteerDataError,
    GeocodeError,
    InputError,
    InvalidGeometry,
    OptionalDependencyMissing,
    ScreenshotError,
    UnknownPlace,
)

if TYPE_CHECKING:
    from incidents.model import Incident

__all__ = [
    "AtlasError",
    "EditConflict",
    "ExportError",
    "GazetteerDataError",
    "GeocodeError",
    "ImpossibleDate",
    "InputError",
    "InvalidGeometry",
    "InvalidIncident",
    "MalformedFile",
    "OptionalDependencyMissing",
    "PermissionDenied",
    "ScreenshotError",
    "StoreError",
    "UnknownCountry",
    "UnknownPlace",
]


class MalformedFile(InputError):
    """A file that cannot be read as the format it claims to be."""

    code = "malformed_file"


class UnknownCountry(InputError):
    """A country name or code that is not in ISO 3166-1."""

    code = "unknown_country"


class ImpossibleDate(InputError):
    """A date that does not exist, or an end before a start."""

    code = "impossible_date"


class InvalidIncident(InputError):
    """An incident that breaks a rule of the model (e.g. an unknown event type)."""

    code = "invalid_incident"


class StoreError(AtlasError):
    """The incident store could not be opened, read or written."""

    code = "store_error"


class EditConflict(StoreError):
    """Someone saved the incident after this edit began: both versions are kept for a choice.

    ``theirs`` is the incident as stored now; ``yours`` the edit that was refused.
    Saving ``yours`` again with ``version=theirs.version`` overwrites on purpose.
    """

    code = "edit_conflict"

    def __init__(self, message: str, *, theirs: Incident, yours: Incident) -> None:
        super().__init__(message)
        self.theirs = theirs
        self.yours = yours


class PermissionDenied(AtlasError):
    """The acting user's role does not allow the action (or a login failed)."""

    code = "permission_denied"


class ExportError(AtlasError):
    """An export could not be produced or written."""

    code = "export_error"
