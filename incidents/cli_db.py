"""``incidents db``: which store this is, upgrading its schema, and moving it to another database."""

from __future__ import annotations

from pathlib import Path

import click

from incidents.cli_support import gazetteer, handles_errors, open_store, print_json

__all__ = ["db_group"]


@click.group("db")
def db_group() -> None:
    """The store itself: its schema, and moving it between databases."""


@db_group.command("current")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handles_errors
def current_cmd(ctx: click.Context, as_json: bool) -> None:
    """Say which store the commands use: backend, schema version, incidents, accounts."""
    from incidents.accounts import list_accounts
    from incidents.schema import SCHEMA_VERSION

    version = _stored_version(ctx.obj["db"])
    facts: dict[str, object] = {"schema": version, "code_schema": SCHEMA_VERSION}
    if version == SCHEMA_VERSION:
        store = open_store(ctx)
        facts |= {
            "url": store.engine.url.render_as_string(hide_password=True),
            "backend": store.engine.dialect.name,
            "incidents": store.count(),
            "accounts": len(list_accounts(store.engine)),
            "revision": store.revision,
        }
    if as_json:
        print_json(facts)
        return
    if version != SCHEMA_VERSION:
        click.echo(
            f"schema {version} (this version writes {SCHEMA_VERSION}): "
            + ("a new store" if version == 0 else "run: incidents db upgrade")
        )
        return
    click.echo(
        f"{facts['url']} ({facts['backend']}): schema {facts['schema']} "
        f"(this version writes {facts['code_schema']}), {facts['incidents']:,} incident(s), "
        f"{facts['accounts']} account(s), revision {facts['revision']}"
    )


@db_group.command("upgrade")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handles_errors
def upgrade_cmd(ctx: click.Context, as_json: bool) -> None:
    """Bring the store's schema up to this version's (back the database up first)."""
    from incidents.store import Store

    before = _stored_version(ctx.obj["db"])
    store = Store(ctx.obj["db"], gazetteer(ctx), upgrade=True)
    ctx.call_on_close(store.dispose)
    after = store.schema_version
    if as_json:
        print_json({"from": before, "to": after})
    elif before == after:
        click.echo(f"Schema {after} is current; nothing to do.")
    else:
        click.echo(f"Upgraded the store from schema {before} to {after}.")


def _stored_version(url: str) -> int:
    """The store's schema number without changing it (0: nothing there yet)."""
    import sqlalchemy as sa

    from incidents.errors import StoreError
    from incidents.migrate import stored_version

    try:
        engine = sa.create_engine(url)
        try:
            with engine.connect() as conn:
                return stored_version(conn, url)
        finally:
            engine.dispose()
    except (sa.exc.SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"Cannot open the incident store at {url}: {exc}") from exc


@db_group.command("copy")
@click.argument("source_url")
@click.argument("target_url")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handles_errors
def copy_cmd(source_url: str, target_url: str, as_json: bool) -> None:
    """Copy every incident from SOURCE_URL into the empty store at TARGET_URL.

    Ids, sources, evidence and times are kept; the target is written in one
    transaction and its count is checked against the source's.
    """
    from geo.gazetteer import Gazetteer
    from incidents.copy import copy_store
    from incidents.errors import StoreError
    from incidents.store import Store

    if source_url.startswith("sqlite:///") and source_url != "sqlite:///:memory:":
        path = Path(source_url.removeprefix("sqlite:///"))
        if not path.is_file():
            raise StoreError(f"There is no store to copy at {source_url} ({path} does not exist).")
    gazetteer = Gazetteer()
    source, target = Store(source_url, gazetteer), Store(target_url, gazetteer)
    try:
        copied = copy_store(source, target)
    finally:
        source.dispose()
        target.dispose()
    if as_json:
        print_json({"copied": copied, "source": source_url, "target": target_url})
    else:
        click.echo(f"Copied {copied:,} incident(s); the target's count matches the source's.")
