"""Benchmarks: a generated corpus, the pipeline and plain Sphinx and pandoc on it, timed in one run."""
