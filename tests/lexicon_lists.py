"""The categories and dimensions of the project's lexicons, as the tables list them."""
from pipeline.lexicon import load

_LEXICON = load()
CATEGORIES = list(_LEXICON.categories.names)
DIMENSIONS = list(_LEXICON.units.dimensions)
