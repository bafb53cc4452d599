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
