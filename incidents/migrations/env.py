"""Alembic's entry point: run the migrations on the connection the store hands over.

The store opens the connection, holds the write lock and owns the
transaction (see :func:`incidents.migrate.upgrade`), so this file never
connects by itself and there is no ``alembic.ini`` with a URL in it.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
