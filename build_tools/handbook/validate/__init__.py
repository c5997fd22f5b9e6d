"""Validation: the runner, the rules, the schemas, media and script checks, and the report."""
