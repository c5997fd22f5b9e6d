# A project that is not a handbook: the handbook's builders, and an extension of someone else's that
# renders its own node in the PDF the Sphinx way, with app.add_node(..., typst=(visit, depart)).
import sys
from pathlib import Path

from handbook.core.config import PublicationConfig

sys.path.insert(0, str(Path(__file__).parent))

project = "Boxes"
extensions = ["myst_parser", "handbook", "boxes"]
root_doc = "index"
language = "en"
handbook_publication = PublicationConfig(id="boxes", title="Boxes", basename="boxes")
