"""The package's shape: no import cycle inside kb (function-local imports count), no module over
1,100 lines, each module opening with a docstring. Read from the source with ``ast``, so an
import hidden inside a function ("lazy" imports that paper over a cycle) is caught too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KB = Path(__file__).resolve().parent.parent / "kb"
MAX_LINES = 1100


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(KB.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(KB.rglob("*.py"))}


def _resolve(name: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a ``from … import`` names (relative levels resolved)."""
    if node.level == 0:
        return node.module or ""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    """Module -> the kb modules it imports anywhere in its body (top level or in functions)."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, path, node)
                # "from .pkg import mod" imports the submodule; "from .mod import f" the module
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for t in targets:
                while t and t not in modules and "." in t:
                    t = t.rsplit(".", 1)[0]
                if t in modules and t != name and t != "kb":
                    graph[name].add(t)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules (first = last), or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(u: str) -> list[str]:
        state[u] = 1
        stack.append(u)
        for v in sorted(graph[u]):
            if state.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if v not in state:
                found = visit(v)
                if found:
                    return found
        state[u] = 2
        stack.pop()
        return []

    for u in sorted(graph):
        if u not in state:
            found = visit(u)
            if found:
                return found
    return []


def test_the_checker_sees_a_cycle_through_a_function_local_import(tmp_path):
    graph = {"kb.a": {"kb.b"}, "kb.b": {"kb.c"}, "kb.c": {"kb.a"}, "kb.d": {"kb.a"}}
    assert find_cycle(graph) == ["kb.a", "kb.b", "kb.c", "kb.a"]
    assert find_cycle({"kb.a": {"kb.b"}, "kb.b": set()}) == []


def test_the_graph_reads_local_and_relative_imports():
    graph = import_graph()
    assert "kb.extract.de.ner" in graph["kb.extract.nlp"]  # top-level relative import
    assert "kb.extract.rules" in graph["kb.extract.facts"]  # a package's __init__
    assert "kb.extract.pipeline" in graph["kb.build"]  # imported inside a function


def test_no_import_cycle_in_kb():
    cycle = find_cycle(import_graph())
    assert not cycle, " -> ".join(cycle)


@pytest.mark.parametrize("path", sorted(KB.rglob("*.py")), ids=lambda p: str(p.relative_to(KB)))
def test_module_is_small_and_says_its_job(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{path} has more than {MAX_LINES} lines"
    assert ast.get_docstring(ast.parse(text)), f"{path} has no module docstring"


def test_no_lazy_import_workaround():
    for path in KB.rglob("*.py"):
        assert "# lazy" not in path.read_text(encoding="utf-8"), path


def test_no_test_module_imports_another():
    """Shared test code lives in ``tests/helpers/``: a test module never imports another one."""
    tests = Path(__file__).resolve().parent
    offenders = []
    for path in sorted(tests.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0].startswith("test_")]
    assert not offenders, offenders
