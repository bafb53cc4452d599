"""Optional dependencies and package names, imported where they are used (geopandas style)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

from geo.errors import OptionalDependencyMissing

__all__ = ["import_optional", "lazy_attributes"]


def lazy_attributes(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) that imports each name from its home when first used.

    ``homes`` maps a public name to the module that defines it, so a command
    that needs a few names does not import every module of the package.
    """

    def attribute(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(home), name)

    return attribute


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
