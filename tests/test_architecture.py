"""The package's layers, checked: who may import whom. Read with README's "How the code is laid out".

Lower layers never import higher ones, so the pure stages run (and are tested) without Prefect or
DuckDB, and a worker process loads neither.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pipeline

PACKAGE = Path(pipeline.__file__).parent
# A sub-package may import the sub-packages listed for it (and itself, and the top-level modules).
MAY_IMPORT: dict[str, set[str]] = {
    "lexicon": set(),
    "stages": {"lexicon"},
    "warehouse": {"lexicon", "stages"},
    "orchestration": {"lexicon", "stages", "warehouse"},
    "report": {"warehouse"},
    "cli": {"lexicon", "stages", "warehouse", "orchestration", "report"},
}
# Third-party packages a layer must not load.
MUST_NOT_LOAD: dict[str, set[str]] = {
    "lexicon": {"prefect", "duckdb", "pyarrow", "prefect_dask", "dask"},
    "stages": {"prefect", "duckdb", "pyarrow", "prefect_dask", "dask"},
    "warehouse": {"prefect", "prefect_dask", "dask"},
    "report": {"prefect", "prefect_dask", "dask"},
}


def _imports(source: Path) -> set[str]:
    """Every module name imported anywhere in the file, functions included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _violations() -> list[str]:
    found: list[str] = []
    for layer, allowed in MAY_IMPORT.items():
        for source in sorted((PACKAGE / layer).rglob("*.py")):
            for name in sorted(_imports(source)):
                parts = name.split(".")
                if parts[0] == "pipeline" and len(parts) > 1 and parts[1] in MAY_IMPORT:
                    if parts[1] != layer and parts[1] not in allowed:
                        found.append(f"{source.relative_to(PACKAGE)} imports {name}")
                elif parts[0] in MUST_NOT_LOAD.get(layer, set()):
                    found.append(f"{source.relative_to(PACKAGE)} loads {parts[0]}")
    return found


def test_every_layer_imports_only_the_layers_below_it() -> None:
    assert _violations() == []


def test_every_module_belongs_to_a_layer() -> None:
    """New code goes into a layer: only the entry points and settings stand at the top."""
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "settings.py"]
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == (
        sorted(MAY_IMPORT)
    )
