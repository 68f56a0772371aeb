"""Ingestion: files, directories, records and stdin -> :class:`~lagebild.model.Document`."""
from .sources import SUPPORTED, Reader, count_documents, read_documents
from .text import IngestError, make_document

__all__ = ["Reader", "read_documents", "count_documents", "make_document", "IngestError", "SUPPORTED"]
