"""The layout's rules, read from the source: no import cycles, the index never imports the bot,
only the store touches chromadb, only the adapters touch their platforms."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "index", "prompts")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every module this file imports at run time, at the top or inside functions.

    `from package import module` counts as importing the module only; imports under
    `if TYPE_CHECKING:` are for annotations and do not count.
    """
    names: set[str] = set()
    todo: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{a.name}" for a in node.names} & set(MODULES)
            names.update(submodules or {node.module})
    return names


def _graph() -> dict[str, set[str]]:
    return {
        name: {i for i in _imports(path) if i in MODULES} - {name} for name, path in MODULES.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_there_are_no_import_cycles():
    """No module imports itself through others, not even from inside a function."""
    cycle = _cycle(_graph())
    assert cycle is None, " -> ".join(cycle or [])


def _importers(prefixes: tuple[str, ...]) -> set[str]:
    return {
        name
        for name, path in MODULES.items()
        if any(i == p or i.startswith(p + ".") for i in _imports(path) for p in prefixes)
    }


@pytest.mark.parametrize(
    ("imported", "allowed"),
    [
        (("bot",), ()),
        (("chromadb",), ("index.store.chroma",)),
        (("discord",), ("bot.discord",)),
        (("slack_bolt", "slack_sdk"), ("bot.slack",)),
    ],
)
def test_each_dependency_is_imported_only_where_it_belongs(imported, allowed):
    """The index never imports the bot; chromadb only in the store; platforms only in adapters."""
    scope = ("index",) if imported == ("bot",) else PACKAGES
    offenders = {
        name
        for name in _importers(imported)
        if name.split(".")[0] in scope
        and not any(name == a or name.startswith(a + ".") for a in allowed)
    }
    assert not offenders, f"{', '.join(sorted(offenders))} import {', '.join(imported)}"
