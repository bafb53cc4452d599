"""Alembic migrations of the incident store; run them with :mod:`incidents.migrate`.

Each file in ``versions/`` moves a store one schema number up (``0004`` is
schema 4). Write a new one for every change to :mod:`incidents.schema`, and
give the tables as they are at that point rather than importing them, so an
old migration keeps meaning what it meant.
"""

__all__: list[str] = []
