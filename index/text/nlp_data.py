"""Locate the NLTK data that llama-index-core ships, so nothing is ever downloaded.

llama-index-core bundles Punkt (punkt_tab) and the stopword lists in its `_static/` folder.
We read them from there without importing llama-index itself (its import is slow), and we
never set NLTK_DATA (doing so breaks llama-index's own splitter).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from index.errors import ConfigError


@functools.cache
def static_dir() -> Path:
    """The `_static` folder of the installed llama-index-core package."""
    spec = importlib.util.find_spec("llama_index.core")
    if spec is None or spec.origin is None:
        raise ConfigError(
            "llama-index-core is not installed", "Run the README's setup command again"
        )
    return Path(spec.origin).parent / "_static"


@functools.cache
def nltk_dir() -> str:
    """The bundled NLTK data folder, appended once to nltk's search path."""
    import nltk

    folder = str(static_dir() / "nltk_cache")
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return folder


@functools.cache
def stopwords() -> frozenset[str]:
    """English stopwords from the bundled NLTK corpus."""
    path = static_dir() / "nltk_cache" / "corpora" / "stopwords" / "english"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())
