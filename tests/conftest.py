"""Shared fixtures: a gazetteer, temporary stores, the seeded store, the app."""

from __future__ import annotations

import pytest

from geo.gazetteer import Gazetteer, default_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return default_gazetteer()
