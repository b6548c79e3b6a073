"""Errors the library layer raises; each message is fit to show the user as is."""

from __future__ import annotations


class LibraryError(Exception):
    """Base class: anything wrong with a library file or a request against it."""


class NotALibraryError(LibraryError):
    """The file is not SQLite, or is SQLite but not a PolicyBrief library. It was left unchanged."""


class SchemaTooNewError(LibraryError):
    """The file was written by a newer PolicyBrief; opening it could lose data, so we refuse."""


class DocumentNotFoundError(LibraryError):
    """No document with that id (it may have been removed)."""


class StorageError(LibraryError):
    """The library file cannot be written right now: locked by another program, read-only, disk
    full or a disk error. Nothing was half-written; `kind` says which (busy, readonly, full, io)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class UntrustedLibraryError(NotALibraryError):
    """A SQLite file whose schema (tables, indexes, triggers, views) is not exactly the one this
    build makes: planted SQL would run on our writes, so it is refused and left unchanged."""


class DamagedLibraryError(NotALibraryError):
    """The library fails SQLite's quick_check (or a read hit a damaged page). It was not written
    to; `backup` is the newest backup that passed the same check, if there is one."""

    def __init__(self, message: str, backup=None) -> None:
        super().__init__(message)
        self.backup = backup


class SearchIndexDamagedError(LibraryError):
    """The search index cannot be read; `rebuild_index` makes it again from the clauses."""
