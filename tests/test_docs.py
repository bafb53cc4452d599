"""The README keeps up with the code: commands, CLI subcommands, settings."""

from __future__ import annotations

from incidents.cli import cli
from incidents.config import ENV_KEYS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands():
    assert "make run" in README
    assert "make test" in README


def test_every_cli_subcommand_is_documented():
    missing = [name for name in cli.commands if f"incidents {name}" not in README]
    assert missing == []


def test_every_configuration_key_is_documented():
    missing = [key for key in ENV_KEYS if f"`{key}`" not in README]
    assert missing == []


def test_every_documented_subcommand_exists():
    import re

    documented = set(re.findall(r"`incidents (\w+)", README))
    assert documented <= set(cli.commands)


def _table_rows() -> dict[str, str]:
    """The README's command table: command path → its usage cell."""
    import re

    rows = {}
    for line in README.splitlines():
        found = re.match(r"\| `(incidents (?:db |users )?[\w-]+)([^`]*)`", line)
        if found:
            rows[found.group(1)] = found.group(2)
    return rows


def _options(command) -> set[str]:
    import click

    return {
        max(p.opts, key=len)
        for p in command.params
        if isinstance(p, click.Option) and p.name != "help"
    }


def test_the_readme_command_table_names_each_commands_options_as_help_does():
    import re

    from incidents.cli_export import export_cmd

    filters = _options(cli.commands["list"]) - {"--json"}
    pictures = _options(export_cmd) - filters - {"--format", "--per-incident", "--output", "--json"}
    rows = _table_rows()
    groups = {"db", "users"}
    assert set(rows) >= {f"incidents {name}" for name in cli.commands if name not in groups}
    for group in groups:
        assert set(rows) >= {f"incidents {group} {name}" for name in cli.commands[group].commands}
    for path, usage in rows.items():
        command = cli
        for word in path.split()[1:]:
            command = command.commands[word]
        written = set(re.findall(r"--[a-z][a-z-]*", usage))
        if "[filters]" in usage:
            written |= filters
        if "[picture options]" in usage:
            written |= pictures
        if "-o OUT" in usage:
            written.add("--output")
        assert (path, written) == (path, _options(command))
