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
