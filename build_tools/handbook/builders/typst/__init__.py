"""The PDF route: a Sphinx builder that writes Typst and compiles it in-process with ``typst``."""
