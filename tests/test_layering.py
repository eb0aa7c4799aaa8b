"""The pipeline's one-way rule: no stage imports a later one, and no module imports in a cycle.

Every import counts, lazy ones inside functions included; only imports under
``if TYPE_CHECKING:`` (never run) are left out.  The stages, earliest first,
are listed in :data:`STAGES` (ARCHITECTURE.md explains each).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mechgraph"

#: Stage of each top-level part of the package, earliest first; a module may import
#: modules of its own stage or an earlier one.
STAGES = {
    "errors": 0,
    "files": 0,
    "progress": 0,
    "memory": 0,
    "version": 0,
    "language": 1,
    "graph": 2,
    "compiler": 3,
    "results": 4,
    "query": 5,
    "render": 6,
    "formats": 7,
    "model": 8,
    "spark": 8,
    "lsp": 9,
    "cli": 9,
    "__main__": 10,
    "__init__": 10,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _under_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST):
    """Every import node of ``tree`` that runs (lazy ones too), skipping TYPE_CHECKING blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _under_type_checking(node):
            yield from (n for branch in node.orelse for n in _imports(ast.Module([branch], [])))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


def _resolve(module: str, node: ast.AST) -> set[str]:
    """The mechgraph modules an import statement loads (a name may be a submodule)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name.split(".")[0] == "mechgraph"}
    assert isinstance(node, ast.ImportFrom)
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if MODULES[module].name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join(package + ([base] if base else []))
    if base.split(".")[0] != "mechgraph":
        return set()
    found = set()
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        found.add(sub if sub in MODULES else base)
    return found


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for module, path in MODULES.items():
        graph.add_node(module)
        for node in _imports(ast.parse(path.read_text(), str(path))):
            for imported in _resolve(module, node):
                graph.add_edge(module, imported, line=node.lineno)
    return graph


def stage_of(module: str) -> int:
    parts = module.split(".")
    return STAGES["__init__" if len(parts) == 1 else parts[1]]


GRAPH = import_graph()


def test_every_part_of_the_package_has_a_stage():
    """Check that a new top-level module or subpackage is placed in the pipeline."""
    unplaced = {m.split(".")[1] for m in MODULES if "." in m} - set(STAGES)
    assert not unplaced, f"add these to STAGES (and ARCHITECTURE.md): {sorted(unplaced)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_stage_imports_a_later_one(module):
    """Check that data flows one way: language < graph < compiler < results < query < render."""
    later = [
        f"{imported} (line {GRAPH.edges[module, imported]['line']})"
        for imported in GRAPH.successors(module)
        if imported in MODULES and stage_of(imported) > stage_of(module)
    ]
    assert not later, f"{module} imports a later stage: {', '.join(later)}"


def test_nothing_imports_the_command_line():
    """Check that only ``python -m mechgraph`` imports the cli package."""
    importers = {
        m
        for m, imported in GRAPH.edges
        if imported.startswith("mechgraph.cli") and not m.startswith("mechgraph.cli")
    }
    assert importers <= {"mechgraph.__main__"}


def test_no_import_cycles():
    """Check that no modules import each other in a cycle, lazy imports included."""
    cycles = [sorted(c) for c in nx.strongly_connected_components(GRAPH) if len(c) > 1]
    assert not cycles


def test_a_cycle_would_be_found():
    """Check the checker: a lazy import inside a function and a cycle are both seen."""
    source = "def f():\n    from mechgraph.query.ask import ask\n"
    (node,) = list(_imports(ast.parse(source)))
    assert _resolve("mechgraph.graph.mechanism", node) == {"mechgraph.query.ask"}
    typed = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import mechgraph.cli\n"
    assert [n for n in _imports(ast.parse(typed)) if _resolve("mechgraph.files", n)] == []
