"""``incidents db``: which store this is, and moving a whole store to another database."""

from __future__ import annotations

import click

from incidents.cli_support import handles_errors, open_store, print_json

__all__ = ["db_group"]


@click.group("db")
def db_group() -> None:
    """The store itself: its schema, and moving it between databases."""


@db_group.command("current")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handles_errors
def current_cmd(ctx: click.Context, as_json: bool) -> None:
    """Say which store the commands use: backend, schema version, incidents."""
    from incidents.store import SCHEMA_VERSION

    store = open_store(ctx)
    facts = {
        "url": store.engine.url.render_as_string(hide_password=True),
        "backend": store.engine.dialect.name,
        "schema": store.schema_version,
        "code_schema": SCHEMA_VERSION,
        "incidents": store.count(),
        "revision": store.revision,
    }
    if as_json:
        print_json(facts)
        return
    click.echo(
        f"{facts['url']} ({facts['backend']}): schema {facts['schema']} "
        f"(this version writes {facts['code_schema']}), {facts['incidents']:,} incident(s), "
        f"revision {facts['revision']}"
    )


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
    from incidents.store import Store

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
