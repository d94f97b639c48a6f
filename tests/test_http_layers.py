"""The API and the pages share one HTTP layer (gate, policy, parameters, errors, headers)
and neither reaches into the other: api/ never imports web/, and the shared layer neither."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import echo_cases

PACKAGE = Path(echo_cases.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth of its code, relative imports resolved."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def reaches(path: Path, forbidden: str) -> list[str]:
    return sorted(m for m in imported_modules(path)
                  if m == forbidden or m.startswith(forbidden + "."))


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("api", "echo_cases.web"),
    ("http", "echo_cases.web"),
    ("http", "echo_cases.api"),
])
def test_a_layer_does_not_import_the_one_beside_it(layer: str, forbidden: str) -> None:
    files = sorted((PACKAGE / layer).glob("*.py"))
    assert files, f"no modules found in echo_cases/{layer}"
    offenders = {f.name: reaches(f, forbidden) for f in files if reaches(f, forbidden)}
    assert offenders == {}


def test_the_import_walk_sees_imports_inside_functions() -> None:
    # spec.py once imported web.params inside a function: the walk must see such imports.
    module = PACKAGE / "api" / "spec.py"
    assert "echo_cases.http.params" in imported_modules(module)
