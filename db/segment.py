"""jieba, loaded lazily and once, only for re-splitting an unspaced query that found nothing.

The index never needs jieba (it stores character bigrams), so the app does not pay jieba's
~0.5 s start-up unless a query needs it. Its cache file goes to the folder the caller
configures (configure_cache_dir), else a folder in the system temp dir, never the cwd.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path
from typing import Any  # jieba has no type hints

import resources

log = logging.getLogger(__name__)
_lock = threading.Lock()
_tokenizer = None
_cache_dir: Path | None = None
POLICY_TERMS = "dict/policy_terms.txt"


def configure_cache_dir(path: str | Path) -> None:
    """Where jieba may write its ~9 MB prefix-dictionary cache. Call before the first cut()."""
    global _cache_dir
    with _lock:
        _cache_dir = Path(path)


def _load() -> Any:
    global _tokenizer
    with _lock:
        if _tokenizer is not None:
            return _tokenizer
        import jieba

        jieba.setLogLevel(logging.WARNING)
        cache_dir = _cache_dir or Path(tempfile.gettempdir()) / "policybrief-jieba"
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            log.warning("cannot create jieba cache dir %s; jieba will work without a cache", cache_dir)
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(cache_dir)
        tokenizer.initialize()
        terms = resources.path(POLICY_TERMS)
        if terms.is_file():
            tokenizer.load_userdict(str(terms))
        _tokenizer = tokenizer
        return tokenizer


def cut(text: str) -> list[str]:
    """jieba.cut (accurate mode, HMM on) with the policy-terms dictionary loaded."""
    return list(_load().cut(text))


def is_loaded() -> bool:
    return _tokenizer is not None
