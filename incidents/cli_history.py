"""``incidents history`` and ``incidents restore``: an incident's changes, and going back."""

from __future__ import annotations

import click

from incidents.cli_support import acting_user, handles_errors, open_store, print_json

__all__ = ["history_cmd", "restore_cmd"]


@click.command("history")
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handles_errors
def history_cmd(ctx: click.Context, incident_id: int, as_json: bool) -> None:
    """Print who changed incident INCIDENT_ID, when, and each changed field before and after."""
    versions = open_store(ctx).history(incident_id)
    if as_json:
        print_json(
            [
                {
                    "version": v.change.version,
                    "action": v.change.action,
                    "user": v.change.user,
                    "at": v.change.at.isoformat(),
                    "note": v.change.note,
                    "before": v.change.before,
                    "after": v.change.after,
                }
                for v in versions
            ]
        )
        return
    if not versions:
        click.echo(
            f"Incident #{incident_id} has not changed since this store began keeping history."
        )
    for v in versions:
        click.echo(v.change.describe())
        for field in sorted(set(v.change.before) | set(v.change.after)):
            if v.change.action == "deleted" or field == "geometry":
                continue
            click.echo(
                f"    {field}: {_short(v.change.before.get(field))} → "
                f"{_short(v.change.after.get(field))}"
            )


@click.command("restore")
@click.argument("incident_id", type=int)
@click.argument("version", type=int)
@click.pass_context
@handles_errors
def restore_cmd(ctx: click.Context, incident_id: int, version: int) -> None:
    """Bring incident INCIDENT_ID back as it was at VERSION (recorded as a new version)."""
    store = open_store(ctx)
    restored = store.restore(incident_id, version, by=acting_user(ctx, store))
    click.echo(
        f"Restored #{incident_id} to version {version}; it is now version {restored.version}."
    )


def _short(value: object, width: int = 70) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
