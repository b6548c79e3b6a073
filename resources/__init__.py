"""Data files shipped with the app. Qt-free: callers turn paths into whatever they need.

PyInstaller points a bundled module's __file__ into the bundle, so this works frozen too.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """Absolute path of a resource, e.g. path("dict/policy_terms.txt")."""
    return ROOT / name
