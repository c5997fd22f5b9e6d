"""A publication as a Sphinx project: chapters, generated pages, cover and configuration."""
