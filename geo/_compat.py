"""Optional dependencies, imported where they are used (geopandas style)."""

from __future__ import annotations

import importlib
from types import ModuleType

from geo.errors import OptionalDependencyMissing

__all__ = ["import_optional"]


def import_optional(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional dependency or say exactly how to install it.

    Parameters
    ----------
    module
        The module to import, e.g. ``"playwright.sync_api"``.
    extra
        The name of the extra that provides it, e.g. ``"browser"``.
    purpose
        What the user was trying to do, for the message.

    Returns
    -------
    ModuleType
        The imported module.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise OptionalDependencyMissing(
            f"{purpose} needs the optional package '{module.split('.')[0]}', which is not "
            f"installed. Install it with: pip install 'incident-atlas[{extra}]'"
        ) from exc
