"""Sphinx's standard domain, with each document a ``:numref:`` points into read once per build.

To number a reference, Sphinx unpickles the whole document that holds the target, once for every
reference: 280 unpickled chapters for the bench corpus's references, 50 s of every format's build at
ten times its text. Here the nodes a document's ids name are kept, without their content (all the
numbering needs is their kind and ids), and forgotten when the document is read again.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.domains.std import StandardDomain as SphinxStandardDomain
from sphinx.environment import BuildEnvironment


class StandardDomain(SphinxStandardDomain):
    """The ``std`` domain, resolving ``:numref:`` from the documents' targets read once."""

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._targets: dict[str, _Targets] = {}

    def clear_doc(self, docname: str) -> None:
        super().clear_doc(docname)
        self._targets.pop(docname, None)

    def _resolve_numref_xref(self, env: BuildEnvironment, *args: Any) -> Any:
        return super()._resolve_numref_xref(_TargetsOnly(env, self._targets), *args)  # type: ignore[arg-type]


class _Targets:
    """A document as numbering looks into it: the nodes its ids name, without their children (except a
    container's, which tell a code block with a caption from other containers)."""

    def __init__(self, doctree: nodes.document) -> None:
        self.ids = {
            name: node.deepcopy() if isinstance(node, nodes.container) else node.copy()
            for name, node in doctree.ids.items()
        }


class _TargetsOnly:
    """The build environment, whose ``get_doctree`` gives a document's targets, read once."""

    def __init__(self, env: BuildEnvironment, targets: dict[str, _Targets]) -> None:
        self._env = env
        self._targets = targets

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)

    def get_doctree(self, docname: str) -> _Targets:
        if docname not in self._targets:
            self._targets[docname] = _Targets(self._env.get_doctree(docname))
        return self._targets[docname]
