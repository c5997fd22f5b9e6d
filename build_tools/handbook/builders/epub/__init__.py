"""The EPUB 3 builder."""
