"""MkDocs hooks: leave out of the nav the pages other branches are still writing, and show
the Sphinx roles of the docstrings as code.

``mkdocs build --strict`` fails on a nav entry whose file is missing. The pages in
:data:`PENDING` are being written elsewhere and merged later; until a page's file exists
its entry is dropped from the nav. Any other missing page is kept, so strict mode still
reports it.

>>> nav = [{"Home": "index.md"}, {"Topics": [{"A": "kinetics.md"}, {"B": "sweeps.md"}]}]
>>> prune(nav, exists=lambda page: page != "sweeps.md")
[{'Home': 'index.md'}, {'Topics': [{'A': 'kinetics.md'}]}]
>>> prune([{"Gone": "typo.md"}], exists=lambda page: False)
[{'Gone': 'typo.md'}]

The docstrings cross-reference in Sphinx roles (``:func:`~symflux.checking.check```), which
mkdocstrings leaves as text; :func:`plain_roles` shows each as its code, ``~`` keeping the
last part of the dotted name as Sphinx does:

>>> plain_roles("see :func:<code>~symflux.checking.check</code> and :mod:<code>numpy</code>")
'see <code>check</code> and <code>numpy</code>'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

__all__ = ["PENDING", "on_config", "on_page_content", "plain_roles", "prune"]

_ROLE = re.compile(r":(?:class|data|func|math|meth|mod|attr|exc|obj):<code>(~?)([^<]*)</code>")

#: Pages other branches are writing (issue 11): listed in mkdocs.yml, shown once they exist.
PENDING = frozenset(
    {"validation.md", "security.md", "performance.md", "sbml.md", "control.md", "sweeps.md"}
)


def prune(nav: list, *, exists: Callable[[str], bool]) -> list:
    """The nav without the entries of pending pages that do not exist (sections kept)."""
    kept = []
    for entry in nav:
        if isinstance(entry, dict):
            (title, target), = entry.items()
            if isinstance(target, list):
                kept.append({title: prune(target, exists=exists)})
                continue
        else:
            target = entry
        if isinstance(target, str) and target in PENDING and not exists(target):
            continue
        kept.append(entry)
    return kept


def on_config(config, **kwargs):
    """MkDocs entry point: prune ``config["nav"]`` against the files in ``docs_dir``."""
    docs = Path(config["docs_dir"])
    if config["nav"]:
        config["nav"] = prune(config["nav"], exists=lambda page: (docs / page).is_file())
    return config


def plain_roles(html: str) -> str:
    """``:role:<code>target</code>`` as ``<code>target</code>`` (``~a.b.c`` as ``c``)."""
    return _ROLE.sub(
        lambda m: f"<code>{m[2].rsplit('.', 1)[-1] if m[1] else m[2]}</code>", html)


def on_page_content(html: str, **kwargs) -> str:
    """MkDocs entry point: the rendered page with its Sphinx roles shown as code."""
    return plain_roles(html)
