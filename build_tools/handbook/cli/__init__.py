"""The ``handbook`` command line: a thin click group over the library, one module per kind of command."""

from .main import cli, main

__all__ = ["cli", "main"]
