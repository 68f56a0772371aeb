"""lagebild: German news -> political event data (PLOVER/CAMEO) and attributed quotations.

    >>> import lagebild
    >>> result = lagebild.analyze("Die Ministerin reiste am Montag nach Tokio.", date="2024-07-15")
    >>> result.to_dict()["sentences"][0]["text"]
    'Die Ministerin reiste am Montag nach Tokio.'
"""
from importlib.metadata import PackageNotFoundError, version as _version

from .api import analyze, analyze_many
from .model import SCHEMA_VERSION, Analysis, Document
from .pipeline import Failure, Pipeline

try:
    __version__ = _version("lagebild")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

__all__ = ["analyze", "analyze_many", "Analysis", "Document", "Failure", "Pipeline", "SCHEMA_VERSION",
           "__version__"]
