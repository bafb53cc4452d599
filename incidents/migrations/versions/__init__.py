"""One module per schema number; Alembic reads them by path."""

__all__: list[str] = []
