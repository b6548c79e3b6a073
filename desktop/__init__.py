"""PolicyBrief's front ends: the Qt desktop app and the command line."""

APP_NAME = "PolicyBrief"
APP_TITLE = "政策简报 PolicyBrief"
__version__ = "0.1.0"
