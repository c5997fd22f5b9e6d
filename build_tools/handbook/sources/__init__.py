"""Reading what contributors and editors write: the repository's layout, chapter files with their front
matter and outline, publication definitions and the contributor registry. Problems are raised, never printed."""
