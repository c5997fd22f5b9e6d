"""The Sphinx builders the pipeline runs, their runner, their workers and their quality gates."""
