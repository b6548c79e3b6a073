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
