"""Embedders whose models ship inside their PyPI packages: nothing is downloaded, ever.

`get_embedder(name)` imports only the chosen backend; constructing one is cheap (its model loads
on first use). Each backend is one file implementing `Embedder._load` and `Embedder._embed`.
"""

from __future__ import annotations

import importlib

from index.embedders.base import Embedder
from index.errors import ConfigError

EMBEDDERS = ("wordllama", "e5", "minilm")

_CLASSES = {
    "wordllama": ("index.embedders.wordllama", "WordLlamaEmbedder"),
    "e5": ("index.embedders.e5", "E5Embedder"),
    "minilm": ("index.embedders.minilm", "MiniLMEmbedder"),
}

__all__ = ["EMBEDDERS", "Embedder", "get_embedder"]


def get_embedder(name: str) -> Embedder:
    """A new embedder by name (one of EMBEDDERS); ConfigError if unknown or not installed."""
    key = name.strip().lower()
    if key not in _CLASSES:
        raise ConfigError(
            f"EMBEDDER={name!r} is not a known embedder",
            f"Set EMBEDDER to one of: {', '.join(EMBEDDERS)}",
        )
    module_name, class_name = _CLASSES[key]
    cls = getattr(importlib.import_module(module_name), class_name)
    missing = cls.missing_packages()
    if missing:
        packages = " and ".join(missing)
        noun, it = ("package", "it") if len(missing) == 1 else ("packages", "them")
        raise ConfigError(
            f"EMBEDDER={key} needs the {packages} {noun}", f"Install {it} with: {cls.install}"
        )
    return cls()
