"""numerics/ never imports the symbolic analysis: validation means something only while the
numerical routes cannot borrow a closed form."""

import ast
from pathlib import Path

import symflux

NUMERICS = Path(symflux.__file__).resolve().parent / "numerics"
ALLOWED = ("symflux.numerics", "symflux.errors", "symflux.parsing")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "symflux" or name.startswith("symflux.")}


def test_numerics_import_nothing_symbolic():
    modules = sorted(NUMERICS.glob("*.py"))
    assert len(modules) > 10
    offending = {p.name: sorted(m for m in _imports(p) if not m.startswith(ALLOWED))
                 for p in modules}
    assert {name: mods for name, mods in offending.items() if mods} == {}
