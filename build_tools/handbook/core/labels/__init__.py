"""The interface's label tables, one module per catalogue context."""
