"""The layering rule, checked on the source: low packages never import the CLI, and the exporters have no cycle.

- ``common`` (errors, the Label Studio client) imports none of the other packages;
- ``label_config`` imports only itself and ``common``;
- no module outside a ``cli.py`` imports the ``labelguide`` CLI package or another package's ``cli``;
- the import graph inside each package has no cycle (including imports made inside functions);
- no module of the packages is over 400 lines (small modules with one job each);
- the guideline's own modules (``label_config``, ``common``) hold the ``>>>`` examples they show.
"""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("common", "label_config", "ml_backend", "importers", "exporters", "labelguide")


def _imports(path: Path) -> set[str]:
    """Every module name ``path`` imports, at any depth (top-level and inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n for n in names if n.split(".")[0] in PACKAGES}


def _modules() -> dict[str, set[str]]:
    graph = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            name = ".".join(p for p in rel.parts if p != "__init__")
            graph[name] = _imports(path)
    return graph


GRAPH = _modules()


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_low_layers_never_import_the_cli(module: str) -> None:
    is_cli = module.endswith(".cli") or module.startswith("labelguide")
    for target in GRAPH[module]:
        if not is_cli:
            assert not target.startswith("labelguide"), f"{module} imports the CLI package ({target})"
            assert not target.endswith(".cli"), f"{module} imports a CLI module ({target})"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if m.startswith(("common", "label_config"))))
def test_the_lowest_layers_import_only_below_themselves(module: str) -> None:
    allowed = ("common",) if module.startswith("common") else ("common", "label_config")
    for target in GRAPH[module]:
        assert target.split(".")[0] in allowed, f"{module} imports {target}"


def test_no_import_cycle_inside_a_package() -> None:
    def resolve(target: str) -> str | None:
        while target and target not in GRAPH:
            target = target.rpartition(".")[0]
        return target or None

    edges = {m: {t for t in (resolve(x) for x in deps) if t and t != m} for m, deps in GRAPH.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)


MAX_LINES = 400


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_is_over_400_lines(module: str) -> None:
    base = ROOT.joinpath(*module.split("."))
    path = base.with_suffix(".py") if base.with_suffix(".py").exists() else base / "__init__.py"
    lines = sum(1 for _ in path.open(encoding="utf-8"))
    assert lines <= MAX_LINES, f"{module}: {lines} lines; split it by job"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if m.startswith(("common", "label_config"))))
def test_docstring_examples_hold(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{module}: {result.failed} of {result.attempted} examples failed"
