"""``incidents users``: the store's local accounts and their roles (admins only)."""

from __future__ import annotations

import sys

import click

from incidents.cli_support import acting_user, handles_errors, open_store, print_json

__all__ = ["users_group"]


@click.group("users")
def users_group() -> None:
    """Accounts of the store: viewers read and export, editors change incidents, admins manage."""


@users_group.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["viewer", "editor", "admin"]),
    default="viewer",
    show_default=True,
    help="What the account may do.",
)
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input instead of asking.",
)
@click.pass_context
@handles_errors
def add_cmd(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Create the account NAME; asks for its password twice (at least 10 characters)."""
    from incidents.accounts import add_account

    store = open_store(ctx)
    by = acting_user(ctx, store)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(
            f"Password for {name}", hide_input=True, confirmation_prompt=True, err=True
        )
    account = add_account(store.engine, name, password, role, by=by)
    click.echo(f"Added {account.name} ({account.role}).")


@users_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handles_errors
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """List the accounts with their roles (never their passwords)."""
    from incidents.accounts import list_accounts

    store = open_store(ctx)
    acting_user(ctx, store).require("admin", "list accounts")
    accounts = list_accounts(store.engine)
    if as_json:
        print_json(
            [
                {
                    "name": a.name,
                    "role": a.role,
                    "disabled": a.disabled,
                    "created_at": a.created_at.isoformat(),
                }
                for a in accounts
            ]
        )
        return
    if not accounts:
        click.echo("No accounts: on this machine the app and the command line act as local admin.")
    for a in accounts:
        state = " (disabled)" if a.disabled else ""
        click.echo(f"{a.name:<24} {a.role:<7} since {a.created_at:%Y-%m-%d}{state}")


@users_group.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(["viewer", "editor", "admin"]))
@click.pass_context
@handles_errors
def set_role_cmd(ctx: click.Context, name: str, role: str) -> None:
    """Give the account NAME the role ROLE."""
    from incidents.accounts import set_role

    store = open_store(ctx)
    account = set_role(store.engine, name, role, by=acting_user(ctx, store))
    click.echo(f"{account.name} is now {account.role}.")


@users_group.command("disable")
@click.argument("name")
@click.pass_context
@handles_errors
def disable_cmd(ctx: click.Context, name: str) -> None:
    """Stop the account NAME from signing in; its changes stay in the history."""
    _set_disabled(ctx, name, True)


@users_group.command("enable")
@click.argument("name")
@click.pass_context
@handles_errors
def enable_cmd(ctx: click.Context, name: str) -> None:
    """Let a disabled account NAME sign in again."""
    _set_disabled(ctx, name, False)


def _set_disabled(ctx: click.Context, name: str, disabled: bool) -> None:
    from incidents.accounts import set_disabled

    store = open_store(ctx)
    set_disabled(store.engine, name, disabled, by=acting_user(ctx, store))
    click.echo(f"{name} is {'disabled' if disabled else 'enabled'}.")
