"""Architecture rules: imports point one way and public names are exported."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

from tests.conftest import ROOT


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("geo", {"incidents", "ui", "streamlit", "streamlit_folium"}),
        ("incidents", {"ui", "streamlit", "streamlit_folium"}),
    ],
)
def test_imports_point_one_way(package, forbidden):
    offenders = {
        str(path.relative_to(ROOT)): imports_of(path) & forbidden
        for path in (ROOT / package).rglob("*.py")
        if imports_of(path) & forbidden
    }
    assert offenders == {}


def all_modules(package: str):
    pkg = importlib.import_module(package)
    yield pkg
    for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{package}."):
        # Alembic runs the migration scripts itself, inside a migration; they are not modules.
        if info.name.startswith("incidents.migrations."):
            continue
        yield importlib.import_module(info.name)


@pytest.mark.parametrize("package", ["geo", "incidents"])
def test_every_public_module_declares_a_complete_all(package):
    for module in all_modules(package):
        if module.__name__.rsplit(".", 1)[-1].startswith("_"):
            continue
        assert hasattr(module, "__all__"), f"{module.__name__} has no __all__"
        defined = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and getattr(value, "__module__", None) == module.__name__
            and callable(value)
        }
        missing = defined - set(module.__all__)
        assert not missing, f"{module.__name__}.__all__ lacks {sorted(missing)}"
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.__all__ names missing {name}"


def test_the_linter_bans_domain_imports_in_geo():
    import subprocess
    import sys

    probe = "from incidents.model import Incident\n\n__all__ = ['Incident']\n"
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--stdin-filename", "geo/probe.py", "-"],
        input=probe,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "TID251" in done.stdout and "geo is the bottom layer" in done.stdout
