"""The foundations every stage stands on: the data model, the member registry and its data, the
interface's label tables and translations, fonts, words and files. Nothing here imports another subpackage."""
