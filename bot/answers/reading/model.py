"""The reading step's two decisions, fitted per embedder (`bench/calibrate_refusal.py`):
which sentence answers (a logistic ranker over each candidate's features) and whether the
articles answer at all (a logistic model over the chosen sentence's features, the ranker's
confidence and whether any close candidate holds the kind of answer asked for), with the
threshold below which the answer is a refusal.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.answers.calibration import FIX, calibration_path, read_calibration
from bot.answers.reading.features import FEATURES
from index.errors import ConfigError

CALIBRATION = calibration_path("calibration")  # where bench/calibrate_refusal.py writes it
FALLBACK = "wordllama"
log = logging.getLogger(__name__)
# What the answer decision adds to the chosen sentence's features.
DECISION = (*FEATURES, "ranker", "margin", "type_in_top3")


@dataclass(frozen=True)
class Linear:
    """A standardised logistic model: weights over named inputs, bias, mean and scale."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P for each row of x (or for one row)."""
        z = self.bias + ((np.asarray(x) - self.mean) / self.scale) @ np.asarray(self.weights)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))

    def to_dict(self) -> dict:
        """The JSON shape."""
        return {"weights": list(self.weights), "bias": self.bias,
                "mean": list(self.mean), "scale": list(self.scale)}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict) -> Linear:
        """From `to_dict`'s shape."""
        return cls(tuple(data["weights"]), float(data["bias"]),
                   tuple(data["mean"]), tuple(data["scale"]))  # fmt: skip


def _hand(names: Sequence[str], weights: dict[str, float], bias: float) -> Linear:
    n = len(names)
    return Linear(tuple(weights.get(f, 0.0) for f in names), bias, (0.0,) * n, (1.0,) * n)


@dataclass(frozen=True)
class ReaderModel:
    """Ranker and answer decision, the answer threshold, and the bar for a second sentence."""

    ranker: Linear
    decision: Linear
    threshold: float
    second: float = 0.9

    @classmethod
    def default(cls) -> ReaderModel:
        """A hand-set model for when no calibration is shipped for an embedder."""
        rank = {"cosine": 3.0, "coverage": 3.0, "soft": 2.0, "context": 1.0, "rank": 1.0,
                "type_here": 1.5, "type_next": 1.0, "type_missing": -1.5}  # fmt: skip
        decide = {"ranker": 4.0, "type_missing": -2.0, "absent": -3.0, "focus_absent": -2.0}
        return cls(_hand(FEATURES, rank, -4.5), _hand(DECISION, decide, -2.0), 0.5)

    @classmethod
    def load(cls, embedder: str, name: str = "calibration") -> ReaderModel:
        """The calibration fitted for this embedder, shipped in `bot/answers/<name>.json`.

        An embedder without a section of its own gets wordllama's, with a warning (the features
        are the same; only the cosine's scale differs): fit it with `python -m bench
        calibrate_refusal --embedder NAME --write`. ConfigError when the file is missing or
        corrupt: answering with made-up weights would refuse the wrong questions.
        """
        data = read_calibration(name)
        section = data.get(embedder)
        if section is None and embedder != FALLBACK:
            log.warning(
                "No reading-step calibration for EMBEDDER=%s; using %s's", embedder, FALLBACK
            )
            section = data.get(FALLBACK)
        shown = f"bot/answers/{name}.json"
        if not isinstance(section, dict) or section.get("features") != list(FEATURES):
            raise ConfigError(
                f"The calibration {shown} has no reading-step model for {embedder} "
                "(or one fitted on other features)",
                f"Run `python -m bench calibrate_refusal --embedder {embedder} --write`",
            )
        try:
            return cls(
                Linear.from_dict(section["ranker"]),
                Linear.from_dict(section["decision"]),
                float(section["threshold"]),
                float(section.get("second", 0.9)),
            )
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"The calibration {shown} is corrupt ({embedder})", FIX) from None

    def to_dict(self) -> dict:
        """The JSON shape of one embedder's calibration."""
        return {
            "features": list(FEATURES),
            "decision_inputs": list(DECISION),
            "ranker": self.ranker.to_dict(),
            "decision": self.decision.to_dict(),
            "threshold": self.threshold,
            "second": self.second,
        }

    def rank(self, rows: np.ndarray) -> np.ndarray:
        """P(this sentence answers) for each candidate's features."""
        if not len(rows):
            return np.zeros(0)
        return self.ranker.probability(rows)

    def answerable(self, rows: np.ndarray, ranked: np.ndarray) -> float:
        """P(the articles answer) given every candidate's features and the ranker's P."""
        if not len(rows):
            return 0.0
        return float(self.decision.probability(decision_inputs(rows, ranked)))


def decision_inputs(rows: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """The answer decision's inputs: the best candidate's features, the ranker's P for it, its
    margin over the next, and whether any of the three best holds the kind asked for."""
    order = np.argsort(-ranked)
    best = rows[order[0]]
    margin = ranked[order[0]] - (ranked[order[1]] if len(order) > 1 else 0.0)
    here = FEATURES.index("type_here"), FEATURES.index("type_next")
    top3 = rows[order[:3]]
    typed = float(rows[0][FEATURES.index("typed")] == 0 or top3[:, list(here)].max() > 0)
    return np.concatenate([best, [ranked[order[0]], margin, typed]])
