"""Errors a user can act on. Their message is shown as is, so it must say what to do."""


class DocumentError(Exception):
    """The file cannot be read as a policy document (wrong format, broken, empty...)."""


class UnsupportedFormatError(DocumentError):
    """The file's type is not one PolicyBrief reads."""
