"""The handbook's Sphinx extension: chapters in their own language and direction, key facts, recommendations.

The builders (EPUB, Typst) are extensions of their own, in :mod:`handbook.builders`; ``handbook.setup``
sets up all three.
"""
