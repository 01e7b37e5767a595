"""Every command of the CLI, and every one of its options, is documented in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from deathtoll.cli import app

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands(command, path=("deathtoll",)):
    """``(path, command)`` for the command and every subcommand, depth first."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, path + (name,))


COMMANDS = list(_commands(get_command(app)))


def _section(title: str) -> str:
    """The text under the heading ``title`` up to the next heading of any level."""
    m = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", CLI_DOC, re.M | re.S)
    assert m, f"docs/cli.md has no section '{title}'"
    return m.group(1)


def test_the_tree_is_walked():
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"deathtoll", "deathtoll run", "deathtoll extract", "deathtoll incidents"} <= names


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_is_documented(path, command):
    title = " ".join(path)
    section = _section(title)
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        names = [o for o in param.opts if o.startswith("--")]
        if names == ["--help"]:
            continue
        assert any(f"`{n}" in section for n in names), f"{title}: option {names} is not documented"
    examples = re.findall(r"```\n(.*?)```", section, re.S)
    assert any(line.startswith(title + " ") or line == title
               for block in examples for line in block.splitlines()), f"{title}: no example"


def test_every_command_has_an_example_in_its_help():
    for path, command in COMMANDS:
        assert "Example: deathtoll" in (command.help or ""), " ".join(path)
