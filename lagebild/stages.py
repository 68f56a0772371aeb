"""Built-in pipeline stages, imported in pipeline order so that they register themselves."""
from .text import segment  # noqa: F401  sentences + tokens
