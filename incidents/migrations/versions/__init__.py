"""One module per schema number; Alembic reads them by path."""
