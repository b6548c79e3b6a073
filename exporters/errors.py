"""Errors a user can act on. The message is shown as is, so it says what happened and what to do."""


class ExportError(Exception):
    """The briefing pack could not be written (folder missing, no permission, file open in Word...)."""
