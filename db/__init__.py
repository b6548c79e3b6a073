"""The library: one SQLite file per library, documents, clauses and Chinese full-text search.

    >>> with open_library("library.db") as lib:
    ...     add_document(lib, importers.import_file("厦湖科工函.txt"))
    ...     search(lib, "游戏 出海").hits[0].snippet

No Qt here; no SQL outside this package. Records returned are frozen dataclasses.
"""

from db.documents import (
    add_document,
    add_documents,
    document_clauses,
    get_document,
    list_documents,
    remove_document,
    replaced_versions_of,
    revert_version,
    update_metadata,
)
from db.errors import (
    DamagedLibraryError,
    DocumentNotFoundError,
    LibraryError,
    NotALibraryError,
    SchemaTooNewError,
    SearchIndexDamagedError,
    StorageError,
    UntrustedLibraryError,
)
from db.library import Library, open_library, pending_migrations
from db.records import ClauseRecord, DocumentInfo, ImportOutcome, SearchHit, SearchResult
from db.search import matching_clause_ids, search
from db.segment import configure_cache_dir

__all__ = [
    "ClauseRecord",
    "DamagedLibraryError",
    "DocumentInfo",
    "DocumentNotFoundError",
    "ImportOutcome",
    "Library",
    "LibraryError",
    "NotALibraryError",
    "SchemaTooNewError",
    "SearchHit",
    "SearchIndexDamagedError",
    "SearchResult",
    "StorageError",
    "UntrustedLibraryError",
    "add_document",
    "add_documents",
    "configure_cache_dir",
    "document_clauses",
    "get_document",
    "list_documents",
    "matching_clause_ids",
    "open_library",
    "pending_migrations",
    "remove_document",
    "replaced_versions_of",
    "revert_version",
    "search",
    "update_metadata",
]
