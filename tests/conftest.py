"""Shared fixtures: a gazetteer, temporary stores, the seeded store, the app."""

from __future__ import annotations

import pytest

from geo.gazetteer import Gazetteer, default_gazetteer
from incidents.store import Store
from incidents.testing import ROOT, SEEDS

__all__ = ["ROOT", "SEEDS"]  # re-exported for the test modules


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


# --------------------------------------------------------------------------- stores


@pytest.fixture
def store(tmp_path) -> Store:
    """An empty store in a temporary SQLite file."""
    s = Store(f"sqlite:///{tmp_path / 'incidents.sqlite'}")
    yield s
    s.dispose()


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory, gazetteer) -> Store:
    """A store filled from seeds/ the way the app fills it on first start."""
    from incidents.ingest import seed_if_empty

    s = Store(f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'incidents.sqlite'}")
    seed_if_empty(s, SEEDS, gazetteer=gazetteer)
    yield s
    s.dispose()
