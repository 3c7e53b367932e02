"""The source is ruff clean (skipped where ruff is not installed); every lexicon file says
what it is and where its entries come from."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_clean():
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install '.[test]' brings it)")
    result = subprocess.run([ruff, "check", "src", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "path", sorted((ROOT / "data" / "lexicons").rglob("*.tsv")), ids=lambda path: path.name
)
def test_lexicon_opens_with_its_header(path):
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    assert header, f"{path.name} has no header comment"
    text = " ".join(header).lower()
    assert "source" in text or "publication" in text, f"{path.name}: the header does not say where the entries come from"


def _module_imports():
    """``{module: {(imported module, name), …}}`` of the relative imports at the top of each
    module of src/govtext (the imports inside functions, made on first use, left out)."""
    import ast

    package = ROOT / "src" / "govtext"
    imports = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        module = ".".join(p for p in parts if p != "__init__") or "govtext"
        found = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level:
                base = parts[: len(parts) - node.level]
                base = [p for p in base if p != "__init__"]
                target = ".".join([*base, *(node.module.split(".") if node.module else [])]) or "govtext"
                found.update((target, alias.name) for alias in node.names)
        imports[module] = found
    return imports


def test_no_module_imports_a_private_name_of_another():
    private = sorted((module, f"{target}.{name}") for module, found in _module_imports().items()
                     for target, name in found if name.startswith("_") and name != "__version__")
    assert private == []


def test_the_modules_import_each_other_without_a_circle():
    imports = _module_imports()
    # ``from . import cli`` names a module; ``from .batch import Task`` a name of one
    graph = {module: {f"{t}.{n}" if f"{t}.{n}" in imports else t for t, n in found} & imports.keys()
             for module, found in imports.items()}
    # the package's __init__ imports the public modules; they take only __version__ from it
    graph = {module: targets - {"govtext"} for module, targets in graph.items()}
    circles, done = [], set()

    def visit(module, path):
        if module in path:
            circles.append(path[path.index(module):] + [module])
            return
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert circles == []
    assert "cli" not in graph["batch"] | graph["dask"]  # the engine does not reach back into the command
    assert "export" not in graph["segment"]  # analysis does not depend on output formats
